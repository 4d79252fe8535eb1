// From a message's signals to an emotional state, an intensity and a handoff decision.
//
// Evidence for each state combines as 1 − Π(1 − weight) ("noisy-or": independent cues, each
// making the state more likely, never past 1). Negative evidence wins over politeness, so
// "thanks, but I'm still waiting" is frustrated. Emphasis (caps, "!!!", swearing) turns
// frustration into anger; on a positive or anxious message it only raises the intensity.
import { detectSignals, type EmotionalState, type Signal, type SignalTarget } from './signals.js';

export interface EmotionAssessment {
  state: EmotionalState;
  /** Strength of the state in [0, 1]; calm is always 0 (no emotional charge). */
  intensity: number;
  /** A person should take over: asked for, a complaint, a threat, anger, or strong frustration. */
  needsHuman: boolean;
  /** Plain-language reasons for `needsHuman`, empty when false. */
  humanReasons: string[];
  /** Every signal that fired, with the words that fired it. */
  signals: Signal[];
}

export interface AssessmentOptions {
  /** Frustration at or above this intensity is handed to a person (default: tuned, see docs/emotion.md). */
  needsHumanIntensity?: number;
}

/** Below this much evidence a message is calm. */
export const MIN_EVIDENCE = 0.25;
/** Hostility (insults, threats, emphasis on a negative message) at or above this makes frustration anger. */
export const ANGER_THRESHOLD = 0.5;
/**
 * Frustration intensity from which a person takes over; chosen on the Bitext training split
 * (the lowest value on a 0.05 grid with the best F1 for "needs a human", see docs/emotion.md).
 */
export const NEEDS_HUMAN_INTENSITY = 0.75;

const combine = (weights: number[]): number => 1 - weights.reduce((rest, weight) => rest * (1 - weight), 1);

function evidenceFor(signals: Signal[], target: SignalTarget): number {
  return combine(signals.filter((signal) => signal.supports === target).map((signal) => signal.weight));
}

/** Assess one customer message. */
export function assessMessage(text: string, options: AssessmentOptions = {}): EmotionAssessment {
  const signals = detectSignals(text);
  const frustration = evidenceFor(signals, 'frustrated');
  const hostility = evidenceFor(signals, 'angry');
  const anxiety = evidenceFor(signals, 'anxious');
  const satisfaction = evidenceFor(signals, 'satisfied');
  const emphasis = evidenceFor(signals, 'emphasis');

  const isNegative = frustration >= MIN_EVIDENCE || hostility > 0;
  const anger = isNegative ? combine([hostility, emphasis]) : 0;
  const negativity = combine([frustration, anger]);

  let state: EmotionalState = 'calm';
  let intensity = 0;
  if (negativity >= MIN_EVIDENCE && negativity >= anxiety) {
    state = anger >= ANGER_THRESHOLD ? 'angry' : 'frustrated';
    intensity = negativity;
  } else if (anxiety >= MIN_EVIDENCE && anxiety >= satisfaction) {
    state = 'anxious';
    intensity = combine([anxiety, emphasis / 2]);
  } else if (satisfaction >= MIN_EVIDENCE) {
    state = 'satisfied';
    intensity = combine([satisfaction, emphasis / 2]);
  }

  const humanReasons = reasonsForHuman(signals, state, intensity, options.needsHumanIntensity ?? NEEDS_HUMAN_INTENSITY);
  return { state, intensity, needsHuman: humanReasons.length > 0, humanReasons, signals };
}

const ROUTING_REASONS: Partial<Record<Signal['kind'], string>> = {
  human_request: 'asked for a person',
  complaint: 'wants to make a complaint',
  churn_threat: 'threatens to leave',
  public_threat: 'threatens a public review or report',
  legal_threat: 'mentions legal action',
};

function reasonsForHuman(signals: Signal[], state: EmotionalState, intensity: number, threshold: number): string[] {
  const reasons = new Set<string>();
  for (const signal of signals) {
    const reason = ROUTING_REASONS[signal.kind];
    if (signal.routesToHuman && reason) reasons.add(`${reason} ("${signal.evidence}")`);
  }
  if (state === 'angry') reasons.add(`angry (intensity ${intensity.toFixed(2)})`);
  if (state === 'frustrated' && intensity >= threshold) {
    reasons.add(`frustrated (intensity ${intensity.toFixed(2)} ≥ ${threshold})`);
  }
  return [...reasons];
}
