// Pure statistics the reports share: running sums of a metric (with a covariate for CUPED),
// the interval of one mean or one proportion, and comparisons of two groups built on the lift
// functions of src/measure — returning null instead of throwing when a group is too small.
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { cupedAdjust, type CovariateStats } from '../cuped.js';
import { compareArms, summarizeMean, summarizeProportion, type ArmSummary, type Interval } from '../lift.js';
import { sequentialInterval } from '../sequential.js';

export type MetricKind = 'proportion' | 'mean';

/** Running sums of a metric Y, and of a pre-period covariate X, over the members of a group. */
export class Sums implements CovariateStats {
  n = 0;
  sumY = 0;
  sumY2 = 0;
  sumX = 0;
  sumX2 = 0;
  sumXY = 0;

  add(y: number, x = 0): void {
    this.n += 1;
    this.sumY += y;
    this.sumY2 += y * y;
    this.sumX += x;
    this.sumX2 += x * x;
    this.sumXY += x * y;
  }

  mean(): number | null {
    return this.n === 0 ? null : this.sumY / this.n;
  }
}

/** The arm summary lift tests take: Bernoulli variance for proportions, sample variance for means. */
export function armSummaryOf(kind: MetricKind, sums: Sums): ArmSummary {
  return kind === 'proportion'
    ? summarizeProportion({ n: sums.n, successes: sums.sumY })
    : summarizeMean({ n: sums.n, sum: sums.sumY, sumSquares: sums.sumY2 });
}

/** A value with its (1 − alpha) interval; null when there is nothing to estimate from. */
export interface Estimate {
  n: number;
  value: number | null;
  ci: Interval | null;
}

/** Mean with a Student t interval (n − 1 degrees of freedom). */
export function meanEstimate(sums: Pick<Sums, 'n' | 'sumY' | 'sumY2'>, alpha = 0.05): Estimate {
  if (sums.n === 0) return { n: 0, value: null, ci: null };
  const mean = sums.sumY / sums.n;
  if (sums.n < 2) return { n: sums.n, value: mean, ci: null };
  const { variance } = summarizeMean({ n: sums.n, sum: sums.sumY, sumSquares: sums.sumY2 });
  const half = tQuantile(1 - alpha / 2, sums.n - 1) * Math.sqrt(variance / sums.n);
  return { n: sums.n, value: mean, ci: [mean - half, mean + half] };
}

/** Share of successes with a Wilson score interval (sound for rare events and small groups). */
export function proportionEstimate(n: number, successes: number, alpha = 0.05): Estimate {
  if (n === 0) return { n: 0, value: null, ci: null };
  const p = successes / n;
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { n, value: p, ci: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

export function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function finiteInterval(ci: Interval): Interval | null {
  return Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ci : null;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export interface Lift {
  absLift: number | null;
  absCI: Interval | null;
  pValue: number | null;
  /** Relative lift; null when the control mean is 0. */
  relLift: number | null;
  relCI: Interval | null;
  relPValue: number | null;
}

/** Welch (absolute) and delta-method (relative) lift of `treatment` over `control`; null below 2 units an arm. */
export function liftOf(control: ArmSummary, treatment: ArmSummary, alpha = 0.05): Lift | null {
  if (control.n < 2 || treatment.n < 2) return null;
  const r = compareArms(control, treatment, alpha);
  const relative = control.mean !== 0;
  return {
    absLift: finite(r.absLift),
    absCI: finiteInterval(r.absCI),
    pValue: finite(r.pValue),
    relLift: relative ? finite(r.relLift) : null,
    relCI: relative ? finiteInterval(r.relCI) : null,
    relPValue: relative ? finite(r.relPValue) : null,
  };
}

export interface AnytimeValid {
  /** Total units the mixture boundary is tuned for. */
  tuningN: number;
  absCI: Interval | null;
  relCI: Interval | null;
}

/** Anytime-valid intervals of the lift on both scales. */
export function anytimeValid(control: ArmSummary, treatment: ArmSummary, tuningN: number, alpha = 0.05): AnytimeValid | null {
  if (control.n < 2 || treatment.n < 2) return null;
  const abs = sequentialInterval(control, treatment, { alpha, tuningN, scale: 'absolute' });
  const rel = control.mean !== 0 ? sequentialInterval(control, treatment, { alpha, tuningN, scale: 'relative' }) : null;
  return { tuningN, absCI: finiteInterval(abs.ci), relCI: rel === null ? null : finiteInterval(rel.ci) };
}

export interface CupedLift extends Lift {
  theta: number;
  varianceReduction: number;
  /** Adjusted means, control then treatment. */
  adjustedMeans: [number, number];
}

/** Lift after CUPED adjustment by the covariate X summed alongside Y. */
export function cupedLift(control: Sums, treatment: Sums, alpha = 0.05): CupedLift | null {
  if (control.n < 2 || treatment.n < 2) return null;
  const adjusted = cupedAdjust([control, treatment]);
  const [c, t] = adjusted.arms as [ArmSummary, ArmSummary];
  const lift = liftOf(c, t, alpha);
  if (lift === null) return null;
  return { ...lift, theta: adjusted.theta, varianceReduction: adjusted.varianceReduction, adjustedMeans: [c.mean, t.mean] };
}

/**
 * Net promoter score of 0–10 answers: % promoters (9–10) − % detractors (0–6), with a normal
 * interval from the multinomial variance (p + d − (p − d)²) / n.
 */
export function netPromoterScore(scores: readonly number[], alpha = 0.05): Estimate {
  const n = scores.length;
  if (n === 0) return { n, value: null, ci: null };
  const p = scores.filter((s) => s >= 9).length / n;
  const d = scores.filter((s) => s <= 6).length / n;
  const value = 100 * (p - d);
  const half = 100 * normalQuantile(1 - alpha / 2, 0, 1) * Math.sqrt((p + d - (p - d) * (p - d)) / n);
  return { n, value, ci: n < 2 ? null : [Math.max(-100, value - half), Math.min(100, value + half)] };
}
