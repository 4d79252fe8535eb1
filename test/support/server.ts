// Test helpers for the HTTP API.
import { buildServer, type AttuneServer } from '../../src/server/app.js';
import type { Store } from '../../src/store/index.js';

export const WRITE_KEY = 'wk_test_key';
export const ADMIN_TOKEN = 'adm_test_token';

export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

export const writeHeaders = { authorization: basic(WRITE_KEY), 'content-type': 'application/json' };
export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };

export function testServer(store: Store): Promise<AttuneServer> {
  return buildServer({ store, credentials: { writeKeys: [WRITE_KEY], adminToken: ADMIN_TOKEN }, logLevel: 'silent' });
}
