// npm run bench:decide -- [--members 2300000] [--weeks 52] [--seed 1] [--rates 100,300] [--seconds 30]
//                        [--synchronous full|normal] [--skip-http] [--skip-batch] [--no-split]
// The decision engine's speed (issue 4). Prints figures; asserts nothing.
//
// Data: the simulated Athena world of bench/weekly.ts (bench/support/big-store.ts: a year of
// history folded into profiles, cached under .tmp/), scored once with trainAndScore and cached
// again as `<world>-scored.db` — "scores precomputed". Every run works on a fresh copy (SQLite
// only: this benchmark copies files; bench:weekly covers PostgreSQL).
//
// 1. Real time: `attune serve` in a child process on a copy of the scored database; autocannon in
//    this process posts `/v1/decide` for random members (by userId): one at a time (autocannon,
//    1 connection), at fixed request rates with evenly spaced arrivals (support/paced.ts — why not
//    autocannon's overallRate is explained there), then at saturation (autocannon, 16 connections).
//    Every call decides, composes, lints and records (a message is queued at once), as in
//    production. The server decides as of the wall clock, so the members' year of history ends
//    some months before "now".
// 2. Batch: src/decide runBatch over every member, decisions only (no composer — DecideDeps.compose
//    is optional: messages are recorded for review without content), in a child process of its
//    own (peak RSS is its own), `now` = the Monday after the history. runBatch is single-threaded.
//    Then the prototype split: two processes, each running runBatch's loop over half of the
//    profile-id range, on the same SQLite file (one writer at a time) — does a second core help?
import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createRng, randomInt } from '../src/core/random.js';
import { openStore } from '../src/store/index.js';
import { trainAndScore } from '../src/understand/run.js';
import { argValue, copySqlite, ensureWorldInChild, fmt, loadText, numberArg, removeSqlite, worldKeyText, type WorldKey } from './support/big-store.js';
import { paced } from './support/paced.js';
import { peakRssMb as childPeakRssMb, projectRoot, startNode } from './support/processes.js';

const key: WorldKey = { members: numberArg('members', 2_300_000), weeks: numberArg('weeks', 52), seed: numberArg('seed', 1) };
const rates = (argValue('rates') ?? '100,300').split(',').map(Number).filter((r) => r > 0);
const seconds = numberArg('seconds', 30);
const has = (flag: string) => process.argv.includes(flag);
const log = (line: string) => process.stdout.write(`${line}\n`);
const TOKEN = 'adm_bench_decide';
/** The server's SQLite durability: `full` (the default, fsync per commit) or `normal`. */
const synchronous = argValue('synchronous') ?? 'full';
const tmp = (suffix: string) => join(projectRoot, '.tmp', `${worldKeyText(key)}-${suffix}.db`);

/** The world with every member scored (trainAndScore once), cached beside the world. */
async function scoredWorld(): Promise<{ path: string; now: number; profiles: number }> {
  const world = await ensureWorldInChild(key, log);
  const path = tmp('scored');
  if (!existsSync(path)) {
    const building = `${path}.building`;
    copySqlite(world.target, building);
    const store = await openStore(building);
    log('scoring every member once (trainAndScore) for the precomputed scores …');
    const trained = await trainAndScore(store, { now: world.info.nowMs, seed: key.seed });
    log(`  scored ${fmt(trained.scored)} members in ${fmt(trained.seconds.total, 1)} s`);
    await store.close();
    renameSync(building, path);
    removeSqlite(building);
  }
  return { path, now: world.info.nowMs, profiles: world.info.profiles };
}

interface Latency {
  label: string;
  offered: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

async function drive(label: string, url: string, options: { duration: number; connections: number; overallRate?: number }): Promise<Latency> {
  const rng = createRng(`bench-decide-${label}`);
  const result = await autocannon({
    url: `${url}/v1/decide`, method: 'POST', duration: options.duration, connections: options.connections,
    ...(options.overallRate !== undefined ? { overallRate: options.overallRate } : {}),
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    requests: [{
      setupRequest: (request: Record<string, unknown>) => ({
        ...request, body: JSON.stringify({ idType: 'userId', id: `ath-${String(1 + randomInt(rng, key.members)).padStart(8, '0')}` }),
      }),
    }],
  });
  // autocannon reports p90 and max too; bench/types/autocannon.d.ts declares only what ingest uses.
  const latency = result.latency as typeof result.latency & { p90: number; max: number };
  return {
    label,
    offered: options.overallRate !== undefined ? `${options.overallRate} req/s` : options.connections === 1 ? 'one request at a time (1 connection)' : `saturation, ${options.connections} connections`,
    rps: result.requests.total / result.duration, p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max,
    errors: result.errors, non2xx: result.non2xx,
  };
}

async function realTime(scored: string): Promise<void> {
  const db = tmp('decide-http');
  copySqlite(scored, db);
  const server = await startNode('src/cli/main.ts', ['serve', '--port', '4131', '--db', db, '--log-level', 'warn'], {
    ATTUNE_ADMIN_TOKEN: TOKEN, ATTUNE_WRITE_KEYS: 'wk_bench_decide', ATTUNE_SQLITE_SYNCHRONOUS: synchronous,
  });
  const url = 'http://127.0.0.1:4131';
  const rows: Latency[] = [];
  try {
    await drive('warm-up', url, { duration: 5, connections: 4, overallRate: 50 });
    rows.push(await drive('one at a time', url, { duration: Math.min(seconds, 10), connections: 1 }));
    for (const rate of rates) {
      const rng = createRng(`bench-decide-paced-${rate}`);
      const r = await paced(`${url}/v1/decide`, {
        rate, seconds, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: () => JSON.stringify({ idType: 'userId', id: `ath-${String(1 + randomInt(rng, key.members)).padStart(8, '0')}` }),
      });
      const row: Latency = { label: `paced ${rate}`, offered: `${rate} req/s, evenly spaced (open loop)`, rps: r.completed / r.seconds, p50: r.p50, p90: r.p90, p99: r.p99, max: r.max, errors: r.errors, non2xx: r.non2xx };
      rows.push(row);
      log(`  ${row.offered}: p50 ${row.p50} ms, p99 ${row.p99} ms; ${loadText()}`);
    }
    rows.push(await drive('saturation', url, { duration: Math.min(seconds, 15), connections: 16 }));
    const rss = childPeakRssMb(server.process.pid);
    log(`\n/v1/decide — attune serve (SQLite, synchronous=${synchronous}) in a child process, autocannon in this one; ${loadText()}\n`);
    log('| offered | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx |');
    log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) log(`| ${r.offered} | ${fmt(r.rps)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} |`);
    log(`server peak RSS ${fmt(rss ?? 0)} MB; target p99 < 10 ms`);
  } finally {
    await server.stop();
    removeSqlite(db);
  }
}

