// Webhook signatures in Stripe's style: `Attune-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
// Signing the timestamp with the body lets a receiver refuse replays of an old request; the
// header may carry several v1 values, so a receiver can accept the old and the new secret while
// the secret is rotated.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Attune-Signature';
export const IDEMPOTENCY_HEADER = 'Attune-Idempotency-Key';
/** Five minutes, as Stripe: enough for clock skew and queueing, short enough to make replays useless. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type WebhookVerification =
  | { valid: true; timestamp: number }
  | { valid: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

function hmacHex(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The value of the Attune-Signature header for this exact body. */
export function signWebhook(body: string | Buffer, secret: string, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Checks an Attune-Signature header against the raw request body (the bytes received, not a
 * re-serialised JSON object). Fails when the header is missing or malformed, when the timestamp
 * is further than `toleranceSeconds` from now in either direction, or when no v1 value matches.
 */
export function verifyWebhookSignature(
  body: string | Buffer,
  header: string | undefined,
  secret: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now = Date.now(),
): WebhookVerification {
  if (header === undefined || header.trim() === '') return { valid: false, reason: 'missing' };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) return { valid: false, reason: 'malformed' };
  if (Math.abs(Math.floor(now / 1000) - timestamp) > toleranceSeconds) return { valid: false, reason: 'stale' };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  const matches = signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
  return matches ? { valid: true, timestamp } : { valid: false, reason: 'mismatch' };
}
