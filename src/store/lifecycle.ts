// Operations across every personal-data table: moving rows after a merge, erasure, export.
import { sql } from 'kysely';
import { chunked } from './chunks.js';
import type { Executor } from './database.js';
import { PERSONAL_DATA_TABLES } from './personal-data.js';

/** After a merge, rows of the absorbed profiles belong to the survivor. */
export async function moveProfileRows(db: Executor, from: readonly string[], into: string): Promise<void> {
  if (from.length === 0) return;
  for (const { table, columns, followsMerge } of PERSONAL_DATA_TABLES) {
    if (!followsMerge) continue;
    for (const column of columns) {
      for (const chunk of chunked(from)) {
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${into} where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(db);
      }
    }
  }
  for (const chunk of chunked(from)) {
    await db.deleteFrom('profiles').where('profile_id', 'in', chunk).execute();
  }
}

/** Every profile id that ever pointed at this member (itself and the profiles merged into it). */
export async function profileIdsOfMember(db: Executor, profileId: string): Promise<string[]> {
  const ids = new Set([profileId]);
  let frontier = [profileId];
  while (frontier.length > 0) {
    const rows = await db.selectFrom('merges').select('from_profile_id').where('into_profile_id', 'in', frontier).execute();
    frontier = rows.map((r) => r.from_profile_id).filter((id) => !ids.has(id));
    for (const id of frontier) ids.add(id);
  }
  return [...ids];
}

/** Deletes the member from every personal-data table, including merge logs that name them. */
export async function eraseMember(db: Executor, profileId: string): Promise<Record<string, number>> {
  const ids = await profileIdsOfMember(db, profileId);
  const deleted: Record<string, number> = {};
  for (const { table, columns } of PERSONAL_DATA_TABLES) {
    let count = 0;
    for (const column of columns) {
      for (const chunk of chunked(ids)) {
        const result = await sql`delete from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(db);
        count += Number(result.numAffectedRows ?? 0);
      }
    }
    deleted[table] = count;
  }
  return deleted;
}

/** Every row held about the member, table by table (JSON text columns are returned parsed). */
export async function exportMember(db: Executor, profileId: string): Promise<Record<string, unknown[]>> {
  const ids = await profileIdsOfMember(db, profileId);
  const result: Record<string, unknown[]> = {};
  for (const { table, columns } of PERSONAL_DATA_TABLES) {
    const rows: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (const column of columns) {
      for (const chunk of chunked(ids)) {
        const found = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(db);
        for (const row of found.rows) {
          const key = JSON.stringify(row);
          if (seen.has(key)) continue;
          seen.add(key);
          rows.push(parseJsonColumns(table, row));
        }
      }
    }
    result[table] = rows;
  }
  return result;
}

/**
 * The columns of each personal-data table that hold a JSON document as text (src/store/schema.ts):
 * an export returns them parsed, so a member receives their data, not escaped strings.
 */
export const PERSONAL_JSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  profiles: ['traits', 'channels', 'stats'],
  events: ['payload'],
  consent_log: ['channels_before', 'channels_after'],
  profile_scores: ['scores'],
  decisions: ['reasons', 'candidates', 'rejections'],
  outbox: ['message'],
  tasks: ['context'],
  audit_log: ['detail'],
};

function parseJsonColumns(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const json = PERSONAL_JSON_COLUMNS[table] ?? [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = json.includes(key) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return out;
}
