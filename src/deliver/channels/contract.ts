// The contract between the outbox worker and a delivery channel. A channel makes one attempt and
// says what happened; the worker owns retries, backoff and dead-lettering, so the one thing a
// channel must get right is the difference between "try again later" and "never again".
import type { Channel } from '../../core/index.js';

export interface OutgoingMessage {
  /** The decision id. Every attempt of the same message carries the same key. */
  idempotencyKey: string;
  channel: Channel;
  /** The member the message is for; webhook receivers echo it back in delivery receipts. */
  profileId: string;
  /** The address in the channel's terms: an email address, an E.164 phone number, a device token, or the profile id for in-app. */
  to: string;
  /** Required for email. */
  subject?: string;
  html?: string;
  /** The plain-text body: the text part of an email, the SMS text, the in-app text. */
  text: string;
  pushTitle?: string;
  pushBody?: string;
  /** Extra headers (email) for the brand's own use; the headers a channel sets itself are refused. */
  headers?: Readonly<Record<string, string>>;
  /** The one-click unsubscribe URL (`/u/{token}`, see pages/links.ts). */
  unsubscribeUrl: string;
  /** Passed through to webhook receivers as is; never put into email headers. */
  metadata: Readonly<Record<string, string | number | boolean>>;
}

export interface DeliverySent {
  status: 'sent';
  /** The provider's id of the message when it gave one (email: the Message-ID). */
  providerId?: string;
}

interface DeliveryFailure {
  /** What went wrong, in words safe to log: recipient addresses are redacted. */
  reason: string;
  /** The SMTP reply code, when the failure was an SMTP reply. */
  smtpCode?: number;
  /** The HTTP status, when the failure was an HTTP response. */
  httpStatus?: number;
}

/** The same message may succeed on a later attempt: a 4xx SMTP reply, a 5xx/408/429 HTTP status, a timeout, a network error. */
export interface DeliveryRetryable extends DeliveryFailure {
  status: 'retryable';
  /** The provider asked to wait this long (HTTP Retry-After). */
  retryAfterMs?: number;
}

/** Sending the same message again would fail the same way: a 5xx SMTP reply, an invalid address, a 4xx HTTP status other than 408/429. */
export interface DeliveryPermanent extends DeliveryFailure {
  status: 'permanent';
}

export type DeliveryResult = DeliverySent | DeliveryRetryable | DeliveryPermanent;

export interface DeliveryChannel {
  readonly name: Channel;
  /**
   * One attempt. Resolves with the outcome; it does not throw for delivery failures. An aborted
   * `signal` yields `retryable`: the provider may still have accepted the message, which is why
   * every attempt carries the same idempotency key (email: the same Message-ID).
   */
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<DeliveryResult>;
  /** Releases pooled connections; waits for nothing queued. */
  close(): Promise<void>;
}

const ADDRESS = /<?[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+>?/g;

/** Replaces email addresses in provider text (SMTP replies quote the recipient) so reasons can be logged. */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}
