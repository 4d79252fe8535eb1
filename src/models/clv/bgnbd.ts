// BG/NBD: the beta-geometric / negative binomial distribution model of repeat purchasing
// (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
//
// While alive a customer buys at a Poisson rate λ; after each purchase they drop out with
// probability p. Across customers λ ~ Gamma(r, α) and p ~ Beta(a, b). Time is in the unit of
// the summary the model is fitted on.
import { betaln, gammaln, logAddExp, logHyp2f1 } from '../special/index.js';
import { fitMaximumLikelihood } from './fit-mle.js';
import { groupRfm, type GroupedRfm } from './grouped.js';
import type { CustomerRfm, FitOptions, ModelFit } from './types.js';
import { assertValidRfm } from './validate.js';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export const BGNBD_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;

/** Total log-likelihood of the customers under the given parameters. */
export function bgnbdLogLikelihood(params: BgNbdParams, data: readonly CustomerRfm[]): number {
  return groupedLogLikelihood(params, groupRfm(data));
}

function groupedLogLikelihood({ r, alpha, a, b }: BgNbdParams, g: GroupedRfm): number {
  // Terms that depend on the frequency x only:
  //   ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
  const base = r * Math.log(alpha) - gammaln(r) - betaln(a, b);
  const byLevel = Float64Array.from(g.frequencyLevels, (x) => base + gammaln(r + x) + betaln(a, b + x));
  const logA = Math.log(a);
  let total = 0;
  for (let i = 0; i < g.weight.length; i++) {
    const x = g.frequency[i] as number;
    // Still alive at T, or dropped out right after the last purchase at t_x (needs x > 0).
    const alive = -(r + x) * Math.log(alpha + (g.T[i] as number));
    const droppedOut = x > 0 ? logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + (g.recency[i] as number)) : -Infinity;
    total += (g.weight[i] as number) * ((byLevel[g.level[i] as number] as number) + logAddExp(alive, droppedOut));
  }
  return total;
}

/** Maximum-likelihood BG/NBD parameters (Nelder–Mead on log-parameters, see fit-mle.ts). */
export function fitBgNbd(data: readonly CustomerRfm[], options: FitOptions = {}): ModelFit<BgNbdParams> {
  assertValidRfm(data);
  if (data.length === 0) throw new RangeError('BG/NBD needs at least one customer');
  const grouped = groupRfm(data);
  const meanT = data.reduce((sum, c) => sum + c.T, 0) / data.length;
  return fitMaximumLikelihood({
    names: BGNBD_PARAM_NAMES,
    // α is a time scale: start it at the mean age so the start suits any time unit.
    start: [1, meanT, 1, 1],
    logLikelihood: (params) => groupedLogLikelihood(params, grouped),
    n: grouped.n,
    penalizer: options.penalizer ?? 0,
  });
}

/**
 * ln of the odds that the customer dropped out after the last purchase rather than being alive:
 * a/(b+x−1) · ((α+T)/(α+t_x))^(r+x). Kept in logs because the power can overflow.
 */
function logDropoutOdds({ r, alpha, a, b }: BgNbdParams, c: CustomerRfm): number {
  if (c.frequency === 0) return -Infinity;
  const x = c.frequency;
  return Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + c.T) - Math.log(alpha + c.recency));
}

/** Probability that the customer is still alive at the end of the calibration period. */
export function bgnbdProbabilityAlive(params: BgNbdParams, customer: CustomerRfm): number {
  return 1 / (1 + Math.exp(logDropoutOdds(params, customer)));
}

/**
 * Expected number of purchases in the next t time units, given the customer's history:
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive).
 * Undefined (NaN) at exactly a = 1 and when a + b + x ≤ 1.
 */
export function bgnbdExpectedPurchases(params: BgNbdParams, customer: CustomerRfm, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const x = customer.frequency;
  const horizonEnd = alpha + customer.T + t;
  const logPower = (r + x) * Math.log((alpha + customer.T) / horizonEnd);
  const logF = logHyp2f1(r + x, b + x, a + b + x - 1, t / horizonEnd);
  // 1 − e^(logPower + logF) without losing digits when the product is close to 1.
  const bracket = -Math.expm1(logPower + logF);
  return ((a + b + x - 1) / (a - 1)) * bracket * bgnbdProbabilityAlive(params, customer);
}

/**
 * Expected purchase rate u time units after T for a customer who is alive at T (multiply by
 * P(alive) for the unconditional rate). Given alive, purchases come at rate λ and dropout
 * (rate λp) removes them, so the rate is E[λ e^(−λpu)] over λ ~ Gamma(r+x, α+T),
 * p ~ Beta(a, b+x); after Pfaff's transformation that is
 *   (r+x)/(α+T) · ((α+T)/(α+T+u))^(r+x+1) · ₂F₁(r+x+1, b+x; a+b+x; u/(α+T+u)).
 * Its integral from 0 to t equals bgnbdExpectedPurchases(…, t)/P(alive); value.ts integrates
 * it against a discount factor.
 */
export function bgnbdPurchaseRateIfAlive(params: BgNbdParams, customer: CustomerRfm, u: number): number {
  const { r, alpha, a, b } = params;
  const x = customer.frequency;
  const scale = alpha + customer.T;
  const logF = logHyp2f1(r + x + 1, b + x, a + b + x, u / (scale + u));
  return ((r + x) / scale) * Math.exp((r + x + 1) * Math.log(scale / (scale + u)) + logF);
}

/**
 * Probability of no purchase at all in the next t time units. A customer who is alive at T
 * with rate λ makes none with probability e^(−λt) (dropout only happens at a purchase), and
 * given the history λ ~ Gamma(r+x, α+T), so
 *   P = 1 − P(alive) + P(alive) · ((α+T)/(α+T+t))^(r+x).
 */
export function bgnbdProbabilityNoPurchase(params: BgNbdParams, customer: CustomerRfm, t: number): number {
  const pAlive = bgnbdProbabilityAlive(params, customer);
  const x = customer.frequency;
  const survivesWithoutPurchase = Math.exp((params.r + x) * Math.log((params.alpha + customer.T) / (params.alpha + customer.T + t)));
  return 1 - pAlive + pAlive * survivesWithoutPurchase;
}
