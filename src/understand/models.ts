// The fitted models of one training run, as the scorer uses them.
import type { AffinityModel } from './affinity.js';
import type { ChurnModel } from './churn.js';
import type { ClvModel } from './clv.js';
import type { SegmentsModel } from './segments.js';
import type { ChannelModel, SendTimeModel } from './sendtime.js';

export interface TrainedModels {
  /** Identifies the run; every score and artifact carries it. */
  version: string;
  trainedAt: number;
  /** Null when there were too few buyers to fit. */
  clv: ClvModel | null;
  churn: ChurnModel | null;
  segments: SegmentsModel;
  sendTime: SendTimeModel;
  channel: ChannelModel;
  affinity: AffinityModel;
}

/** A run's version: its training time, sortable as text. */
export function versionOf(trainedAt: number): string {
  return new Date(trainedAt).toISOString();
}
