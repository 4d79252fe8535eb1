// The weekly cycle: decide for every member, page by page. Each page is read, decided and
// recorded in one transaction, so a real-time decision for the same member cannot slip between
// the read and the write and break a cap. (src/engine/parallel-batch.ts spreads the reading,
// deciding and composing over worker threads and re-checks that guarantee at write time.)
import { createRng, type Decision } from '../core/index.js';
import { inTransaction, loadArms, profileIdPage, supportsRowLocks, type ArmCounts, type Executor } from '../store/index.js';
import { decideForMember } from './engine.js';
import { recordDecisions, type DecisionToRecord } from './record.js';
import { armLookup, contactFingerprint, decisionSeed, loadMemberContexts, type DecideDeps } from './service.js';

export interface BatchSummary {
  members: number;
  decisions: Record<string, number>;
  byChannel: Record<string, number>;
  silenceRate: number;
  handovers: number;
  holdout: number;
  /** Guardrail and eligibility refusals by reason code (one per refused action/channel). */
  rejections: Record<string, number>;
  seconds: number;
}

export interface BatchOptions {
  now?: number;
  pageSize?: number;
  onProgress?: (members: number) => void;
}

export const DEFAULT_PAGE_SIZE = 2000;

export function emptySummary(): BatchSummary {
  return { members: 0, decisions: {}, byChannel: {}, silenceRate: 0, handovers: 0, holdout: 0, rejections: {}, seconds: 0 };
}

export function tally(summary: BatchSummary, decision: Decision): void {
  summary.members++;
  summary.decisions[decision.action] = (summary.decisions[decision.action] ?? 0) + 1;
  if (decision.channel !== null) summary.byChannel[decision.channel] = (summary.byChannel[decision.channel] ?? 0) + 1;
  if (decision.action === 'human_outreach') summary.handovers++;
  if (decision.holdout) summary.holdout++;
  for (const r of decision.rejections) summary.rejections[r.code] = (summary.rejections[r.code] ?? 0) + 1;
}

export function finishSummary(summary: BatchSummary, started: number): BatchSummary {
  summary.silenceRate = summary.members === 0 ? 0 : (summary.decisions.silence ?? 0) / summary.members;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** Reads these members and decides for each; records nothing. Seeds depend on member and time only. */
export async function decidePage(
  deps: DecideDeps, db: Executor, ids: readonly string[], now: number, arms: ReadonlyMap<string, ArmCounts>, lock: boolean,
): Promise<{ items: DecisionToRecord[]; fingerprints: Map<string, string> }> {
  const contexts = await loadMemberContexts(db, deps, ids, now, lock);
  const lookup = armLookup(arms);
  const items: DecisionToRecord[] = [];
  const fingerprints = new Map<string, string>();
  for (const [profileId, context] of contexts) {
    const decision = decideForMember({
      config: deps.config, view: context.view, touches: context.touches, arms: lookup, now,
      rng: createRng(decisionSeed(profileId, now, 'batch')), mode: 'batch', recentHandover: context.recentHandover,
    });
    items.push({ decision, profile: context.profile, view: context.view });
    fingerprints.set(profileId, contactFingerprint(context));
  }
  return { items, fingerprints };
}

export async function runBatch(deps: DecideDeps, options: BatchOptions = {}): Promise<BatchSummary> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const summary = emptySummary();
  const arms = await loadArms(deps.store.db);
  let after: string | undefined;
  for (;;) {
    const ids = await profileIdPage(deps.store.db, after, pageSize);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    const decided = await inTransaction(deps.store, async (trx) => {
      const { items } = await decidePage(deps, trx, ids, now, arms, supportsRowLocks(deps.store));
      await recordDecisions(trx, deps.config, items, deps.compose, now);
      return items.map((i) => i.decision);
    });
    for (const decision of decided) tally(summary, decision);
    options.onProgress?.(summary.members);
  }
  return finishSummary(summary, started);
}
