// Anytime-valid intervals for lift: an asymptotic confidence sequence (Waudby-Smith, Arbour,
// Sinha, Kennedy & Ramdas 2023) with a normal-mixture boundary. Unlike a fixed-horizon interval
// it may be looked at after every new unit without inflating the error rate, at the price of
// being wider. The mixture is tuned so that the boundary is tightest at N* total units.
import {
  type ArmSummary,
  type Interval,
  type LiftScale,
  liftEstimate,
  liftVariance,
  requireAlpha,
} from './lift.js';

export interface SequentialOptions {
  /** Error rate of the whole sequence (default 0.05). */
  alpha?: number;
  /** Total sample size (both arms) at which the interval should be tightest (default 5000). */
  tuningN?: number;
  /** Lift scale (default relative). */
  scale?: LiftScale;
}

export interface SequentialResult {
  lift: number;
  ci: Interval;
  /** Total units N = n_control + n_treatment the interval was computed at. */
  n: number;
}

/**
 * Mixture parameter ρ² that minimises the boundary width at `tuningN` units (the closed-form
 * approximation of Waudby-Smith et al.: (−2 ln α + ln(1 − 2 ln α)) / N*).
 */
export function mixtureRhoSquared(tuningN: number, alpha: number): number {
  const minusTwoLogAlpha = -2 * Math.log(alpha);
  return (minusTwoLogAlpha + Math.log(minusTwoLogAlpha + 1)) / tuningN;
}

/**
 * Half-width multiplier of the unit-variance boundary at t units:
 * sqrt( 2 (t ρ² + 1) / (t² ρ²) · ln( sqrt(t ρ² + 1) / α ) ).
 */
export function boundaryMargin(t: number, rhoSquared: number, alpha: number): number {
  const tr = t * rhoSquared;
  return Math.sqrt(((2 * (tr + 1)) / (t * t * rhoSquared)) * Math.log(Math.sqrt(tr + 1) / alpha));
}

/** Anytime-valid interval for the lift of `treatment` over `control`. */
export function sequentialInterval(
  control: ArmSummary,
  treatment: ArmSummary,
  options: SequentialOptions = {},
): SequentialResult {
  const alpha = options.alpha ?? 0.05;
  const tuningN = options.tuningN ?? 5000;
  const scale = options.scale ?? 'relative';
  requireAlpha(alpha);
  if (!(tuningN > 0)) throw new RangeError(`tuningN must be > 0, got ${tuningN}`);
  const n = control.n + treatment.n;
  const lift = liftEstimate(control, treatment, scale);
  // The boundary is for a mean of n unit-variance terms; scale it by the per-unit spread of the
  // lift estimate, sqrt(n · var(lift)).
  const perUnitSd = Math.sqrt(n * liftVariance(control, treatment, scale));
  const halfWidth = perUnitSd * boundaryMargin(n, mixtureRhoSquared(tuningN, alpha), alpha);
  return { lift, ci: [lift - halfWidth, lift + halfWidth], n };
}
