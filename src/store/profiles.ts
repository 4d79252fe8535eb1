// Profile rows: traits, consent, time zone and the live stats rollup.
import type { Consent } from '../consent/index.js';
import { DEFAULT_SUBSCRIPTIONS, type ConsentTier } from '../core/index.js';
import { parseStats, serializeStats, type ProfileStats } from '../profiles/stats.js';
import { chunked, parseJson } from './chunks.js';
import { sqliteTransactionHandleOf, type Executor } from './database.js';
import { selectProfileRows, upsertProfileRows } from './sqlite-fast.js';

export interface ProfileRecord {
  profileId: string;
  firstSeenAt: number;
  updatedAt: number;
  traits: Record<string, unknown>;
  consent: Consent;
  timezone: string | null;
  stats: ProfileStats;
}

type ProfileRow = {
  profile_id: string; first_seen_at: number; updated_at: number; traits: string; consent_tier: string;
  channels: string; timezone: string | null; stats: string;
};

function toRecord(row: ProfileRow): ProfileRecord {
  return {
    profileId: row.profile_id,
    firstSeenAt: Number(row.first_seen_at),
    updatedAt: Number(row.updated_at),
    traits: parseJson(row.traits, {}),
    consent: { tier: row.consent_tier as ConsentTier, channels: { ...DEFAULT_SUBSCRIPTIONS, ...parseJson(row.channels, {}) } },
    timezone: row.timezone,
    stats: parseStats(row.stats),
  };
}

function toRow(record: ProfileRecord): ProfileRow {
  return {
    profile_id: record.profileId,
    first_seen_at: record.firstSeenAt,
    updated_at: record.updatedAt,
    traits: JSON.stringify(record.traits),
    consent_tier: record.consent.tier,
    channels: JSON.stringify(record.consent.channels),
    timezone: record.timezone,
    stats: serializeStats(record.stats),
  };
}

/** Loads profiles by id; with `lock`, rows stay locked until the transaction ends (PostgreSQL). */
export async function loadProfiles(db: Executor, profileIds: readonly string[], lock = false): Promise<Map<string, ProfileRecord>> {
  const found = new Map<string, ProfileRecord>();
  // Sorted, so that concurrent transactions lock rows in the same order and cannot deadlock.
  const ids = [...new Set(profileIds)].sort();
  const sqlite = sqliteTransactionHandleOf(db);
  if (sqlite !== undefined) {
    // One writer at a time on SQLite: no row locks to take.
    for (const row of selectProfileRows(sqlite, ids)) found.set(row.profile_id, toRecord(row));
    return found;
  }
  for (const chunk of chunked(ids)) {
    let query = db.selectFrom('profiles').selectAll().where('profile_id', 'in', chunk).orderBy('profile_id');
    if (lock) query = query.forUpdate();
    for (const row of await query.execute()) found.set(row.profile_id, toRecord(row));
  }
  return found;
}

/** Which of these profiles exist, locking their rows where the database can (as loadProfiles, without reading them). */
export async function lockProfiles(db: Executor, profileIds: readonly string[], lock: boolean): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunked([...new Set(profileIds)].sort())) {
    let query = db.selectFrom('profiles').select('profile_id').where('profile_id', 'in', chunk).orderBy('profile_id');
    if (lock) query = query.forUpdate();
    for (const row of await query.execute()) found.add(row.profile_id);
  }
  return found;
}

export async function getProfile(db: Executor, profileId: string): Promise<ProfileRecord | undefined> {
  const row = await db.selectFrom('profiles').selectAll().where('profile_id', '=', profileId).executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

/** Inserts or replaces whole profile rows. */
export async function saveProfiles(db: Executor, records: readonly ProfileRecord[]): Promise<void> {
  const sqlite = sqliteTransactionHandleOf(db);
  if (sqlite !== undefined) {
    upsertProfileRows(sqlite, records.map((record) => {
      const r = toRow(record);
      return [r.profile_id, r.first_seen_at, r.updated_at, r.traits, r.consent_tier, r.channels, r.timezone, r.stats] as const;
    }));
    return;
  }
  for (const chunk of chunked(records, 100)) {
    await db
      .insertInto('profiles')
      .values(chunk.map(toRow))
      .onConflict((oc) =>
        oc.column('profile_id').doUpdateSet((eb) => ({
          updated_at: eb.ref('excluded.updated_at'),
          traits: eb.ref('excluded.traits'),
          consent_tier: eb.ref('excluded.consent_tier'),
          channels: eb.ref('excluded.channels'),
          timezone: eb.ref('excluded.timezone'),
          stats: eb.ref('excluded.stats'),
          first_seen_at: eb.ref('excluded.first_seen_at'),
        })),
      )
      .execute();
  }
}

export async function countProfiles(db: Executor): Promise<number> {
  const row = await db.selectFrom('profiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Profile ids in order, after a cursor (keyset pagination over every member). */
export async function profileIdPage(db: Executor, after: string | undefined, limit: number): Promise<string[]> {
  let query = db.selectFrom('profiles').select('profile_id').orderBy('profile_id').limit(limit);
  if (after !== undefined) query = query.where('profile_id', '>', after);
  return (await query.execute()).map((r) => r.profile_id);
}
