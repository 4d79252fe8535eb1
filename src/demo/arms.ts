// One arm of the pilot: a copy of the world run under one policy, every event of it stored
// through the real ingest path. The Attune arm runs the whole loop each simulated week —
// learn from last week's outcomes, re-score, decide event triggers and every member, compose,
// lint, queue, and deliver through the outbox worker to a simulated channel.
import { availableParallelism } from 'node:os';
import { learnOutcomes, processTriggers, runBatch, type AttuneConfig, type BatchSummary, type DecideDeps } from '../decide/index.js';
import { deliverDue } from '../deliver/worker.js';
import type { Engine } from '../engine/engine.js';
import { BatchPool, type BatchPoolOptions } from '../engine/parallel-batch.js';
import { streamHistory, simulateWeek, weekStartMs, WEEK_MS, type Touch, type WeekTotals, type World } from '../sim/index.js';
import { identifiersOfProfiles, upsertProducts, type Store } from '../store/index.js';
import { trainAndScore } from '../understand/index.js';
import type { BaselineProgram } from './baselines.js';
import { simulatedDelivery, type MemberIndexOf } from './channel.js';
import { ingestSimulated } from './ingest.js';

const HOUR_MS = 3_600_000;

/** Seconds since the previous call (or since creation). */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    return seconds;
  };
}

/** What an arm reports as it goes: a stage name and how far it is. */
export type ArmProgress = (stage: string, done: number, total: number) => void;

/** Messages the world produced, and how many ingest stored (equal unless ingest lost or merged some). */
export interface MessageCounts {
  generated: number;
  stored: number;
}

export interface WeekLog extends MessageCounts {
  week: number;
  touches: number;
  totals: WeekTotals;
}

/** The world's history up to the first live week, through ingest; the catalog as the brand's feed. */
export async function loadHistory(store: Store, world: World, progress: ArmProgress): Promise<MessageCounts> {
  await upsertProducts(store.db, world.catalog.products, world.calendar.nowMs);
  const counts: MessageCounts = { generated: 0, stored: 0 };
  progress('history', 0, world.members.count);
  for (const chunk of streamHistory(world)) {
    counts.generated += chunk.messages.length;
    counts.stored += (await ingestSimulated(store, chunk.messages, world.calendar.nowMs)).accepted;
    progress('history', chunk.endMember, world.members.count);
  }
  return counts;
}

/** History plus live weeks. */
export function totalCounts(history: MessageCounts, weeks: readonly MessageCounts[]): MessageCounts {
  return weeks.reduce((sum, w) => ({ generated: sum.generated + w.generated, stored: sum.stored + w.stored }), history);
}

/** Simulates one week with the policy's touches and stores what happened. */
async function liveWeek(store: Store, world: World, week: number, touches: readonly Touch[]): Promise<WeekLog> {
  const result = simulateWeek(world, week, touches);
  const end = weekStartMs(world.calendar, week) + WEEK_MS;
  const stored = await ingestSimulated(store, result.messages, end);
  return { week, touches: touches.length, generated: result.messages.length, stored: stored.accepted, totals: result.outcomes.totals };
}

export async function runBaselineArm(store: Store, world: World, program: BaselineProgram, weeks: number, progress: ArmProgress): Promise<WeekLog[]> {
  const logs: WeekLog[] = [];
  const first = world.nextWeek;
  for (let k = 0; k < weeks; k++) {
    logs.push(await liveWeek(store, world, first + k, program.touches(world, first + k)));
    progress(program.policy, k + 1, weeks);
  }
  return logs;
}

/** A profile's member index in the world, from the userId the world gave it (`ath-00000042` → 41). */
export function memberIndexLookup(store: Store): MemberIndexOf {
  const cache = new Map<string, number | undefined>();
  return async (profileId) => {
    if (!cache.has(profileId)) {
      const userId = (await identifiersOfProfiles(store.db, [profileId])).find((x) => x.type === 'userId')?.value;
      const match = userId === undefined ? null : /^ath-(\d{8})$/.exec(userId);
      cache.set(profileId, match ? Number(match[1]) - 1 : undefined);
    }
    return cache.get(profileId);
  };
}

