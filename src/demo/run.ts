// `attune demo`: a simulated loyalty program, run under each policy on identical copies of one
// seeded world, every event through the real ingest path, measured by the real reports.
// Baseline arms run on other cores while the Attune arm runs the whole loop here.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { loadConfig, resolveConfigPath } from '../decide/index.js';
import { createEngine } from '../engine/engine.js';
import type { PilotMetrics } from '../measure/reports/index.js';
import { createWorld, WEEK_MS } from '../sim/index.js';
import { countProfiles, dropPostgresSchema, getSetting, isPostgresUrl, openStore, setSetting, type OpenOptions, type Store } from '../store/index.js';
import { loadHistory, runAttuneArm, totalCounts, type MessageCounts } from './arms.js';
import { startBaseline, type BaselineArmResult } from './baseline-arm.js';
import { BASELINE_POLICIES, type BaselinePolicy } from './baselines.js';
import { attuneResults, type EthicsSummary, type ExampleDecision, type HoldoutComparison } from './results.js';

export const DEMO_POLICIES = [...BASELINE_POLICIES, 'attune'] as const;
export type DemoPolicy = (typeof DEMO_POLICIES)[number];

export const DEMO_DEFAULTS = { members: 20_000, weeks: 12, seed: 1, historyWeeks: 26, policies: ['blast', 'attune'] as DemoPolicy[] };

/** The setting that marks a database as the demo's own, so a rerun may replace it. */
const DEMO_MARKER = 'demo.world';
const PG_SCHEMA = 'attune_demo';

export class DemoError extends Error {}

export interface DemoOptions {
  /** The Attune arm's database (SQLite file or postgres:// URL); the baselines' sit beside it. */
  target: string;
  members: number;
  weeks: number;
  seed: number;
  historyWeeks: number;
  policies: readonly DemoPolicy[];
  configPath?: string;
  /** Re-fit the models every this many weeks (default 4). */
  retrainEveryWeeks?: number;
  /** Worker threads for the Attune arm's weekly decisions (default: the machine's cores; 1 = none). */
  threads?: number;
  progress?: (arm: DemoPolicy, stage: string, done: number, total: number) => void;
}

export interface DemoResult {
  simulated: true;
  world: { seed: number; members: number; historyWeeks: number; weeks: number };
  window: { from: string; to: string };
  /** Pilot numbers per policy; for attune, the members it served (its holdout is in `holdout`). */
  pilot: Partial<Record<DemoPolicy, PilotMetrics>>;
  holdout: HoldoutComparison | null;
  ethics: EthicsSummary | null;
  examples: ExampleDecision[];
  /** Per arm: messages the world produced and messages ingest stored; touches its policy sent. */
  arms: Partial<Record<DemoPolicy, { messages: MessageCounts; touches: number }>>;
  /** Where each arm's data is: a SQLite file, or a PostgreSQL schema. */
  databases: Partial<Record<DemoPolicy, string>>;
  seconds: number;
  /** Where the Attune arm's time went, in seconds (summed over the weeks). */
  stageSeconds: Partial<Record<'history' | 'score' | 'learn' | 'decide' | 'deliver' | 'simulate' | 'measure', number>>;
}

export interface ArmTarget {
  target: string;
  schema?: string;
  label: string;
}

/** Where an arm keeps its data: the Attune arm in `target` (PostgreSQL: its own schema), the baselines beside it. */
export function armTarget(target: string, policy: DemoPolicy): ArmTarget {
  if (isPostgresUrl(target)) {
    const schema = policy === 'attune' ? PG_SCHEMA : `${PG_SCHEMA}_${policy}`;
    return { target, schema, label: `PostgreSQL schema ${schema}` };
  }
  const file = policy === 'attune' ? target : join(dirname(target), `${basename(target).replace(/\.db$/, '')}-${policy}.db`);
  return { target: file, label: file };
}

