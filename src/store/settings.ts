// Write keys (stored as SHA-256 hashes, shown once at creation) and small settings.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from './database.js';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export async function createWriteKey(db: Executor, name: string, now = Date.now()): Promise<string> {
  const key = newSecret('wk');
  await db.insertInto('write_keys').values({ key_hash: hashKey(key), name, created_at: now, revoked_at: null }).execute();
  return key;
}

export async function isActiveWriteKey(db: Executor, key: string): Promise<boolean> {
  const row = await db.selectFrom('write_keys').select('revoked_at').where('key_hash', '=', hashKey(key)).executeTakeFirst();
  return row !== undefined && row.revoked_at === null;
}

export async function listWriteKeys(db: Executor): Promise<Array<{ name: string; createdAt: number; revokedAt: number | null; fingerprint: string }>> {
  const rows = await db.selectFrom('write_keys').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({ name: r.name, createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at), fingerprint: r.key_hash.slice(0, 12) }));
}

export async function revokeWriteKey(db: Executor, key: string, now = Date.now()): Promise<boolean> {
  const result = await db.updateTable('write_keys').set({ revoked_at: now }).where('key_hash', '=', hashKey(key)).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Executor, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/**
 * Stores `value` under `key` unless a value is already there, and returns the stored value:
 * two processes starting at once on a fresh database agree on one generated secret.
 */
export async function settingOrInsert(db: Executor, key: string, value: string): Promise<string> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await getSetting(db, key)) as string;
}
