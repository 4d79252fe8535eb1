// The time window a report covers, and the vocabulary every report shares: half-open windows
// [from, to) in epoch milliseconds, clear errors for bad dates, and the default window.
import { EVENTS } from '../../core/index.js';
import { loadConfig, type AttuneConfig } from '../../decide/index.js';
import { latestEventTime, weekStart, type Store, type TimeWindow } from '../../store/index.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** An average calendar month (365.25 / 12 days): the unit of "per month" rates. */
export const MONTH_MS = 30.4375 * DAY_MS;
export const DEFAULT_WINDOW_DAYS = 28;

export type { TimeWindow };

/** A time as epoch ms, an ISO-8601 string or a Date. */
export type TimeInput = number | string | Date;

/** A request the report cannot answer as asked (a bad date, an empty window): the caller's mistake. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

export function toTime(value: TimeInput, what: string): number {
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : parseIso(value);
  if (!Number.isFinite(t)) throw new ReportInputError(`${what}: not a date-time: ${JSON.stringify(String(value))} (use ISO 8601, e.g. 2025-03-01 or 2025-03-01T00:00:00Z)`);
  return t;
}

function parseIso(text: string): number {
  // Date.parse reads "2025-03-01" as UTC but "2025-03-01T00:00" as local time: require an offset on date-times.
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return Date.parse(`${trimmed}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) return Number.NaN;
  return Date.parse(trimmed);
}

/** A window that starts before it ends; `names` say which options set its ends, for the error. */
export function checkedWindow(from: number, to: number, names: readonly [string, string] = ['--from', '--to']): TimeWindow {
  if (!(from < to)) throw new ReportInputError(`the window is empty: ${names[0]} ${iso(from)} is not before ${names[1]} ${iso(to)}`);
  return { from, to };
}

/** Events whose latest time marks how far the stored data reaches. */
const DATA_END_EVENTS = [EVENTS.orderCompleted, EVENTS.emailDelivered, EVENTS.messageDelivered, EVENTS.emailOpened, EVENTS.productViewed];

/** Time of the latest stored order, delivery, open or product view; null on an empty store. */
export function dataEnd(store: Store): Promise<number | null> {
  return latestEventTime(store.db, DATA_END_EVENTS);
}

/**
 * The window of a report. `to` defaults to just after the latest stored event (so a report on
 * imported or simulated history covers its end, not an empty present), else now; `from`
 * defaults to `days` before `to`.
 */
export async function resolveWindow(store: Store, input: { from?: TimeInput; to?: TimeInput }, days = DEFAULT_WINDOW_DAYS): Promise<TimeWindow> {
  const to = input.to !== undefined ? toTime(input.to, 'to') : ((await dataEnd(store)) ?? Date.now() - 1) + 1;
  const from = input.from !== undefined ? toTime(input.from, 'from') : to - days * DAY_MS;
  return checkedWindow(from, to);
}

/** The configuration a report reads (holdout rule, caps), from the caller or attune.config.json. */
export function reportConfig(config?: AttuneConfig): AttuneConfig {
  return config ?? loadConfig();
}

export function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}

export function windowJson(window: TimeWindow): { from: string; to: string } {
  return { from: iso(window.from), to: iso(window.to) };
}

/** Window length in months (MONTH_MS). */
export function monthsIn(window: TimeWindow): number {
  return (window.to - window.from) / MONTH_MS;
}

/** Start (Monday 00:00 UTC) of the week holding `t`, as the SQL reports bucket it. */
export function weekStartOf(t: number): number {
  return weekStart(Math.floor((t - weekStart(0)) / WEEK_MS));
}

/** Start of every week that overlaps the window. */
export function weekStartsIn(window: TimeWindow): number[] {
  const starts: number[] = [];
  for (let start = weekStartOf(window.from); start < window.to; start += WEEK_MS) starts.push(start);
  return starts;
}
