// Consent-filtered features (DESIGN.md §5): each model declares the data classes it reads
// (MODEL_INPUTS), `viewOf` gives it only what the member's tier grants, and the builders here
// turn a view into the numbers that model takes. Pure: no I/O.
export type { MemberSnapshot } from './member.js';
export { MODEL_INPUTS, MODEL_NAMES, grantedClasses, grantedTraits, grants, type ModelInputs, type ModelName, type ModelUse } from './inputs.js';
export { viewOf, type MemberView } from './view.js';
export { activeMonths, monthIndex, monthIndexOfKey, monthStart, sumMonths } from './months.js';
export { DAY_MS, WEEK_MS, purchasesAsOf, rfmOf, type PurchasesAsOf } from './purchases.js';
export { CHURN_FEATURES, churnFeatures, noOrderIn, type ChurnFeatureName } from './churn.js';
export { SALE_DISCOUNT, SEGMENT_FEATURES, segmentFeatures, tenureDays, type ListPrice, type SegmentFeature, type SegmentFeatureName } from './segments.js';
export { channelCounts, localHours, type LocalHours } from './engagement.js';
export { VIEW_WEIGHT, interestsOf, statedSize, type Interest } from './affinity.js';
export { inboundSupportMessages } from './service.js';
