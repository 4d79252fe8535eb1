// Email over SMTP with nodemailer's connection pool. Every message carries RFC 8058 one-click
// unsubscribe headers, a plain-text part beside its HTML, and a Message-ID derived from the
// idempotency key.
import { createTransport } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { normalizeEmail } from '../../../identity/index.js';
import type { DeliveryChannel, DeliveryResult, OutgoingMessage } from '../contract.js';
import { classifySmtpError } from './classify.js';
import { messageIdFor } from './message-id.js';

export interface EmailChannelOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  smtpUrl: string;
  /** The From header: `hello@brand.example` or `"Brand" <hello@brand.example>`. */
  from: string;
  /** A mailbox that someone processes, offered as the `mailto:` alternative in List-Unsubscribe; left out when not set. */
  unsubscribeMailto?: string;
  /** Pooled connections (default 5). */
  maxConnections?: number;
  /** Limit for connecting, the greeting and each read on the socket, in milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** Headers the channel sets itself; a message's own `headers` may not override them. */
const RESERVED_HEADERS = new Set([
  'from', 'sender', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'date', 'message-id', 'return-path', 'mime-version',
  'content-type', 'content-transfer-encoding', 'list-unsubscribe', 'list-unsubscribe-post',
]);
const HEADER_NAME = /^[!-9;-~]+$/;

/** The address of the From header, for the Message-ID domain and to validate the configuration early. */
function senderAddress(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  const address = first?.address !== undefined ? normalizeEmail(first.address) : undefined;
  if (address === undefined) throw new Error(`ATTUNE_EMAIL_FROM must be an email address, optionally with a name ("Brand" <hello@brand.example>)`);
  return address;
}

function problemWith(message: OutgoingMessage): string | undefined {
  if (message.channel !== 'email') return `the email channel cannot send a ${message.channel} message`;
  if (normalizeEmail(message.to) === undefined) return 'invalid recipient address';
  if (message.subject === undefined || message.subject.trim() === '') return 'an email needs a subject';
  if (!/^https?:\/\//.test(message.unsubscribeUrl)) return 'unsubscribeUrl must be an http(s) URL';
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name)) return `invalid header name ${JSON.stringify(name)}`;
    if (RESERVED_HEADERS.has(name.toLowerCase())) return `header ${name} is set by the email channel`;
    if (/[\r\n]/.test(value)) return `header ${name} contains a line break`;
  }
  return undefined;
}

export function createEmailChannel(options: EmailChannelOptions): DeliveryChannel {
  const domain = senderAddress(options.from).split('@')[1] as string;
  const mailto = options.unsubscribeMailto === undefined ? undefined : normalizeEmail(options.unsubscribeMailto);
  if (options.unsubscribeMailto !== undefined && mailto === undefined) throw new Error('ATTUNE_UNSUBSCRIBE_MAILTO must be an email address');
  const timeout = options.timeoutMs ?? 30_000;
  const transport = createTransport({
    pool: true,
    url: options.smtpUrl,
    maxConnections: options.maxConnections ?? 5,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });

  return {
    name: 'email',
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      const problem = problemWith(message);
      if (problem !== undefined) return { status: 'permanent', reason: problem };
      if (signal?.aborted) return { status: 'retryable', reason: 'aborted before sending' };
      const unsubscribe = [message.unsubscribeUrl, ...(mailto !== undefined ? [`mailto:${mailto}?subject=unsubscribe`] : [])];
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
          messageId: messageIdFor(message.idempotencyKey, domain),
          // One header holding both URIs: `<https://…/u/{token}>, <mailto:…>` (RFC 2369).
          list: { unsubscribe: [unsubscribe] },
          headers: { ...message.headers, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          ...(signal !== undefined ? { signal } : {}),
        });
        return { status: 'sent', providerId: info.messageId };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}
