// Customer lifetime value: purchase models (BG/NBD, Pareto/NBD), the Gamma-Gamma spend model,
// the transaction summary they are fitted on, and discounted value over a horizon.
export type { CustomerRfm, FitOptions, ModelFit } from './types.js';
export { assertValidRfm } from './validate.js';
export {
  BGNBD_PARAM_NAMES,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdProbabilityAlive,
  bgnbdProbabilityNoPurchase,
  bgnbdPurchaseRateIfAlive,
  fitBgNbd,
  type BgNbdParams,
} from './bgnbd.js';
export {
  PARETONBD_PARAM_NAMES,
  fitParetoNbd,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdPurchaseRateIfAlive,
  type ParetoNbdParams,
} from './paretonbd.js';
export {
  GAMMAGAMMA_PARAM_NAMES,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  repeatBuyers,
  type GammaGammaParams,
} from './gammagamma.js';
export {
  DAYS_PER_UNIT,
  purchaseHistories,
  summarizeHistory,
  summarizePurchases,
  type CustomerSummary,
  type Purchase,
  type PurchaseHistory,
  type TimeUnit,
} from './summary.js';
export {
  discountedExpectedPurchases,
  expectedPurchasesBy,
  predictCustomerValue,
  probabilityAlive,
  type CustomerValue,
  type PurchaseModel,
  type ValueOptions,
} from './value.js';
