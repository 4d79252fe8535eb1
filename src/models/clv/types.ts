// Vocabulary of the lifetime-value models (Fader, Hardie & Lee's notation in brackets).

/**
 * One customer's purchase history summarised over a calibration period, in one time unit
 * (days, weeks or months — whatever the summary was built with).
 */
export interface CustomerRfm {
  /** Number of repeat purchases: purchase periods after the first one [x]. */
  frequency: number;
  /** Age of the customer at the last purchase, measured from the first purchase [t_x]. */
  recency: number;
  /** Age of the customer at the end of the calibration period [T]. */
  T: number;
  /** Mean spend of the repeat purchases; 0 when there are none [z̄]. */
  monetaryValue?: number;
}

/** A fitted model: parameters plus what the fit achieved. */
export interface ModelFit<P> {
  params: P;
  /** Log-likelihood of the data at `params`, without the penalty. */
  logLikelihood: number;
  /** Number of customers the model was fitted on. */
  n: number;
  /** Whether the optimizer met its tolerances. */
  converged: boolean;
}

export interface FitOptions {
  /**
   * L2 penalty on the parameters (natural scale), added to the mean negative log-likelihood as
   * penalizer·Σθ² — the same convention as the `lifetimes` package, so values carry over.
   * Default 0 (plain maximum likelihood).
   */
  penalizer?: number;
}
