// The Message-ID of an email is derived from its idempotency key (the decision id): a retried
// send carries the same Message-ID, so receivers can tell it is the same message, and a bounce
// quoting the Message-ID leads back to the decision.

/** Keys of this shape (UUIDs, ulids, slugs) go into the Message-ID as they are, for readability. */
const PLAIN_KEY = /^[A-Za-z0-9_-]{1,200}$/;
const PLAIN_PREFIX = 'attune.';
/** Any other key is base64url-encoded, so it stays reversible and within the dot-atom grammar. */
const ENCODED_PREFIX = 'attune-b64.';

/** `<attune.{key}@{domain}>`, or `<attune-b64.{base64url(key)}@{domain}>` for keys with other characters. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  const local = PLAIN_KEY.test(idempotencyKey)
    ? `${PLAIN_PREFIX}${idempotencyKey}`
    : `${ENCODED_PREFIX}${Buffer.from(idempotencyKey, 'utf8').toString('base64url')}`;
  return `<${local}@${domain}>`;
}

/** The idempotency key of a Message-ID made by messageIdFor; undefined for anyone else's. */
export function idempotencyKeyFromMessageId(messageId: string): string | undefined {
  const match = /^<?([^@<>\s]+)@[^@<>\s]+>?$/.exec(messageId.trim());
  const local = match?.[1];
  if (local === undefined) return undefined;
  if (local.startsWith(ENCODED_PREFIX)) {
    const encoded = local.slice(ENCODED_PREFIX.length);
    return /^[A-Za-z0-9_-]+$/.test(encoded) ? Buffer.from(encoded, 'base64url').toString('utf8') : undefined;
  }
  if (local.startsWith(PLAIN_PREFIX)) {
    const key = local.slice(PLAIN_PREFIX.length);
    return PLAIN_KEY.test(key) ? key : undefined;
  }
  return undefined;
}
