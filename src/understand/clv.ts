// Lifetime value from the rollups: BG/NBD (purchases) and Gamma-Gamma (spend per purchase)
// fitted on every sampled buyer's RFM-T summary as of now (weeks), then per member expected
// purchases and P(alive) over the horizon and discounted value.
import { MODEL_INPUTS, purchasesAsOf, rfmOf, viewOf, type MemberSnapshot } from '../features/index.js';
import type { DataClass } from '../core/index.js';
import {
  fitBgNbd, fitGammaGamma, predictCustomerValue, repeatBuyers, type BgNbdParams, type CustomerRfm, type GammaGammaParams,
} from '../models/clv/index.js';

export interface ClvModel {
  purchase: BgNbdParams;
  /** Null when there were too few repeat buyers with spend to fit it. */
  spend: GammaGammaParams | null;
  horizonWeeks: number;
  discountRatePerWeek: number;
}

/** A year ahead, discounted at 10% a year (continuous convention of models/clv/value.ts). */
export const CLV_HORIZON_WEEKS = 52;
export const DISCOUNT_RATE_PER_WEEK = 1.1 ** (1 / 52) - 1;
/**
 * L2 penalty of the BG/NBD fit (the `lifetimes` convention, see models/clv/types.ts). Without it,
 * a population with little visible dropout sends a and b to infinity along a ridge of equal
 * likelihood and the optimizer never converges; 0.001 keeps them finite at a negligible cost in
 * log-likelihood (measured in docs/understand.md).
 */
export const BGNBD_PENALIZER = 0.001;
/** Fewer buyers (or repeat buyers, for Gamma-Gamma) than this: the model is not fitted. */
export const MIN_CLV_BUYERS = 20;

export interface ClvTraining {
  model: ClvModel | null;
  metrics: Record<string, number | string | boolean>;
}

/** The member's RFM-T summary now, from what the CLV model may read; null for non-buyers and hidden purchases. */
export function clvInput(member: MemberSnapshot, now: number): CustomerRfm | null {
  const purchases = purchasesAsOf(viewOf(member, MODEL_INPUTS.clv).stats, now);
  return purchases === null ? null : rfmOf(purchases, now);
}

export function trainClv(sample: readonly MemberSnapshot[], now: number): ClvTraining {
  const summaries = sample.map((m) => clvInput(m, now)).filter((s): s is CustomerRfm => s !== null);
  const repeat = repeatBuyers(summaries);
  if (summaries.length < MIN_CLV_BUYERS) return { model: null, metrics: { skipped: `only ${summaries.length} buyers (need ${MIN_CLV_BUYERS})`, buyers: summaries.length } };
  const purchase = fitBgNbd(summaries, { penalizer: BGNBD_PENALIZER });
  const spend = repeat.length >= MIN_CLV_BUYERS ? fitGammaGamma(repeat) : null;
  return {
    model: { purchase: purchase.params, spend: spend?.params ?? null, horizonWeeks: CLV_HORIZON_WEEKS, discountRatePerWeek: DISCOUNT_RATE_PER_WEEK },
    metrics: {
      buyers: summaries.length,
      repeatBuyers: repeat.length,
      bgnbdLogLikelihood: purchase.logLikelihood,
      bgnbdConverged: purchase.converged,
      ...(spend ? { gammaGammaLogLikelihood: spend.logLikelihood, gammaGammaConverged: spend.converged } : {}),
    },
  };
}

export interface ClvScores {
  clv: number | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  basis: DataClass[];
}

export function scoreClv(model: ClvModel | null, member: MemberSnapshot, now: number): ClvScores {
  const rfm = model === null ? null : clvInput(member, now);
  if (model === null || rfm === null) return { clv: null, pAlive: null, expectedPurchases: null, basis: [] };
  const value = predictCustomerValue({ kind: 'bgnbd', params: model.purchase }, model.spend ?? undefined, rfm, {
    horizon: model.horizonWeeks,
    discountRate: model.discountRatePerWeek,
  });
  return { clv: value.clv ?? null, pAlive: value.pAlive, expectedPurchases: value.expectedPurchases, basis: ['purchase'] };
}
