// The stored identity graph: identifier → profile rows, and the merge log.
import type { Identifier, IdentifierType } from '../identity/index.js';
import { chunked } from './chunks.js';
import { sqliteTransactionHandleOf, type Executor } from './database.js';
import { insertIdentifierRows, selectIdentifierOwners, selectIdentifiersOf } from './sqlite-fast.js';

export interface StoredIdentifier extends Identifier {
  profileId: string;
}

/** Profiles currently holding any of these identifiers. */
export async function findIdentifiers(db: Executor, identifiers: readonly Identifier[]): Promise<StoredIdentifier[]> {
  const byType = new Map<IdentifierType, string[]>();
  for (const { type, value } of identifiers) {
    const list = byType.get(type) ?? [];
    list.push(value);
    byType.set(type, list);
  }
  const found: StoredIdentifier[] = [];
  const sqlite = sqliteTransactionHandleOf(db);
  if (sqlite !== undefined) {
    const keys = [...byType].flatMap(([type, values]) => [...new Set(values)].map((value) => [type, value] as const));
    for (const row of selectIdentifierOwners(sqlite, keys)) found.push({ type: row.id_type as IdentifierType, value: row.id_value, profileId: row.profile_id });
    return found;
  }
  for (const [type, values] of byType) {
    for (const chunk of chunked([...new Set(values)])) {
      const rows = await db
        .selectFrom('identifiers')
        .select(['id_type', 'id_value', 'profile_id'])
        .where('id_type', '=', type)
        .where('id_value', 'in', chunk)
        .execute();
      for (const row of rows) found.push({ type: row.id_type as IdentifierType, value: row.id_value, profileId: row.profile_id });
    }
  }
  return found;
}

/** Every identifier of these profiles. */
export async function identifiersOfProfiles(db: Executor, profileIds: readonly string[]): Promise<StoredIdentifier[]> {
  const found: StoredIdentifier[] = [];
  const sqlite = sqliteTransactionHandleOf(db);
  if (sqlite !== undefined) {
    for (const row of selectIdentifiersOf(sqlite, [...new Set(profileIds)])) found.push({ type: row.id_type as IdentifierType, value: row.id_value, profileId: row.profile_id });
    return found;
  }
  for (const chunk of chunked([...new Set(profileIds)])) {
    const rows = await db
      .selectFrom('identifiers')
      .select(['id_type', 'id_value', 'profile_id'])
      .where('profile_id', 'in', chunk)
      .orderBy('created_at')
      .execute();
    for (const row of rows) found.push({ type: row.id_type as IdentifierType, value: row.id_value, profileId: row.profile_id });
  }
  return found;
}

export async function insertIdentifiers(db: Executor, rows: readonly StoredIdentifier[], at: number): Promise<void> {
  const sqlite = sqliteTransactionHandleOf(db);
  if (sqlite !== undefined) return insertIdentifierRows(sqlite, rows.map((r) => [r.type, r.value, r.profileId, at] as const));
  for (const chunk of chunked(rows, 200)) {
    await db
      .insertInto('identifiers')
      .values(chunk.map((r) => ({ id_type: r.type, id_value: r.value, profile_id: r.profileId, created_at: at })))
      .execute();
  }
}

export interface MergeRecord {
  mergeId: string;
  at: number;
  into: string;
  from: string;
  cause: string;
  messageId: string | null;
  identifierType: string | null;
}

export async function insertMerges(db: Executor, merges: readonly MergeRecord[]): Promise<void> {
  for (const chunk of chunked(merges, 200)) {
    await db
      .insertInto('merges')
      .values(chunk.map((m) => ({
        merge_id: m.mergeId, at: m.at, into_profile_id: m.into, from_profile_id: m.from, cause: m.cause,
        message_id: m.messageId, identifier_type: m.identifierType,
      })))
      .execute();
  }
}

/** Merges a profile took part in, oldest first. */
export async function mergesOfProfile(db: Executor, profileId: string): Promise<MergeRecord[]> {
  const rows = await db
    .selectFrom('merges')
    .selectAll()
    .where((eb) => eb.or([eb('into_profile_id', '=', profileId), eb('from_profile_id', '=', profileId)]))
    .orderBy('at')
    .execute();
  return rows.map((r) => ({
    mergeId: r.merge_id, at: r.at, into: r.into_profile_id, from: r.from_profile_id, cause: r.cause,
    messageId: r.message_id, identifierType: r.identifier_type,
  }));
}

/** The profile a merged-away profile id now lives in, following chains of merges. */
export async function survivorOf(db: Executor, profileId: string): Promise<string | undefined> {
  let current = profileId;
  for (let hops = 0; hops < 50; hops++) {
    const row = await db.selectFrom('merges').select('into_profile_id').where('from_profile_id', '=', current).orderBy('at', 'desc').executeTakeFirst();
    if (row === undefined) return hops === 0 ? undefined : current;
    current = row.into_profile_id;
  }
  return current;
}
