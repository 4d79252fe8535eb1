// Evaluation of churn risk on a real holdout: train as of the calibration end (see model.ts
// for the leak-free split), score every member known by then, and compare with what happened
// in the window after it. Two single-feature baselines show what the classifier adds.
import type { PurchaseHistory } from '../clv/index.js';
import { noPurchaseLabel } from './features.js';
import { brierScore, reliabilityTable, rocAuc, type ReliabilityBin } from './metrics.js';
import { scoreChurnRisk, trainChurnModel, type ChurnModel, type ChurnModelOptions } from './model.js';

export interface ChurnEvaluation {
  auc: number;
  brier: number;
  /** AUCs of single scores: days since the last purchase, and BG/NBD expected purchases (fewer = riskier). */
  baselines: { recency: number; expectedPurchases: number };
  reliability: ReliabilityBin[];
  /** Members scored (first purchase on or before the calibration end). */
  n: number;
  /** Share of scored members who made no purchase in the window. */
  churnRate: number;
  model: ChurnModel;
}

export function evaluateChurn(histories: readonly PurchaseHistory[], calibrationEndDay: number, options: ChurnModelOptions): ChurnEvaluation {
  const model = trainChurnModel(histories, calibrationEndDay, options);
  const { features, probabilities } = scoreChurnRisk(model, histories, calibrationEndDay);
  const byId = new Map(histories.map((h) => [h.customerId, h]));
  const labels = features.memberIds.map((id) => noPurchaseLabel(byId.get(id) as PurchaseHistory, calibrationEndDay, options.windowDays));
  return {
    auc: rocAuc(probabilities, labels),
    brier: brierScore(probabilities, labels),
    baselines: {
      recency: rocAuc(features.daysSinceLastPurchase, labels),
      expectedPurchases: rocAuc(
        features.expectedPurchases.map((e) => -e),
        labels,
      ),
    },
    reliability: reliabilityTable(probabilities, labels, 10),
    n: labels.length,
    churnRate: labels.reduce((sum, y) => sum + y, 0) / labels.length,
    model,
  };
}
