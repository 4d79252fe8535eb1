// Send-time preference: when in the week a member engages, in the member's own time zone.
//
// A member's clicks and orders by hour of the week (168 bins) are few and noisy, so the profile
// is shrunk toward their segment's: with the segment's hour shares q and a prior strength κ,
// the posterior mean share of hour h is (n_h + κ q_h) / (N + κ) — the Dirichlet-multinomial
// posterior. κ is fitted by empirical Bayes: the maximum-likelihood Dirichlet precision with the
// means held fixed (Minka 2000, "Estimating a Dirichlet distribution", fixed point for s).
import digamma from '@stdlib/math-base-special-digamma';

export const HOURS_PER_WEEK = 168;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface HourPrior {
  /** Share of engagement in each local hour of the week (sums to 1, no zeros). */
  readonly shares: Float64Array;
  /** κ: how many observations the prior is worth. */
  readonly concentration: number;
}

/** Used when there is too little data to estimate κ: a day's worth of hours. */
export const DEFAULT_CONCENTRATION = 24;
const MAX_CONCENTRATION = 1e4;
const MIN_CONCENTRATION = 1e-2;

const offsetCache = new Map<string, { hour: number; minutes: number }>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of a time zone from UTC at a moment, in minutes (east positive); 0 for unknown zones. */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  const hour = Math.floor(at / 3_600_000);
  const cached = offsetCache.get(timeZone);
  if (cached !== undefined && cached.hour === hour) return cached.minutes;
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
      });
    } catch {
      return 0;
    }
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day as number, parts.hour as number, parts.minute as number);
  const minutes = Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
  offsetCache.set(timeZone, { hour, minutes });
  return minutes;
}

/**
 * UTC hour-of-week counts (keys "0"…"167", 0 = Monday 00:00 UTC) moved into local hours.
 * Offsets that are not whole hours are rounded to the nearest hour.
 */
export function toLocalHours(utcCounts: Readonly<Record<string, number>>, offsetMinutes: number, out = new Float64Array(HOURS_PER_WEEK)): Float64Array {
  const shift = Math.round(offsetMinutes / 60);
  for (const key in utcCounts) {
    const utc = Number(key);
    if (!(utc >= 0 && utc < HOURS_PER_WEEK)) continue;
    out[(((utc + shift) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK]! += utcCounts[key] as number;
  }
  return out;
}

/** Shares of summed counts, each hour given `pseudoCount` first so that no hour has zero share. */
export function hourShares(total: Float64Array, pseudoCount: number, base?: Float64Array): Float64Array {
  const shares = new Float64Array(HOURS_PER_WEEK);
  let sum = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    shares[h] = total[h]! + pseudoCount * HOURS_PER_WEEK * (base === undefined ? 1 / HOURS_PER_WEEK : base[h]!);
    sum += shares[h]!;
  }
  for (let h = 0; h < HOURS_PER_WEEK; h++) shares[h]! /= sum;
  return shares;
}

/**
 * Maximum-likelihood κ of a Dirichlet-multinomial with known means, by Minka's fixed point
 *   κ ← κ · Σ_i Σ_h q_ih [ψ(n_ih + κ q_ih) − ψ(κ q_ih)] / Σ_i [ψ(N_i + κ) − ψ(κ)].
 * Members with fewer than two observations carry no information about κ and are skipped.
 */
export function fitConcentration(samples: ReadonlyArray<{ counts: Float64Array; shares: Float64Array }>, maxIterations = 200): number {
  const informative = samples.filter((s) => total(s.counts) >= 2);
  if (informative.length < 2) return DEFAULT_CONCENTRATION;
  let kappa = DEFAULT_CONCENTRATION;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let numerator = 0;
    let denominator = 0;
    for (const { counts, shares } of informative) {
      for (let h = 0; h < HOURS_PER_WEEK; h++) {
        const n = counts[h]!;
        if (n > 0) numerator += shares[h]! * (digamma(n + kappa * shares[h]!) - digamma(kappa * shares[h]!));
      }
      denominator += digamma(total(counts) + kappa) - digamma(kappa);
    }
    const next = Math.min(Math.max(kappa * (numerator / denominator), MIN_CONCENTRATION), MAX_CONCENTRATION);
    const converged = Math.abs(next - kappa) <= 1e-6 * kappa;
    kappa = next;
    if (converged || kappa === MAX_CONCENTRATION) break;
  }
  return kappa;
}

/** Posterior mean share of each hour: (n_h + κ q_h) / (N + κ). */
export function smoothedHours(counts: Float64Array, prior: HourPrior): Float64Array {
  const n = total(counts);
  const out = new Float64Array(HOURS_PER_WEEK);
  for (let h = 0; h < HOURS_PER_WEEK; h++) out[h] = (counts[h]! + prior.concentration * prior.shares[h]!) / (n + prior.concentration);
  return out;
}

/** The hour of the week with the highest posterior share (the earliest on ties). */
export function bestHourOfWeek(counts: Float64Array, prior: HourPrior): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  // The denominator N + κ is the same for every hour, so the numerators decide.
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const value = counts[h]! + prior.concentration * prior.shares[h]!;
    if (value > bestValue) {
      bestValue = value;
      best = h;
    }
  }
  return best;
}

export function describeHourOfWeek(hourOfWeek: number): { weekday: (typeof WEEKDAYS)[number]; hour: number } {
  return { weekday: WEEKDAYS[Math.floor(hourOfWeek / 24)] as (typeof WEEKDAYS)[number], hour: hourOfWeek % 24 };
}

function total(counts: Float64Array): number {
  let sum = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) sum += counts[h]!;
  return sum;
}
