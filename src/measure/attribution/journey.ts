// The input and output vocabulary of attribution: journeys in, credit per channel out.

/**
 * One customer journey, or a group of identical journeys: the ordered channels touched, how
 * many of them converted (and for what value), and how many ended without converting.
 */
export interface Journey {
  channels: string[];
  /** Time of each touch (any unit, same length as `channels`); optional. */
  timestamps?: number[];
  conversions: number;
  value: number;
  /** Journeys along this path that did not convert. */
  nulls: number;
}

/** The share of conversions and value a channel is credited with. */
export interface ChannelCredit {
  conversions: number;
  value: number;
  /** Markov model only: relative drop in conversion probability when the channel is removed. */
  removalEffect?: number;
}

/** Credit per channel name, keyed in alphabetical order. */
export type Attribution = Record<string, ChannelCredit>;

/** Throws on journeys that no model can use (negative counts, mismatched timestamps). */
export function validateJourneys(journeys: readonly Journey[]): void {
  journeys.forEach((journey, i) => {
    for (const key of ['conversions', 'value', 'nulls'] as const) {
      const x = journey[key];
      if (!Number.isFinite(x) || x < 0) throw new RangeError(`journey ${i}: ${key} must be a finite number >= 0, got ${x}`);
    }
    if (journey.timestamps && journey.timestamps.length !== journey.channels.length) {
      throw new RangeError(`journey ${i}: ${journey.timestamps.length} timestamps for ${journey.channels.length} channels`);
    }
  });
}

/** A zero-credit entry for every channel that appears in any journey, in alphabetical order. */
export function emptyAttribution(journeys: readonly Journey[]): Attribution {
  const names = new Set<string>();
  for (const journey of journeys) for (const channel of journey.channels) names.add(channel);
  const result: Attribution = {};
  for (const name of [...names].sort()) result[name] = { conversions: 0, value: 0 };
  return result;
}

/** Merges runs of the same channel ("a > a > b > a" → "a > b > a"). */
export function collapseRepeats(channels: readonly string[]): string[] {
  return channels.filter((channel, i) => i === 0 || channel !== channels[i - 1]);
}
