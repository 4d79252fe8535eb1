// Quality measures for probability scores against binary outcomes (1 = the event happened).

/**
 * Area under the ROC curve, computed from ranks (the Mann–Whitney U statistic): the
 * probability that a random positive scores higher than a random negative, ties counting ½.
 * Tied scores get their average rank. NaN when either class is absent.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError('scores and labels must have the same length');
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (scores[i] as number) - (scores[j] as number));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end] as number] === scores[order[start] as number]) end++;
    const averageRank = (start + 1 + end) / 2; // ranks start..end−1, 1-based
    for (let k = start; k < end; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between predicted probabilities and outcomes (lower is better). */
export function brierScore(probabilities: readonly number[], labels: readonly number[]): number {
  if (labels.length !== probabilities.length) throw new RangeError('probabilities and labels must have the same length');
  let sum = 0;
  probabilities.forEach((p, i) => (sum += (p - (labels[i] as number)) ** 2));
  return sum / probabilities.length;
}

export interface ReliabilityBin {
  /** Predicted probabilities in [lower, upper) — the last bin includes 1. */
  lower: number;
  upper: number;
  n: number;
  /** Mean prediction and observed event rate in the bin; null when the bin is empty. */
  meanPredicted: number | null;
  observedRate: number | null;
}

/** Calibration table over equal-width probability bins. */
export function reliabilityTable(probabilities: readonly number[], labels: readonly number[], bins = 10): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  probabilities.forEach((p, i) => {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[bin] = (count[bin] as number) + 1;
    predicted[bin] = (predicted[bin] as number) + p;
    observed[bin] = (observed[bin] as number) + (labels[i] as number);
  });
  return count.map((n, bin) => ({
    lower: bin / bins,
    upper: (bin + 1) / bins,
    n,
    meanPredicted: n > 0 ? (predicted[bin] as number) / n : null,
    observedRate: n > 0 ? (observed[bin] as number) / n : null,
  }));
}
