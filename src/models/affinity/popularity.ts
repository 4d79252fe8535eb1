// "Popular right now": purchases counted with an exponential recency weight, so last week's
// best sellers outrank last year's. It needs no history of the member, which makes it the
// answer for cold starts and the baseline every personal model has to beat.

export interface PopularityOptions {
  /** Time the scores are computed for (ms since epoch); later events are ignored. */
  asOf: number;
  /** A purchase this many days before asOf counts half as much as one at asOf. */
  halfLifeDays: number;
}

export interface PopularityEvents {
  readonly item: ArrayLike<number>;
  /** Event time, ms since epoch. */
  readonly time: ArrayLike<number>;
  /** Weight of the event (1 for a purchase line; callers may add weaker signals below 1). */
  readonly weight: ArrayLike<number>;
}

export interface PopularityParams {
  readonly asOf: number;
  readonly halfLifeDays: number;
  /** Recency-weighted purchase count of each product. */
  readonly scores: Float64Array;
}

const DAY_MS = 86_400_000;

export function fitPopularity(events: PopularityEvents, items: number, options: PopularityOptions): PopularityParams {
  const scores = new Float64Array(items);
  const decayPerMs = Math.LN2 / (options.halfLifeDays * DAY_MS);
  for (let k = 0; k < events.item.length; k++) {
    const age = options.asOf - (events.time[k] as number);
    if (age < 0) continue;
    scores[events.item[k] as number]! += (events.weight[k] as number) * Math.exp(-decayPerMs * age);
  }
  return { asOf: options.asOf, halfLifeDays: options.halfLifeDays, scores };
}
