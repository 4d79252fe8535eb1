// Behavioural segments: k-means++ on standardized features (missing values allowed), named by
// transparent rules, with the reasons each member was placed where they are. Pure numerics.
export * from './kmeans.js';
export * from './naming.js';
export * from './model.js';
