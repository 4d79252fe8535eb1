// Scoring throughput of every model for a synthetic population held in memory (no database):
// segment, CLV + P(alive) + expected purchases, churn risk, top products with reasons, best send
// hour, preferred channel and emotional state, from consent-filtered features — what the weekly
// `attune train` scoring pass computes per member. Prints figures; asserts nothing.
//   npx tsx bench/scoring.ts [--members=1000000] [--distinct=10000] [--threads=2] [--chunk=10000]
// Members are drawn from `distinct` synthetic histories (test/understand/synthetic.ts, every
// tier and archetype), each copy renamed; the models are fitted on the distinct histories and
// handed to the workers in their stored (artifact) form. Issue 3 target: 2.3M members < 60 s on 2 cores.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { fitModels } from '../src/understand/fit.js';
import { toArtifacts } from '../src/understand/artifacts.js';
import { CATALOG, NOW, snapshotOf, syntheticMembers } from '../test/understand/synthetic.js';
import type { ScoringSetup } from './support/scoring-worker.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const MEMBERS = Number(args.get('members') ?? 1_000_000);
const DISTINCT = Number(args.get('distinct') ?? 10_000);
const THREADS = Number(args.get('threads') ?? 2);
const CHUNK = Number(args.get('chunk') ?? 10_000);

function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

const t0 = performance.now();
const members = syntheticMembers({ count: DISTINCT, seed: 'bench-scoring' }).map((m) => snapshotOf(m, NOW));
const t1 = performance.now();
const { models, report } = fitModels(members, { now: NOW, seed: 1, catalog: CATALOG });
const t2 = performance.now();
const setup: ScoringSetup = { artifacts: toArtifacts(models, report), catalog: CATALOG, members, now: NOW };

process.stdout.write(`Scoring all models, ${MEMBERS.toLocaleString('en-US')} members from ${DISTINCT.toLocaleString('en-US')} synthetic histories, ${THREADS} worker thread(s) on ${availableParallelism()} cores\n`);
line('generate histories (reducer)', `${((t1 - t0) / 1000).toFixed(1)} s`);
line('fit all models on them', `${((t2 - t1) / 1000).toFixed(2)} s`);

const pool = new Piscina({
  filename: new URL('./support/scoring-worker.ts', import.meta.url).href,
  minThreads: THREADS,
  maxThreads: THREADS,
  execArgv: ['--import', 'tsx'],
});
// Initialise every thread (model load + JIT warm-up on a small range) before timing.
const ready = performance.now();
await Promise.all(Array.from({ length: THREADS }, () => pool.run({ start: 0, end: 2000, setup })));
line('load models in each worker + warm-up', `${((performance.now() - ready) / 1000).toFixed(2)} s`);

const started = performance.now();
const tasks: Array<Promise<{ scored: number; checksum: number }>> = [];
for (let start = 0; start < MEMBERS; start += CHUNK) tasks.push(pool.run({ start, end: Math.min(start + CHUNK, MEMBERS) }));
const results = await Promise.all(tasks);
const seconds = (performance.now() - started) / 1000;
await pool.destroy();

const scored = results.reduce((n, r) => n + r.scored, 0);
const checksum = results.reduce((n, r) => n + r.checksum, 0);
const rate = scored / seconds;
line(`score ${scored.toLocaleString('en-US')} members`, `${seconds.toFixed(1)} s  (${Math.round(rate).toLocaleString('en-US')} members/s; checksum ${checksum.toExponential(6)})`);
line('projected: 2.3M members (target < 60 s)', `${(2_300_000 / rate).toFixed(1)} s`);
