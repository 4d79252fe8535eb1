// Incrementality of a treatment over a control, from each arm's sufficient statistics.
//
// Absolute lift: Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom).
// Relative lift: treatment mean / control mean − 1 with a delta-method variance, tested against
// the same Student t (the convention of common experimentation engines, e.g. GrowthBook).
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Sufficient statistics of a numeric metric (spend, items…) in one arm. */
export interface MeanStats {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Sufficient statistics of a 0/1 metric (visited, converted) in one arm. */
export interface ProportionStats {
  n: number;
  successes: number;
}

/** What the tests need from an arm: its size, its mean and the per-unit variance. */
export interface ArmSummary {
  n: number;
  mean: number;
  variance: number;
}

/** A two-sided interval [lower, upper]. */
export type Interval = [lower: number, upper: number];

export type LiftScale = 'absolute' | 'relative';

export interface LiftResult {
  /** treatment mean − control mean */
  absLift: number;
  absCI: Interval;
  /** Welch p-value of the absolute lift (two-sided). */
  pValue: number;
  /** treatment mean / control mean − 1 (NaN when the control mean is 0). */
  relLift: number;
  relCI: Interval;
  relPValue: number;
  /** Welch–Satterthwaite degrees of freedom used by both intervals. */
  df: number;
}

/** Mean and unbiased sample variance (n − 1 denominator) of a numeric metric. */
export function summarizeMean(stats: MeanStats): ArmSummary {
  requireUnits(stats.n);
  const mean = stats.sum / stats.n;
  const variance = Math.max(0, (stats.sumSquares - stats.sum * mean) / (stats.n - 1));
  return { n: stats.n, mean, variance };
}

/** Share and Bernoulli variance p(1 − p) of a 0/1 metric. */
export function summarizeProportion(stats: ProportionStats): ArmSummary {
  requireUnits(stats.n);
  if (stats.successes < 0 || stats.successes > stats.n) {
    throw new RangeError(`successes must be within [0, n], got ${stats.successes} of ${stats.n}`);
  }
  const mean = stats.successes / stats.n;
  return { n: stats.n, mean, variance: mean * (1 - mean) };
}

/**
 * Variance of the estimated lift. Absolute: sum of the two squared standard errors. Relative
 * (delta method on mean_t / mean_c): var_t / (n_t m_c²) + var_c m_t² / (n_c m_c⁴).
 */
export function liftVariance(control: ArmSummary, treatment: ArmSummary, scale: LiftScale): number {
  const controlSe2 = control.variance / control.n;
  const treatmentSe2 = treatment.variance / treatment.n;
  if (scale === 'absolute') return controlSe2 + treatmentSe2;
  const mc = control.mean;
  const mt = treatment.mean;
  return treatmentSe2 / (mc * mc) + (controlSe2 * mt * mt) / (mc * mc * mc * mc);
}

/** Estimated lift on the given scale. */
export function liftEstimate(control: ArmSummary, treatment: ArmSummary, scale: LiftScale): number {
  return scale === 'absolute' ? treatment.mean - control.mean : treatment.mean / control.mean - 1;
}

/** Welch–Satterthwaite degrees of freedom of the difference of two means. */
export function welchDegreesOfFreedom(control: ArmSummary, treatment: ArmSummary): number {
  const c = control.variance / control.n;
  const t = treatment.variance / treatment.n;
  return ((c + t) * (c + t)) / ((c * c) / (control.n - 1) + (t * t) / (treatment.n - 1));
}

/** Absolute and relative lift of `treatment` over `control` with (1 − alpha) intervals. */
export function compareArms(control: ArmSummary, treatment: ArmSummary, alpha = 0.05): LiftResult {
  requireAlpha(alpha);
  const df = welchDegreesOfFreedom(control, treatment);
  const abs = tTest(liftEstimate(control, treatment, 'absolute'), liftVariance(control, treatment, 'absolute'), df, alpha);
  const rel = tTest(liftEstimate(control, treatment, 'relative'), liftVariance(control, treatment, 'relative'), df, alpha);
  return {
    absLift: abs.estimate,
    absCI: abs.ci,
    pValue: abs.pValue,
    relLift: rel.estimate,
    relCI: rel.ci,
    relPValue: rel.pValue,
    df,
  };
}

interface TTestResult {
  estimate: number;
  ci: Interval;
  pValue: number;
}

function tTest(estimate: number, variance: number, df: number, alpha: number): TTestResult {
  const se = Math.sqrt(variance);
  if (se === 0) {
    // Both arms constant: the difference is known exactly.
    return { estimate, ci: [estimate, estimate], pValue: estimate === 0 ? 1 : 0 };
  }
  const halfWidth = tQuantile(1 - alpha / 2, df) * se;
  // 2·F(−|t|) rather than 2·(1 − F(|t|)): keeps tiny p-values instead of rounding them to 0.
  const pValue = 2 * tCdf(-Math.abs(estimate / se), df);
  return { estimate, ci: [estimate - halfWidth, estimate + halfWidth], pValue };
}

function requireUnits(n: number): void {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`an arm needs at least 2 units, got n = ${n}`);
}

export function requireAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}
