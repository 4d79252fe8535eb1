// Where credentials come from: the environment in production (ATTUNE_WRITE_KEYS,
// ATTUNE_ADMIN_TOKEN); on a developer's machine with none configured, a demo write key and an
// admin token are generated once and kept in the database's settings so they survive restarts.
import { getSetting, hashKey, listWriteKeys, newSecret, settingOrInsert, type Store } from '../store/index.js';
import type { Credentials } from './auth.js';

export interface ResolvedCredentials {
  credentials: Credentials;
  /** Present when the value is a locally generated one that the user needs to be shown. */
  demoWriteKey?: string;
  demoAdminToken?: string;
}

export async function resolveCredentials(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedCredentials> {
  const writeKeys = (env.ATTUNE_WRITE_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  const resolved: ResolvedCredentials = { credentials: { writeKeys, adminToken: '' } };

  if (writeKeys.length === 0) {
    let demo = await getSetting(store.db, 'demo_write_key');
    const stored = await listWriteKeys(store.db);
    if (demo === undefined && !stored.some((k) => k.revokedAt === null)) {
      demo = await settingOrInsert(store.db, 'demo_write_key', newSecret('wk_demo'));
      await store.db.insertInto('write_keys').values({ key_hash: hashKey(demo), name: 'demo', created_at: Date.now(), revoked_at: null })
        .onConflict((oc) => oc.column('key_hash').doNothing()).execute();
    }
    if (demo !== undefined) resolved.demoWriteKey = demo;
  }

  const adminToken = env.ATTUNE_ADMIN_TOKEN?.trim();
  if (adminToken) {
    resolved.credentials.adminToken = adminToken;
  } else {
    const token = (await getSetting(store.db, 'admin_token')) ?? (await settingOrInsert(store.db, 'admin_token', newSecret('adm')));
    resolved.credentials.adminToken = token;
    resolved.demoAdminToken = token;
  }
  return resolved;
}
