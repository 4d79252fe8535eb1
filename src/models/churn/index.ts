// Churn risk: P(no purchase in the next window) from purchase history, lifetime-value model
// outputs and optional profile signals, with a leak-free time split and honest metrics.
export { brierScore, reliabilityTable, rocAuc, type ReliabilityBin } from './metrics.js';
export { fitLogistic, predictLogistic, type LogisticModel, type LogisticOptions } from './logistic.js';
export { HISTORY_FEATURES, buildChurnFeatures, noPurchaseLabel, type FeatureOptions, type FeatureTable, type MemberSignals } from './features.js';
export { historiesUpTo, scoreChurnRisk, trainChurnModel, type ChurnModel, type ChurnModelOptions, type ChurnScores } from './model.js';
export { evaluateChurn, type ChurnEvaluation } from './evaluate.js';
