// Opening the database for a CLI command: `--db`, else ATTUNE_DATABASE_URL, else ./data/attune.db.
import type { Command } from 'commander';
import { openStore, resolveDatabaseTarget, type Store } from '../store/index.js';
import { CliError } from './run.js';

export function addDbOption(command: Command): Command {
  return command.option('--db <target>', 'SQLite file path or postgres:// URL (default: $ATTUNE_DATABASE_URL or ./data/attune.db)');
}

export async function withStore<T>(dbFlag: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const target = resolveDatabaseTarget(dbFlag);
  let store: Store;
  try {
    store = await openStore(target);
  } catch (error) {
    throw new CliError(`cannot open database ${target.startsWith('postgres') ? '(PostgreSQL)' : target}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
