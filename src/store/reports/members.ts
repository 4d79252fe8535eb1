// Report queries over pages of members (keyset pagination on profile id, each page's rows read
// by id range) and over small sets of members (chunked id lists). Times are epoch milliseconds;
// windows are half-open, [from, to).
import { sql } from 'kysely';
import { chunked, parseJson } from '../chunks.js';
import type { Executor } from '../database.js';
import { eventIn, inRange, jsonText, toDoc, type EventDoc, type MemberRange, type Reader, type TimeWindow } from './sql.js';

export interface MemberRow {
  profileId: string;
  firstSeenAt: number;
}

/** Up to `limit` members first seen before `seenBefore`, in profile-id order after `after`. */
export async function memberPage(db: Executor, after: string | undefined, limit: number, seenBefore: number): Promise<MemberRow[]> {
  let query = db.selectFrom('profiles').select(['profile_id', 'first_seen_at']).where('first_seen_at', '<', seenBefore).orderBy('profile_id').limit(limit);
  if (after !== undefined) query = query.where('profile_id', '>', after);
  return (await query.execute()).map((r) => ({ profileId: r.profile_id, firstSeenAt: Number(r.first_seen_at) }));
}

export interface EventTally {
  profileId: string;
  event: string;
  count: number;
  /** Time of the latest of these events. */
  last: number;
}

/** How many of each named event every member of the range had in the window (from the index alone). */
export async function eventTallies(db: Executor, range: MemberRange, window: TimeWindow, eventNames: readonly string[]): Promise<EventTally[]> {
  if (eventNames.length === 0) return [];
  const { rows } = await sql<{ profile_id: string; event: string; n: number; last: number }>`
    select profile_id, event, count(*) as n, max(timestamp) as last from events
    where ${inRange('profile_id', range)} and timestamp >= ${window.from} and timestamp < ${window.to} and ${eventIn(eventNames)}
    group by profile_id, event`.execute(db);
  return rows.map((r) => ({ profileId: r.profile_id, event: r.event, count: Number(r.n), last: Number(r.last) }));
}

/** Named events, with their properties, of the members of the range in the window, oldest first. */
export async function eventDocs(db: Executor, range: MemberRange, window: TimeWindow, eventNames: readonly string[]): Promise<EventDoc[]> {
  if (eventNames.length === 0) return [];
  const { rows } = await sql<{ profile_id: string; event: string; timestamp: number; payload: string }>`
    select profile_id, event, timestamp, payload from events
    where ${inRange('profile_id', range)} and timestamp >= ${window.from} and timestamp < ${window.to} and ${eventIn(eventNames)}
    order by profile_id, timestamp`.execute(db);
  return rows.map(toDoc);
}

/** Named events, with properties, of these members in the window, oldest first. */
export async function eventDocsOfProfiles(db: Executor, profileIds: readonly string[], window: TimeWindow, eventNames: readonly string[]): Promise<EventDoc[]> {
  const docs: EventDoc[] = [];
  if (eventNames.length === 0) return docs;
  for (const chunk of chunked([...new Set(profileIds)])) {
    const rows = await db.selectFrom('events').select(['profile_id', 'event', 'timestamp', 'payload'])
      .where('profile_id', 'in', chunk).where('timestamp', '>=', window.from).where('timestamp', '<', window.to).where('event', 'in', [...eventNames])
      .execute();
    docs.push(...rows.map(toDoc));
  }
  return docs.sort((a, b) => a.timestamp - b.timestamp);
}

/** Named events of all members in the window, with properties (for rare events: surveys, complaints, support). */
export async function eventDocsBetween(db: Executor, window: TimeWindow, eventNames: readonly string[]): Promise<EventDoc[]> {
  if (eventNames.length === 0) return [];
  const rows = await db.selectFrom('events').select(['profile_id', 'event', 'timestamp', 'payload'])
    .where('event', 'in', [...eventNames]).where('timestamp', '>=', window.from).where('timestamp', '<', window.to)
    .orderBy('timestamp').execute();
  return rows.map(toDoc);
}

export interface SentTouch {
  decisionId: string;
  profileId: string;
  action: string;
  channel: string;
  sentAt: number;
  /** The decision was a holdout member's (a business-as-usual baseline, not an AI choice). */
  holdout: boolean;
  /** The composed message (JSON), when asked for. */
  message?: unknown;
}

