// The weekly cycle on every core: worker threads read pages of members through their own
// connections, decide and compose (the CPU-heavy part); the main thread writes. Before writing a
// page it re-reads, inside the write transaction, what each decision depended on besides the
// profile — the member's messages within the caps' reach and recent hand-overs — and decides
// again, there, for any member whose contact changed since the worker read it (a real-time
// decision slipped in). So the caps hold exactly as in the single-threaded runBatch, and the
// decisions are the same: seeds depend only on member and time.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  contactFingerprints, decidePage, DEFAULT_PAGE_SIZE, emptySummary, finishSummary, prepareRecords, runBatch, tally,
  writeRecords, type AttuneConfig, type BatchOptions, type BatchSummary, type DecideDeps, type PreparedRecords,
} from '../decide/index.js';
import { getSetting, inTransaction, loadArms, profileIdPage, setSetting, supportsRowLocks, type ArmCounts, type OpenOptions, type Store } from '../store/index.js';
import type { EngineOptions } from './engine.js';

/** What the workers need to open the same database and build the same engine. */
export interface BatchPoolOptions {
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** The target and options this store was opened with. */
  target: string;
  open?: OpenOptions;
  /** How the workers build their composer (templates, brand, links). */
  engine?: EngineOptions;
  /** The configuration the workers decide with (the main thread's). */
  config: AttuneConfig;
}

export interface ParallelBatchOptions extends BatchOptions, Omit<BatchPoolOptions, 'config'> {
  /** Called after a worker decided a page and before the page is written (instrumentation, tests). */
  onPageDecided?: (ids: readonly string[]) => Promise<void>;
}

export interface BatchWorkerInput extends Omit<BatchPoolOptions, 'threads'> {
  /** The main database's identity: a worker that opened another database refuses to work. */
  databaseId: string;
}

export const DATABASE_ID = 'database.id';

/** A random id stored in the database once, so that another connection can tell it reached the same one. */
async function databaseId(store: Store): Promise<string> {
  const stored = await getSetting(store.db, DATABASE_ID);
  if (stored !== undefined) return stored;
  await setSetting(store.db, DATABASE_ID, randomUUID());
  return (await getSetting(store.db, DATABASE_ID)) as string;
}

export type WorkerRequest = { kind: 'page'; ids: readonly string[]; now: number; arms: ReadonlyMap<string, ArmCounts> } | { kind: 'close' };
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'page'; records: PreparedRecords; fingerprints: Map<string, string> }
  | { kind: 'error'; message: string }
  | { kind: 'closed' };

/**
 * The worker thread. Compiled, it is plain JavaScript. From the TypeScript sources (tests, `tsx`)
 * it registers tsx's loader first: Node 20 does not apply `--import` hooks to a worker's entry.
 */
