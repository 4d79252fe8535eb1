// The reward model of the doubly robust estimator: a plain average of logged rewards per action
// (or per action at each position), falling back to coarser averages where a cell is empty.
import type { LoggedInteraction } from './types.js';

export type RewardModelKind = 'action' | 'action-position';

export interface RewardModel {
  kind: RewardModelKind;
  /** Predicted reward of showing `action` (at `position`, when the model uses positions). */
  predict(action: string, position: string | null): number;
}

export function fitRewardModel(logs: readonly LoggedInteraction[], kind: RewardModelKind): RewardModel {
  const byAction = new Map<string, MeanAccumulator>();
  const byCell = new Map<string, MeanAccumulator>();
  const overall = new MeanAccumulator();
  for (const row of logs) {
    overall.add(row.reward);
    accumulatorFor(byAction, row.action).add(row.reward);
    if (kind === 'action-position') accumulatorFor(byCell, cellKey(row.action, row.position)).add(row.reward);
  }
  const overallMean = overall.mean();
  return {
    kind,
    predict(action, position) {
      const actionMean = byAction.get(action)?.mean() ?? overallMean;
      if (kind === 'action') return actionMean;
      return byCell.get(cellKey(action, position))?.mean() ?? actionMean;
    },
  };
}

class MeanAccumulator {
  private sum = 0;
  private count = 0;
  add(x: number): void {
    this.sum += x;
    this.count += 1;
  }
  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }
}

function accumulatorFor(map: Map<string, MeanAccumulator>, key: string): MeanAccumulator {
  let acc = map.get(key);
  if (!acc) {
    acc = new MeanAccumulator();
    map.set(key, acc);
  }
  return acc;
}

function cellKey(action: string, position: string | null): string {
  return `${action}\u0000${position ?? ''}`;
}
