// Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
// iso-value curves for customer base analysis"; Fader & Hardie, "The Gamma-Gamma model of
// monetary value", 2013).
//
// Each transaction's value is Gamma(p, ν) around the customer's own mean; across customers
// ν ~ Gamma(q, γ). A customer's mean repeat spend z̄ over x transactions then has the density
//   Γ(px+q) / (Γ(px) Γ(q)) · γ^q x^(px) z̄^(px−1) / (γ + x z̄)^(px+q).
// Fitted on repeat buyers only (x > 0 and z̄ > 0); the model assumes spend is independent of
// purchase frequency, which is worth checking (correlation of x and z̄) before relying on it.
import { gammaln } from '../special/index.js';
import { fitMaximumLikelihood } from './fit-mle.js';
import type { CustomerRfm, FitOptions, ModelFit } from './types.js';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export const GAMMAGAMMA_PARAM_NAMES = ['p', 'q', 'gamma'] as const;

/** A repeat buyer as the spend model sees them. */
interface SpendObservation {
  frequency: number;
  monetaryValue: number;
}

/** Customers the spend model can learn from: at least one repeat purchase with positive spend. */
export function repeatBuyers<C extends CustomerRfm>(data: readonly C[]): Array<C & SpendObservation> {
  return data.filter((c): c is C & SpendObservation => c.frequency > 0 && (c.monetaryValue ?? 0) > 0);
}

/** Repeat buyers in columns, with the log-gamma terms' dependence on x factored out. */
interface SpendColumns {
  frequency: Float64Array;
  monetaryValue: Float64Array;
  /** Distinct frequencies, and for each buyer the position of theirs in that list. */
  frequencyLevels: Float64Array;
  level: Int32Array;
}

function toColumns(buyers: readonly SpendObservation[]): SpendColumns {
  const frequencyLevels = Float64Array.from(new Set(buyers.map((b) => b.frequency))).sort();
  const levelOf = new Map<number, number>();
  frequencyLevels.forEach((x, i) => levelOf.set(x, i));
  return {
    frequency: Float64Array.from(buyers, (b) => b.frequency),
    monetaryValue: Float64Array.from(buyers, (b) => b.monetaryValue),
    frequencyLevels,
    level: Int32Array.from(buyers, (b) => levelOf.get(b.frequency) as number),
  };
}

/** Total log-likelihood of the repeat buyers' mean spends. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, buyers: readonly SpendObservation[]): number {
  return columnsLogLikelihood(params, toColumns(buyers));
}

function columnsLogLikelihood({ p, q, gamma }: GammaGammaParams, data: SpendColumns): number {
  const constant = q * Math.log(gamma) - gammaln(q);
  // ln Γ(px+q) − ln Γ(px) + px ln x depends on x only: once per distinct frequency.
  const byLevel = data.frequencyLevels.map((x) => gammaln(p * x + q) - gammaln(p * x) + p * x * Math.log(x));
  let total = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i] as number;
    const zbar = data.monetaryValue[i] as number;
    const px = p * x;
    total += constant + (byLevel[data.level[i] as number] as number) + (px - 1) * Math.log(zbar) - (px + q) * Math.log(gamma + x * zbar);
  }
  return total;
}

/** Maximum-likelihood Gamma-Gamma parameters from the repeat buyers in `data`. */
export function fitGammaGamma(data: readonly CustomerRfm[], options: FitOptions = {}): ModelFit<GammaGammaParams> {
  const buyers = repeatBuyers(data);
  if (buyers.length === 0) throw new RangeError('Gamma-Gamma needs at least one repeat buyer with positive spend');
  const columns = toColumns(buyers);
  const meanSpend = buyers.reduce((sum, c) => sum + c.monetaryValue, 0) / buyers.length;
  return fitMaximumLikelihood({
    names: GAMMAGAMMA_PARAM_NAMES,
    // γ is in currency units: starting it at the mean spend makes the start scale-free.
    start: [1, 1, meanSpend],
    logLikelihood: (params) => columnsLogLikelihood(params, columns),
    n: buyers.length,
    penalizer: options.penalizer ?? 0,
  });
}

/**
 * Expected mean spend per transaction, given x repeat purchases with mean z̄:
 *   p(γ + x z̄) / (px + q − 1),
 * a weighted average of the population mean pγ/(q−1) and the customer's own z̄. For a customer
 * without repeat purchases this is the population mean (needs q > 1).
 */
export function gammaGammaExpectedSpend({ p, q, gamma }: GammaGammaParams, customer: CustomerRfm): number {
  const x = customer.frequency;
  const zbar = x > 0 ? (customer.monetaryValue ?? 0) : 0;
  return (p * (gamma + x * zbar)) / (p * x + q - 1);
}
