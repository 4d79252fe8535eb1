// Logged bandit feedback: what was shown, where, what came of it, and how likely the logging
// policy was to show it.

export interface LoggedInteraction {
  /** The action (item, message…) the logging policy chose. */
  action: string;
  /** Slot in a list when the action was one of several shown at once (e.g. "1".."3"); else null. */
  position: string | null;
  reward: number;
  /** Probability with which the logging policy chose this action (at this position); in (0, 1]. */
  propensity: number;
}
