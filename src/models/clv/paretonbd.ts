// Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the likelihood form of Fader & Hardie
// (2005, "A note on deriving the Pareto/NBD model and related expressions").
//
// While alive a customer buys at a Poisson rate λ and drops out at an exponential time with
// rate μ (at any moment, not only after a purchase as in BG/NBD). Across customers
// λ ~ Gamma(r, α) and μ ~ Gamma(s, β).
import { gammaln, logAddExp, logHyp2f1, logSubExp } from '../special/index.js';
import { fitMaximumLikelihood } from './fit-mle.js';
import { groupRfm, type GroupedRfm } from './grouped.js';
import type { CustomerRfm, FitOptions, ModelFit } from './types.js';
import { assertValidRfm } from './validate.js';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export const PARETONBD_PARAM_NAMES = ['r', 'alpha', 's', 'beta'] as const;

/**
 * ln A₀, where A₀/(r+s+x) = ∫ from t_x to T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ is the weight of
 * "dropped out somewhere between the last purchase and T". Closed form with ₂F₁; the
 * arguments are arranged so that z = |α−β|/(max(α,β)+t) lies in [0, 1).
 */
function logA0({ r, alpha, s, beta }: ParetoNbdParams, x: number, recency: number, T: number): number {
  if (recency === T) return -Infinity;
  const sumShape = r + s + x;
  const larger = Math.max(alpha, beta);
  const gap = Math.abs(alpha - beta);
  const secondArg = alpha >= beta ? s + 1 : r + x;
  const fromLast = logHypergeometricTerm(sumShape, secondArg, gap, larger + recency);
  const fromEnd = logHypergeometricTerm(sumShape, secondArg, gap, larger + T);
  // A₀ > 0 whenever t_x < T; equal logs mean the difference is below double precision.
  return fromEnd >= fromLast ? -Infinity : logSubExp(fromLast, fromEnd);
}

/** ln[₂F₁(m, b; m+1; gap/shifted) / shifted^m], one of the two terms of A₀. */
function logHypergeometricTerm(m: number, b: number, gap: number, shifted: number): number {
  return logHyp2f1(m, b, m + 1, gap / shifted) - m * Math.log(shifted);
}

/** Total log-likelihood of the customers under the given parameters. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: readonly CustomerRfm[]): number {
  return groupedLogLikelihood(params, groupRfm(data));
}

function groupedLogLikelihood(params: ParetoNbdParams, g: GroupedRfm): number {
  const { r, alpha, s, beta } = params;
  const base = r * Math.log(alpha) + s * Math.log(beta) - gammaln(r);
  const byLevel = Float64Array.from(g.frequencyLevels, (x) => base + gammaln(r + x));
  let total = 0;
  for (let i = 0; i < g.weight.length; i++) {
    const x = g.frequency[i] as number;
    const T = g.T[i] as number;
    const aliveAtT = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const droppedBeforeT = Math.log(s / (r + s + x)) + logA0(params, x, g.recency[i] as number, T);
    total += (g.weight[i] as number) * ((byLevel[g.level[i] as number] as number) + logAddExp(aliveAtT, droppedBeforeT));
  }
  return total;
}

/** Maximum-likelihood Pareto/NBD parameters (Nelder–Mead on log-parameters, see fit-mle.ts). */
export function fitParetoNbd(data: readonly CustomerRfm[], options: FitOptions = {}): ModelFit<ParetoNbdParams> {
  assertValidRfm(data);
  if (data.length === 0) throw new RangeError('Pareto/NBD needs at least one customer');
  const grouped = groupRfm(data);
  const meanT = data.reduce((sum, c) => sum + c.T, 0) / data.length;
  return fitMaximumLikelihood({
    names: PARETONBD_PARAM_NAMES,
    // α and β are time scales: start them at the mean age so the start suits any time unit.
    start: [1, meanT, 1, meanT],
    logLikelihood: (params) => groupedLogLikelihood(params, grouped),
    n: grouped.n,
    penalizer: options.penalizer ?? 0,
  });
}

/** Probability that the customer is still alive at the end of the calibration period. */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, customer: CustomerRfm): number {
  const { r, alpha, s, beta } = params;
  const x = customer.frequency;
  const logOdds =
    Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + customer.T) + s * Math.log(beta + customer.T) + logA0(params, x, customer.recency, customer.T);
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected number of purchases in the next t time units, given the customer's history:
 *   (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive),
 * with the s → 1 limit (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) · P(alive) handled smoothly.
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, customer: CustomerRfm, t: number): number {
  const { r, alpha, s, beta } = params;
  const x = customer.frequency;
  const logShrink = Math.log((beta + customer.T) / (beta + customer.T + t));
  const e = s - 1;
  // (1 − q^e)/e, which tends to −ln q as e → 0.
  const survivalIntegral = Math.abs(e * logShrink) < 1e-12 ? -logShrink : -Math.expm1(e * logShrink) / e;
  return (((r + x) * (beta + customer.T)) / (alpha + customer.T)) * survivalIntegral * paretoNbdProbabilityAlive(params, customer);
}

/**
 * Expected purchase rate u time units after T for a customer who is alive at T (multiply by
 * P(alive) for the unconditional rate): E[λ e^(−μu)] with λ ~ Gamma(r+x, α+T) and
 * μ ~ Gamma(s, β+T) given survival to T, i.e. (r+x)/(α+T) · ((β+T)/(β+T+u))^s.
 */
export function paretoNbdPurchaseRateIfAlive(params: ParetoNbdParams, customer: CustomerRfm, u: number): number {
  const { r, alpha, s, beta } = params;
  return ((r + customer.frequency) / (alpha + customer.T)) * Math.exp(s * Math.log((beta + customer.T) / (beta + customer.T + u)));
}
