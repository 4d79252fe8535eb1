// A baseline arm from start to pilot numbers: its own database, its own identical copy of the
// world (same seed), the history, the policy's weeks. Runs in a worker thread when the demo is
// compiled (one core per arm), in-process otherwise.
import { Worker } from 'node:worker_threads';
import { loadConfig, resolveConfigPath } from '../decide/index.js';
import type { PilotMetrics } from '../measure/reports/index.js';
import { createWorld, WEEK_MS } from '../sim/index.js';
import { openStore } from '../store/index.js';
import { loadHistory, runBaselineArm, totalCounts, type ArmProgress, type MessageCounts } from './arms.js';
import { baselineProgram, type BaselinePolicy } from './baselines.js';
import { baselinePilot } from './results.js';

export interface BaselineArmInput {
  policy: BaselinePolicy;
  /** Database target (SQLite file or postgres:// URL) and PostgreSQL schema. */
  target: string;
  schema?: string;
  configPath?: string;
  seed: number;
  members: number;
  historyWeeks: number;
  weeks: number;
}

export interface BaselineArmResult {
  policy: BaselinePolicy;
  pilot: PilotMetrics;
  touches: number;
  messages: MessageCounts;
}

export async function runBaseline(input: BaselineArmInput, progress: ArmProgress): Promise<BaselineArmResult> {
  const config = loadConfig(resolveConfigPath(input.configPath));
  const store = await openStore(input.target, { synchronous: 'normal', ...(input.schema !== undefined ? { schema: input.schema } : {}) });
  try {
    const world = createWorld({ seed: input.seed, members: input.members, historyWeeks: input.historyWeeks });
    const from = world.calendar.nowMs;
    const history = await loadHistory(store, world, progress);
    const logs = await runBaselineArm(store, world, baselineProgram(input.policy), input.weeks, progress);
    const messages = totalCounts(history, logs);
    progress('measuring', 0, 1);
    const pilot = await baselinePilot(store, config, { from, to: from + input.weeks * WEEK_MS });
    progress('done', 1, 1);
    return { policy: input.policy, pilot, touches: logs.reduce((sum, l) => sum + l.touches, 0), messages };
  } finally {
    await store.close();
  }
}

type WorkerMessage =
  | { kind: 'progress'; stage: string; done: number; total: number }
  | { kind: 'result'; result: BaselineArmResult }
  | { kind: 'error'; message: string };

const compiled = import.meta.url.endsWith('.js');

/** Runs the arm on another core when possible. */
export function startBaseline(input: BaselineArmInput, progress: ArmProgress): Promise<BaselineArmResult> {
  if (!compiled) return runBaseline(input, progress);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./baseline-worker.js', import.meta.url), { workerData: input });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') progress(message.stage, message.done, message.total);
      else if (message.kind === 'result') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new Error(`${input.policy} arm: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`${input.policy} arm: the worker exited with code ${code}`));
    });
  });
}
