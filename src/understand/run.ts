// `attune train` over a database: two passes over the profiles in keyset-paginated pages, so
// millions of members never load at once. Pass 1 keeps a seeded, deterministic sample (by a
// hash of the profile id) and fits every model on it; the artifacts are stored. Pass 2 scores
// every profile from its rollups and writes the scores page by page; scores left by earlier runs
// for profiles that no longer exist are removed at the end.
import { uniformHash, type DataClass, type Product } from '../core/index.js';
import type { MemberSnapshot } from '../features/index.js';
import { SEGMENT_NAMES, type SegmentLabel } from '../models/segments/index.js';
import {
  artifactsOfVersion, countProfiles, deleteScoresNotOfVersion, inTransaction, latestModelVersion, listProducts, loadProfiles,
  profileIdsAfter, saveArtifacts, writeScores, type Executor, type Store,
} from '../store/index.js';
import { fromArtifacts, toArtifacts } from './artifacts.js';
import { fitModels } from './fit.js';
import type { TrainedModels } from './models.js';
import { createScorer, type Scorer } from './score.js';

export interface TrainOptions {
  /** The moment the models describe (default: now). */
  now?: number;
  seed?: number | string;
  /** Profiles read per page. */
  pageSize?: number;
  /** At most about this many members are sampled for fitting. */
  maxTrainingMembers?: number;
  clusters?: number;
  progress?: (phase: 'sample' | 'score', done: number, total: number) => void;
}

export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_MAX_TRAINING_MEMBERS = 50_000;

export interface SegmentReport {
  /** Share of scored members in each segment. */
  shares: Record<SegmentLabel, number>;
  counts: Record<SegmentLabel, number>;
  /** Each segmentation view's clusters: name, training size and centroid (z-scores by feature). */
  views: Array<{ classes: DataClass[]; clusters: Array<{ name: SegmentLabel; size: number; centroid: Record<string, number> }> }>;
}

export interface TrainSummary {
  version: string;
  trainedAt: number;
  profiles: number;
  trainingMembers: number;
  scored: number;
  staleScoresRemoved: number;
  models: Array<{ model: string; dataClasses: DataClass[]; window: { from: number; to: number }; metrics: Record<string, unknown> }>;
  segments: SegmentReport;
  seconds: { fit: number; score: number; total: number };
}

/** Profiles in pages of full records, in profile id order. */
async function* profilePages(db: Executor, pageSize: number): AsyncGenerator<MemberSnapshot[]> {
  let after: string | undefined;
  for (;;) {
    const ids = await profileIdsAfter(db, after, pageSize);
    if (ids.length === 0) return;
    const records = await loadProfiles(db, ids);
    yield ids.flatMap((id) => records.get(id) ?? []);
    after = ids[ids.length - 1];
  }
}

export async function trainAndScore(store: Store, options: TrainOptions = {}): Promise<TrainSummary> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const seed = options.seed ?? 1;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const total = await countProfiles(store.db);
  const rate = Math.min(1, (options.maxTrainingMembers ?? DEFAULT_MAX_TRAINING_MEMBERS) / Math.max(total, 1));
  const inSample = (profileId: string): boolean => rate >= 1 || uniformHash(`${seed}:${profileId}`) / 2 ** 32 < rate;

  const sample: MemberSnapshot[] = [];
  let read = 0;
  for await (const page of profilePages(store.db, pageSize)) {
    for (const member of page) if (inSample(member.profileId)) sample.push(member);
    read += page.length;
    options.progress?.('sample', read, total);
  }
  const catalog = await listProducts(store.db);
  const { models, report } = fitModels(sample, { now, seed, catalog, ...(options.clusters !== undefined ? { clusters: options.clusters } : {}) });
  const artifacts = toArtifacts(models, report);
  await inTransaction(store, (trx) => saveArtifacts(trx, artifacts));
  const fitted = performance.now();

  const score = createScorer(models, catalog, now);
  const counts = Object.fromEntries([...SEGMENT_NAMES, 'unknown'].map((name) => [name, 0])) as Record<SegmentLabel, number>;
  let scored = 0;
  for await (const page of profilePages(store.db, pageSize)) {
    const scores = page.map(score);
    for (const s of scores) counts[s.segment.name] += 1;
    await inTransaction(store, (trx) => writeScores(trx, scores));
    scored += scores.length;
    options.progress?.('score', scored, total);
  }
  const staleScoresRemoved = await deleteScoresNotOfVersion(store.db, models.version);
  const finished = performance.now();
  return {
    version: models.version,
    trainedAt: now,
    profiles: total,
    trainingMembers: sample.length,
    scored,
    staleScoresRemoved,
    models: artifacts.map(({ model, dataClasses, window, metrics }) => ({ model, dataClasses, window, metrics })),
    segments: segmentReport(models, counts, scored),
    seconds: { fit: (fitted - started) / 1000, score: (finished - fitted) / 1000, total: (finished - started) / 1000 },
  };
}

function segmentReport(models: TrainedModels, counts: Record<SegmentLabel, number>, scored: number): SegmentReport {
  const shares = Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, scored > 0 ? n / scored : 0])) as Record<SegmentLabel, number>;
  return {
    shares,
    counts,
    views: models.segments.views.map(({ classes, segmentation }) => ({
      classes,
      clusters: segmentation.clusters.map((c) => ({
        name: c.name,
        size: c.size,
        centroid: Object.fromEntries(segmentation.features.map((f, j) => [f.name, c.centroid[j] as number])),
      })),
    })),
  };
}

/** The newest training run's models, or undefined before the first `attune train`. */
export async function loadModels(db: Executor): Promise<TrainedModels | undefined> {
  const version = await latestModelVersion(db);
  return version === undefined ? undefined : fromArtifacts(await artifactsOfVersion(db, version));
}

/** A scorer with the newest models and the current catalog, for scoring at decision time. */
export async function loadScorer(db: Executor, now = Date.now()): Promise<Scorer | undefined> {
  const models = await loadModels(db);
  if (models === undefined) return undefined;
  const catalog: Product[] = await listProducts(db);
  return createScorer(models, catalog, now);
}
