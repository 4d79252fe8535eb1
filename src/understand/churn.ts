// Churn risk from the rollups: P(no order in the next three months).
//
// Time split from what the rollups keep. The monthly order tallies give a cutoff C at the start
// of the month three complete months before the current one; features are computed as of C
// (purchasesAsOf subtracts the tallies from C on; monthly windows end before C) and the label is
// "no order in the three complete months from C". BG/NBD for the features is refitted on the
// summaries as of C, so nothing after the cutoff leaks in. Scoring uses the same features as of
// now with the lifetime-value model fitted now. Quality is measured on a seeded fifth of the
// members held out from fitting; the classifier is then refitted on everyone.
import { hashString } from '../core/index.js';
import {
  CHURN_FEATURES, MODEL_INPUTS, WEEK_MS, churnFeatures, monthIndex, monthStart, noOrderIn, purchasesAsOf, rfmOf, viewOf,
  type MemberSnapshot,
} from '../features/index.js';
import type { DataClass } from '../core/index.js';
import { brierScore, fitLogistic, predictLogistic, rocAuc, type LogisticModel } from '../models/churn/index.js';
import { fitBgNbd } from '../models/clv/index.js';
import { BGNBD_PENALIZER, type ClvModel } from './clv.js';

export const CHURN_WINDOW_MONTHS = 3;
/** The window in weeks when scoring (three average months). */
export const CHURN_WINDOW_WEEKS = (CHURN_WINDOW_MONTHS * 365.25) / 12 / 7;
export const MIN_CHURN_EXAMPLES = 30;
const HOLDOUT_SHARE = 5; // one in five

export interface ChurnModel {
  classifier: LogisticModel;
  windowWeeks: number;
}

export interface ChurnTraining {
  model: ChurnModel | null;
  /** The split: features as of `cutoff`, labels from [cutoff, labelEnd). */
  window: { cutoff: number; labelEnd: number };
  metrics: Record<string, number | string>;
}

export function trainChurn(sample: readonly MemberSnapshot[], now: number, seed: number | string): ChurnTraining {
  const lastComplete = monthIndex(now) - 1;
  const cutoffMonth = lastComplete - CHURN_WINDOW_MONTHS + 1;
  const cutoff = monthStart(cutoffMonth);
  const labelEnd = monthStart(lastComplete + 1);
  const window = { cutoff, labelEnd };
  const windowWeeks = (labelEnd - cutoff) / WEEK_MS;
  const views = sample.map((m) => viewOf(m, MODEL_INPUTS.churn));
  const atCutoff = views.map((v) => purchasesAsOf(v.stats, cutoff)).filter((p) => p !== null).map((p) => rfmOf(p, cutoff));
  if (atCutoff.length < MIN_CHURN_EXAMPLES) {
    return { model: null, window, metrics: { skipped: `only ${atCutoff.length} buyers before the cutoff (need ${MIN_CHURN_EXAMPLES})` } };
  }
  const purchaseModel = fitBgNbd(atCutoff, { penalizer: BGNBD_PENALIZER }).params;
  const rows: number[][] = [];
  const labels: number[] = [];
  const holdout: boolean[] = [];
  views.forEach((view) => {
    const row = churnFeatures(view, cutoff, windowWeeks, purchaseModel);
    if (row === null) return;
    rows.push(row);
    labels.push(noOrderIn(view, cutoffMonth, lastComplete));
    holdout.push(hashString(`${seed}:${view.profileId}`) % HOLDOUT_SHARE === 0);
  });
  const churnRate = labels.reduce((a, b) => a + b, 0) / labels.length;
  if (churnRate === 0 || churnRate === 1) {
    return { model: null, window, metrics: { skipped: 'every member had the same outcome in the label window', examples: rows.length } };
  }
  const names = [...CHURN_FEATURES];
  const pick = <T>(items: T[], held: boolean) => items.filter((_, i) => holdout[i] === held);
  const heldLabels = pick(labels, true);
  const evaluation = fitLogistic(names, pick(rows, false), pick(labels, false));
  const heldScores = pick(rows, true).map((row) => predictLogistic(evaluation, row));
  const classifier = fitLogistic(names, rows, labels);
  return {
    model: { classifier, windowWeeks: CHURN_WINDOW_WEEKS },
    window,
    metrics: {
      examples: rows.length,
      churnRate,
      holdout: heldLabels.length,
      holdoutAuc: rocAuc(heldScores, heldLabels),
      holdoutBrier: heldLabels.length > 0 ? brierScore(heldScores, heldLabels) : Number.NaN,
      // Baseline: days since the last order alone (the first feature).
      holdoutRecencyAuc: rocAuc(pick(rows, true).map((row) => row[0] as number), heldLabels),
    },
  };
}

export interface ChurnScore {
  churnRisk: number | null;
  basis: DataClass[];
}

export function scoreChurn(model: ChurnModel | null, clv: ClvModel | null, member: MemberSnapshot, now: number): ChurnScore {
  if (model === null || clv === null) return { churnRisk: null, basis: [] };
  const view = viewOf(member, MODEL_INPUTS.churn);
  const row = churnFeatures(view, now, model.windowWeeks, clv.purchase);
  return row === null ? { churnRisk: null, basis: [] } : { churnRisk: predictLogistic(model.classifier, row), basis: [...view.classes] };
}
