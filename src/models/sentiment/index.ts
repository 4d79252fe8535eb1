// VADER-compatible sentiment scoring: polarityScores(text) → { neg, neu, pos, compound }.
export { analyzeSentiment, polarityScores } from './vader.js';
export type { PolarityScores, SentimentAnalysis } from './vader.js';
