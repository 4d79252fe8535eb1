// Parsing dates and times found in customers' files. Times without an offset are read as UTC,
// consistently, so that splits and windows cut where the user said.

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | null {
  const t = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(t);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return t;
}

/**
 * Parses 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS]' or full ISO 8601 to ms since epoch. Returns null
 * for anything else, including impossible dates such as 2011-02-30.
 */
export function parseTimestamp(text: string): number | null {
  const m = ISO_TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const t = utc(year, month, day, hour, minute, second);
  if (t === null || !m[7]) return t;
  const parsed = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isNaN(parsed) ? null : parsed;
}

/** ISO 8601 as above, `YYYYMMDD`, or US `M/D/YYYY[ H:MM[:SS]]`; null when none fits. */
export function parseDateTime(text: string): number | null {
  const trimmed = text.trim();
  const iso = parseTimestamp(trimmed);
  if (iso !== null) return iso;
  const compact = COMPACT_DAY.exec(trimmed);
  if (compact) return utc(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const us = US_DATE.exec(trimmed);
  if (us) return utc(Number(us[3]), Number(us[1]), Number(us[2]), Number(us[4] ?? 0), Number(us[5] ?? 0), Number(us[6] ?? 0));
  return null;
}
