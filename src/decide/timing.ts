// When to send: at the member's best hour, in their own time zone, never in quiet hours.
// A send that falls in quiet hours is deferred to the end of them, not dropped.

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface QuietHours {
  start: string;
  end: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of local time from UTC in ms at instant t (cached per zone and hour: batch runs ask often). */
export function zoneOffset(t: number, timeZone: string | null): number {
  if (timeZone === null || timeZone === 'UTC') return 0;
  const key = `${timeZone}|${Math.floor(t / HOUR_MS)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  let offset = 0;
  try {
    const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
    offset = local - Math.floor(t / MINUTE_MS) * MINUTE_MS;
  } catch {
    offset = 0; // unknown zone: treat as UTC
  }
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** Minutes since local midnight at instant t. */
export function localMinutes(t: number, timeZone: string | null): number {
  const local = t + zoneOffset(t, timeZone);
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / MINUTE_MS);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function isQuiet(t: number, timeZone: string | null, quiet: QuietHours): boolean {
  const m = localMinutes(t, timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start > end ? m >= start || m < end : m >= start && m < end;
}

/**
 * The send time: now if it is the member's best local hour, else the next start of that hour
 * (within 24 hours); without a best hour, now. Either way, quiet hours defer it to their end.
 */
export function nextSendTime(now: number, timeZone: string | null, bestHour: number | null, quiet: QuietHours): number {
  let candidate = now;
  if (bestHour !== null) {
    const minutes = localMinutes(now, timeZone);
    if (Math.floor(minutes / 60) !== bestHour) {
      candidate = now + ((bestHour * 60 - minutes + 1440) % 1440) * MINUTE_MS;
      candidate -= candidate % MINUTE_MS;
    }
  }
  return isQuiet(candidate, timeZone, quiet) ? endOfQuiet(candidate, timeZone, quiet) : candidate;
}

/** The first instant after t when quiet hours end (to the minute; DST-safe by re-checking). */
export function endOfQuiet(t: number, timeZone: string | null, quiet: QuietHours): number {
  const end = minutesOf(quiet.end);
  const wait = (end - localMinutes(t, timeZone) + 1440) % 1440 || 1440;
  let candidate = t + wait * MINUTE_MS;
  candidate -= candidate % MINUTE_MS;
  // A daylight-saving change inside the wait can shift local time by an hour.
  for (let i = 0; i < 4 && isQuiet(candidate, timeZone, quiet); i++) candidate += 30 * MINUTE_MS;
  return candidate;
}
