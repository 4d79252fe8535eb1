// Runs a storage test suite against every configured backend: an SQLite file always, and
// PostgreSQL when ATTUNE_TEST_DATABASE_URL is set (each suite in its own schema, dropped after).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { dropPostgresSchema, openStore, type Store } from '../../src/store/index.js';

export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, empty, migrated store. */
  open(): Promise<Store>;
  /** The `--db` value that reaches the same database (for CLI and server tests). */
  url(): string;
  cleanup(): Promise<void>;
}

let counter = 0;

export function storeTargets(): Array<{ name: StoreTarget['name']; make: () => StoreTarget }> {
  const targets: Array<{ name: StoreTarget['name']; make: () => StoreTarget }> = [{ name: 'sqlite', make: sqliteTarget }];
  if (process.env.ATTUNE_TEST_DATABASE_URL) targets.push({ name: 'postgres', make: postgresTarget });
  return targets;
}

function sqliteTarget(): StoreTarget {
  const dir = mkdtempSync(join(tmpdir(), 'attune-test-'));
  const file = join(dir, 'attune.db');
  return {
    name: 'sqlite',
    open: () => openStore(file),
    url: () => file,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): StoreTarget {
  const base = process.env.ATTUNE_TEST_DATABASE_URL as string;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    name: 'postgres',
    open: () => openStore(base, { schema }),
    url: () => url,
    cleanup: () => dropPostgresSchema(base, schema),
  };
}

/**
 * `describe` once per backend. The callback receives a getter for a store opened before the
 * suite's tests (shared by them) and the target, for tests that need their own database.
 */
export function describeEachStore(title: string, body: (context: { store: () => Store; target: () => StoreTarget }) => void): void {
  for (const { name, make } of storeTargets()) {
    describe(`${title} [${name}]`, () => {
      let target: StoreTarget;
      let store: Store | undefined;
      beforeAll(async () => {
        target = make();
        store = await target.open();
      });
      afterAll(async () => {
        await store?.close();
        await target?.cleanup();
      });
      body({
        store: () => {
          if (store === undefined) throw new Error('store not open yet');
          return store;
        },
        target: () => target,
      });
    });
  }
}
