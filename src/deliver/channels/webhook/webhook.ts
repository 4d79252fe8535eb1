// Push, SMS and in-app messages go to a webhook: the brand's own gateway or a provider adapter.
// One signed JSON POST per attempt; the receiver deduplicates by Attune-Idempotency-Key, because
// an attempt that timed out may still have been processed.
import type { Channel } from '../../../core/index.js';
import type { DeliveryChannel, DeliveryResult, OutgoingMessage } from '../contract.js';
import { classifyHttpFailure } from './classify.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook } from './signature.js';

export type WebhookChannelName = Exclude<Channel, 'email'>;

export interface WebhookChannelOptions {
  channel: WebhookChannelName;
  url: string;
  /** Shared with the receiver, which verifies with verifyWebhookSignature. */
  secret: string;
  /** Per attempt, in milliseconds (default 10 s). */
  timeoutMs?: number;
}

/** The JSON body a webhook receives. */
export interface WebhookPayload {
  /** The idempotency key (decision id), also sent as the Attune-Idempotency-Key header. */
  id: string;
  channel: WebhookChannelName;
  profileId: string;
  to: string;
  subject?: string;
  text: string;
  html?: string;
  pushTitle?: string;
  pushBody?: string;
  unsubscribeUrl: string;
  metadata: Record<string, string | number | boolean>;
}

export function webhookPayload(message: OutgoingMessage, channel: WebhookChannelName): WebhookPayload {
  return {
    id: message.idempotencyKey,
    channel,
    profileId: message.profileId,
    to: message.to,
    ...(message.subject !== undefined ? { subject: message.subject } : {}),
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    ...(message.pushTitle !== undefined ? { pushTitle: message.pushTitle } : {}),
    ...(message.pushBody !== undefined ? { pushBody: message.pushBody } : {}),
    unsubscribeUrl: message.unsubscribeUrl,
    metadata: { ...message.metadata },
  };
}

/** The provider's id of the message, when a 2xx answer is JSON with a string `id`. */
async function providerIdOf(response: Response): Promise<string | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    await response.body?.cancel();
    return undefined;
  }
  try {
    const body = (await response.json()) as { id?: unknown } | null;
    return typeof body?.id === 'string' && body.id !== '' ? body.id.slice(0, 256) : undefined;
  } catch {
    return undefined;
  }
}

export function createWebhookChannel(options: WebhookChannelOptions): DeliveryChannel {
  const url = new URL(options.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`webhook URL for ${options.channel} must be http(s)`);
  if (options.secret.length < 16) throw new Error('ATTUNE_WEBHOOK_SECRET must be at least 16 characters');
  const timeoutMs = options.timeoutMs ?? 10_000;

  return {
    name: options.channel,
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      if (message.channel !== options.channel) return { status: 'permanent', reason: `the ${options.channel} webhook cannot send a ${message.channel} message` };
      if (signal?.aborted) return { status: 'retryable', reason: 'aborted before sending' };
      const body = JSON.stringify(webhookPayload(message, options.channel));
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'attune-webhook',
            [SIGNATURE_HEADER]: signWebhook(body, options.secret),
            [IDEMPOTENCY_HEADER]: message.idempotencyKey,
          },
          body,
          signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
        });
        if (response.ok) {
          const providerId = await providerIdOf(response);
          return providerId === undefined ? { status: 'sent' } : { status: 'sent', providerId };
        }
        await response.body?.cancel();
        return classifyHttpFailure(response.status, response.headers.get('retry-after'));
      } catch (error) {
        if (signal?.aborted) return { status: 'retryable', reason: 'aborted; the receiver may already have the message' };
        if (timeout.aborted) return { status: 'retryable', reason: `no answer within ${timeoutMs} ms; the receiver may already have the message` };
        const cause = (error as { cause?: { code?: unknown } }).cause?.code;
        return { status: 'retryable', reason: `network error${typeof cause === 'string' ? ` (${cause})` : ''}` };
      }
    },
    async close() {
      // fetch keeps no per-channel connections to release.
    },
  };
}
