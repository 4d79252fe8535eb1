// Product affinity: per-member ranked products and categories from implicit feedback.
export * from './als.js';
export * from './evaluation.js';
export * from './filters.js';
export * from './item-knn.js';
export * from './metrics.js';
export * from './popularity.js';
export * from './reasons.js';
export * from './recommend.js';
export * from './sparse.js';
export * from './time-split.js';
export * from './top-k.js';
