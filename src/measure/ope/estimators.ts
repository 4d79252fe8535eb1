// Off-policy estimators of a target policy's value from logged bandit feedback, each row i with
// reward r_i, importance weight w_i = π(a_i | x_i) / p_i, reward-model prediction q̂_i of the
// logged action and direct term d_i = Σ_a π(a | x_i) q̂(a):
//   IPS    (1/n) Σ w_i r_i                         unbiased, high variance
//   SNIPS  Σ w_i r_i / Σ w_i                       slightly biased, far steadier
//   DR     (1/n) Σ [ d_i + w_i (r_i − q̂_i) ]      unbiased when the propensities are right,
//                                                   low variance when the reward model is good
// Confidence intervals are percentile bootstraps over rows (the reward model is held fixed).
import type { Rng } from '../../core/random.js';
import type { Interval } from '../lift.js';

export interface EstimatorInputs {
  rewards: readonly number[];
  /** π(a_i | x_i) / p_i per row. */
  weights: readonly number[];
  /** q̂ of the logged action per row. */
  predictedRewards: readonly number[];
  /** Σ_a π(a | x_i) q̂(a) per row; null when unknown (no DR estimate). */
  directValue: readonly number[] | null;
}

export interface PolicyEstimate {
  value: number;
  ci: Interval;
}

export interface OffPolicyEstimates {
  n: number;
  ips: PolicyEstimate;
  snips: PolicyEstimate;
  dr: PolicyEstimate | null;
  /** (Σ w)² / Σ w²: how many on-policy rows the weighted logs are worth. */
  effectiveSampleSize: number;
  maxWeight: number;
}

export interface BootstrapOptions {
  /** Bootstrap resamples (e.g. 1000). */
  replicates: number;
  rng: Rng;
  /** 1 − coverage of the intervals (default 0.05). */
  alpha?: number;
}

/** Running sums from which the three estimates follow. */
interface EstimatorSums {
  weightedReward: number;
  weight: number;
  doublyRobust: number;
}

export function estimatePolicyValue(inputs: EstimatorInputs, options: BootstrapOptions): OffPolicyEstimates {
  const n = inputs.rewards.length;
  if (n === 0) throw new RangeError('off-policy evaluation needs at least one logged row');
  if (inputs.weights.length !== n || inputs.predictedRewards.length !== n || (inputs.directValue && inputs.directValue.length !== n)) {
    throw new RangeError('estimator inputs must all have one entry per logged row');
  }
  if (!(Number.isInteger(options.replicates) && options.replicates > 0)) {
    throw new RangeError(`bootstrap replicates must be a positive integer, got ${options.replicates}`);
  }
  const alpha = options.alpha ?? 0.05;
  const terms = rowTerms(inputs);
  const point = sumRows(terms, (k) => k);
  const replicates = { ips: new Float64Array(options.replicates), snips: new Float64Array(options.replicates), dr: new Float64Array(options.replicates) };
  const rng = options.rng;
  for (let b = 0; b < options.replicates; b++) {
    const sums = sumRows(terms, () => Math.floor(rng.next() * n));
    replicates.ips[b] = sums.weightedReward / n;
    replicates.snips[b] = snips(sums);
    replicates.dr[b] = sums.doublyRobust / n;
  }

  let weightSquares = 0;
  let maxWeight = 0;
  for (const w of terms.weight) {
    weightSquares += w * w;
    maxWeight = Math.max(maxWeight, w);
  }
  return {
    n,
    ips: { value: point.weightedReward / n, ci: percentileInterval(replicates.ips, alpha) },
    snips: { value: snips(point), ci: percentileInterval(replicates.snips, alpha) },
    dr: inputs.directValue ? { value: point.doublyRobust / n, ci: percentileInterval(replicates.dr, alpha) } : null,
    effectiveSampleSize: weightSquares > 0 ? (point.weight * point.weight) / weightSquares : 0,
    maxWeight,
  };
}

/** Each row's contribution to the three sums (DR terms are 0 when DR is unavailable). */
interface RowTerms {
  weightedReward: Float64Array;
  weight: Float64Array;
  doublyRobust: Float64Array;
}

function rowTerms(inputs: EstimatorInputs): RowTerms {
  const n = inputs.rewards.length;
  const terms: RowTerms = { weightedReward: new Float64Array(n), weight: new Float64Array(n), doublyRobust: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const w = inputs.weights[i] as number;
    const r = inputs.rewards[i] as number;
    terms.weight[i] = w;
    terms.weightedReward[i] = w * r;
    if (inputs.directValue) terms.doublyRobust[i] = (inputs.directValue[i] as number) + w * (r - (inputs.predictedRewards[i] as number));
  }
  return terms;
}

/** Sums over n rows, the k-th being row `pick(k)` (k itself for the point estimate, random for a resample). */
function sumRows(terms: RowTerms, pick: (k: number) => number): EstimatorSums {
  const n = terms.weight.length;
  let weightedReward = 0;
  let weight = 0;
  let doublyRobust = 0;
  for (let k = 0; k < n; k++) {
    const i = pick(k);
    weightedReward += terms.weightedReward[i] as number;
    weight += terms.weight[i] as number;
    doublyRobust += terms.doublyRobust[i] as number;
  }
  return { weightedReward, weight, doublyRobust };
}

function snips(sums: EstimatorSums): number {
  return sums.weight > 0 ? sums.weightedReward / sums.weight : 0;
}

/** Equal-tailed percentile interval of bootstrap replicates (linear interpolation between order statistics). */
export function percentileInterval(replicates: Float64Array, alpha: number): Interval {
  const sorted = Float64Array.from(replicates).sort();
  return [quantileOfSorted(sorted, alpha / 2), quantileOfSorted(sorted, 1 - alpha / 2)];
}

function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const fraction = position - lower;
  return (sorted[lower] as number) * (1 - fraction) + (sorted[upper] as number) * fraction;
}
