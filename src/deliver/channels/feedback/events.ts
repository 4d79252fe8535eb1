// What comes back from delivered messages — clicks, opens, unsubscribes, delivery receipts,
// bounces — as Segment track events, so the loop learns through the same ingest path as
// everything else. Each event's messageId is derived from what it describes, so feedback
// reported twice (a double click, a provider retrying a receipt, a bounce read twice) is stored
// once: ingest drops repeated messageIds.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CHANNELS, EVENTS, type Channel, type KnownEventName } from '../../../core/index.js';
import type { TokenClaims } from '../../tokens.js';
import type { BounceReport } from '../email/bounce.js';
import { redactAddresses } from '../contract.js';

export type FeedbackEventName = KnownEventName;

/** Who the feedback is about: a profile id from a token or receipt, or the address a bounce names. */
export type MemberRef = { profileId: string } | { email: string };

export interface FeedbackEvent {
  member: MemberRef;
  event: FeedbackEventName;
  messageId: string;
  properties: Record<string, string | number | boolean>;
  /** When it happened, ISO-8601; receipt time when absent. */
  timestamp?: string;
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27);
}

/**
 * One event per link of a message and member: repeated clicks on the same link (double clicks,
 * reopening the email, a mail scanner fetching it first) count once — unique clicks, the
 * numerator of a click-through rate. Different links in the same message count separately.
 */
export function clickEvent(claims: TokenClaims): FeedbackEvent {
  const channel = claims.channel ?? 'email';
  return {
    member: { profileId: claims.profileId },
    event: channel === 'email' ? EVENTS.emailLinkClicked : EVENTS.messageClicked,
    messageId: `click-${digest(claims.profileId, claims.decisionId ?? '', claims.url ?? '')}`,
    properties: { channel, decision_id: claims.decisionId ?? '', link_url: claims.url ?? '' },
  };
}

/** One open per message and member (unique opens). */
export function openEvent(claims: TokenClaims): FeedbackEvent {
  const channel = claims.channel ?? 'email';
  return {
    member: { profileId: claims.profileId },
    event: channel === 'email' ? EVENTS.emailOpened : EVENTS.messageOpened,
    messageId: `open-${digest(claims.profileId, claims.decisionId ?? '')}`,
    properties: { channel, decision_id: claims.decisionId ?? '' },
  };
}

/**
 * An unsubscribe from a member page. One-click unsubscribes of the same message and channel are
 * one event (mail clients may POST twice); each preference-page save is its own event.
 */
export function unsubscribeEvent(profileId: string, channel: Channel, source: 'unsubscribe-link' | 'preference-page', decisionId?: string, at = Date.now()): FeedbackEvent {
  const key = source === 'unsubscribe-link' ? digest(profileId, channel, decisionId ?? '') : digest(profileId, channel, String(at));
  return {
    member: { profileId },
    event: EVENTS.unsubscribed,
    messageId: `unsub-${key}`,
    properties: { channel, source, ...(decisionId !== undefined ? { decision_id: decisionId } : {}) },
    timestamp: new Date(at).toISOString(),
  };
}

export const RECEIPT_STATUSES = ['delivered', 'opened', 'clicked', 'bounced', 'failed', 'complained', 'unsubscribed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** A delivery receipt POSTed by a provider or gateway to /v1/feedback/webhook. */
export const receiptSchema = z.strictObject({
  /** The idempotency key (decision id) of the message, as sent in the webhook. */
  idempotencyKey: z.string().min(1).max(256),
  profileId: z.string().min(1).max(256),
  channel: z.enum(CHANNELS),
  status: z.enum(RECEIPT_STATUSES),
  providerMessageId: z.string().min(1).max(256).optional(),
  /** Why a message bounced or failed, in the provider's words. */
  reason: z.string().max(1000).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type Receipt = z.infer<typeof receiptSchema>;

/** The event each status becomes, for email and for the other channels. */
const RECEIPT_EVENTS: Readonly<Record<ReceiptStatus, { email: FeedbackEventName; other: FeedbackEventName }>> = {
  delivered: { email: EVENTS.emailDelivered, other: EVENTS.messageDelivered },
  opened: { email: EVENTS.emailOpened, other: EVENTS.messageOpened },
  clicked: { email: EVENTS.emailLinkClicked, other: EVENTS.messageClicked },
  bounced: { email: EVENTS.emailBounced, other: EVENTS.messageFailed },
  failed: { email: EVENTS.emailBounced, other: EVENTS.messageFailed },
  // A spam report on email unsubscribes through ingest; an SMS/push complaint (e.g. a carrier
  // report) is treated the same way: the member does not want this channel.
  complained: { email: EVENTS.emailMarkedAsSpam, other: EVENTS.unsubscribed },
  unsubscribed: { email: EVENTS.unsubscribed, other: EVENTS.unsubscribed },
};

export function receiptEvent(receipt: Receipt): FeedbackEvent {
  const event = RECEIPT_EVENTS[receipt.status][receipt.channel === 'email' ? 'email' : 'other'];
  const properties: FeedbackEvent['properties'] = { channel: receipt.channel, decision_id: receipt.idempotencyKey, status: receipt.status };
  if (receipt.status === 'bounced' || receipt.status === 'failed') properties.permanent = receipt.status === 'bounced';
  if (receipt.status === 'complained') properties.reason = 'complaint';
  else if (receipt.reason !== undefined) properties.reason = redactAddresses(receipt.reason).slice(0, 300);
  if (receipt.providerMessageId !== undefined) properties.provider_message_id = receipt.providerMessageId;
  return {
    member: { profileId: receipt.profileId },
    event,
    messageId: `receipt-${digest(receipt.idempotencyKey, receipt.channel, receipt.status)}`,
    properties,
    ...(receipt.occurredAt !== undefined ? { timestamp: receipt.occurredAt } : {}),
  };
}

/** One `Email Bounced` per failed recipient; `delayed` and `delivered` reports are not bounces. */
export function bounceEvents(report: BounceReport): FeedbackEvent[] {
  const source = report.originalMessageId ?? report.reportId;
  return report.recipients
    .filter((r) => r.action === 'failed')
    .map((r) => ({
      member: { email: r.address },
      event: EVENTS.emailBounced,
      messageId: `bounce-${digest(source, r.address, r.status)}`,
      properties: {
        channel: 'email',
        status: r.status,
        permanent: r.permanent,
        ...(report.idempotencyKey !== undefined ? { decision_id: report.idempotencyKey } : {}),
        ...(r.diagnostic !== undefined ? { reason: r.diagnostic } : {}),
      },
    }));
}
