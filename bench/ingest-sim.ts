// In-process ingestion of the simulated loyalty program, as `attune demo` does it: the history of
// 20,000 members over 26 weeks (~1.8M Segment messages) through ingestSimulated into a fresh
// SQLite file. Prints messages/s and where the time goes; asserts nothing (rule 4).
// Run: npx tsx bench/ingest-sim.ts [--members 20000] [--weeks 26] [--seed 1] [--synchronous normal|full] (the demo uses normal) [--keep]
// Profile: node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/ingest-sim.ts --members 5000
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPrepared, prepareSimulated } from '../src/demo/ingest.js';
import { createWorld, streamHistory } from '../src/sim/index.js';
import { countEvents, countProfiles, openStore } from '../src/store/index.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] as string) : fallback;
}

const members = Number(option('members', '20000'));
const weeks = Number(option('weeks', '26'));
const seed = Number(option('seed', '1'));
const synchronous = option('synchronous', 'normal') as 'full' | 'normal';
const keep = process.argv.includes('--keep');
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'attune-ingest-sim-'));
const file = join(dir, 'attune.db');
const store = await openStore(file, { synchronous });
const loadBefore = load();
const world = createWorld({ seed, members, historyWeeks: weeks });
const receivedAt = world.calendar.nowMs;

let generateMs = 0;
let prepareMs = 0;
let ingestMs = 0;
let ingestCpuUs = 0;
let messages = 0;
let accepted = 0;
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
let mark = performance.now();
for (const chunk of streamHistory(world)) {
  const generated = performance.now();
  generateMs += generated - mark;
  const cpuBefore = process.cpuUsage();
  const prepared = prepareSimulated(chunk.messages, receivedAt);
  const ready = performance.now();
  prepareMs += ready - generated;
  const result = await ingestPrepared(store, prepared, receivedAt);
  mark = performance.now();
  ingestMs += mark - ready;
  const used = process.cpuUsage(cpuBefore);
  ingestCpuUs += used.user + used.system;
  messages += chunk.messages.length;
  accepted += result.accepted;
  process.stderr.write(`  members ${fmt(chunk.endMember)}/${fmt(members)}: ${fmt(messages)} messages, ${fmt(messages / ((prepareMs + ingestMs) / 1000))} msg/s so far\n`);
}
const wallMs = performance.now() - wallStart;
const cpu = process.cpuUsage(cpuStart);
const events = await countEvents(store.db);
const profiles = await countProfiles(store.db);
await store.close();
const bytes = statSync(file).size;
if (!keep) rmSync(dir, { recursive: true, force: true });

const ingestTotal = prepareMs + ingestMs;
console.log(`\nIngest of simulated history — ${fmt(members)} members × ${weeks} weeks, seed ${seed}, SQLite synchronous=${synchronous}, Node ${process.version}`);
console.log(`load average before ${loadBefore}, after ${load()}`);
console.log(`messages ${fmt(messages)} (accepted ${fmt(accepted)}, events stored ${fmt(events)}, profiles ${fmt(profiles)}), database ${fmt(bytes / 1024 / 1024)} MB${keep ? ` at ${file}` : ''}`);
console.log(`ingest (prepare + store)  ${fmt(ingestTotal / 1000, 1).padStart(6)} s  ${fmt(messages / (ingestTotal / 1000)).padStart(8)} msg/s`);
console.log(`  on the CPU              ${fmt(ingestCpuUs / 1e6, 1).padStart(6)} s  ${fmt(messages / (ingestCpuUs / 1e6)).padStart(8)} msg per CPU-second (steadier on a shared machine)`);
console.log(`  prepare (validate)      ${fmt(prepareMs / 1000, 1).padStart(6)} s  ${fmt((prepareMs * 1000) / messages, 1).padStart(8)} µs/msg`);
console.log(`  store (transactions)    ${fmt(ingestMs / 1000, 1).padStart(6)} s  ${fmt((ingestMs * 1000) / messages, 1).padStart(8)} µs/msg`);
console.log(`simulator (generation)    ${fmt(generateMs / 1000, 1).padStart(6)} s  ${fmt((generateMs * 1000) / messages, 1).padStart(8)} µs/msg`);
console.log(`wall ${fmt(wallMs / 1000, 1)} s, cpu ${fmt((cpu.user + cpu.system) / 1e6, 1)} s (all threads, GC included)`);
