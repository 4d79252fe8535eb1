// Time-split evaluation and tuning of the blended recommender.
//
// Protocol: the period before the split is the only data any choice may look at. Its last
// `validationDays` are carved out as a validation window: the popularity half-life and the
// blend weights are chosen there (nDCG@k), then every component is refitted on the whole
// training period and scored once on the test period after the split.
import { type AlsOptions, fitAls } from './als.js';
import { type ItemKnnOptions, fitItemKnn } from './item-knn.js';
import { MetricsAccumulator, type RankingMetrics, rankingMetrics } from './metrics.js';
import { fitPopularity } from './popularity.js';
import { type AffinityParams, type BlendWeights, blendScores, componentScores } from './recommend.js';
import { sparseRow } from './sparse.js';
import { type TimeSplit, type TransactionLog, timeSplit } from './time-split.js';
import { topK } from './top-k.js';

export interface AffinityFitOptions {
  als: Partial<AlsOptions>;
  itemKnn: Partial<ItemKnnOptions>;
  halfLifeDays: number;
  weights: BlendWeights;
}

/** Fits every component on a split's training side. */
export function fitAffinity(split: TimeSplit, options: AffinityFitOptions): AffinityParams {
  const items = split.interactions.cols;
  return {
    items,
    als: options.weights.als > 0 ? fitAls(split.interactions, options.als) : null,
    itemKnn: options.weights.itemKnn > 0 ? fitItemKnn(split.interactions, options.itemKnn) : null,
    popularity: fitPopularity(split.popularityEvents, items, { asOf: split.trainEnd, halfLifeDays: options.halfLifeDays }),
    weights: options.weights,
  };
}

export interface MetricsWithMembers extends RankingMetrics {
  members: number;
}

/**
 * Ranking metrics of several blends of the same fitted components, over the split's evaluated
 * members, excluding products each member bought before the cut. Components are scored once
 * per member and re-blended for each weight vector, which makes a weight grid cheap.
 */
export function evaluateBlends(params: AffinityParams, split: TimeSplit, k: number, blends: readonly BlendWeights[]): MetricsWithMembers[] {
  const every: BlendWeights = {
    als: Math.max(...blends.map((b) => b.als)),
    itemKnn: Math.max(...blends.map((b) => b.itemKnn)),
    popularity: Math.max(...blends.map((b) => b.popularity)),
  };
  const accumulators = blends.map(() => new MetricsAccumulator());
  const blended = new Float64Array(params.items);
  const isRelevant = new Uint8Array(params.items);
  for (const user of split.evaluatedUsers) {
    const purchased = sparseRow(split.purchasedBefore, user).cols;
    const components = componentScores(params, { history: sparseRow(split.interactions, user), trainedUser: user, purchased }, every);
    const relevant = sparseRow(split.relevant, user).cols;
    for (const item of relevant) isRelevant[item] = 1;
    blends.forEach((weights, b) => {
      blendScores(components, weights, blended);
      for (const item of purchased) blended[item] = Number.NEGATIVE_INFINITY;
      const ranked = topK(blended, k).filter((item) => blended[item] !== Number.NEGATIVE_INFINITY);
      accumulators[b]!.add(rankingMetrics(ranked, (item) => isRelevant[item] === 1, relevant.length, k));
    });
    for (const item of relevant) isRelevant[item] = 0;
  }
  return accumulators.map((acc) => ({ ...acc.mean(), members: acc.members }));
}

/** Every weight vector on the simplex (weights ≥ 0, summing to 1) with the given step. */
export function weightSimplex(step: number): BlendWeights[] {
  const n = Math.round(1 / step);
  const grid: BlendWeights[] = [];
  for (let a = 0; a <= n; a++) {
    for (let b = 0; a + b <= n; b++) grid.push({ als: a / n, itemKnn: b / n, popularity: (n - a - b) / n });
  }
  return grid;
}

export type AffinityModelName = 'blend' | 'als' | 'itemknn';

export interface TimeSplitOptions {
  /** The cut (ms since epoch): lines before it train, lines from it on test. */
  splitTime: number;
  k: number;
  model: AffinityModelName;
  /** Length of the validation window at the end of the training period. */
  validationDays: number;
  /** Popularity half-lives tried on the validation window. */
  halfLifeCandidates: readonly number[];
  /** Step of the blend-weight grid. */
  weightStep: number;
  als: Partial<AlsOptions>;
  itemKnn: Partial<ItemKnnOptions>;
}

