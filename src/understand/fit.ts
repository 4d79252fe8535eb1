// Fitting every model of a training run on a sample of members (pure: members in, models out).
// Order matters only where one model feeds another: segments before send-time priors (the
// priors are per segment); lifetime value before churn scoring (not before churn training, which
// refits BG/NBD at its own cutoff).
import type { Product } from '../core/index.js';
import type { MemberSnapshot } from '../features/index.js';
import { trainAffinity } from './affinity.js';
import { trainChurn } from './churn.js';
import { trainClv } from './clv.js';
import { versionOf, type TrainedModels } from './models.js';
import { DEFAULT_SEGMENT_CLUSTERS, segmentOf, trainSegments } from './segments.js';
import { trainChannels, trainSendTime } from './sendtime.js';

export interface FitOptions {
  now: number;
  seed: number | string;
  catalog: readonly Product[];
  /** Clusters per segmentation view. */
  clusters?: number;
}

export interface TrainingWindow {
  from: number;
  to: number;
}

export interface FitReport {
  /** Members the models were fitted on. */
  members: number;
  /** What each model's fit achieved (log-likelihoods, AUC, sizes, or why it was skipped). */
  metrics: Record<'clv' | 'churn' | 'affinity', Record<string, unknown>>;
  /** Data each model learned from: [earliest enrolment in the sample, cutoff or now]. */
  windows: Record<'default' | 'churn', TrainingWindow>;
}

/** Current catalog prices by product id. */
export function listPrices(catalog: readonly Product[]): (productId: string) => number | undefined {
  const prices = new Map(catalog.map((p) => [p.id, p.price]));
  return (productId) => prices.get(productId);
}

export function fitModels(sample: readonly MemberSnapshot[], options: FitOptions): { models: TrainedModels; report: FitReport } {
  const { now, seed, catalog } = options;
  const listPrice = listPrices(catalog);
  const clv = trainClv(sample, now);
  const churn = trainChurn(sample, now, seed);
  const segments = trainSegments(sample, now, listPrice, { seed, k: options.clusters ?? DEFAULT_SEGMENT_CLUSTERS });
  const sendTime = trainSendTime(sample, now, (m) => segmentOf(segments, m, now, listPrice).assignment.name);
  const channel = trainChannels(sample);
  const affinity = trainAffinity(sample, now, catalog);
  const from = sample.reduce((min, m) => Math.min(min, m.firstSeenAt), now);
  return {
    models: {
      version: versionOf(now),
      trainedAt: now,
      clv: clv.model,
      churn: churn.model,
      segments,
      sendTime,
      channel,
      affinity: affinity.model,
    },
    report: {
      members: sample.length,
      metrics: { clv: clv.metrics, churn: { ...churn.metrics, cutoff: churn.window.cutoff }, affinity: affinity.metrics },
      windows: { default: { from, to: now }, churn: { from, to: churn.window.labelEnd } },
    },
  };
}
