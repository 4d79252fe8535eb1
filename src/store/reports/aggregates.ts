// Report queries aggregated in SQL over a window (decisions and touches by week, action and
// segment; what followed each touch), and one member's touches and touches over the caps.
import { sql } from 'kysely';
import { parseJson } from '../chunks.js';
import type { Executor } from '../database.js';
import { CONTACT_STATES } from '../outbox.js';
import {
  aiChosen, jsonText, names, segmentJoin, segmentOf, toDoc, weekOf, withSegments, type EventDoc, type Reader, type TimeWindow,
} from './sql.js';

export interface DecisionCount {
  week: number;
  action: string;
  holdout: boolean;
  segment: string | null;
  decisions: number;
}

/** Decisions per week, action, arm and (when scored) segment. */
export async function decisionCounts(reader: Reader, window: TimeWindow, segments: boolean): Promise<DecisionCount[]> {
  const { rows } = await sql<{ week: number; action: string; holdout: number; segment: string | null; n: number }>`
    ${withSegments(reader, segments)}select week, action, holdout, segment, count(*) as n from (
      select ${weekOf('d.decided_at')} as week, d.action, d.holdout, ${segmentOf(segments)} as segment
      from decisions d ${segmentJoin(segments, 'd.profile_id')}
      where d.decided_at >= ${window.from} and d.decided_at < ${window.to}
    ) t group by week, action, holdout, segment`.execute(reader.db);
  return rows.map((r) => ({ week: Number(r.week), action: r.action, holdout: Number(r.holdout) === 1, segment: r.segment, decisions: Number(r.n) }));
}

/** What may follow a touch: engagement, and the events that count as regret. */
export interface FollowUpEvents {
  engagement: readonly string[];
  optOut: readonly string[];
  complaint: readonly string[];
}

export interface TouchFollowUp {
  week: number;
  action: string;
  channel: string;
  segment: string | null;
  touches: number;
  /** Touches followed (within the follow-up time) by an engagement event… */
  engaged: number;
  /** …by an opt-out… */
  optedOut: number;
  /** …by a complaint… */
  complained: number;
  /** …by an opt-out or a complaint. */
  optedOutOrComplained: number;
}

/** AI-chosen touches (not holdout) sent in the window, and what followed each within `followUpMs`. */
export async function touchFollowUps(reader: Reader, window: TimeWindow, followUpMs: number, events: FollowUpEvents, segments: boolean): Promise<TouchFollowUp[]> {
  const followed = (list: readonly string[]) => sql`case when exists (select 1 from events e where e.profile_id = o.profile_id
    and e.timestamp >= o.sent_at and e.timestamp < o.sent_at + ${followUpMs} and e.event in (${names(list)})) then 1 else 0 end`;
  const { rows } = await sql<{ week: number; action: string; channel: string; segment: string | null; n: number; engaged: number; opted_out: number; complained: number; either: number }>`
    ${withSegments(reader, segments)}select week, action, channel, segment, count(*) as n, sum(engaged) as engaged, sum(opted_out) as opted_out,
      sum(complained) as complained, sum(case when opted_out = 1 or complained = 1 then 1 else 0 end) as either
    from (
      select ${weekOf('o.sent_at')} as week, o.action, o.channel, ${segmentOf(segments)} as segment,
        ${followed(events.engagement)} as engaged, ${followed(events.optOut)} as opted_out, ${followed(events.complaint)} as complained
      from outbox o ${segmentJoin(segments, 'o.profile_id')}
      where o.sent_at >= ${window.from} and o.sent_at < ${window.to} and ${aiChosen(window)}
    ) t group by week, action, channel, segment`.execute(reader.db);
  return rows.map((r) => ({
    week: Number(r.week), action: r.action, channel: r.channel, segment: r.segment, touches: Number(r.n), engaged: Number(r.engaged),
    optedOut: Number(r.opted_out), complained: Number(r.complained), optedOutOrComplained: Number(r.either),
  }));
}

export interface TouchReply {
  decisionId: string;
  week: number;
  action: string;
  channel: string;
  reply: EventDoc;
  /** The touch was also followed by an opt-out or complaint (already counted as regret). */
  alsoOptedOutOrComplained: boolean;
}

/** Messages (e.g. support messages) that followed AI-chosen touches within `followUpMs` (read from the rare messages' side). */
export async function touchReplies(db: Executor, window: TimeWindow, followUpMs: number, replyEvent: string, events: FollowUpEvents): Promise<TouchReply[]> {
  const regret = [...events.optOut, ...events.complaint];
  const { rows } = await sql<{ decision_id: string; week: number; action: string; channel: string; profile_id: string; event: string; timestamp: number; payload: string; also: number }>`
    select o.decision_id, ${weekOf('o.sent_at')} as week, o.action, o.channel, e.profile_id, e.event, e.timestamp, e.payload,
      case when exists (select 1 from events r where r.profile_id = o.profile_id and r.timestamp >= o.sent_at
        and r.timestamp < o.sent_at + ${followUpMs} and r.event in (${names(regret)})) then 1 else 0 end as also
    from events e join outbox o on o.profile_id = e.profile_id and o.sent_at <= e.timestamp and o.sent_at > e.timestamp - ${followUpMs}
    where e.event = ${sql.lit(replyEvent)} and e.timestamp >= ${window.from} and e.timestamp < ${window.to + followUpMs}
      and o.sent_at >= ${window.from} and o.sent_at < ${window.to} and ${aiChosen(window)}`.execute(db);
  return rows.map((r) => ({
    decisionId: r.decision_id, week: Number(r.week), action: r.action, channel: r.channel, reply: toDoc(r), alsoOptedOutOrComplained: Number(r.also) === 1,
  }));
}

