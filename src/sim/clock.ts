// The world's calendar and members' clocks. Weeks run Monday 00:00 UTC to Monday 00:00 UTC;
// each member lives in their own time zone, so "Tuesday 19:00" is a different instant for each.
import { randomNormal, weightedIndex, type Rng } from '../core/random.js';
import { utcOffsetMinutes } from './zones.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface Calendar {
  /** Monday 00:00 UTC that starts week 0, the first week of the history. */
  startMs: number;
  /** Weeks of pre-existing history; week `historyWeeks` is the first live week. */
  historyWeeks: number;
  /** Start of the first live week: the moment Attune starts deciding. */
  nowMs: number;
}

export function createCalendar(start: string, historyWeeks: number): Calendar {
  const startMs = Date.parse(start);
  const date = new Date(startMs);
  if (Number.isNaN(startMs) || date.getUTCDay() !== 1 || startMs % DAY_MS !== 0) {
    throw new RangeError(`the history must start on a Monday at 00:00 UTC, got ${start}`);
  }
  if (!Number.isInteger(historyWeeks) || historyWeeks < 0) throw new RangeError(`historyWeeks must be a whole number ≥ 0, got ${historyWeeks}`);
  return { startMs, historyWeeks, nowMs: startMs + historyWeeks * WEEK_MS };
}

export function weekStartMs(calendar: Calendar, week: number): number {
  return calendar.startMs + week * WEEK_MS;
}

/** Month 0–11 (UTC) of the middle of a week: seasonality is looked up once per week. */
export function monthOfWeek(calendar: Calendar, week: number): number {
  return new Date(weekStartMs(calendar, week) + WEEK_MS / 2).getUTCMonth();
}

/** How busy the store is by local hour of day (population): quiet at night, peaks at lunch and evening. */
export const HOURLY_ACTIVITY: readonly number[] = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.8, 0.9, 1.0, 1.1,
  1.3, 1.2, 1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 1.7, 1.6, 1.1, 0.5,
];
/** By local weekday, Monday first: Sunday evening and Monday browse most. */
export const WEEKDAY_ACTIVITY: readonly number[] = [1.1, 1.0, 1.0, 1.0, 0.9, 0.9, 1.1];
/** Share of a member's sessions near their own best hour (the rest follow HOURLY_ACTIVITY). */
export const OWN_RHYTHM_SHARE = 0.55;
const OWN_RHYTHM_SD_HOURS = 1.5;

/** Local clock time (fractional hours, 0–24) of an instant in zone `zone`. */
export function localHourOf(zone: number, utcMs: number): number {
  const local = utcMs + utcOffsetMinutes(zone, utcMs) * MINUTE_MS;
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

/**
 * The instant in the UTC week starting `weekStart` whose local time is `localOffsetMs` after the
 * member's local Monday 00:00. Instants that would fall outside the week wrap around, keeping
 * the weekday and time of day: every visit of week w starts inside week w.
 */
function localToUtc(zone: number, weekStart: number, localOffsetMs: number): number {
  const guess = weekStart + localOffsetMs;
  const offset = utcOffsetMinutes(zone, guess) * MINUTE_MS;
  const within = (((guess - offset - weekStart) % WEEK_MS) + WEEK_MS) % WEEK_MS;
  return weekStart + within;
}

/** When a member visits the store: a weekday, then an hour near their own rhythm or the crowd's. */
export function sampleVisitTime(rng: Rng, zone: number, bestHour: number, weekStart: number): number {
  const day = weightedIndex(rng, WEEKDAY_ACTIVITY);
  const hour = rng.next() < OWN_RHYTHM_SHARE
    ? (((randomNormal(rng, bestHour + 0.5, OWN_RHYTHM_SD_HOURS) % 24) + 24) % 24)
    : weightedIndex(rng, HOURLY_ACTIVITY) + rng.next();
  return localToUtc(zone, weekStart, day * DAY_MS + hour * HOUR_MS);
}

/** An instant `delayMs` after `at`, moved past the member's night (23:00–07:00 local) if it lands there. */
export function awakeAfter(zone: number, at: number, delayMs: number): number {
  const t = at + delayMs;
  const hour = localHourOf(zone, t);
  if (hour >= 7 && hour < 23) return t;
  const wait = hour >= 23 ? 24 - hour + 7 : 7 - hour;
  return t + wait * HOUR_MS;
}

const datePrefixes = new Map<number, string>();
const secondsOfDay: string[] = [];
const millisSuffixes: string[] = [];
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * ISO-8601 UTC of an instant, as Date.prototype.toISOString writes it, from cached parts (the date,
 * the second of the day, the milliseconds): the simulation stamps hundreds of millions of
 * messages, and this makes two small strings where toISOString costs a microsecond.
 */
export function isoOf(at: number): string {
  const ms = Math.floor(at);
  const day = Math.floor(ms / DAY_MS);
  let date = datePrefixes.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 11);
    datePrefixes.set(day, date);
  }
  const rest = ms - day * DAY_MS;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  const time = (secondsOfDay[second] ??= `${pad(Math.floor(second / 3600), 2)}:${pad(Math.floor(second / 60) % 60, 2)}:${pad(second % 60, 2)}`);
  return date + time + (millisSuffixes[millis] ??= `.${pad(millis, 3)}Z`);
}
