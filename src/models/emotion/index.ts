// Emotional state of customer-service messages: a transparent, rule-based detector on top of
// VADER sentiment (see docs/emotion.md), and the decaying state of a member over time.
export { assessMessage, ANGER_THRESHOLD, MIN_EVIDENCE, NEEDS_HUMAN_INTENSITY } from './assess.js';
export type { AssessmentOptions, EmotionAssessment } from './assess.js';
export { currentState, CALM_BELOW, DEFAULT_HALF_LIFE_MS } from './decay.js';
export type { CurrentState, StateObservation } from './decay.js';
export { detectSignals } from './signals.js';
export type { EmotionalState, Signal, SignalKind, SignalTarget } from './signals.js';
