// The delivery worker: takes due messages from the outbox, checks once more that they may go
// (consent, subscription, quiet hours, suppression, a completed order cancelling a cart reminder),
// hands them to their channel, and records the result — retrying with exponential backoff and
// jitter, dead-lettering after `maxAttempts`.
//
// Delivery is at-least-once with a stable idempotency key: a message is claimed with a lease and
// marked sent as soon as the channel accepts it; if the worker dies mid-attempt, the lease
// expires and the message is attempted again under the same key (email: the same Message-ID).
import { CONSENT_TIERS, EVENTS, type Channel } from '../core/index.js';
import type { AttuneConfig } from '../decide/config.js';
import { buildMemberView } from '../decide/member-view.js';
import { isQuiet, endOfQuiet } from '../decide/timing.js';
import { cancelledByLaterEvent } from '../decide/triggers.js';
import type { IngestWriter } from '../ingest/index.js';
import {
  claimDue, getDecision, getProfile, identifiersOfProfiles, transitionOutbox, type OutboxEntry, type Store,
} from '../store/index.js';
import { recordFeedback, type DeliveryChannels, type DeliveryResult, type OutgoingMessage } from './channels/index.js';
import { outboxMessageSchema, type OutboxMessage } from './outbox-message.js';

const HOUR_MS = 3_600_000;

export interface DeliveryWorkerOptions {
  store: Store;
  config: AttuneConfig;
  channels: DeliveryChannels;
  /** Delivery receipts the worker itself knows (email accepted by the mail server) go through ingest. */
  writer?: IngestWriter;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  leaseMs?: number;
  batchSize?: number;
  now?: () => number;
  random?: () => number;
}

export interface DeliverySummary {
  sent: number;
  retried: number;
  failed: number;
  dead: number;
  suppressed: number;
  cancelled: number;
  deferred: number;
}

type Verdict = { go: true } | { go: false; state: 'suppressed' | 'cancelled'; reason: string } | { go: false; state: 'queued'; reason: string; until: number };

/** Send-time checks: everything that may have changed since the message was queued. */
async function recheck(options: DeliveryWorkerOptions, entry: OutboxEntry, message: OutboxMessage, now: number): Promise<Verdict> {
  const { store, config } = options;
  const profile = await getProfile(store.db, entry.profileId);
  if (profile === undefined) return { go: false, state: 'cancelled', reason: 'the member no longer exists' };
  if (!profile.consent.channels[entry.channel]) return { go: false, state: 'suppressed', reason: `unsubscribed from ${entry.channel}` };
  if (CONSENT_TIERS.indexOf(profile.consent.tier) < CONSENT_TIERS.indexOf(message.tier)) {
    return { go: false, state: 'suppressed', reason: `consent tier lowered to ${profile.consent.tier} after the message was written` };
  }
  const view = buildMemberView(profile, undefined, now);
  if (entry.promotional) {
    const p = view.protection;
    const days = config.guardrails.suppressionDays;
    if (p.daysSinceComplaint !== null && p.daysSinceComplaint < days) return { go: false, state: 'suppressed', reason: 'a complaint since the message was queued' };
    if (p.daysSinceNegativeSupport !== null && p.daysSinceNegativeSupport < days) return { go: false, state: 'suppressed', reason: 'an upset support conversation since the message was queued' };
  }
  const action = config.actions.find((a) => a.id === entry.action);
  if (action?.trigger !== undefined) {
    const decision = await getDecision(store.db, entry.decisionId);
    const since = (decision?.decidedAt ?? entry.createdAt) - action.trigger.afterHours * HOUR_MS;
    if (await cancelledByLaterEvent(store.db, action, entry.profileId, since, now)) return { go: false, state: 'cancelled', reason: `${action.trigger.cancelOn.join('/')} happened` };
  }
  if (isQuiet(now, profile.timezone, config.guardrails.quietHours)) {
    return { go: false, state: 'queued', reason: 'quiet hours for the member', until: endOfQuiet(now, profile.timezone, config.guardrails.quietHours) };
  }
  return { go: true };
}

async function addressOf(store: Store, profileId: string, channel: Channel): Promise<string | undefined> {
  if (channel === 'in_app') return profileId;
  const type = channel === 'email' ? 'email' : channel === 'sms' ? 'phone' : 'deviceId';
  const identifiers = await identifiersOfProfiles(store.db, [profileId]);
  return identifiers.filter((i) => i.type === type).at(-1)?.value;
}

function outgoing(entry: OutboxEntry, message: OutboxMessage, to: string): OutgoingMessage {
  const c = message.content;
  return {
    idempotencyKey: entry.decisionId, channel: entry.channel, profileId: entry.profileId, to,
    ...(c.subject !== undefined ? { subject: c.subject } : {}),
    ...(c.html !== undefined ? { html: c.html } : {}),
    text: c.text,
    ...(entry.channel === 'push' ? { pushTitle: c.title ?? '', pushBody: c.text } : {}),
    unsubscribeUrl: message.unsubscribeUrl,
    metadata: {
      action: entry.action, promotional: entry.promotional,
      ...(message.framing ? { framing: message.framing } : {}),
      ...(message.products?.length ? { productIds: message.products.map((p) => p.id).join(',') } : {}),
      ...(message.templateId ? { templateId: message.templateId } : {}),
      ...(message.variant ? { variant: message.variant } : {}),
    },
  };
}