/** Empties the demo's databases; refuses to touch one that holds anything but a previous demo. */
async function resetDatabase(arm: ArmTarget): Promise<void> {
  if (arm.schema !== undefined) {
    await dropPostgresSchema(arm.target, arm.schema);
    return;
  }
  if (existsSync(arm.target)) {
    const store = await openStore(arm.target);
    try {
      if ((await getSetting(store.db, DEMO_MARKER)) === undefined && (await countProfiles(store.db)) > 0) {
        throw new DemoError(`${arm.target} holds data that is not from the demo; pass --db with another path`);
      }
    } finally {
      await store.close();
    }
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${arm.target}${suffix}`, { force: true });
  mkdirSync(dirname(arm.target), { recursive: true });
}

/**
 * Simulated data does not need to survive a power cut: SQLite syncs only at checkpoints
 * (`synchronous=normal`), still safe against a crash of the process.
 */
export function armOpenOptions(arm: ArmTarget): OpenOptions {
  return { synchronous: 'normal', ...(arm.schema !== undefined ? { schema: arm.schema } : {}) };
}

async function openArm(arm: ArmTarget, options: DemoOptions): Promise<Store> {
  const store = await openStore(arm.target, armOpenOptions(arm));
  await setSetting(store.db, DEMO_MARKER, JSON.stringify({ seed: options.seed, members: options.members }));
  return store;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  if (options.policies.length === 0) throw new DemoError('at least one policy is needed');
  loadConfig(resolveConfigPath(options.configPath)); // a bad configuration fails before any work
  const progress = options.progress ?? (() => {});
  const targets = Object.fromEntries(options.policies.map((p) => [p, armTarget(options.target, p)])) as Record<DemoPolicy, ArmTarget>;
  for (const policy of options.policies) await resetDatabase(targets[policy]);

  const world = createWorld({ seed: options.seed, members: options.members, historyWeeks: options.historyWeeks });
  const from = world.calendar.nowMs;
  const window = { from, to: from + options.weeks * WEEK_MS };

  const baselines: Array<Promise<BaselineArmResult>> = [];
  for (const policy of options.policies) {
    if (policy === 'attune') continue;
    const arm = targets[policy];
    // The marker is written before the worker fills the database, so a crashed run can be rerun.
    await (await openArm(arm, options)).close();
    baselines.push(startBaseline({
      policy: policy as BaselinePolicy, target: arm.target, ...(arm.schema !== undefined ? { schema: arm.schema } : {}),
      ...(options.configPath !== undefined ? { configPath: options.configPath } : {}),
      seed: options.seed, members: options.members, historyWeeks: options.historyWeeks, weeks: options.weeks,
    }, (stage, done, total) => progress(policy, stage, done, total)));
  }
  // A failed baseline must not leave an unhandled rejection while the Attune arm runs.
  const settled = Promise.allSettled(baselines);

  const result: DemoResult = {
    simulated: true,
    world: { seed: options.seed, members: options.members, historyWeeks: options.historyWeeks, weeks: options.weeks },
    window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    pilot: {}, holdout: null, ethics: null, examples: [], arms: {},
    databases: Object.fromEntries(options.policies.map((p) => [p, targets[p].label])),
    seconds: 0,
    stageSeconds: {},
  };

  if (options.policies.includes('attune')) {
    const store = await openArm(targets.attune, options);
    try {
      const lap = performance.now();
      const history = await loadHistory(store, world, (stage, done, total) => progress('attune', stage, done, total));
      result.stageSeconds.history = (performance.now() - lap) / 1000;
      const engine = await createEngine(store, options.configPath !== undefined ? { configPath: options.configPath } : {});
      const parallel = {
        target: targets.attune.target, open: armOpenOptions(targets.attune), threads: options.threads ?? availableParallelism(),
        ...(options.configPath !== undefined ? { engine: { configPath: options.configPath } } : {}),
      };
      const weeks = await runAttuneArm(store, world, engine, options.weeks, { retrainEveryWeeks: options.retrainEveryWeeks ?? 4, seed: options.seed, parallel },
        (stage, done, total) => progress('attune', `week ${done}/${total}`, done, total));
      for (const stage of ['score', 'learn', 'decide', 'deliver', 'simulate'] as const) {
        result.stageSeconds[stage] = weeks.reduce((sum, w) => sum + w.seconds[stage], 0);
      }
      progress('attune', 'measuring', 0, 1);
      const measuring = performance.now();
      const attune = await attuneResults(store, engine.config, window, window.to - WEEK_MS);
      result.stageSeconds.measure = (performance.now() - measuring) / 1000;
      result.pilot.attune = attune.pilot;
      result.holdout = attune.holdout;
      result.ethics = attune.ethics;
      result.examples = attune.examples;
      result.arms.attune = { messages: totalCounts(history, weeks), touches: weeks.reduce((sum, w) => sum + w.touches, 0) };
      progress('attune', 'done', 1, 1);
    } finally {
      await store.close();
    }
  }
  for (const outcome of await settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    const { policy, pilot, messages, touches } = outcome.value;
    result.pilot[policy] = pilot;
    result.arms[policy] = { messages, touches };
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
