// The big benchmark database shared by bench/weekly.ts and bench/decide.ts: a simulated Athena
// world (src/sim) with its history folded into profiles and identifiers (world-fold.ts), built
// once and cached under .tmp/ by members, weeks and seed. SQLite by default; a PostgreSQL URL
// (ATTUNE_DATABASE_URL) is filled in place and marked in `settings` so the next run reuses it.
//
// Build: one worker thread per core simulates and folds a contiguous member range in chunks; the
// main thread writes the rows (SQLite: prepared statements in one transaction per chunk, journal
// off and the identifiers→profile index built at the end; PostgreSQL: multi-row inserts).
// Members never share identifiers except simulated phone numbers (10,000 per area code): inside a
// chunk the identity graph settles them as ingestion would (the first holder keeps the number,
// userIds are never merged); across chunks the row written first keeps it (insert or ignore).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { buildCatalog, createWorld } from '../../src/sim/index.js';
import { getSetting, inTransaction, isPostgresUrl, openStore, setSetting, sql, upsertProducts, type Store } from '../../src/store/index.js';
import { projectRoot } from './processes.js';
import { checkAgainstStreamHistory, type FoldedChunk } from './world-fold.js';

export interface WorldKey {
  members: number;
  weeks: number;
  seed: number;
}

export interface WorldInfo extends WorldKey {
  profiles: number;
  identifiers: number;
  messages: number;
  merges: number;
  buildSeconds: number;
  threads: number;
  /** Start of the first week after the history: the moment the benchmark decides. */
  nowMs: number;
}

const FORMAT = 'bench-world-1';
const WORKER_URL = new URL('./world-worker.ts', import.meta.url).href;
const MARKER = 'bench.world';

export function worldKeyText(key: WorldKey): string {
  return `${FORMAT}-s${key.seed}-${key.members}m-${key.weeks}w`;
}

export function worldCachePath(key: WorldKey): string {
  return join(projectRoot, '.tmp', `${worldKeyText(key)}.db`);
}

// ---------------------------------------------------------------- small shared helpers