/** Messages sent in the window to the members of the range, oldest first. */
export async function sentTouches(db: Executor, range: MemberRange, window: TimeWindow, withMessage = false): Promise<SentTouch[]> {
  const { rows } = await sql<{ decision_id: string; profile_id: string; action: string; channel: string; sent_at: number; holdout: number | null; message: string | null }>`
    select o.decision_id, o.profile_id, o.action, o.channel, o.sent_at, d.holdout, ${withMessage ? sql`o.message` : sql`null`} as message
    from outbox o left join decisions d on d.decision_id = o.decision_id
    where ${inRange('o.profile_id', range)} and o.sent_at >= ${window.from} and o.sent_at < ${window.to}
    order by o.profile_id, o.sent_at`.execute(db);
  return rows.map((r) => ({
    decisionId: r.decision_id, profileId: r.profile_id, action: r.action, channel: r.channel, sentAt: Number(r.sent_at),
    holdout: Number(r.holdout ?? 0) === 1, ...(withMessage ? { message: parseJson<unknown>(r.message, null) } : {}),
  }));
}

/** Sent messages of these members in the window, with the composed message, oldest first. */
export async function sentTouchesOfProfiles(db: Executor, profileIds: readonly string[], window: TimeWindow): Promise<SentTouch[]> {
  const touches: SentTouch[] = [];
  for (const chunk of chunked([...new Set(profileIds)])) {
    const rows = await db.selectFrom('outbox as o').leftJoin('decisions as d', 'd.decision_id', 'o.decision_id')
      .select(['o.decision_id', 'o.profile_id', 'o.action', 'o.channel', 'o.sent_at', 'o.message', 'd.holdout'])
      .where('o.profile_id', 'in', chunk).where('o.sent_at', '>=', window.from).where('o.sent_at', '<', window.to)
      .execute();
    touches.push(...rows.map((r) => ({
      decisionId: r.decision_id, profileId: r.profile_id, action: r.action, channel: r.channel, sentAt: Number(r.sent_at),
      holdout: Number(r.holdout ?? 0) === 1, message: parseJson<unknown>(r.message, null),
    })));
  }
  return touches.sort((a, b) => a.sentAt - b.sentAt);
}

export interface MemberAction {
  profileId: string;
  action: string;
}

/** Members of the range whose trigger for an action fired (its event happened) in the window. */
export async function triggeredActions(db: Executor, range: MemberRange, window: TimeWindow): Promise<MemberAction[]> {
  const { rows } = await sql<{ profile_id: string; action: string }>`
    select distinct profile_id, action from triggers
    where ${inRange('profile_id', range)} and event_at >= ${window.from} and event_at < ${window.to}`.execute(db);
  return rows.map((r) => ({ profileId: r.profile_id, action: r.action }));
}

export interface RecordedAssignment {
  profileId: string;
  decisions: number;
  /** Decisions recorded with the holdout flag set. */
  holdoutDecisions: number;
}

/** Per member of the range: decisions in the window and how many were recorded as holdout. */
export async function recordedAssignments(db: Executor, range: MemberRange, window: TimeWindow): Promise<RecordedAssignment[]> {
  const { rows } = await sql<{ profile_id: string; n: number; h: number }>`
    select profile_id, count(*) as n, sum(holdout) as h from decisions
    where ${inRange('profile_id', range)} and decided_at >= ${window.from} and decided_at < ${window.to}
    group by profile_id`.execute(db);
  return rows.map((r) => ({ profileId: r.profile_id, decisions: Number(r.n), holdoutDecisions: Number(r.h) }));
}

export interface HandoverTask {
  taskId: string;
  profileId: string;
  decisionId: string;
  createdAt: number;
  state: string;
  reasonCode: string;
  resolvedAt: number | null;
  outcome: string | null;
}

/** Hand-over tasks of these members created before `createdBefore`. */
export async function tasksOfProfiles(db: Executor, profileIds: readonly string[], createdBefore: number): Promise<HandoverTask[]> {
  const tasks: HandoverTask[] = [];
  for (const chunk of chunked([...new Set(profileIds)])) {
    const rows = await db.selectFrom('tasks').select(['task_id', 'profile_id', 'decision_id', 'created_at', 'state', 'reason_code', 'resolved_at', 'outcome'])
      .where('profile_id', 'in', chunk).where('created_at', '<', createdBefore).execute();
    tasks.push(...rows.map((r) => ({
      taskId: r.task_id, profileId: r.profile_id, decisionId: r.decision_id, createdAt: Number(r.created_at), state: r.state, reasonCode: r.reason_code,
      resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at), outcome: r.outcome,
    })));
  }
  return tasks.sort((a, b) => a.createdAt - b.createdAt);
}

