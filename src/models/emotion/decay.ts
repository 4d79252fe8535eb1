// A member's emotional state across messages. Feelings fade: each observation's intensity
// halves every `halfLifeMs` (default 24 hours, so an angry message at 0.9 counts 0.45 a day
// later and falls below the calm floor after about 2.6 days). Several recent observations of
// the same state reinforce each other, and a later satisfied message ("thanks, that fixed it")
// discharges earlier negative ones in proportion to its intensity.
import type { EmotionalState } from './signals.js';

export interface StateObservation {
  /** When the message was written, in milliseconds (e.g. `Date.getTime()`). */
  at: number;
  state: EmotionalState;
  intensity: number;
}

export interface CurrentState {
  state: EmotionalState;
  /** Decayed intensity of `state` in [0, 1]; 0 when calm. */
  intensity: number;
  /** Decayed, combined intensity of every charged state, for explanations. */
  byState: Record<Exclude<EmotionalState, 'calm'>, number>;
}

export const DEFAULT_HALF_LIFE_MS = 24 * 60 * 60 * 1000;
/** Below this decayed intensity a member counts as calm again. */
export const CALM_BELOW = 0.15;

type ChargedState = Exclude<EmotionalState, 'calm'>;
const NEGATIVE_STATES: readonly ChargedState[] = ['anxious', 'frustrated', 'angry'];
/** Tie order: the more urgent state wins. */
const PRECEDENCE: readonly ChargedState[] = ['angry', 'frustrated', 'anxious', 'satisfied'];

/**
 * The state at time `now` from timestamped observations (any order; observations after `now`
 * are ignored). Pure: the same inputs always give the same result.
 */
export function currentState(observations: readonly StateObservation[], now: number, halfLifeMs = DEFAULT_HALF_LIFE_MS): CurrentState {
  if (!(halfLifeMs > 0)) throw new RangeError('halfLifeMs must be positive');
  // "remaining" is 1 − combined intensity per state, so combining is a product
  const remaining: Record<ChargedState, number> = { satisfied: 1, anxious: 1, frustrated: 1, angry: 1 };
  const past = observations.filter((observation) => observation.at <= now).sort((a, b) => a.at - b.at);
  for (const { at, state, intensity } of past) {
    if (state === 'calm') continue;
    const strength = clamp01(intensity);
    if (state === 'satisfied') {
      // relief discharges, once, the negative states recorded before it
      for (const negative of NEGATIVE_STATES) remaining[negative] = 1 - (1 - remaining[negative]) * (1 - strength);
    }
    remaining[state] *= 1 - strength * 0.5 ** ((now - at) / halfLifeMs);
  }
  const byState = {
    satisfied: 1 - remaining.satisfied,
    anxious: 1 - remaining.anxious,
    frustrated: 1 - remaining.frustrated,
    angry: 1 - remaining.angry,
  };
  const leading = PRECEDENCE.reduce((best, state) => (byState[state] > byState[best] ? state : best));
  if (byState[leading] < CALM_BELOW) return { state: 'calm', intensity: 0, byState };
  return { state: leading, intensity: byState[leading], byState };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
