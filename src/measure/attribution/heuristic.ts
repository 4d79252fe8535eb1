// Rule-based attribution: each converting journey hands its conversions and value to its touches
// by fixed weights. Every touch counts, repeated ones included (a > a > b gives `a` two touches).
import { type Attribution, type Journey, emptyAttribution, validateJourneys } from './journey.js';

export type HeuristicModel = 'first' | 'last' | 'linear' | 'time-decay' | 'position';

export interface HeuristicOptions {
  /**
   * Time-decay half-life: a touch this far before the last touch gets half its weight. In the
   * unit of the timestamps when a journey has them, otherwise in touches (default 1).
   */
  halfLife?: number;
}

/** Weights (summing to 1) that a model gives to the touches of a non-empty journey. */
export function touchWeights(model: HeuristicModel, journey: Journey, options: HeuristicOptions = {}): number[] {
  const k = journey.channels.length;
  switch (model) {
    case 'first':
      return journey.channels.map((_, i) => (i === 0 ? 1 : 0));
    case 'last':
      return journey.channels.map((_, i) => (i === k - 1 ? 1 : 0));
    case 'linear':
      return journey.channels.map(() => 1 / k);
    case 'time-decay':
      return timeDecayWeights(journey, options.halfLife ?? 1);
    case 'position':
      return positionWeights(k);
  }
}

/** Credit of a rule-based model: Σ over converting journeys of conversions (value) × weight. */
export function heuristicAttribution(
  journeys: readonly Journey[],
  model: HeuristicModel,
  options: HeuristicOptions = {},
): Attribution {
  validateJourneys(journeys);
  const result = emptyAttribution(journeys);
  for (const journey of journeys) {
    if (journey.channels.length === 0 || (journey.conversions === 0 && journey.value === 0)) continue;
    const weights = touchWeights(model, journey, options);
    journey.channels.forEach((channel, i) => {
      const credit = result[channel]!;
      const w = weights[i] as number;
      credit.conversions += journey.conversions * w;
      credit.value += journey.value * w;
    });
  }
  return result;
}

/** Weight ∝ 2^(−age / halfLife), age measured back from the last touch. */
function timeDecayWeights(journey: Journey, halfLife: number): number[] {
  if (!(halfLife > 0)) throw new RangeError(`half-life must be > 0, got ${halfLife}`);
  const k = journey.channels.length;
  const times = journey.timestamps;
  const ages = journey.channels.map((_, i) => (times ? (times[k - 1] as number) - (times[i] as number) : k - 1 - i));
  const raw = ages.map((age) => Math.pow(2, -age / halfLife));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/**
 * U-shaped 40/20/40: 40% to the first and the last touch, 20% shared by the touches between.
 * A single touch takes everything; two touches split 50/50 (no middle to give 20% to).
 */
function positionWeights(k: number): number[] {
  if (k === 1) return [1];
  if (k === 2) return [0.5, 0.5];
  return Array.from({ length: k }, (_, i) => (i === 0 || i === k - 1 ? 0.4 : 0.2 / (k - 2)));
}
