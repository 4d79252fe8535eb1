// Shapley attribution. Channels are players; a coalition S is worth v(S), the conversions (or
// value) of the journeys whose set of channels lies inside S. A channel's credit is its average
// marginal contribution over all orders in which channels could join.
//
// Exact up to `maxExactChannels` channels by enumerating the 2^n coalitions; beyond that, by
// averaging over seeded random orders. In one order, each journey's worth goes to whichever of
// its channels joins last (the one that completes its set), which makes a sample cheap.
import { type Rng, createRng, shuffle } from '../../core/random.js';
import { type Attribution, type Journey, emptyAttribution, validateJourneys } from './journey.js';

export interface ShapleyOptions {
  /** Largest channel count solved exactly (default 15; 2^15 coalitions). */
  maxExactChannels?: number;
  /** Random orders sampled above that (default 2000). */
  samples?: number;
  /** Seed of the sampled orders (default 1). */
  seed?: number;
}

/** Conversions and value of the journeys sharing one set of channels (a bit mask). */
interface ChannelSetWorth {
  mask: number[];
  conversions: number;
  value: number;
}

export function shapleyAttribution(journeys: readonly Journey[], options: ShapleyOptions = {}): Attribution {
  validateJourneys(journeys);
  const result = emptyAttribution(journeys);
  const channels = Object.keys(result);
  const indexOf = new Map(channels.map((name, i) => [name, i]));
  const sets = groupByChannelSet(journeys, indexOf);
  const maxExact = options.maxExactChannels ?? 15;
  const credit =
    channels.length <= maxExact
      ? exactShapley(sets, channels.length)
      : sampledShapley(sets, channels.length, options.samples ?? 2000, createRng(options.seed ?? 1));
  channels.forEach((name, i) => {
    result[name] = { conversions: credit.conversions[i] as number, value: credit.value[i] as number };
  });
  return result;
}

interface CreditVectors {
  conversions: Float64Array;
  value: Float64Array;
}

function groupByChannelSet(journeys: readonly Journey[], indexOf: Map<string, number>): ChannelSetWorth[] {
  const byKey = new Map<string, ChannelSetWorth>();
  for (const journey of journeys) {
    if (journey.channels.length === 0 || (journey.conversions === 0 && journey.value === 0)) continue;
    const mask = [...new Set(journey.channels.map((c) => indexOf.get(c) as number))].sort((a, b) => a - b);
    const key = mask.join(',');
    const entry = byKey.get(key) ?? { mask, conversions: 0, value: 0 };
    entry.conversions += journey.conversions;
    entry.value += journey.value;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/**
 * φ_i = Σ_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)), with v summed over subsets by
 * a zeta transform (v(S) = Σ_{T ⊆ S} worth(T)).
 */
function exactShapley(sets: readonly ChannelSetWorth[], n: number): CreditVectors {
  const size = 1 << n;
  const vConversions = new Float64Array(size);
  const vValue = new Float64Array(size);
  for (const set of sets) {
    const bits = set.mask.reduce((m, i) => m | (1 << i), 0);
    vConversions[bits] = (vConversions[bits] as number) + set.conversions;
    vValue[bits] = (vValue[bits] as number) + set.value;
  }
  for (let bit = 1; bit < size; bit <<= 1) {
    for (let s = 0; s < size; s++) {
      if (s & bit) {
        vConversions[s] = (vConversions[s] as number) + (vConversions[s ^ bit] as number);
        vValue[s] = (vValue[s] as number) + (vValue[s ^ bit] as number);
      }
    }
  }
  // weightBySize[s] = s! (n − s − 1)! / n!  =  1 / (n · C(n − 1, s))
  const weightBySize = Array.from({ length: n }, (_, s) => 1 / (n * binomial(n - 1, s)));
  const conversions = new Float64Array(n);
  const value = new Float64Array(n);
  for (let s = 0; s < size; s++) {
    const w = weightBySize[popCount(s)];
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      if (s & bit) continue;
      conversions[i] = (conversions[i] as number) + (w as number) * ((vConversions[s | bit] as number) - (vConversions[s] as number));
      value[i] = (value[i] as number) + (w as number) * ((vValue[s | bit] as number) - (vValue[s] as number));
    }
  }
  return { conversions, value };
}

function sampledShapley(sets: readonly ChannelSetWorth[], n: number, samples: number, rng: Rng): CreditVectors {
  if (!(Number.isInteger(samples) && samples > 0)) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  const conversions = new Float64Array(n);
  const value = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  const joinedAt = new Int32Array(n);
  for (let sample = 0; sample < samples; sample++) {
    shuffle(rng, order);
    order.forEach((channel, position) => {
      joinedAt[channel] = position;
    });
    for (const set of sets) {
      let last = set.mask[0] as number;
      for (const channel of set.mask) if ((joinedAt[channel] as number) > (joinedAt[last] as number)) last = channel;
      conversions[last] = (conversions[last] as number) + set.conversions / samples;
      value[last] = (value[last] as number) + set.value / samples;
    }
  }
  return { conversions, value };
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

function popCount(x: number): number {
  let count = 0;
  for (let v = x; v !== 0; v &= v - 1) count++;
  return count;
}