/** Exponential backoff with full jitter: a random wait up to base × 2^(attempt − 1), capped. */
export function backoffMs(attempt: number, base: number, cap: number, random: () => number): number {
  return Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1)));
}

async function settle(options: DeliveryWorkerOptions, entry: OutboxEntry, result: DeliveryResult, now: number, summary: DeliverySummary): Promise<void> {
  const { store } = options;
  const attempts = entry.attempts + 1;
  if (result.status === 'sent') {
    await transitionOutbox(store.db, entry.decisionId, ['sending'], 'sent', { attempts, sentAt: now, leaseUntil: null, lastError: null, ...(result.providerId ? { providerId: result.providerId } : {}) }, now);
    summary.sent++;
    if (options.writer !== undefined && entry.channel === 'email') {
      // The mail server accepted it: the member's stats and the learning loop count it as delivered.
      await recordFeedback(store, options.writer, {
        member: { profileId: entry.profileId }, event: EVENTS.emailDelivered, messageId: `delivered-${entry.decisionId}`,
        properties: { channel: 'email', decision_id: entry.decisionId, action: entry.action },
      }, now);
    }
    return;
  }
  if (result.status === 'permanent') {
    await transitionOutbox(store.db, entry.decisionId, ['sending'], 'failed', { attempts, lastError: result.reason, leaseUntil: null }, now);
    summary.failed++;
    return;
  }
  const maxAttempts = options.maxAttempts ?? 6;
  if (attempts >= maxAttempts) {
    await transitionOutbox(store.db, entry.decisionId, ['sending'], 'dead', { attempts, lastError: result.reason, leaseUntil: null }, now);
    summary.dead++;
    return;
  }
  const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(attempts, options.baseBackoffMs ?? 60_000, options.maxBackoffMs ?? 6 * HOUR_MS, options.random ?? Math.random));
  await transitionOutbox(store.db, entry.decisionId, ['sending'], 'queued', { attempts, lastError: result.reason, nextAttemptAt: now + wait, leaseUntil: null }, now);
  summary.retried++;
}

/** One pass over the due messages of the configured channels. */
export async function deliverDue(options: DeliveryWorkerOptions): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retried: 0, failed: 0, dead: 0, suppressed: 0, cancelled: 0, deferred: 0 };
  const clock = options.now ?? Date.now;
  const channels = Object.keys(options.channels) as Channel[];
  for (;;) {
    const due = await claimDue(options.store.db, channels, clock(), options.leaseMs ?? 60_000, options.batchSize ?? 50);
    if (due.length === 0) return summary;
    for (const entry of due) {
      const now = clock();
      const parsed = outboxMessageSchema.safeParse(entry.message);
      if (!parsed.success) {
        await transitionOutbox(options.store.db, entry.decisionId, ['sending'], 'failed', { lastError: 'the stored message is not a composed message', leaseUntil: null }, now);
        summary.failed++;
        continue;
      }
      const verdict = await recheck(options, entry, parsed.data, now);
      if (!verdict.go) {
        if (verdict.state === 'queued') {
          await transitionOutbox(options.store.db, entry.decisionId, ['sending'], 'queued', { nextAttemptAt: verdict.until, lastError: verdict.reason, leaseUntil: null }, now);
          summary.deferred++;
        } else {
          await transitionOutbox(options.store.db, entry.decisionId, ['sending'], verdict.state, { lastError: verdict.reason, leaseUntil: null }, now);
          summary[verdict.state]++;
        }
        continue;
      }
      const to = await addressOf(options.store, entry.profileId, entry.channel);
      if (to === undefined) {
        await transitionOutbox(options.store.db, entry.decisionId, ['sending'], 'failed', { lastError: `no ${entry.channel} address for the member`, leaseUntil: null }, now);
        summary.failed++;
        continue;
      }
      const channel = options.channels[entry.channel];
      const result = channel === undefined ? { status: 'retryable' as const, reason: 'channel not configured' } : await channel.send(outgoing(entry, parsed.data, to));
      await settle(options, entry, result, clock(), summary);
    }
  }
}

export interface DeliveryLoop {
  /** Stops after the pass in progress; resolves when it has finished. */
  stop(): Promise<void>;
}

/** Runs `deliverDue` every `intervalMs` until stopped; a failed pass is reported and the loop goes on. */
export function startDeliveryLoop(options: DeliveryWorkerOptions, intervalMs = 5000, onError: (error: unknown) => void = () => {}): DeliveryLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = deliverDue(options)
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
