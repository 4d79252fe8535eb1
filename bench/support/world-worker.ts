// Worker thread of the benchmark-database build (big-store.ts): creates the world from its seed,
// simulates the history of its member range chunk by chunk and folds each chunk into profile and
// identifier rows (world-fold.ts). One chunk is computed ahead while the parent writes the last.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { createWorld } from '../../src/sim/index.js';
import { featuredOf, foldMessages, simulateRange, type FoldedChunk } from './world-fold.js';

export interface WorldWorkerData {
  seed: number;
  members: number;
  weeks: number;
  first: number;
  end: number;
  chunk: number;
}

const port = parentPort;
if (port === null) throw new Error('world-worker.ts runs as a worker thread');
const { seed, members, weeks, first, end, chunk } = workerData as WorldWorkerData;

let acks = 0;
let waiting: (() => void) | undefined;
port.on('message', () => {
  acks++;
  waiting?.();
});
const acked = (n: number) => new Promise<void>((resolve) => {
  if (acks >= n) return resolve();
  waiting = () => {
    if (acks >= n) {
      waiting = undefined;
      resolve();
    }
  };
});

const world = createWorld({ seed, members, historyWeeks: weeks });
const featured = featuredOf(world, weeks);
let sent = 0;
for (let from = first; from < end; from += chunk) {
  const to = Math.min(end, from + chunk);
  const folded: FoldedChunk = { firstMember: from, endMember: to, ...foldMessages(simulateRange(world, from, to, weeks, featured), randomUUID) };
  // At most one chunk waits in the parent: wait until it has written the one before.
  await acked(sent - 1);
  port.postMessage({ type: 'chunk', chunk: folded });
  sent++;
}
await acked(sent);
port.postMessage({ type: 'done' });
