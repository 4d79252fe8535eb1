// CUPED (Deng, Xu, Kohavi & Walker 2013): subtract from each unit's metric Y the part explained
// by a pre-period covariate X (e.g. spend before the experiment), Y − θ(X − mean X). Random
// assignment makes X independent of the arm, so the lift is unchanged in expectation while the
// variance shrinks by the factor 1 − corr(X, Y)².
import type { ArmSummary } from './lift.js';

/** Sufficient statistics of a metric Y and its pre-period covariate X in one arm. */
export interface CovariateStats {
  n: number;
  sumY: number;
  sumY2: number;
  sumX: number;
  sumX2: number;
  sumXY: number;
}

export interface CupedResult {
  /** θ = cov(X, Y) / var(X) over all arms pooled. */
  theta: number;
  /** Adjusted arms, in input order: adjusted mean and the variance of Y − θX. */
  arms: ArmSummary[];
  /** 1 − (adjusted variance / raw variance), pooled over arms: the share of variance removed. */
  varianceReduction: number;
}

/** CUPED-adjusted arm summaries, ready for `compareArms` or `sequentialInterval`. */
export function cupedAdjust(arms: readonly CovariateStats[]): CupedResult {
  if (arms.length === 0) throw new RangeError('CUPED needs at least one arm');
  const pooled = arms.reduce<CovariateStats>(
    (acc, a) => ({
      n: acc.n + a.n,
      sumY: acc.sumY + a.sumY,
      sumY2: acc.sumY2 + a.sumY2,
      sumX: acc.sumX + a.sumX,
      sumX2: acc.sumX2 + a.sumX2,
      sumXY: acc.sumXY + a.sumXY,
    }),
    { n: 0, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 },
  );
  const pooledVarX = sampleCovariance(pooled.n, pooled.sumX, pooled.sumX, pooled.sumX2);
  // A constant covariate explains nothing: θ = 0 leaves the metric as it is.
  const theta = pooledVarX > 0 ? sampleCovariance(pooled.n, pooled.sumX, pooled.sumY, pooled.sumXY) / pooledVarX : 0;
  const grandMeanX = pooled.sumX / pooled.n;

  let rawVarianceSum = 0;
  let adjustedVarianceSum = 0;
  const adjusted = arms.map((a): ArmSummary => {
    if (a.n < 2) throw new RangeError(`an arm needs at least 2 units, got n = ${a.n}`);
    const varY = sampleCovariance(a.n, a.sumY, a.sumY, a.sumY2);
    const varX = sampleCovariance(a.n, a.sumX, a.sumX, a.sumX2);
    const covXY = sampleCovariance(a.n, a.sumX, a.sumY, a.sumXY);
    const variance = Math.max(0, varY - 2 * theta * covXY + theta * theta * varX);
    rawVarianceSum += varY;
    adjustedVarianceSum += variance;
    const mean = a.sumY / a.n - theta * (a.sumX / a.n - grandMeanX);
    return { n: a.n, mean, variance };
  });
  const varianceReduction = rawVarianceSum > 0 ? 1 - adjustedVarianceSum / rawVarianceSum : 0;
  return { theta, arms: adjusted, varianceReduction };
}

/** Unbiased sample covariance from sums: (Σuv − Σu Σv / n) / (n − 1). */
function sampleCovariance(n: number, sumU: number, sumV: number, sumUV: number): number {
  return (sumUV - (sumU * sumV) / n) / (n - 1);
}
