// Reading bounces: a delivery status notification (RFC 3464, `multipart/report;
// report-type=delivery-status`) names each recipient with an action and a status code, and
// usually returns the original message's headers, whose Message-ID leads back to the decision.
import { createHash } from 'node:crypto';
import { normalizeEmail } from '../../../identity/index.js';
import { redactAddresses } from '../contract.js';
import { idempotencyKeyFromMessageId } from './message-id.js';
import { headerParams, leafParts, parseHeaderBlock, splitEntity, type MimePart } from './mime.js';

export const DSN_ACTIONS = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'] as const;
export type DsnAction = (typeof DSN_ACTIONS)[number];

export interface DsnRecipient {
  /** Final-Recipient, normalised. */
  address: string;
  action: DsnAction;
  /** Enhanced status code (RFC 3463), e.g. `5.1.1`. */
  status: string;
  /** Status class 5: the address will not work again. Class 4 with action `failed`: the MTA gave up retrying. */
  permanent: boolean;
  /** Diagnostic-Code without the type prefix and with addresses redacted. */
  diagnostic?: string;
}

export interface BounceReport {
  recipients: DsnRecipient[];
  /** Message-ID of the message that bounced, from the returned headers. */
  originalMessageId?: string;
  /** The idempotency key (decision id) when the original was sent by Attune. */
  idempotencyKey?: string;
  /** The report's own Message-ID, else a digest of its text: the same report read twice has the same id. */
  reportId: string;
}

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/global-headers']);

function typeOf(part: MimePart): string {
  return headerParams(part.headers.get('content-type')).value;
}

/** `rfc822; user@example.com` → the part after the address-type. */
function typedValue(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const semicolon = field.indexOf(';');
  return (semicolon >= 0 ? field.slice(semicolon + 1) : field).trim();
}

function recipientOf(fields: Map<string, string>): DsnRecipient | undefined {
  const address = normalizeEmail(typedValue(fields.get('final-recipient')) ?? '');
  const action = fields.get('action')?.toLowerCase().split(/\s/)[0] as DsnAction | undefined;
  const status = /^[245]\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0];
  if (address === undefined || action === undefined || !DSN_ACTIONS.includes(action) || status === undefined) return undefined;
  const diagnostic = typedValue(fields.get('diagnostic-code'));
  return {
    address,
    action,
    status,
    permanent: status.startsWith('5'),
    ...(diagnostic !== undefined && diagnostic !== '' ? { diagnostic: redactAddresses(diagnostic).slice(0, 300) } : {}),
  };
}

/** The report in a raw DSN message, or undefined when the message is not a DSN. */
export function parseBounce(raw: string): BounceReport | undefined {
  const parts = leafParts(raw);
  const status = parts.find((part) => STATUS_TYPES.has(typeOf(part)));
  if (status === undefined) return undefined;
  // Field groups are separated by empty lines: one about the message, then one per recipient.
  const groups = status.body.split(/\r?\n[ \t]*\r?\n/).map(parseHeaderBlock);
  const recipients = groups.filter((g) => g.has('final-recipient')).map(recipientOf).filter((r): r is DsnRecipient => r !== undefined);

  const returned = parts.find((part) => RETURNED_TYPES.has(typeOf(part)));
  const returnedHeaders = returned === undefined ? undefined : typeOf(returned).endsWith('headers') ? parseHeaderBlock(returned.body) : splitEntity(returned.body).headers;
  const originalMessageId = returnedHeaders?.get('message-id');
  const idempotencyKey = originalMessageId === undefined ? undefined : idempotencyKeyFromMessageId(originalMessageId);
  return {
    recipients,
    ...(originalMessageId !== undefined ? { originalMessageId } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    reportId: splitEntity(raw).headers.get('message-id') ?? createHash('sha256').update(raw).digest('hex'),
  };
}
