// Worker-thread entry of a baseline arm (see baseline-arm.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runBaseline, type BaselineArmInput } from './baseline-arm.js';

const port = parentPort;
if (port === null) throw new Error('baseline-worker must run in a worker thread');

runBaseline(workerData as BaselineArmInput, (stage, done, total) => port.postMessage({ kind: 'progress', stage, done, total }))
  .then((result) => port.postMessage({ kind: 'result', result }))
  .catch((error: unknown) => port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