function workerThread(input: BatchWorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./batch-worker.js', import.meta.url), { workerData: input });
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./batch-worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then(({ register }) => { register(); return import(${entry}); })`, { eval: true, workerData: input });
}

/** Queue depth per worker: the next page is already there when one is done (the main thread may be writing). */
const PAGES_IN_FLIGHT = 2;

/** One worker; it answers requests in the order they were sent. */
class BatchWorker {
  private readonly waiting: Array<(reply: WorkerReply) => void> = [];
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`a batch worker exited (code ${code})`)));
  }

  static async start(input: BatchWorkerInput): Promise<BatchWorker> {
    const worker = new BatchWorker(workerThread(input));
    await worker.next('ready');
    return worker;
  }

  private settle(reply: WorkerReply): void {
    this.waiting.shift()?.(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    while (this.waiting.length > 0) this.settle({ kind: 'error', message: error.message });
  }

  private next(kind: WorkerReply['kind']): Promise<WorkerReply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => (reply.kind === 'error' ? reject(new Error(`batch worker: ${reply.message}`)) : reply.kind === kind ? resolve(reply) : reject(new Error(`batch worker: expected ${kind}, got ${reply.kind}`))));
    });
  }

  async decide(ids: readonly string[], now: number, arms: ReadonlyMap<string, ArmCounts>): Promise<Extract<WorkerReply, { kind: 'page' }>> {
    const answer = this.next('page');
    this.worker.postMessage({ kind: 'page', ids, now, arms } satisfies WorkerRequest);
    return (await answer) as Extract<WorkerReply, { kind: 'page' }>;
  }

  async close(): Promise<void> {
    if (this.failure === null) {
      const closed = this.next('closed').catch(() => undefined);
      this.worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
      await closed;
    }
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** The records of members other than these. */
function without(records: PreparedRecords, excluded: ReadonlySet<string>): PreparedRecords {
  const keep = (r: { profileId: string | null }) => r.profileId === null || !excluded.has(r.profileId);
  return { decisions: records.decisions.filter(keep), outbox: records.outbox.filter(keep), tasks: records.tasks.filter(keep), audit: records.audit.filter(keep) };
}

/**
 * Worker threads kept for several batches (the demo runs one a week): starting one loads the
 * templates and the catalog, which costs more than deciding a page.
 */
export class BatchPool {
  private constructor(private readonly workers: BatchWorker[]) {}

  static async start(store: Store, options: BatchPoolOptions): Promise<BatchPool> {
    const input: BatchWorkerInput = { target: options.target, open: options.open, engine: options.engine, config: options.config, databaseId: await databaseId(store) };
    const threads = Math.max(1, options.threads ?? availableParallelism());
    // The first worker alone: it finds out whether the target is right before others open it too.
    const first = await BatchWorker.start(input);
    const started = await Promise.allSettled(Array.from({ length: threads - 1 }, () => BatchWorker.start(input)));
    const workers = [first, ...started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))];
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure !== undefined) {
      await Promise.all(workers.map((w) => w.close()));
      throw failure.reason;
    }
    return new BatchPool(workers);
  }

  /** One pass over every member, as runBatch; `deps.config` must be the pool's configuration. */
  async run(deps: DecideDeps, options: Omit<ParallelBatchOptions, keyof BatchPoolOptions> = {}): Promise<BatchSummary> {
    const started = performance.now();
    const now = options.now ?? Date.now();
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    const lock = supportsRowLocks(deps.store);
    const summary = emptySummary();
    const arms = await loadArms(deps.store.db);
    // Pages are handed out one at a time; writes happen here, one page at a time, in order of arrival.
    let after: string | undefined;
    let exhausted = false;
    let paging: Promise<unknown> = Promise.resolve();
    const takePage = (): Promise<string[] | undefined> => {
      const page = paging.then(async () => {
        if (exhausted) return undefined;
        const ids = await profileIdPage(deps.store.db, after, pageSize);
        if (ids.length === 0) {
          exhausted = true;
          return undefined;
        }
        after = ids[ids.length - 1];
        return ids;
      });
      paging = page.catch(() => undefined);
      return page;
    };

    const writePage = (ids: readonly string[], result: Extract<WorkerReply, { kind: 'page' }>) => inTransaction(deps.store, async (trx) => {
      const current = await contactFingerprints(trx, deps, ids, now, lock);
      const changed = new Set(ids.filter((id) => current.get(id) !== result.fingerprints.get(id)));
      const kept = changed.size === 0 ? result.records : without(result.records, changed);
      await writeRecords(trx, kept, now);
      const again = [...changed].filter((id) => current.has(id)); // the others were erased meanwhile
      if (again.length === 0) return kept.decisions;
      const { items } = await decidePage(deps, trx, again, now, arms, lock);
      const redone = await prepareRecords(deps.config, items, deps.compose, now);
      await writeRecords(trx, redone, now);
      return [...kept.decisions, ...redone.decisions];
    });

    let writing: Promise<unknown> = Promise.resolve();
    let queuedWrites = 0;
    let failed = false;
    const writes: Array<Promise<void>> = [];
    const work = async (worker: BatchWorker) => {
      while (!failed) {
        // Bounded: a page waiting to be written holds its composed messages in memory.
        while (queuedWrites >= this.workers.length * PAGES_IN_FLIGHT) await writing;
        const ids = await takePage();
        if (ids === undefined) return;
        const result = await worker.decide(ids, now, arms);
        await options.onPageDecided?.(ids);
        queuedWrites++;
        const written = writing.then(async () => {
          if (failed) return;
          try {
            for (const decision of await writePage(ids, result)) tally(summary, decision);
            options.onProgress?.(summary.members);
          } catch (error) {
            failed = true;
            throw error;
          } finally {
            queuedWrites--;
          }
        });
        writing = written.catch(() => undefined);
        writes.push(written);
      }
    };
    await Promise.all(this.workers.flatMap((worker) => Array.from({ length: PAGES_IN_FLIGHT }, () => work(worker))));
    await Promise.all(writes);
    return finishSummary(summary, started);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

/** runBatch on worker threads: start a pool, run one batch, stop the pool. */
export async function runParallelBatch(deps: DecideDeps, options: ParallelBatchOptions): Promise<BatchSummary> {
  const threads = options.threads ?? availableParallelism();
  // An in-memory SQLite database cannot be opened by another thread.
  if (threads <= 1 || options.target === ':memory:') return runBatch(deps, options);
  const pool = await BatchPool.start(deps.store, { ...options, threads, config: deps.config });
  try {
    return await pool.run(deps, options);
  } finally {
    await pool.close();
  }
}
