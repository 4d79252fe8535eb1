// Worker-thread entry of the parallel batch (parallel-batch.ts): reads pages of members through
// its own connection to the same database, decides, composes, and hands back what the main
// thread will write. It writes nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { decidePage, prepareRecords, type DecideDeps } from '../decide/index.js';
import { getSetting, openStore } from '../store/index.js';
import { createEngine } from './engine.js';
import { DATABASE_ID, type BatchWorkerInput, type WorkerReply, type WorkerRequest } from './parallel-batch.js';

const port = parentPort;
if (port === null) throw new Error('batch-worker must run in a worker thread');
const input = workerData as BatchWorkerInput;
const store = await openStore(input.target, input.open);
if ((await getSetting(store.db, DATABASE_ID)) !== input.databaseId) {
  await store.close();
  throw new Error(`the worker opened another database than the batch's (${store.location}); pass the target the store was opened with`);
}
const engine = await createEngine(store, input.engine);
const deps: DecideDeps = { ...engine.decide, store, config: input.config };
const reply = (message: WorkerReply) => port.postMessage(message);
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: WorkerRequest) => {
  if (request.kind === 'close') {
    queue = queue.then(() => store.close()).finally(() => reply({ kind: 'closed' }));
    return;
  }
  // One page at a time, answered in the order asked: the main thread matches answers by order.
  queue = queue.then(async () => {
    const { items, fingerprints } = await decidePage(deps, store.db, request.ids, request.now, request.arms, false);
    const records = await prepareRecords(deps.config, items, deps.compose, request.now);
    reply({ kind: 'page', records, fingerprints });
  }).catch((error: unknown) => reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
});
reply({ kind: 'ready' });
