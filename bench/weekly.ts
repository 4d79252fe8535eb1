// npm run bench:weekly -- --members 2300000 [--weeks 52] [--seed 1] [--page-size 2000] [--keep]
// One full weekly cycle over a simulated Athena world with a year of history (issue 7), timed
// stage by stage. Prints figures; asserts nothing (tests never check timings).
//
// The world database (bench/support/big-store.ts, cached under .tmp/ by members/weeks/seed):
// simulating a year of 2.3M members is ~390M Segment messages; through the HTTP/ingest path
// (≈ 11–14k events/s, BENCHMARKS.md) that would take 8–10 hours. Instead one worker thread per
// core simulates its member range (src/sim, the same messages as streamHistory — checked on a
// small world before every build) and folds each member's messages with the real identity graph,
// rollup reducer and consent rules into the rows ingestion would leave (world-fold.ts): profiles
// (traits, consent, time zone, stats) and identifiers. Raw events, the merge log and the consent
// log are not written: nothing in the cycle reads them (scoring reads only the rollups, the
// decision engine profiles, scores, the outbox and tasks). The cycle then runs on a copy of the
// cached file (SQLite), or in place on PostgreSQL when ATTUNE_DATABASE_URL is set.
//
// Stages (the real code; `now` = the Monday after the history):
//   training sample + fit   trainAndScore pass 1: read every profile, keep the sample, fit models
//   features + scoring      trainAndScore pass 2: read every profile, compute features from the
//                           rollups and every score, write profile_scores (features are computed
//                           inside the scorer, there is no separate feature table to refresh)
//   decisions               runBatch: read contexts, guardrails, policy, write decision rows,
//                           tasks and audit entries — minus the two rows below
//   composition + linting   time inside deps.compose (a timing wrapper around the engine's composer)
//   outbox enqueue          time of the `insert into outbox` statements (a Kysely timing plugin)
import { existsSync, renameSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { runBatch, type Composer, type DecideDeps } from '../src/decide/index.js';
import { createEngine } from '../src/engine/engine.js';
import { countProfiles, isPostgresUrl, openStore, sql, type Store } from '../src/store/index.js';
import { trainAndScore } from '../src/understand/run.js';
import { argValue, copySqlite, ensureWorldInChild, fmt, loadText, numberArg, peakRssMb, removeSqlite, worldKeyText } from './support/big-store.js';
import { projectRoot } from './support/processes.js';
import { queryTimer, timedStore } from './support/query-timer.js';

const members = numberArg('members', 2_300_000);
const weeks = numberArg('weeks', 52);
const seed = numberArg('seed', 1);
const pageSize = numberArg('page-size', 2000);
const keep = process.argv.includes('--keep');
const url = argValue('db') ?? process.env.ATTUNE_DATABASE_URL;
const log = (line: string) => process.stdout.write(`${line}\n`);

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

interface Row {
  stage: string;
  seconds: number;
  peakRss: number;
  note?: string;
}

/** bench/decide.ts starts from the scored world: keep a copy of it when there is none (untimed). */
async function saveScored(store: Store): Promise<void> {
  const scored = join(projectRoot, '.tmp', `${worldKeyText({ members, weeks, seed })}-scored.db`);
  if (existsSync(scored)) return;
  const started = performance.now();
  await sql.raw(`vacuum into '${scored.replace(/'/g, "''")}.building'`).execute(store.db);
  renameSync(`${scored}.building`, scored);
  log(`saved the scored world for bench:decide (${fmt((performance.now() - started) / 1000, 1)} s, not part of the cycle)`);
}

/** On PostgreSQL the world is reused in place: clear what an earlier cycle wrote. */
async function resetCycleTables(store: Store): Promise<void> {
  for (const table of ['profile_scores', 'model_artifacts', 'decisions', 'outbox', 'tasks', 'audit_log', 'policy_arms', 'triggers'] as const) {
    await store.db.deleteFrom(table).execute();
  }
}

async function main(): Promise<void> {
  const postgres = url !== undefined && isPostgresUrl(url);
  log(`Weekly cycle benchmark (simulated data) — ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), Node ${process.version}, ${postgres ? 'PostgreSQL' : 'SQLite'}`);
  log(`world: ${fmt(members)} members, ${weeks} weeks of history, seed ${seed}; ${loadText()}`);

  const world = await ensureWorldInChild({ members, weeks, seed }, log, postgres ? url : undefined);
  const { info } = world;
  log(`world database: ${fmt(info.profiles)} profiles from ${fmt(info.messages)} simulated messages (${world.built ? 'built now' : 'cached'}; the build took ${fmt(info.buildSeconds / 60, 1)} min on ${info.threads} threads)`);

  let target = world.target;
  if (!postgres) {
    target = join(projectRoot, '.tmp', `${worldKeyText({ members, weeks, seed })}-weekly.db`);
    const copyStarted = performance.now();
    copySqlite(world.target, target);
    log(`working copy ${target} (${fmt((performance.now() - copyStarted) / 1000, 1)} s)`);
  }
  const base = await openStore(target);
  const { plugin, times } = queryTimer();
  const store = timedStore(base, plugin);
  const rows: Row[] = [];
  try {
    if (postgres) await resetCycleTables(store);
    const profiles = await countProfiles(store.db);
    const now = info.nowMs;
    const engine = await createEngine(store);
    log(`deciding as of ${new Date(now).toISOString()}; ${loadText()}\n`);

    // Stage 1 + 2: training and scoring.
    times.reset();
    let cpu = process.cpuUsage();
    const trained = await trainAndScore(store, { now, seed });
    const trainCpu = cpuSeconds(process.cpuUsage(cpu));
    const trainRss = peakRssMb();
    const readMs = times.total((l) => l === 'select profiles');
    const scoreWriteMs = times.total((l) => l.endsWith('profile_scores'));
    rows.push({ stage: 'training sample + fit', seconds: trained.seconds.fit, peakRss: trainRss, note: `${fmt(trained.trainingMembers)} sampled members` });
    rows.push({
      stage: 'features + scoring', seconds: trained.seconds.score, peakRss: trainRss,
      note: `both passes read profiles ${fmt(readMs / 1000, 1)} s; scores written ${fmt(scoreWriteMs / 1000, 1)} s`,
    });
    log(`trained ${trained.version}: ${fmt(trained.scored)} scored; ${loadText()}`);
    if (!postgres) await saveScored(store);

    // Stage 3–5: decisions, composition + linting, outbox enqueue.
    const compose = engine.decide.compose as Composer;
    let composeMs = 0;
    let composed = 0;
    const timedCompose: Composer = async (input) => {
      const started = performance.now();
      try {
        return await compose(input);
      } finally {
        composeMs += performance.now() - started;
        composed++;
      }
    };
    const deps: DecideDeps = { ...engine.decide, store, compose: timedCompose };
    times.reset();
    cpu = process.cpuUsage();
    const batch = await runBatch(deps, { now, pageSize });
    const batchCpu = cpuSeconds(process.cpuUsage(cpu));
    const batchRss = peakRssMb();
    const outboxMs = times.total((l) => l === 'insert outbox');
    const decideSeconds = batch.seconds - composeMs / 1000 - outboxMs / 1000;
    rows.push({ stage: 'decisions', seconds: decideSeconds, peakRss: batchRss, note: `${fmt(batch.members)} decisions, silence ${fmt(batch.silenceRate * 100, 1)}%` });
    rows.push({ stage: 'composition + linting', seconds: composeMs / 1000, peakRss: batchRss, note: `${fmt(composed)} messages (${fmt(composed / Math.max(composeMs / 1000, 1e-9))}/s)` });
    rows.push({ stage: 'outbox enqueue', seconds: outboxMs / 1000, peakRss: batchRss, note: `${fmt(times.count.get('insert outbox') ?? 0)} inserts` });

    const total = rows.reduce((s, r) => s + r.seconds, 0);
    log(`\nWeekly cycle — ${fmt(profiles)} profiles (${fmt(members)} members), ${postgres ? 'PostgreSQL' : 'SQLite'}, ${availableParallelism()} cores; ${loadText()}\n`);
    log('| stage | seconds | members/s | peak RSS MB | |');
    log('|---|---:|---:|---:|---|');
    for (const r of rows) log(`| ${r.stage} | ${fmt(r.seconds, 1)} | ${fmt(profiles / Math.max(r.seconds, 1e-9))} | ${fmt(r.peakRss)} | ${r.note ?? ''} |`);
    log(`| **cycle** | **${fmt(total, 1)}** | ${fmt(profiles / total)} | ${fmt(peakRssMb())} | target < 180 s, < 6,144 MB |`);
    log(`\nCPU time (this process): training + scoring ${fmt(trainCpu, 1)} s for ${fmt(trained.seconds.total, 1)} s wall; decisions + composition + enqueue ${fmt(batchCpu, 1)} s for ${fmt(batch.seconds, 1)} s wall`);
    const perMember = total / profiles;
    log(`per member ${fmt(perMember * 1e6, 1)} µs → 2.3M members ≈ ${fmt(perMember * 2_300_000, 0)} s at this rate (linear projection)`);
    log(`decisions: ${Object.entries(batch.decisions).sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} ${fmt(n)}`).join(', ')}`);
    log(`by channel: ${Object.entries(batch.byChannel).map(([c, n]) => `${c} ${fmt(n)}`).join(', ')}; hand-overs ${fmt(batch.handovers)}, holdout ${fmt(batch.holdout)}`);
    const slow = [...times.ms].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([l, ms]) => `${l} ${fmt(ms / 1000, 1)} s`);
    log(`decision-stage queries: ${slow.join(', ')}`);
  } finally {
    await store.close();
    if (!postgres && !keep) removeSqlite(target);
  }
}

await main();