export interface AttuneWeekLog extends WeekLog {
  batch: BatchSummary;
  delivered: number;
  suppressed: number;
  triggers: number;
  /** Wall time of each stage of the week. */
  seconds: { score: number; learn: number; decide: number; deliver: number; simulate: number };
}

export interface AttuneArmOptions {
  /** Re-fit and re-score every this many weeks (scores are always refreshed in week 0). */
  retrainEveryWeeks: number;
  seed: number;
  /** Decide on worker threads that open the same database (see src/engine/parallel-batch.ts); default: this thread. */
  parallel?: Omit<BatchPoolOptions, 'config'>;
}

/**
 * The world reports a week of events at once (simulateWeek), so the arm first sees a trigger
 * event up to a week after it happened. Triggers may be that late here rather than expire after
 * `maxDelayHours`, as they would with events arriving live; older ones (the history) still expire.
 */
export function weeklyTriggerDelays(config: AttuneConfig): AttuneConfig {
  const late = WEEK_MS / HOUR_MS;
  return {
    ...config,
    actions: config.actions.map((a) => (a.trigger === undefined ? a : { ...a, trigger: { ...a.trigger, maxDelayHours: Math.max(a.trigger.maxDelayHours, late) } })),
  };
}

export async function runAttuneArm(store: Store, world: World, engine: Engine, weeks: number, options: AttuneArmOptions, progress: ArmProgress): Promise<AttuneWeekLog[]> {
  const deps = { store, ...engine.decide, config: weeklyTriggerDelays(engine.decide.config) };
  const pool = options.parallel !== undefined && (options.parallel.threads ?? availableParallelism()) > 1 ? await BatchPool.start(store, { ...options.parallel, config: deps.config }) : undefined;
  try {
    return await attuneWeeks(store, world, engine, deps, pool, weeks, options, progress);
  } finally {
    await pool?.close();
  }
}

async function attuneWeeks(
  store: Store, world: World, engine: Engine, deps: DecideDeps, pool: BatchPool | undefined, weeks: number, options: AttuneArmOptions, progress: ArmProgress,
): Promise<AttuneWeekLog[]> {
  let clock = world.calendar.nowMs;
  const delivery = simulatedDelivery(memberIndexLookup(store), () => clock);
  const logs: AttuneWeekLog[] = [];
  const first = world.nextWeek;
  for (let k = 0; k < weeks; k++) {
    const week = first + k;
    const start = weekStartMs(world.calendar, week);
    clock = start;
    const lap = stopwatch();
    if (k % options.retrainEveryWeeks === 0) await trainAndScore(store, { now: start, seed: options.seed });
    const score = lap();
    await learnOutcomes(store, start);
    const learn = lap();
    const triggers = await processTriggers(deps, start);
    const batch = pool !== undefined ? await pool.run(deps, { now: start }) : await runBatch(deps, { now: start });
    const decide = lap();
    // The outbox worker runs every simulated hour of the week: quiet hours and send-time
    // preferences spread the sends, and every send is re-checked against consent at that hour.
    let delivered = 0;
    let suppressed = 0;
    for (let hour = 0; hour < 7 * 24; hour++) {
      clock = start + hour * HOUR_MS;
      const pass = await deliverDue({ store, config: engine.config, channels: delivery.channels, now: () => clock, batchSize: 500 });
      delivered += pass.sent;
      suppressed += pass.suppressed + pass.cancelled;
    }
    const deliver = lap();
    const log = await liveWeek(store, world, week, delivery.takeTouches());
    const simulate = lap();
    logs.push({ ...log, batch, delivered, suppressed, triggers: triggers.decided, seconds: { score, learn, decide, deliver, simulate } });
    progress('attune', k + 1, weeks);
  }
  return logs;
}
