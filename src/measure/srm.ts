// Sample-ratio mismatch: were units assigned to arms in the shares the design intended? A
// mismatch (tiny p-value) means assignment or logging is broken and the lift is not to be trusted.
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

export interface SrmResult {
  /** Units expected in each arm under the intended shares. */
  expected: number[];
  chiSquare: number;
  df: number;
  pValue: number;
  /** True when pValue < threshold. */
  mismatch: boolean;
  threshold: number;
}

/**
 * Pearson chi-square goodness of fit of the observed arm sizes to the intended shares
 * (equal shares when omitted; shares need not sum to 1). The default threshold 0.001 is the
 * usual one for SRM alarms, strict because the check runs on every experiment.
 */
export function sampleRatioMismatch(counts: readonly number[], shares?: readonly number[], threshold = 0.001): SrmResult {
  if (counts.length < 2) throw new RangeError('a sample-ratio check needs at least two arms');
  const weights = shares ?? counts.map(() => 1);
  if (weights.length !== counts.length) {
    throw new RangeError(`got ${counts.length} arms but ${weights.length} expected shares`);
  }
  if (weights.some((w) => !(w > 0))) throw new RangeError('expected shares must be > 0');
  const total = counts.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  let chiSquare = 0;
  counts.forEach((observed, i) => {
    const e = expected[i] as number;
    chiSquare += ((observed - e) * (observed - e)) / e;
  });
  const df = counts.length - 1;
  const pValue = 1 - chisquareCdf(chiSquare, df);
  return { expected, chiSquare, df, pValue, mismatch: pValue < threshold, threshold };
}
