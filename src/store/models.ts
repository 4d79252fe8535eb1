// Model artifacts of each training run, and each profile's latest scores. Reads for many
// profiles are keyset-paginated by profile_id, so a pass over millions of members holds one
// page at a time.
import type { DataClass } from '../core/index.js';
import type { MemberScores } from '../understand/scores.js';
import { chunked, parseJson } from './chunks.js';
import type { Executor } from './database.js';

export interface ModelArtifact {
  model: string;
  version: string;
  trainedAt: number;
  /** The span of data the model learned from. */
  window: { from: number; to: number };
  /** The data classes the model reads. */
  dataClasses: DataClass[];
  /** Fitted parameters (JSON). */
  params: unknown;
  /** What the fit achieved (JSON). */
  metrics: Record<string, unknown>;
}

export async function saveArtifacts(db: Executor, artifacts: readonly ModelArtifact[]): Promise<void> {
  for (const a of artifacts) {
    await db
      .insertInto('model_artifacts')
      .values({
        model: a.model, version: a.version, trained_at: a.trainedAt, window_from: a.window.from, window_to: a.window.to,
        data_classes: JSON.stringify(a.dataClasses), params: JSON.stringify(a.params), metrics: JSON.stringify(a.metrics),
      })
      .execute();
  }
}

/** The newest training run's version, if any run finished. */
export async function latestModelVersion(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('model_artifacts').select('version').orderBy('trained_at', 'desc').orderBy('version', 'desc').executeTakeFirst();
  return row?.version;
}

/** Every artifact of one training run. */
export async function artifactsOfVersion(db: Executor, version: string): Promise<ModelArtifact[]> {
  const rows = await db.selectFrom('model_artifacts').selectAll().where('version', '=', version).orderBy('model').execute();
  return rows.map((r) => ({
    model: r.model,
    version: r.version,
    trainedAt: Number(r.trained_at),
    window: { from: Number(r.window_from), to: Number(r.window_to) },
    dataClasses: parseJson<DataClass[]>(r.data_classes, []),
    params: parseJson<unknown>(r.params, null),
    metrics: parseJson<Record<string, unknown>>(r.metrics, {}),
  }));
}

/** Inserts or replaces each profile's scores. */
export async function writeScores(db: Executor, scores: readonly MemberScores[]): Promise<void> {
  for (const chunk of chunked(scores, 200)) {
    await db
      .insertInto('profile_scores')
      .values(chunk.map((s) => ({ profile_id: s.profileId, model_version: s.modelVersion, scored_at: s.scoredAt, scores: JSON.stringify(s) })))
      .onConflict((oc) =>
        oc.column('profile_id').doUpdateSet((eb) => ({
          model_version: eb.ref('excluded.model_version'),
          scored_at: eb.ref('excluded.scored_at'),
          scores: eb.ref('excluded.scores'),
        })),
      )
      .execute();
  }
}

/** One profile's latest scores; undefined when never scored. */
export async function getScores(db: Executor, profileId: string): Promise<MemberScores | undefined> {
  const row = await db.selectFrom('profile_scores').select('scores').where('profile_id', '=', profileId).executeTakeFirst();
  return row === undefined ? undefined : (JSON.parse(row.scores) as MemberScores);
}

export interface ScoresPage {
  scores: MemberScores[];
  /** Pass back as `after` for the next page; absent on the last page. */
  next?: string;
}

/** Scores in profile_id order, `limit` at a time, starting after the profile id `after`. */
export async function listScores(db: Executor, options: { limit: number; after?: string }): Promise<ScoresPage> {
  let query = db.selectFrom('profile_scores').select(['profile_id', 'scores']).orderBy('profile_id').limit(options.limit + 1);
  if (options.after !== undefined) query = query.where('profile_id', '>', options.after);
  const rows = await query.execute();
  const scores = rows.slice(0, options.limit).map((r) => JSON.parse(r.scores) as MemberScores);
  const last = scores[scores.length - 1];
  return rows.length > options.limit && last !== undefined ? { scores, next: last.profileId } : { scores };
}

/**
 * Deletes scores written by other runs: after a full scoring pass, those belong to profiles that
 * were merged away or erased meanwhile.
 */
export async function deleteScoresNotOfVersion(db: Executor, version: string): Promise<number> {
  const result = await db.deleteFrom('profile_scores').where('model_version', '<>', version).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Profile ids in order, `limit` at a time, after `after` (keyset pagination for batch passes). */
export async function profileIdsAfter(db: Executor, after: string | undefined, limit: number): Promise<string[]> {
  let query = db.selectFrom('profiles').select('profile_id').orderBy('profile_id').limit(limit);
  if (after !== undefined) query = query.where('profile_id', '>', after);
  return (await query.execute()).map((r) => r.profile_id);
}

/** Latest scores of these profiles (for deciding a page of members). */
export async function scoresOfProfiles(db: Executor, profileIds: readonly string[]): Promise<Map<string, MemberScores>> {
  const found = new Map<string, MemberScores>();
  for (const chunk of chunked([...new Set(profileIds)])) {
    const rows = await db.selectFrom('profile_scores').select(['profile_id', 'scores']).where('profile_id', 'in', chunk).execute();
    for (const row of rows) found.set(row.profile_id, JSON.parse(row.scores) as MemberScores);
  }
  return found;
}