/** Each member's first ever order, for members whose first order falls in the window. */
export async function firstOrdersBetween(db: Executor, window: TimeWindow, orderEvent: string): Promise<Array<{ profileId: string; at: number }>> {
  const { rows } = await sql<{ profile_id: string; first: number }>`
    select profile_id, min(timestamp) as first from events where event = ${orderEvent} and timestamp < ${window.to}
    group by profile_id having min(timestamp) >= ${window.from}`.execute(db);
  return rows.map((r) => ({ profileId: r.profile_id, at: Number(r.first) }));
}

/** The latest stored CLV score (`attune train`) of these members. */
export async function clvScores(reader: Reader, profileIds: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunked([...new Set(profileIds)])) {
    const { rows } = await sql<{ profile_id: string; clv: string | null }>`
      select profile_id, ${jsonText(reader.dialect, 'scores', ['clv'])} as clv from profile_scores where profile_id in (${sql.join(chunk)})`.execute(reader.db);
    for (const r of rows) if (r.clv !== null && Number.isFinite(Number(r.clv))) found.set(r.profile_id, Number(r.clv));
  }
  return found;
}

/** Each member's segment from the latest scores; members never scored are absent. */
export async function segmentsOf(reader: Reader, profileIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunked([...new Set(profileIds)])) {
    const { rows } = await sql<{ profile_id: string; segment: string | null }>`
      select profile_id, ${jsonText(reader.dialect, 'scores', ['segment', 'name'])} as segment from profile_scores where profile_id in (${sql.join(chunk)})`.execute(reader.db);
    for (const r of rows) if (r.segment !== null) found.set(r.profile_id, r.segment);
  }
  return found;
}

export async function hasScores(db: Executor): Promise<boolean> {
  return (await db.selectFrom('profile_scores').select('profile_id').limit(1).executeTakeFirst()) !== undefined;
}

/** Time of the latest stored event of these names: how far outcomes have been observed. */
export async function latestEventTime(db: Executor, eventNames: readonly string[]): Promise<number | null> {
  let latest: number | null = null;
  // One indexed lookup per name: (event, timestamp) answers each max directly.
  for (const name of eventNames) {
    const row = await db.selectFrom('events').select((eb) => eb.fn.max('timestamp').as('last')).where('event', '=', name).executeTakeFirst();
    if (row?.last != null) latest = Math.max(latest ?? -Infinity, Number(row.last));
  }
  return latest;
}

/** Time of the first recorded decision: when Attune started deciding. */
export async function firstDecisionTime(db: Executor): Promise<number | null> {
  const row = await db.selectFrom('decisions').select((eb) => eb.fn.min('decided_at').as('first')).executeTakeFirst();
  return row?.first == null ? null : Number(row.first);
}

export interface LoggedDecision {
  decisionId: string;
  decidedAt: number;
  action: string;
  probability: number;
  /** The logged candidates as stored (JSON text): parsed only for the rows a report keeps. */
  candidatesJson: string;
  outcome: string | null;
}

/** AI decisions (holdout excluded) made in the window, in decision-id order after `after` (keyset pages). */
export async function decisionLogPage(db: Executor, window: TimeWindow, after: string | undefined, limit: number): Promise<LoggedDecision[]> {
  let query = db.selectFrom('decisions').select(['decision_id', 'decided_at', 'action', 'probability', 'candidates', 'outcome'])
    .where('decided_at', '>=', window.from).where('decided_at', '<', window.to).where('holdout', '=', 0).orderBy('decision_id').limit(limit);
  if (after !== undefined) query = query.where('decision_id', '>', after);
  return (await query.execute()).map((r) => ({
    decisionId: r.decision_id, decidedAt: Number(r.decided_at), action: r.action, probability: Number(r.probability), candidatesJson: r.candidates, outcome: r.outcome,
  }));
}

/** Time of the first AI contact decision in the window whose outcome is not learned yet; null when all are. */
export async function firstUnlearnedDecision(db: Executor, window: TimeWindow): Promise<number | null> {
  const row = await db.selectFrom('decisions').select((eb) => eb.fn.min('decided_at').as('first'))
    .where('outcome', 'is', null).where('policy_key', 'is not', null).where('holdout', '=', 0)
    .where('decided_at', '>=', window.from).where('decided_at', '<', window.to).executeTakeFirst();
  return row?.first == null ? null : Number(row.first);
}
