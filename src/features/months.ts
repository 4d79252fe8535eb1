// Calendar months (UTC) as integers, for reading the rollups' monthly tallies (keys `YYYY-MM`).

/** Months since year 0: 2026-06 → 2026·12 + 5. */
export function monthIndex(t: number): number {
  const date = new Date(t);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

const parsedKeys = new Map<string, number>();

/** `YYYY-MM` → month index; memoised, since scoring reads the same few dozen keys for every member. */
export function monthIndexOfKey(key: string): number {
  let index = parsedKeys.get(key);
  if (index === undefined) {
    index = Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
    if (parsedKeys.size < 10_000) parsedKeys.set(key, index);
  }
  return index;
}

/** First instant of a month. */
export function monthStart(index: number): number {
  return Date.UTC(Math.floor(index / 12), index % 12, 1);
}

/** Sum of a monthly tally over the months [from, to] (inclusive month indices). */
export function sumMonths(tally: Readonly<Record<string, number>> | undefined, from: number, to: number): number {
  if (tally === undefined) return 0;
  let sum = 0;
  for (const key in tally) {
    const m = monthIndexOfKey(key);
    if (m >= from && m <= to) sum += tally[key] as number;
  }
  return sum;
}

/** Number of months in [from, to] with a positive tally. */
export function activeMonths(tally: Readonly<Record<string, number>> | undefined, from: number, to: number): number {
  if (tally === undefined) return 0;
  let count = 0;
  for (const key in tally) {
    const m = monthIndexOfKey(key);
    if (m >= from && m <= to && (tally[key] as number) > 0) count++;
  }
  return count;
}
