// The outbox: one row per decided message (idempotency key = decision id), moving through
// queued → sending → sent | failed | cancelled | suppressed, or held for review.
import type { Channel } from '../core/index.js';
import { chunked, parseJson } from './chunks.js';
import type { Executor } from './database.js';

export const OUTBOX_STATES = ['review', 'queued', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'suppressed', 'rejected'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** States in which a message has reached, or may still reach, the member: they count against caps. */
export const CONTACT_STATES: readonly OutboxState[] = ['review', 'queued', 'sending', 'sent'];

export interface OutboxEntry {
  decisionId: string;
  profileId: string;
  action: string;
  channel: Channel;
  state: OutboxState;
  promotional: boolean;
  sendAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  message: unknown;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  providerId: string | null;
}

type Row = {
  decision_id: string; profile_id: string; action: string; channel: string; state: string; promotional: number; send_at: number;
  attempts: number; next_attempt_at: number; lease_until: number | null; last_error: string | null; message: string | null;
  created_at: number; updated_at: number; sent_at: number | null; provider_id: string | null;
};

function toEntry(r: Row): OutboxEntry {
  return {
    decisionId: r.decision_id, profileId: r.profile_id, action: r.action, channel: r.channel as Channel, state: r.state as OutboxState,
    promotional: Number(r.promotional) === 1, sendAt: Number(r.send_at), attempts: Number(r.attempts), nextAttemptAt: Number(r.next_attempt_at),
    lastError: r.last_error, message: parseJson(r.message, null), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
    sentAt: r.sent_at === null ? null : Number(r.sent_at), providerId: r.provider_id,
  };
}

export interface NewOutboxEntry {
  decisionId: string;
  profileId: string;
  action: string;
  channel: Channel;
  state: 'queued' | 'review';
  promotional: boolean;
  sendAt: number;
  message: unknown;
}

export async function insertOutbox(db: Executor, entries: readonly NewOutboxEntry[], now: number): Promise<void> {
  for (const chunk of chunked(entries, 100)) {
    await db
      .insertInto('outbox')
      .values(chunk.map((e) => ({
        decision_id: e.decisionId, profile_id: e.profileId, action: e.action, channel: e.channel, state: e.state,
        promotional: e.promotional ? 1 : 0, send_at: e.sendAt, attempts: 0, next_attempt_at: e.sendAt, lease_until: null,
        last_error: null, message: e.message === undefined ? null : JSON.stringify(e.message), created_at: now, updated_at: now,
        sent_at: null, provider_id: null,
      })))
      .execute();
  }
}

export async function getOutboxEntry(db: Executor, decisionId: string): Promise<OutboxEntry | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('decision_id', '=', decisionId).executeTakeFirst();
  return row === undefined ? undefined : toEntry(row);
}

/** A message that counts as contact for caps: the columns a guardrail needs, not the composed message. */
export type ContactTouch = Pick<OutboxEntry, 'decisionId' | 'profileId' | 'action' | 'channel' | 'state' | 'promotional' | 'sendAt' | 'sentAt'>;

/** The contact (queued, sending or sent messages) of these members with `send_at` in [from, to). */
export async function touchesOfProfiles(db: Executor, profileIds: readonly string[], from: number, to: number): Promise<ContactTouch[]> {
  const found: ContactTouch[] = [];
  for (const chunk of chunked([...new Set(profileIds)])) {
    // Asked by member and time only, so the planner takes outbox_profile: with the states in the
    // query SQLite may walk outbox_due, every queued message for every chunk (quadratic in a batch).
    const rows = await db
      .selectFrom('outbox')
      .select(['decision_id', 'profile_id', 'action', 'channel', 'state', 'promotional', 'send_at', 'sent_at'])
      .where('profile_id', 'in', chunk)
      .where('send_at', '>=', from)
      .where('send_at', '<', to)
      .execute();
    for (const r of rows) {
      if (!CONTACT_STATES.includes(r.state as OutboxState)) continue;
      found.push({
        decisionId: r.decision_id, profileId: r.profile_id, action: r.action, channel: r.channel as Channel, state: r.state as OutboxState,
        promotional: Number(r.promotional) === 1, sendAt: Number(r.send_at), sentAt: r.sent_at === null ? null : Number(r.sent_at),
      });
    }
  }
  return found;
}

export async function listOutbox(db: Executor, options: { states?: readonly OutboxState[]; profileId?: string; limit?: number } = {}): Promise<OutboxEntry[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (options.states !== undefined) query = query.where('state', 'in', [...options.states]);
  if (options.profileId !== undefined) query = query.where('profile_id', '=', options.profileId);
  const rows = await query.orderBy('send_at').orderBy('decision_id').limit(options.limit ?? 100).execute();
  return rows.map(toEntry);
}

/** Moves a message between states; `from` guards against racing writers. Returns false when it was not in `from`. */
export async function transitionOutbox(
  db: Executor,
  decisionId: string,
  from: readonly OutboxState[],
  to: OutboxState,
  changes: Partial<{ message: unknown; lastError: string | null; attempts: number; nextAttemptAt: number; sentAt: number; providerId: string; leaseUntil: number | null }>,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      state: to,
      updated_at: now,
      ...(changes.message !== undefined ? { message: JSON.stringify(changes.message) } : {}),
      ...(changes.lastError !== undefined ? { last_error: changes.lastError } : {}),
      ...(changes.attempts !== undefined ? { attempts: changes.attempts } : {}),
      ...(changes.nextAttemptAt !== undefined ? { next_attempt_at: changes.nextAttemptAt } : {}),
      ...(changes.sentAt !== undefined ? { sent_at: changes.sentAt } : {}),
      ...(changes.providerId !== undefined ? { provider_id: changes.providerId } : {}),
      ...(changes.leaseUntil !== undefined ? { lease_until: changes.leaseUntil } : {}),
    })
    .where('decision_id', '=', decisionId)
    .where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function outboxEntries(db: Executor, decisionIds: readonly string[]): Promise<Map<string, OutboxEntry>> {
  const found = new Map<string, OutboxEntry>();
  for (const chunk of chunked([...new Set(decisionIds)])) {
    for (const row of await db.selectFrom('outbox').selectAll().where('decision_id', 'in', chunk).execute()) found.set(row.decision_id, toEntry(row));
  }
  return found;
}

/**
 * Claims up to `limit` due messages for one attempt: queued ones whose time has come, and ones
 * left in `sending` by a worker that died (lease expired). Claimed rows get a new lease.
 */
export async function claimDue(db: Executor, channels: readonly Channel[], now: number, leaseMs: number, limit: number): Promise<OutboxEntry[]> {
  if (channels.length === 0) return [];
  const candidates = await db
    .selectFrom('outbox')
    .selectAll()
    .where('channel', 'in', [...channels])
    .where((eb) => eb.or([
      eb.and([eb('state', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('state', '=', 'sending'), eb('lease_until', '<', now)]),
    ]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  const claimed: OutboxEntry[] = [];
  for (const row of candidates) {
    const result = await db
      .updateTable('outbox')
      .set({ state: 'sending', lease_until: now + leaseMs, updated_at: now })
      .where('decision_id', '=', row.decision_id)
      .where('state', '=', row.state)
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) claimed.push({ ...toEntry(row), state: 'sending' });
  }
  return claimed;
}
