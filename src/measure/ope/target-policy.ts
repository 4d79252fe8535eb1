// Target policies, turned into what the estimators need for each logged row: π(a_i | x_i), the
// target's probability of the logged action, and Σ_a π(a | x_i) q̂(a), the reward model's value
// of the target in that row (the "direct" term of doubly robust).
import type { RewardModel } from './reward-model.js';
import type { LoggedInteraction } from './types.js';

export interface TargetRows {
  /** π(a_i | x_i) per logged row. */
  probability: number[];
  /** Reward-model value of the target per row, or null when the target's full distribution is unknown. */
  directValue: number[] | null;
}

/** The distinct actions of the logs, in order of first appearance. */
export function loggedActions(logs: readonly LoggedInteraction[]): string[] {
  return [...new Set(logs.map((row) => row.action))];
}

/**
 * Uniform random policy over the actions seen in the logs. For ranked lists (a position per
 * row) it fills every slot with each action with probability 1/K, so each row of the logs —
 * one slot of one impression — is evaluated at its own position; its value is the expected
 * reward per slot (for the Open Bandit Dataset, the click-through rate per item shown).
 */
export function uniformTarget(logs: readonly LoggedInteraction[], model: RewardModel): TargetRows {
  const actions = loggedActions(logs);
  const p = 1 / actions.length;
  const directByPosition = new Map<string | null, number>();
  const directValue = logs.map((row) => {
    let value = directByPosition.get(row.position);
    if (value === undefined) {
      value = actions.reduce((sum, action) => sum + p * model.predict(action, row.position), 0);
      directByPosition.set(row.position, value);
    }
    return value;
  });
  return { probability: logs.map(() => p), directValue };
}

/**
 * The logging policy itself (a sanity check: every estimator should return the mean reward).
 * Its full distribution is not logged, but a_i was drawn from it, so q̂(a_i) is an unbiased
 * one-draw estimate of the direct term.
 */
export function loggedTarget(logs: readonly LoggedInteraction[], model: RewardModel): TargetRows {
  return {
    probability: logs.map((row) => row.propensity),
    directValue: logs.map((row) => model.predict(row.action, row.position)),
  };
}

/** A target known only through its probability of each logged action: IPS and SNIPS, no DR. */
export function perRowTarget(logs: readonly LoggedInteraction[], probabilities: readonly number[]): TargetRows {
  if (probabilities.length !== logs.length) {
    throw new RangeError(`got ${probabilities.length} target probabilities for ${logs.length} logged rows`);
  }
  probabilities.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`target probability of row ${i} must be in [0, 1], got ${p}`);
  });
  return { probability: [...probabilities], directValue: null };
}
