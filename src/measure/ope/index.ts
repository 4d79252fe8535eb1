// Off-policy evaluation: what would a different policy have earned, judged from the logs of the
// policy that actually ran (which must have logged the probability of each choice it made).
import { createRng } from '../../core/random.js';
import { type OffPolicyEstimates, estimatePolicyValue } from './estimators.js';
import { type RewardModelKind, fitRewardModel } from './reward-model.js';
import { type TargetRows, loggedActions, loggedTarget, perRowTarget, uniformTarget } from './target-policy.js';
import type { LoggedInteraction } from './types.js';

/** `uniform`, `logged`, or the target's probability of each logged action, row by row. */
export type TargetPolicySpec = 'uniform' | 'logged' | readonly number[];

export interface OffPolicyOptions {
  /**
   * Reward model of DR (default per action: logs with rare rewards, like clicks, leave most
   * action × position cells nearly empty, and their noise would leak into the estimate).
   */
  rewardModel?: RewardModelKind;
  /** Bootstrap resamples (default 1000). */
  bootstrap?: number;
  /** Seed of the bootstrap (default 1). */
  seed?: number;
  alpha?: number;
}

export interface OffPolicyReport extends OffPolicyEstimates {
  /** Mean reward of the logs: the logging policy's own value. */
  loggedValue: number;
  actions: number;
}

export function evaluateOffPolicy(
  logs: readonly LoggedInteraction[],
  target: TargetPolicySpec,
  options: OffPolicyOptions = {},
): OffPolicyReport {
  logs.forEach((row, i) => {
    if (!(row.propensity > 0 && row.propensity <= 1)) {
      throw new RangeError(`row ${i}: logged propensity must be in (0, 1], got ${row.propensity}`);
    }
  });
  const model = fitRewardModel(logs, options.rewardModel ?? 'action');
  const rows: TargetRows =
    target === 'uniform' ? uniformTarget(logs, model) : target === 'logged' ? loggedTarget(logs, model) : perRowTarget(logs, target);
  const estimates = estimatePolicyValue(
    {
      rewards: logs.map((row) => row.reward),
      weights: logs.map((row, i) => (rows.probability[i] as number) / row.propensity),
      predictedRewards: logs.map((row) => model.predict(row.action, row.position)),
      directValue: rows.directValue,
    },
    { replicates: options.bootstrap ?? 1000, rng: createRng(options.seed ?? 1), alpha: options.alpha ?? 0.05 },
  );
  const loggedValue = logs.reduce((sum, row) => sum + row.reward, 0) / logs.length;
  return { ...estimates, loggedValue, actions: loggedActions(logs).length };
}

export type { LoggedInteraction } from './types.js';
export { type RewardModel, type RewardModelKind, fitRewardModel } from './reward-model.js';
export { type TargetRows, loggedActions, loggedTarget, perRowTarget, uniformTarget } from './target-policy.js';
export {
  type BootstrapOptions,
  type EstimatorInputs,
  type OffPolicyEstimates,
  type PolicyEstimate,
  estimatePolicyValue,
  percentileInterval,
} from './estimators.js';