export interface HandoffMood {
  week: number;
  segment: string | null;
  /** Emotional state recorded in the task's context when it was handed over. */
  state: string | null;
  tasks: number;
  intensitySum: number;
}

/** Hand-over tasks created in the window, by week, (when asked) segment and the member's state at hand-over. */
export async function handoffMoods(reader: Reader, window: TimeWindow, segments: boolean): Promise<HandoffMood[]> {
  const intensity = jsonText(reader.dialect, 't.context', ['emotionalState', 'intensity']);
  const segment = segments ? jsonText(reader.dialect, 's.scores', ['segment', 'name']) : sql<null>`null`;
  const { rows } = await sql<{ week: number; segment: string | null; state: string | null; n: number; intensity: number | null }>`
    select week, segment, state, count(*) as n, sum(intensity) as intensity from (
      select ${weekOf('t.created_at')} as week, ${segment} as segment,
        ${jsonText(reader.dialect, 't.context', ['emotionalState', 'state'])} as state, cast(${intensity} as double precision) as intensity
      from tasks t ${segments ? sql`left join profile_scores s on s.profile_id = t.profile_id` : sql``}
      where t.created_at >= ${window.from} and t.created_at < ${window.to}
    ) x group by week, segment, state`.execute(reader.db);
  return rows.map((r) => ({ week: Number(r.week), segment: r.segment, state: r.state, tasks: Number(r.n), intensitySum: Number(r.intensity ?? 0) }));
}

// ── One member's touches, and touches over the caps ─────────────────────────────────────────

export interface MemberTouch {
  decisionId: string;
  action: string;
  channel: string;
  state: string;
  promotional: boolean;
  sendAt: number;
  sentAt: number | null;
  message: unknown;
  outcome: string | null;
  holdout: boolean;
}

/** Every message planned for one member with send time in the window, oldest first. */
export async function memberTouches(db: Executor, profileId: string, window: TimeWindow): Promise<MemberTouch[]> {
  const rows = await db.selectFrom('outbox as o').leftJoin('decisions as d', 'd.decision_id', 'o.decision_id')
    .select(['o.decision_id', 'o.action', 'o.channel', 'o.state', 'o.promotional', 'o.send_at', 'o.sent_at', 'o.message', 'd.outcome', 'd.holdout'])
    .where('o.profile_id', '=', profileId).where('o.send_at', '>=', window.from).where('o.send_at', '<', window.to)
    .orderBy('o.send_at').orderBy('o.decision_id').execute();
  return rows.map((r) => ({
    decisionId: r.decision_id, action: r.action, channel: r.channel, state: r.state, promotional: Number(r.promotional) === 1,
    sendAt: Number(r.send_at), sentAt: r.sent_at === null ? null : Number(r.sent_at), message: parseJson<unknown>(r.message, null),
    outcome: r.outcome ?? null, holdout: Number(r.holdout ?? 0) === 1,
  }));
}

/** A cap: at most `caps` touches (per key: channel or action) in any `spanMs`, counting `promotionalOnly` or all. */
export interface CapRule {
  code: string;
  spanMs: number;
  promotionalOnly: boolean;
  /** One cap for all of a member's touches, or a cap per channel / per action. */
  partition: 'member' | 'channel' | 'action';
  caps: ReadonlyMap<string, number>;
}

export interface CapExcess {
  profileId: string;
  /** The channel or action the cap is for; null for caps across all touches. */
  key: string | null;
  /** Send time of the first touch of a span holding more touches than the cap. */
  windowStart: number;
  touches: number;
}

/** Spans starting in the window that held more contact-state touches than the rule allows (at most `limit`). */
export async function capExcesses(db: Executor, rule: CapRule, window: TimeWindow, limit: number): Promise<CapExcess[]> {
  if (rule.caps.size === 0) return [];
  const key = rule.partition === 'member' ? sql`null` : sql.ref(rule.partition);
  const keyed = rule.partition !== 'member';
  const cap = keyed
    ? sql`case key ${sql.join([...rule.caps].map(([k, c]) => sql`when ${sql.lit(k)} then ${sql.lit(c)}`), sql` `)} end`
    : sql.lit([...rule.caps.values()][0] as number);
  const { rows } = await sql<{ profile_id: string; key: string | null; send_at: number; n: number }>`
    select profile_id, key, send_at, n from (
      select profile_id, ${key} as key, send_at, count(*) over (partition by profile_id${keyed ? sql`, ${key}` : sql``} order by send_at
        range between current row and cast(${sql.lit(rule.spanMs - 1)} as bigint) following) as n
      from outbox where state in (${names(CONTACT_STATES)}) and send_at >= ${window.from} and send_at < ${window.to + rule.spanMs}
        ${rule.promotionalOnly ? sql`and promotional = 1` : sql``} ${keyed ? sql`and ${key} in (${names([...rule.caps.keys()])})` : sql``}
    ) t where send_at < ${window.to} and n > ${cap} order by profile_id, send_at limit ${limit}`.execute(db);
  return rows.map((r) => ({ profileId: r.profile_id, key: r.key, windowStart: Number(r.send_at), touches: Number(r.n) }));
}
