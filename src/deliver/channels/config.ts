// Which channels exist, from the environment. A channel without configuration is absent, not
// broken: the outbox worker decides what a message for an absent channel becomes.
import type { Channel } from '../../core/index.js';
import { createEmailChannel } from './email/smtp.js';
import type { DeliveryChannel } from './contract.js';
import { createWebhookChannel, type WebhookChannelName } from './webhook/webhook.js';

export type DeliveryChannels = Partial<Record<Channel, DeliveryChannel>>;

const WEBHOOK_CHANNELS: readonly WebhookChannelName[] = ['sms', 'push', 'in_app'];

function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * - email: `ATTUNE_SMTP_URL` and `ATTUNE_EMAIL_FROM`, optionally `ATTUNE_UNSUBSCRIBE_MAILTO`;
 * - sms, push, in_app: `ATTUNE_WEBHOOK_URL_SMS` / `_PUSH` / `_IN_APP`, else `ATTUNE_WEBHOOK_URL`
 *   for all three, signed with `ATTUNE_WEBHOOK_SECRET`.
 * Throws on incomplete or invalid settings, naming the variable.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env): DeliveryChannels {
  const channels: DeliveryChannels = {};
  const smtpUrl = setting(env, 'ATTUNE_SMTP_URL');
  if (smtpUrl !== undefined) {
    const from = setting(env, 'ATTUNE_EMAIL_FROM');
    if (from === undefined) throw new Error('ATTUNE_SMTP_URL is set but ATTUNE_EMAIL_FROM is not: give the From address of your emails');
    const mailto = setting(env, 'ATTUNE_UNSUBSCRIBE_MAILTO');
    channels.email = createEmailChannel({ smtpUrl, from, ...(mailto !== undefined ? { unsubscribeMailto: mailto } : {}) });
  }
  for (const channel of WEBHOOK_CHANNELS) {
    const url = setting(env, `ATTUNE_WEBHOOK_URL_${channel.toUpperCase()}`) ?? setting(env, 'ATTUNE_WEBHOOK_URL');
    if (url === undefined) continue;
    const secret = setting(env, 'ATTUNE_WEBHOOK_SECRET');
    if (secret === undefined) throw new Error(`a webhook URL is set for ${channel} but ATTUNE_WEBHOOK_SECRET is not: receivers need it to verify signatures`);
    channels[channel] = createWebhookChannel({ channel, url, secret });
  }
  return channels;
}

export async function closeChannels(channels: DeliveryChannels): Promise<void> {
  await Promise.all(Object.values(channels).map((channel) => channel.close()));
}
