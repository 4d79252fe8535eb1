// SQL building blocks shared by the report queries: windows and member ranges, Monday-based
// weeks, JSON fields on both dialects, segments, and the test for an AI-chosen touch.
import { sql, type RawBuilder } from 'kysely';
import { parseJson } from '../chunks.js';
import type { Dialect, Store } from '../database.js';

export interface TimeWindow {
  from: number;
  to: number;
}

/** The members of one page: profile ids in (after, last]. */
export interface MemberRange {
  after: string | undefined;
  last: string;
}

export type Reader = Pick<Store, 'db' | 'dialect'>;

const WEEK_MS = 604_800_000;
/** 1970-01-05, a Monday: weeks start on Monday 00:00 UTC. */
const FIRST_MONDAY_MS = 345_600_000;

/** Index of the Monday-based UTC week of a time column (integer division on both dialects). */
export function weekOf(column: string): RawBuilder<number> {
  return sql<number>`((${sql.ref(column)} - ${sql.lit(FIRST_MONDAY_MS)}) / ${sql.lit(WEEK_MS)})`;
}

/** Start (epoch ms) of the week with this index. */
export function weekStart(week: number): number {
  return FIRST_MONDAY_MS + week * WEEK_MS;
}

/** A text value inside a JSON column, e.g. `segment.name` of the stored scores. */
export function jsonText(dialect: Dialect, column: string, path: readonly string[]): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${path.join('.')}`)})`;
}

/**
 * Each member's segment (from the latest scores), as a CTE read once per statement: extracting
 * it from the JSON per joined row would parse the same document for every decision and touch.
 */
export function withSegments(reader: Reader, on: boolean): RawBuilder<unknown> {
  return on ? sql`with seg as materialized (select profile_id, ${jsonText(reader.dialect, 'scores', ['segment', 'name'])} as segment from profile_scores) ` : sql``;
}

export function segmentOf(on: boolean): RawBuilder<string | null> {
  return on ? sql<string | null>`seg.segment` : sql<null>`null`;
}

export function segmentJoin(on: boolean, profileColumn: string): RawBuilder<unknown> {
  return on ? sql`left join seg on seg.profile_id = ${sql.ref(profileColumn)}` : sql``;
}

/** Messages are sent within this many days of their decision (a bound for the holdout lookup below). */
const MAX_SEND_DELAY_DAYS = 30;

/**
 * The touch `o` was chosen by the AI, not a holdout member's business-as-usual baseline. The
 * decision row is only looked up for members with a holdout decision around the window; for the
 * rest (nearly every touch) the answer is known without reading the large decision rows.
 */
export function aiChosen(window: TimeWindow): RawBuilder<unknown> {
  return sql`(o.profile_id not in (select profile_id from decisions where holdout = 1 and decided_at >= ${window.from - MAX_SEND_DELAY_DAYS * 86_400_000}
    and decided_at < ${window.to}) or exists (select 1 from decisions d where d.decision_id = o.decision_id and d.holdout = 0))`;
}

export function inRange(column: string, range: MemberRange): RawBuilder<unknown> {
  return range.after === undefined
    ? sql`${sql.ref(column)} <= ${range.last}`
    : sql`${sql.ref(column)} > ${range.after} and ${sql.ref(column)} <= ${range.last}`;
}

export const names = (list: readonly string[]) => sql.join(list.map((name) => sql.lit(name)));

/**
 * `event in (…)` for queries over a page of members. Written as an expression so that SQLite's
 * planner (without statistics) keeps to the member-range index instead of scanning every event
 * of those names in the window through events_name_time.
 */
export const eventIn = (list: readonly string[]) => sql`(event || '') in (${names(list)})`;

export interface EventDoc {
  profileId: string;
  event: string;
  timestamp: number;
  properties: Record<string, unknown>;
}

export function toDoc(r: { profile_id: string; event: string | null; timestamp: number; payload: string }): EventDoc {
  const message = parseJson<{ properties?: Record<string, unknown> }>(r.payload, {});
  return { profileId: r.profile_id, event: r.event ?? '', timestamp: Number(r.timestamp), properties: message.properties ?? {} };
}