export const DEFAULT_TIME_SPLIT_OPTIONS: Omit<TimeSplitOptions, 'splitTime'> = {
  k: 10,
  model: 'blend',
  validationDays: 62,
  halfLifeCandidates: [3, 7, 14, 30, 60, 120],
  weightStep: 0.1,
  als: {},
  itemKnn: {},
};

export interface Tuning {
  validationStart: number;
  halfLifeDays: number;
  weights: BlendWeights;
  /** The chosen model and popularity on the validation window. */
  validation: { model: MetricsWithMembers; popularity: MetricsWithMembers };
}

export interface TimeSplitEvaluation {
  model: MetricsWithMembers;
  popularity: MetricsWithMembers;
  /** Each personal component alone, fitted and scored like the model. */
  components: { als: MetricsWithMembers; itemKnn: MetricsWithMembers };
  users: number;
  tuning: Tuning;
}

const DAY_MS = 86_400_000;
const POPULARITY_ONLY: BlendWeights = { als: 0, itemKnn: 0, popularity: 1 };
const ALS_ONLY: BlendWeights = { als: 1, itemKnn: 0, popularity: 0 };
const ITEM_KNN_ONLY: BlendWeights = { als: 0, itemKnn: 1, popularity: 0 };
const ALL_COMPONENTS: BlendWeights = { als: 1, itemKnn: 1, popularity: 1 };

/** Tunes on the validation window, refits on the whole training period, scores the test period. */
export function evaluateTimeSplit(log: TransactionLog, options: Partial<TimeSplitOptions> & { splitTime: number }): TimeSplitEvaluation {
  const o: TimeSplitOptions = { ...DEFAULT_TIME_SPLIT_OPTIONS, ...options };
  const tuning = tune(log, o);
  const test = timeSplit(log, o.splitTime);
  const params = fitAffinity(test, { als: o.als, itemKnn: o.itemKnn, halfLifeDays: tuning.halfLifeDays, weights: ALL_COMPONENTS });
  const [model, popularity, als, itemKnn] = evaluateBlends(params, test, o.k, [tuning.weights, POPULARITY_ONLY, ALS_ONLY, ITEM_KNN_ONLY]);
  return { model: model!, popularity: popularity!, components: { als: als!, itemKnn: itemKnn! }, users: test.evaluatedUsers.length, tuning };
}

function tune(log: TransactionLog, o: TimeSplitOptions): Tuning {
  const validationStart = o.splitTime - o.validationDays * DAY_MS;
  const validation = timeSplit(log, validationStart, o.splitTime);
  const fixedWeights: Record<AffinityModelName, BlendWeights | null> = { blend: null, als: ALS_ONLY, itemknn: ITEM_KNN_ONLY };

  // The half-life is chosen for popularity alone: it is the baseline and the cold-start answer.
  let best: { halfLifeDays: number; metrics: MetricsWithMembers } | null = null;
  for (const halfLifeDays of o.halfLifeCandidates) {
    const params = fitAffinity(validation, { als: o.als, itemKnn: o.itemKnn, halfLifeDays, weights: POPULARITY_ONLY });
    const [metrics] = evaluateBlends(params, validation, o.k, [POPULARITY_ONLY]);
    if (!best || metrics!.ndcg > best.metrics.ndcg) best = { halfLifeDays, metrics: metrics! };
  }
  if (!best) throw new RangeError('evaluateTimeSplit: no popularity half-life candidates');

  const grid = fixedWeights[o.model] ? [fixedWeights[o.model]!] : weightSimplex(o.weightStep);
  const fitWeights = fixedWeights[o.model] ?? ALL_COMPONENTS;
  const params = fitAffinity(validation, { als: o.als, itemKnn: o.itemKnn, halfLifeDays: best.halfLifeDays, weights: fitWeights });
  const results = evaluateBlends(params, validation, o.k, grid);
  let chosen = 0;
  results.forEach((metrics, i) => {
    if (metrics.ndcg > results[chosen]!.ndcg) chosen = i;
  });
  return {
    validationStart,
    halfLifeDays: best.halfLifeDays,
    weights: grid[chosen]!,
    validation: { model: results[chosen]!, popularity: best.metrics },
  };
}
