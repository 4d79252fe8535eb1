// npm run bench:ingest — ingestion throughput on the embedded SQLite default, beside a bare fastify
// server measured in the same run. Prints figures; asserts nothing (rule 4: speed is measured here).
//   batched: events/s through /v1/batch with 100 events per request
//   single:  requests/s and p50/p99 latency of single /v1/track calls, at saturation and at a fixed rate
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createRng, randomInt } from '../src/core/random.js';
import { peakRssMb, startNode, type Child } from './support/processes.js';

const WRITE_KEY = 'wk_bench';
const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const BATCH_REQUESTS = Number(args.get('batches') ?? 3000);
const SINGLE_SECONDS = Number(args.get('seconds') ?? 10);
// --runs=batch for a quick look at the batched path only (the table then lacks the other rows).
const RUNS = new Set((args.get('runs') ?? 'bare,batch,single').split(','));
const rng = createRng('bench-ingest');
let sequence = 0;

function event(): Record<string, unknown> {
  const user = `bench-user-${randomInt(rng, 50_000)}`;
  const messageId = `bench-${++sequence}`;
  const kind = rng.next();
  if (kind < 0.6) return { type: 'track', userId: user, messageId, event: 'Product Viewed', properties: { product_id: `p${randomInt(rng, 2000)}`, category: `c${randomInt(rng, 40)}`, price: 20 } };
  if (kind < 0.75) return { type: 'page', userId: user, messageId, name: 'Category', properties: { path: '/c/shoes' } };
  if (kind < 0.9) return { type: 'track', userId: user, messageId, event: 'Email Opened', properties: { campaign: 'weekly' } };
  if (kind < 0.97) return { type: 'track', userId: user, messageId, event: 'Order Completed', properties: { order_id: messageId, revenue: 80, products: [{ product_id: 'p1', category: 'shoes', price: 80, quantity: 1 }] } };
  return { type: 'identify', userId: user, messageId, traits: { email: `${user}@example.com` } };
}

interface Result {
  label: string;
  requestsPerSec: number;
  eventsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function run(label: string, url: string, bodies: string[], options: { connections: number; amount?: number; duration?: number; overallRate?: number; eventsPerRequest: number }): Promise<Result> {
  let next = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : {}),
    ...(options.duration !== undefined ? { duration: options.duration } : {}),
    ...(options.overallRate !== undefined ? { overallRate: options.overallRate } : {}),
    headers: { authorization: auth, 'content-type': 'application/json' },
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  const seconds = result.duration;
  const completed = result.requests.total;
  return {
    label,
    requestsPerSec: completed / seconds,
    eventsPerSec: (completed * options.eventsPerRequest) / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** User + system CPU seconds of a live process (Linux /proc), all threads. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function table(rows: Result[]): string {
  const header = '| run | requests/s | events/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map((r) => `| ${r.label} | ${Math.round(r.requestsPerSec).toLocaleString('en-US')} | ${Math.round(r.eventsPerSec).toLocaleString('en-US')} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  return [header, ...lines].join('\n');
}

async function main(): Promise<void> {
  const batchBodies = Array.from({ length: BATCH_REQUESTS }, () => JSON.stringify({ batch: Array.from({ length: 100 }, event) }));
  const singleBodies = Array.from({ length: 200_000 }, () => {
    const { type: _type, ...body } = event();
    return JSON.stringify({ ...body, event: body.event ?? 'Product Viewed' });
  });
  const dir = mkdtempSync(join(tmpdir(), 'attune-bench-'));
  const results: Result[] = [];
  let attune: Child | undefined;
  let bare: Child | undefined;
  try {
    if (RUNS.has('bare')) {
      bare = await startNode('bench/support/bare-server.ts', ['4101']);
      results.push(await run('bare fastify: /v1/batch ×100', 'http://127.0.0.1:4101/v1/batch', batchBodies, { connections: 16, amount: BATCH_REQUESTS, eventsPerRequest: 100 }));
      results.push(await run('bare fastify: /v1/track', 'http://127.0.0.1:4101/v1/track', singleBodies, { connections: 32, duration: SINGLE_SECONDS, eventsPerRequest: 1 }));
      await bare.stop();
    }

    attune = await startNode('src/cli/main.ts', ['serve', '--port', '4102', '--db', join(dir, 'attune.db'), '--log-level', 'warn'], { ATTUNE_WRITE_KEYS: WRITE_KEY, ATTUNE_ADMIN_TOKEN: 'adm_bench' });
    let serverCpu = '';
    if (RUNS.has('batch')) {
      const before = cpuSeconds(attune.process.pid);
      results.push(await run('attune: /v1/batch ×100', 'http://127.0.0.1:4102/v1/batch', batchBodies, { connections: 16, amount: BATCH_REQUESTS, eventsPerRequest: 100 }));
      const used = cpuSeconds(attune.process.pid) - before;
      serverCpu = `attune server CPU during /v1/batch: ${used.toFixed(1)} s, ${Math.round((BATCH_REQUESTS * 100) / used).toLocaleString('en-US')} events per CPU-second (steadier on a shared machine)\n`;
    }
    if (RUNS.has('single')) {
      results.push(await run('attune: /v1/track (saturation)', 'http://127.0.0.1:4102/v1/track', singleBodies, { connections: 32, duration: SINGLE_SECONDS, eventsPerRequest: 1 }));
      results.push(await run('attune: /v1/track at 5,000 req/s', 'http://127.0.0.1:4102/v1/track', singleBodies.slice(100_000), { connections: 32, duration: SINGLE_SECONDS, overallRate: 5000, eventsPerRequest: 1 }));
    }
    const rss = peakRssMb(attune.process.pid);

    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
    const find = (label: string) => results.find((r) => r.label.startsWith(label));
    process.stdout.write(`\nIngest benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), Node ${process.version}, SQLite WAL synchronous=FULL\n`);
    process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n\n`);
    process.stdout.write(`${table(results)}\n\n`);
    const [bareBatch, bareTrack, batch, track] = [find('bare fastify: /v1/batch'), find('bare fastify: /v1/track'), find('attune: /v1/batch'), find('attune: /v1/track (sat')];
    if (bareBatch && bareTrack && batch && track) {
      process.stdout.write(`attune / bare: batched events/s ${ratio(batch.eventsPerSec, bareBatch.eventsPerSec)}, single requests/s ${ratio(track.requestsPerSec, bareTrack.requestsPerSec)}\n`);
    }
    process.stdout.write(serverCpu);
    process.stdout.write(`attune server peak RSS: ${rss?.toFixed(0) ?? 'n/a'} MB\n`);
  } finally {
    await bare?.stop();
    await attune?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
