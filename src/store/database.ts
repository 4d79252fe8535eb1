// Opening the database: an SQLite file by default (no server to install), PostgreSQL when the
// target is a postgres:// URL. Migrations run on open, so every command sees the current schema.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives, safe to print: a file path, or a URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** A query runner: the store's database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export const DEFAULT_SQLITE_PATH = './data/attune.db';

export interface OpenOptions {
  /** PostgreSQL only: use (and create) this schema instead of `public`, e.g. one per test. */
  schema?: string;
  /** SQLite only: `full` (default) syncs the WAL on every commit; `normal` only at checkpoints. */
  synchronous?: 'full' | 'normal';
}

/** `--db` flag, else ATTUNE_DATABASE_URL, else the embedded SQLite file. */
export function resolveDatabaseTarget(flag?: string): string {
  return flag ?? process.env.ATTUNE_DATABASE_URL ?? DEFAULT_SQLITE_PATH;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export async function openStore(target: string, options: OpenOptions = {}): Promise<Store> {
  const store = isPostgresUrl(target) ? await openPostgres(target, options) : openSqlite(target, options);
  try {
    await migrate(store.db, store.dialect === 'postgres' ? options.schema ?? searchPathOf(target) : undefined);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * `full` (default): a commit survives power loss. `normal`: a commit survives a crash of the
 * process (SIGKILL) but the last transactions may be lost if the machine loses power.
 */
function sqliteSynchronous(): 'full' | 'normal' {
  const value = process.env.ATTUNE_SQLITE_SYNCHRONOUS?.toLowerCase();
  if (value === undefined || value === '' || value === 'full') return 'full';
  if (value === 'normal') return 'normal';
  throw new Error(`ATTUNE_SQLITE_SYNCHRONOUS must be "full" or "normal", got "${value}"`);
}

/**
 * The raw SQLite handle behind a Kysely instance or an open transaction, for the few hot paths
 * that use cached prepared statements directly (see sqlite-fast.ts). Undefined on PostgreSQL.
 */
export interface SqliteHandle {
  prepare(text: string): BetterSqlite3.Statement;
}

const sqliteHandles = new WeakMap<object, SqliteHandle>();

export function sqliteHandleOf(db: Executor): SqliteHandle | undefined {
  return sqliteHandles.get(db);
}

// Connections handed out by inTransaction. Kysely queues queries on the store's one SQLite
// connection behind a transaction in progress; the raw handle does not, so a read through it
// outside that transaction would see the transaction's uncommitted rows.
const sqliteTransactions = new WeakSet<object>();

/** The raw SQLite handle, only for an executor that is an open inTransaction transaction. */
export function sqliteTransactionHandleOf(db: Executor): SqliteHandle | undefined {
  return sqliteTransactions.has(db) ? sqliteHandles.get(db) : undefined;
}

function openSqlite(path: string, options: OpenOptions): Store {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? sqliteSynchronous()}`);
  // Other processes (an import while the server runs) wait for the write lock instead of failing.
  sqlite.pragma('busy_timeout = 10000');
  // Profiles are written at random places in their B-trees: a larger page cache (256 MB) and
  // checkpoints every ~160 MB of WAL instead of every 4 MB let repeated page writes coalesce (a
  // checkpoint copies each page once however often it changed). Batched ingestion touches ~2 random
  // pages per event, so the WAL fills fast: 40 MB gave ~10% less throughput than 160 MB. The WAL
  // file keeps its largest size (~160 MB) for reuse: cutting it back after each checkpoint
  // (journal_size_limit) cost the gain again.
  sqlite.pragma(`cache_size = ${-Number(process.env.ATTUNE_SQLITE_CACHE_MB ?? 256) * 1024}`);
  sqlite.pragma('wal_autocheckpoint = 40000');
  sqlite.pragma('temp_store = memory');
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  sqliteHandles.set(db, statements);
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; preparing is a noticeable share of a small SQLite query, so
 * statements are cached by their SQL text (the query builder produces a bounded set of shapes).
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement === undefined) {
        statement = sqlite.prepare(text);
        if (cache.size >= 1000) cache.clear();
        cache.set(text, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  }
  const parseNumber = (value: string) => Number(value);
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      // bigint (20) and numeric (1700) arrive as strings by default; our values fit in a double.
      if (oid === 20 || oid === 1700) return parseNumber;
      return pg.types.getTypeParser(oid, format);
    },
  };
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.ATTUNE_PG_POOL ?? 10),
    types,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: redactUrl(url) + (schema ? ` (schema ${schema})` : ''), close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** The schema named by `options=-c search_path=…` in a PostgreSQL URL, if any. */
export function searchPathOf(url: string): string | undefined {
  try {
    const options = new URL(url).searchParams.get('options') ?? '';
    return /search_path=([a-z_][a-z0-9_]*)/i.exec(options)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Kysely's migrator looks for its bookkeeping tables by name across schemas; with several schemas
 * in one database (one per test suite, or per tenant) it must be told which one is ours.
 */
async function migrate(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema !== undefined ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Drops a PostgreSQL schema created for a test run. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

// PostgreSQL error codes after which the whole transaction can simply run again.
const RETRYABLE_PG_CODES = new Set(['40001', '40P01', '23505']);

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_PG_CODES.has(code);
}

/**
 * Runs `work` in a write transaction. SQLite takes the write lock at BEGIN (IMMEDIATE), so a
 * concurrent writer in another process waits (busy_timeout) instead of failing mid-way. On
 * PostgreSQL a transaction that lost a race with another process (a duplicate key inserted
 * concurrently, a serialization failure, a deadlock) is retried from the start.
 */
export async function inTransaction<T>(store: Store, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (store.dialect === 'sqlite') {
    return store.db.connection().execute(async (connection) => {
      const handle = sqliteHandles.get(store.db);
      if (handle !== undefined) {
        sqliteHandles.set(connection, handle);
        sqliteTransactions.add(connection);
      }
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= 6 || !isRetryable(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

/** Row lock for read-modify-write on PostgreSQL; SQLite's single writer needs none. */
export function supportsRowLocks(store: Pick<Store, 'dialect'>): boolean {
  return store.dialect === 'postgres';
}

export { sql };