interface BatchResult {
  members: number;
  decisions: Record<string, number>;
  seconds: number;
  startedAt: number;
  endedAt: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** A decide-batch child; with `ready`, it waits for `go()` after its setup (engine, JIT of the loaders). */
function batchChild(db: string, now: number, extra: string[] = [], ready?: (go: () => void) => void): Promise<BatchResult> {
  const args = ['--import', 'tsx', join(projectRoot, 'bench', 'support', 'decide-batch.ts'), '--db', db, '--now', String(now), ...extra];
  if (ready !== undefined) args.push('--wait');
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (ready !== undefined && output.startsWith('ready\n')) {
      output = output.slice(6);
      ready(() => child.stdin.write('go\n'));
    }
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('{"result"'));
      if (code !== 0 || line === undefined) reject(new Error(`decide-batch exited with ${code}: ${output.slice(-2000)}`));
      else resolve((JSON.parse(line) as { result: BatchResult }).result);
    });
  });
}

async function batch(scored: string, now: number, profiles: number): Promise<void> {
  const db = tmp('decide-batch');
  const rows: string[] = [];
  const row = (label: string, r: { members: number; seconds: number; cpuSeconds: number; peakRssMb: number }) => {
    rows.push(`| ${label} | ${fmt(r.members)} | ${fmt(r.seconds, 1)} | ${fmt(r.members / r.seconds)} | ${fmt(r.cpuSeconds, 1)} | ${fmt(r.peakRssMb)} | ${fmt((2_300_000 / r.members) * r.seconds, 0)} |`);
  };
  try {
    copySqlite(scored, db);
    log(`batch: runBatch, decisions only, one process; ${loadText()}`);
    const single = await batchChild(db, now);
    row('runBatch, 1 process', single);
    log(`  ${fmt(single.members)} members in ${fmt(single.seconds, 1)} s; ${loadText()}`);
    log(`  decisions: ${Object.entries(single.decisions).sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} ${fmt(n)}`).join(', ')}`);
    if (!has('--no-split')) {
      copySqlite(scored, db);
      log(`batch: two processes over halves of the profile-id range, same SQLite file; ${loadText()}`);
      // Both start their loops together, once both are set up.
      const gos: Array<() => void> = [];
      const ready = (go: () => void) => {
        gos.push(go);
        if (gos.length === 2) for (const g of gos) g();
      };
      const [low, high] = await Promise.all([batchChild(db, now, ['--before', '8'], ready), batchChild(db, now, ['--after', '8'], ready)]);
      const wall = (Math.max(low.endedAt, high.endedAt) - Math.min(low.startedAt, high.startedAt)) / 1000;
      row('range loop, 2 processes (wall)', {
        members: low.members + high.members, seconds: wall, cpuSeconds: low.cpuSeconds + high.cpuSeconds, peakRssMb: low.peakRssMb + high.peakRssMb,
      });
      log(`  halves: ${fmt(low.members)} in ${fmt(low.seconds, 1)} s and ${fmt(high.members)} in ${fmt(high.seconds, 1)} s; ${loadText()}`);
    }
  } finally {
    removeSqlite(db);
  }
  log(`\nBatch decisions (decisions only, scores precomputed) — ${fmt(profiles)} profiles; ${loadText()}\n`);
  log('| run | members | seconds | members/s | CPU s | peak RSS MB | projected 2.3M s |');
  log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) log(r);
  log('targets: 2.3M members < 180 s, peak memory < 4,096 MB');
}

log(`Decision benchmark (simulated data) — ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), Node ${process.version}; ${loadText()}`);
const scored = await scoredWorld();
log(`world: ${fmt(key.members)} members (${fmt(scored.profiles)} profiles), ${key.weeks} weeks, seed ${key.seed}; scored copy ${scored.path}`);
if (!has('--skip-http')) await realTime(scored.path);
if (!has('--skip-batch')) await batch(scored.path, scored.now, scored.profiles);
