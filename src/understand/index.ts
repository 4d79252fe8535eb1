// Understanding members (DESIGN.md §1): fit every model on the stored profiles, keep versioned
// artifacts, and score each member from consent-filtered features. `fitModels` and
// `createScorer` are pure; `trainAndScore`, `loadModels` and `loadScorer` use the store.
export type { MemberScores, ScoreName } from './scores.js';
export { SCORE_NAMES, scoresView, scoresViewSchema } from './scores.js';
export type { TrainedModels } from './models.js';
export { versionOf } from './models.js';
export { fitModels, listPrices, type FitOptions, type FitReport } from './fit.js';
export { createScorer, type Scorer } from './score.js';
export { fromArtifacts, toArtifacts } from './artifacts.js';
export { emotionalStateOf, HUMAN_WINDOW_MS, type EmotionalStateScore } from './emotion.js';
export { CLV_HORIZON_WEEKS, DISCOUNT_RATE_PER_WEEK, type ClvModel } from './clv.js';
export { CHURN_WINDOW_MONTHS, type ChurnModel } from './churn.js';
export { behaviourClassSets, type SegmentsModel } from './segments.js';
export type { BestHour, ChannelModel, SendTimeModel } from './sendtime.js';
export { AFFINITY_WEIGHTS, type AffinityModel, type TopProduct, type TopProductReason } from './affinity.js';
export {
  DEFAULT_MAX_TRAINING_MEMBERS, DEFAULT_PAGE_SIZE, loadModels, loadScorer, trainAndScore, type SegmentReport, type TrainOptions, type TrainSummary,
} from './run.js';
