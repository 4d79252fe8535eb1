// Churn risk: the probability that a member makes no purchase in the next window.
//
// Leak-free time split. To score members as of day D for the window (D, D + w], the classifier
// is trained only on what was known at D: features as of an earlier cutoff C = D − w_train and
// labels from (C, D]. Ideally w_train = w; when the history before D is shorter than 2w (a young
// cohort — CDNOW has 39 weeks of history and a 39-week target window) the training window is
// shortened to half the history, w_train = min(w, (D − first purchase day)/2), so that the
// training cutoff still sees at least half of it. The window length enters the features
// through the BG/NBD predictions for that window (expected purchases, probability of none),
// which is what lets a classifier trained on a shorter window transfer to the longer one.
import { fitBgNbd, summarizeHistory, type CustomerSummary, type PurchaseHistory, type TimeUnit } from '../clv/index.js';
import { buildChurnFeatures, noPurchaseLabel, type FeatureTable, type MemberSignals } from './features.js';
import { fitLogistic, predictLogistic, type LogisticModel } from './logistic.js';

export interface ChurnModelOptions {
  /** Length of the window the risk is about, in days. */
  windowDays: number;
  /** Time unit for the BG/NBD features; default week. */
  unit?: TimeUnit;
  /** L2 penalty of the logistic regression; default 1. */
  l2?: number;
  signals?: MemberSignals;
}

export interface ChurnModel {
  classifier: LogisticModel;
  windowDays: number;
  unit: TimeUnit;
  signals: MemberSignals | undefined;
  /** The split the classifier learned from. */
  training: { cutoffDay: number; windowDays: number; n: number; churnRate: number };
}

export interface ChurnScores {
  features: FeatureTable;
  /** P(no purchase in the window) per member, in the order of `features.memberIds`. */
  probabilities: number[];
}

/** Only the purchases on or before `day`; members without any are dropped. */
export function historiesUpTo(histories: readonly PurchaseHistory[], day: number): PurchaseHistory[] {
  const result: PurchaseHistory[] = [];
  for (const h of histories) {
    let end = 0;
    while (end < h.days.length && (h.days[end] as number) <= day) end++;
    if (end > 0) result.push({ customerId: h.customerId, days: h.days.slice(0, end), amounts: h.amounts.slice(0, end) });
  }
  return result;
}

/** Trains a churn model as of `asOfDay`, reading no purchase after that day. */
export function trainChurnModel(histories: readonly PurchaseHistory[], asOfDay: number, options: ChurnModelOptions): ChurnModel {
  const unit = options.unit ?? 'week';
  const known = historiesUpTo(histories, asOfDay);
  if (known.length === 0) throw new RangeError('no purchases on or before the calibration end');
  const firstDay = Math.min(...known.map((h) => h.days[0] as number));
  const trainingWindow = Math.min(options.windowDays, Math.floor((asOfDay - firstDay) / 2));
  if (trainingWindow < 1) throw new RangeError('not enough purchase history before the calibration end to train on (need at least 2 days)');
  const cutoffDay = asOfDay - trainingWindow;

  const features = featuresAsOf(known, cutoffDay, trainingWindow, unit, options.signals);
  const byId = new Map(known.map((h) => [h.customerId, h]));
  const labels = features.memberIds.map((id) => noPurchaseLabel(byId.get(id) as PurchaseHistory, cutoffDay, trainingWindow));
  const classifier = fitLogistic(features.names, features.rows, labels, { l2: options.l2 ?? 1 });
  return {
    classifier,
    windowDays: options.windowDays,
    unit,
    signals: options.signals,
    training: { cutoffDay, windowDays: trainingWindow, n: labels.length, churnRate: mean(labels) },
  };
}

/** P(no purchase in the model's window after `asOfDay`) for every member known by then. */
export function scoreChurnRisk(model: ChurnModel, histories: readonly PurchaseHistory[], asOfDay: number): ChurnScores {
  const known = historiesUpTo(histories, asOfDay);
  const features = featuresAsOf(known, asOfDay, model.windowDays, model.unit, model.signals);
  return { features, probabilities: features.rows.map((row) => predictLogistic(model.classifier, row)) };
}

/** Fits BG/NBD on the summaries as of the cutoff, then builds the features with it. */
function featuresAsOf(
  histories: readonly PurchaseHistory[],
  cutoffDay: number,
  windowDays: number,
  unit: TimeUnit,
  signals: MemberSignals | undefined,
): FeatureTable {
  const summaries = histories.map((h) => summarizeHistory(h, cutoffDay, unit)).filter((s): s is CustomerSummary => s !== undefined);
  const purchaseModel = fitBgNbd(summaries).params;
  return buildChurnFeatures(histories, { cutoffDay, windowDays, unit, purchaseModel, signals });
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