export function argValue(name: string): string | undefined {
  const argv = process.argv.slice(2);
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] as string;
    if (a === `--${name}`) return argv[k + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

export function numberArg(name: string, fallback: number): number {
  const raw = argValue(name);
  const value = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0, got ${raw}`);
  return value;
}

/** Peak resident memory of this process (all threads), MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function loadText(): string {
  const [one, five, fifteen] = loadavg();
  return `load ${one?.toFixed(2)} ${five?.toFixed(2)} ${fifteen?.toFixed(2)}${(one ?? 0) > 2 ? ' (shared)' : ''}`;
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Copies a closed SQLite database file (after a checkpoint, the WAL is empty). */
export function copySqlite(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
  copyFileSync(from, to);
}

export function removeSqlite(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

// ---------------------------------------------------------------- the build

interface Sink {
  write(chunk: FoldedChunk): Promise<void>;
  finish(info: WorldInfo): Promise<void>;
}

function sqliteSink(path: string): Sink {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.exec('drop index if exists identifiers_profile');
  const profile = db.prepare('insert into profiles (profile_id, first_seen_at, updated_at, traits, consent_tier, channels, timezone, stats) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const identifier = db.prepare('insert or ignore into identifiers (id_type, id_value, profile_id, created_at) values (?, ?, ?, ?)');
  const write = db.transaction((chunk: FoldedChunk) => {
    for (const row of chunk.profiles) profile.run(row);
    for (const row of chunk.identifiers) identifier.run(row);
  });
  return {
    write: async (chunk) => write(chunk),
    finish: async (info) => {
      db.exec('create index identifiers_profile on identifiers (profile_id)');
      info.identifiers = (db.prepare('select count(*) as n from identifiers').get() as { n: number }).n;
      db.prepare('insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run(MARKER, JSON.stringify(info));
      db.pragma('journal_mode = WAL');
      db.close();
    },
  };
}

function storeSink(store: Store): Sink {
  return {
    write: (chunk) => inTransaction(store, async (trx) => {
      for (let k = 0; k < chunk.profiles.length; k += 500) {
        await trx.insertInto('profiles').values(chunk.profiles.slice(k, k + 500).map(([profile_id, first_seen_at, updated_at, traits, consent_tier, channels, timezone, stats]) => ({
          profile_id, first_seen_at, updated_at, traits, consent_tier, channels, timezone, stats,
        }))).execute();
      }
      for (let k = 0; k < chunk.identifiers.length; k += 1000) {
        await trx.insertInto('identifiers').values(chunk.identifiers.slice(k, k + 1000).map(([id_type, id_value, profile_id, created_at]) => ({
          id_type, id_value, profile_id, created_at,
        }))).onConflict((oc) => oc.doNothing()).execute();
      }
    }),
    finish: async (info) => {
      const { n } = await store.db.selectFrom('identifiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      info.identifiers = Number(n);
      await inTransaction(store, (trx) => setSetting(trx, MARKER, JSON.stringify(info)));
    },
  };
}

/** Simulates and folds the world with one worker per core, writing every chunk to `sink`. */
async function build(key: WorldKey, sink: Sink, log: (line: string) => void): Promise<WorldInfo> {
  const started = performance.now();
  const threads = Math.max(1, Math.min(availableParallelism(), Math.ceil(key.members / 2000)));
  const chunk = 2000;
  const totals = { profiles: 0, identifiers: 0, messages: 0, merges: 0, members: 0 };
  let lastReport = started;
  let writing = Promise.resolve();
  const per = Math.ceil(key.members / threads);
  const runs = Array.from({ length: threads }, (_, t) => new Promise<void>((resolve, reject) => {
    const first = t * per;
    const end = Math.min(key.members, first + per);
    // A TypeScript worker: tsx is registered in the thread, then the module is imported.
    const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;
    const worker = new Worker(code, { eval: true, workerData: { ...key, first, end, chunk } });
    worker.on('message', (message: { type: 'chunk'; chunk: FoldedChunk } | { type: 'done' }) => {
      if (message.type === 'done') {
        void worker.terminate().then(() => resolve());
        return;
      }
      const part = message.chunk;
      // One writer: chunks are written in arrival order.
      writing = writing.then(async () => {
        await sink.write(part);
        totals.profiles += part.profiles.length;
        totals.identifiers += part.identifiers.length;
        totals.messages += part.messages;
        totals.merges += part.merges;
        totals.members += part.endMember - part.firstMember;
        worker.postMessage('ack');
        const now = performance.now();
        if (now - lastReport > 15_000) {
          lastReport = now;
          const rate = totals.members / ((now - started) / 1000);
          log(`  built ${fmt(totals.members)} / ${fmt(key.members)} members, ${fmt(totals.messages)} messages folded, ${fmt(rate)} members/s, eta ${fmt((key.members - totals.members) / rate / 60, 1)} min; ${loadText()}`);
        }
      }).catch(reject);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`world worker exited with ${code}`));
    });
  }));
  await Promise.all(runs);
  await writing;
  const world = { seed: key.seed, members: key.members, weeks: key.weeks };
  const info: WorldInfo = {
    ...world, profiles: totals.profiles, identifiers: totals.identifiers, messages: totals.messages, merges: totals.merges,
    buildSeconds: (performance.now() - started) / 1000, threads,
    nowMs: createWorld({ seed: key.seed, members: 1, historyWeeks: key.weeks }).calendar.nowMs,
  };
  await sink.finish(info);
  return info;
}

async function seedCatalog(store: Store, seed: number, at: number): Promise<void> {
  await inTransaction(store, (trx) => upsertProducts(trx, buildCatalog(seed).products, at));
}

export interface EnsuredWorld {
  /** SQLite file or PostgreSQL URL. */
  target: string;
  info: WorldInfo;
  built: boolean;
}

/**
 * The cached world database for `key`, built first when missing. SQLite: `.tmp/<key>.db`, written
 * as `<key>.db.building` and renamed when complete. PostgreSQL (`url`): filled once, then reused
 * while its marker matches; a database holding other profiles is refused.
 */
export async function ensureWorldStore(key: WorldKey, log: (line: string) => void, url?: string): Promise<EnsuredWorld> {
  const makeWorld = () => createWorld({ seed: key.seed, members: 300, historyWeeks: Math.min(key.weeks, 6) });
  if (url !== undefined && isPostgresUrl(url)) {
    const store = await openStore(url);
    try {
      const marker = await getSetting(store.db, MARKER);
      const info = marker === undefined ? undefined : (JSON.parse(marker) as WorldInfo);
      if (info !== undefined && info.members === key.members && info.weeks === key.weeks && info.seed === key.seed) return { target: url, info, built: false };
      const { n } = await store.db.selectFrom('profiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n) > 0) throw new Error(`the PostgreSQL database already holds ${n} profiles of something else: give an empty database`);
      await checkAgainstStreamHistory(makeWorld, Math.min(key.weeks, 6), 100);
      log(`building the ${fmt(key.members)}-member world into PostgreSQL (${key.weeks} weeks, seed ${key.seed}) …`);
      const now = createWorld({ seed: key.seed, members: 1, historyWeeks: key.weeks }).calendar.nowMs;
      await seedCatalog(store, key.seed, now);
      const built = await build(key, storeSink(store), log);
      return { target: url, info: built, built: true };
    } finally {
      await store.close();
    }
  }
  const path = worldCachePath(key);
  if (existsSync(path)) {
    const db = new BetterSqlite3(path, { readonly: true });
    const row = db.prepare('select value from settings where key = ?').get(MARKER) as { value: string } | undefined;
    db.close();
    if (row !== undefined) return { target: path, info: JSON.parse(row.value) as WorldInfo, built: false };
  }
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  await checkAgainstStreamHistory(makeWorld, Math.min(key.weeks, 6), 100);
  const building = `${path}.building`;
  removeSqlite(building);
  log(`building the ${fmt(key.members)}-member world (${key.weeks} weeks, seed ${key.seed}) into ${building} …`);
  const store = await openStore(building);
  const now = createWorld({ seed: key.seed, members: 1, historyWeeks: key.weeks }).calendar.nowMs;
  await seedCatalog(store, key.seed, now);
  await store.db.executeQuery(sql`pragma wal_checkpoint(truncate)`.compile(store.db));
  await store.close();
  const info = await build(key, sqliteSink(building), log);
  removeSqlite(path);
  renameSync(building, path);
  writeFileSync(`${path}.json`, `${JSON.stringify(info, null, 2)}\n`);
  log(`built in ${fmt(info.buildSeconds / 60, 1)} min: ${fmt(info.profiles)} profiles, ${fmt(info.identifiers)} identifiers from ${fmt(info.messages)} messages (${fmt(info.merges)} merges); ${fmt(statSync(path).size / 2 ** 30, 2)} GiB`);
  return { target: path, info, built: true };
}

/** ensureWorldStore in a child process (build-world.ts): the caller's peak memory stays its own. */
export async function ensureWorldInChild(key: WorldKey, log: (line: string) => void, url?: string): Promise<EnsuredWorld> {
  const args = ['--import', 'tsx', join(projectRoot, 'bench', 'support', 'build-world.ts'), '--members', String(key.members), '--weeks', String(key.weeks), '--seed', String(key.seed)];
  if (url !== undefined) args.push('--db', url);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let built = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    let newline = output.indexOf('\n');
    for (; newline >= 0; newline = output.indexOf('\n')) {
      const line = output.slice(0, newline);
      output = output.slice(newline + 1);
      if (line.startsWith('{"world"')) built = (JSON.parse(line) as { world: { target: string } }).world.target === 'built';
      else log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`building the world failed (exit ${code})`);
  return { ...(await ensureWorldStore(key, log, url)), built };
}

/** The info of a cached SQLite world, without opening it. */
export function cachedWorldInfo(key: WorldKey): WorldInfo | undefined {
  const file = `${worldCachePath(key)}.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WorldInfo) : undefined;
}
