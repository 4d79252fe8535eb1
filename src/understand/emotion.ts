// Emotional state from the member's recent support messages and complaints. Read at `protect`
// use in every tier: the result may suppress promotions or hand the member to a person — the
// decision engine must never use it to choose what to sell. It decays within days, so the
// decision engine should recompute it at decision time (this is pure and cheap).
import type { DataClass } from '../core/index.js';
import { MODEL_INPUTS, inboundSupportMessages, viewOf, type MemberSnapshot } from '../features/index.js';
import { assessMessage, currentState, type EmotionalState, type StateObservation } from '../models/emotion/index.js';

/** A message asking for a person, or a complaint, keeps the member with a person for this long. */
export const HUMAN_WINDOW_MS = 72 * 3_600_000;

export interface EmotionalStateScore {
  state: EmotionalState;
  /** Decayed intensity of `state` in [0, 1]. */
  intensity: number;
  /** A person should reach out instead of a message. */
  needsHuman: boolean;
  /** Why, in plain words (empty when `needsHuman` is false). */
  humanReasons: string[];
}

export function emotionalStateOf(member: MemberSnapshot, now: number): { emotionalState: EmotionalStateScore; basis: DataClass[] } {
  const view = viewOf(member, MODEL_INPUTS.emotion);
  const observations: StateObservation[] = [];
  const humanReasons = new Set<string>();
  for (const note of inboundSupportMessages(view)) {
    const assessment = assessMessage(note.text);
    observations.push({ at: note.at, state: assessment.state, intensity: assessment.intensity });
    if (assessment.needsHuman && note.at <= now && now - note.at <= HUMAN_WINDOW_MS) for (const reason of assessment.humanReasons) humanReasons.add(reason);
  }
  const lastComplaintAt = view.stats.lastComplaintAt ?? null;
  if (lastComplaintAt !== null && lastComplaintAt <= now && now - lastComplaintAt <= HUMAN_WINDOW_MS) humanReasons.add('filed a complaint');
  const { state, intensity } = currentState(observations, now);
  return {
    emotionalState: { state, intensity, needsHuman: humanReasons.size > 0, humanReasons: [...humanReasons] },
    basis: observations.length > 0 || lastComplaintAt !== null ? [...view.classes] : [],
  };
}
