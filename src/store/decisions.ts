// The decision log and the learned outcome counts of each policy arm.
import type { Channel, Decision, DecisionMode } from '../core/index.js';
import { chunked, parseJson } from './chunks.js';
import type { Executor } from './database.js';

type DecisionRow = {
  decision_id: string; profile_id: string; decided_at: number; mode: string; action: string; channel: string | null;
  send_at: number | null; probability: number; holdout: number; promotional: number; policy_key: string | null;
  model_version: string | null; reasons: string; candidates: string; rejections: string; outcome: string | null; outcome_at: number | null;
};

export type Outcome = 'reward' | 'penalty' | 'none';

export interface StoredDecision extends Decision {
  outcome: Outcome | null;
  outcomeAt: number | null;
}

function toRow(d: Decision): DecisionRow {
  return {
    decision_id: d.decisionId, profile_id: d.profileId, decided_at: d.decidedAt, mode: d.mode, action: d.action,
    channel: d.channel, send_at: d.sendAt, probability: d.probability, holdout: d.holdout ? 1 : 0,
    promotional: d.promotional ? 1 : 0, policy_key: d.policyKey, model_version: d.modelVersion,
    reasons: JSON.stringify(d.reasons), candidates: JSON.stringify(d.candidates), rejections: JSON.stringify(d.rejections),
    outcome: null, outcome_at: null,
  };
}

function toDecision(r: DecisionRow): StoredDecision {
  return {
    decisionId: r.decision_id, profileId: r.profile_id, decidedAt: Number(r.decided_at), mode: r.mode as DecisionMode,
    action: r.action, channel: r.channel as Channel | null, sendAt: r.send_at === null ? null : Number(r.send_at),
    probability: Number(r.probability), holdout: Number(r.holdout) === 1, promotional: Number(r.promotional) === 1,
    policyKey: r.policy_key, modelVersion: r.model_version, reasons: parseJson(r.reasons, []),
    candidates: parseJson(r.candidates, []), rejections: parseJson(r.rejections, []),
    outcome: r.outcome as Outcome | null, outcomeAt: r.outcome_at === null ? null : Number(r.outcome_at),
  };
}

export async function insertDecisions(db: Executor, decisions: readonly Decision[]): Promise<void> {
  for (const chunk of chunked(decisions, 150)) await db.insertInto('decisions').values(chunk.map(toRow)).execute();
}

export async function getDecision(db: Executor, decisionId: string): Promise<StoredDecision | undefined> {
  const row = await db.selectFrom('decisions').selectAll().where('decision_id', '=', decisionId).executeTakeFirst();
  return row === undefined ? undefined : toDecision(row);
}

export async function decisionsOfProfile(db: Executor, profileId: string, options: { from?: number; to?: number; limit?: number } = {}): Promise<StoredDecision[]> {
  let query = db.selectFrom('decisions').selectAll().where('profile_id', '=', profileId);
  if (options.from !== undefined) query = query.where('decided_at', '>=', options.from);
  if (options.to !== undefined) query = query.where('decided_at', '<', options.to);
  const rows = await query.orderBy('decided_at', 'desc').limit(options.limit ?? 500).execute();
  return rows.map(toDecision);
}

/** The latest decision for `action` made at or after `from` (examples for the demo and docs). */
export async function latestDecisionOfAction(db: Executor, action: string, from: number): Promise<StoredDecision | undefined> {
  const row = await db.selectFrom('decisions').selectAll()
    .where('action', '=', action).where('decided_at', '>=', from).where('holdout', '=', 0)
    .orderBy('decided_at', 'desc').orderBy('decision_id').limit(1).executeTakeFirst();
  return row === undefined ? undefined : toDecision(row);
}

/** Contact decisions sent at least `before` and not yet learned from, oldest first. */
export async function decisionsAwaitingOutcome(db: Executor, before: number, limit: number): Promise<StoredDecision[]> {
  const rows = await db
    .selectFrom('decisions')
    .selectAll()
    .where('outcome', 'is', null)
    .where('send_at', 'is not', null)
    .where('send_at', '<=', before)
    .where('policy_key', 'is not', null)
    .orderBy('send_at')
    .limit(limit)
    .execute();
  return rows.map(toDecision);
}

export async function recordOutcomes(db: Executor, outcomes: ReadonlyArray<{ decisionId: string; outcome: Outcome }>, at: number): Promise<void> {
  for (const { decisionId, outcome } of outcomes) {
    await db.updateTable('decisions').set({ outcome, outcome_at: at }).where('decision_id', '=', decisionId).execute();
  }
}

export interface ArmCounts {
  successes: number;
  failures: number;
  penalties: number;
}

export async function loadArms(db: Executor): Promise<Map<string, ArmCounts>> {
  const rows = await db.selectFrom('policy_arms').selectAll().execute();
  return new Map(rows.map((r) => [r.policy_key, { successes: Number(r.successes), failures: Number(r.failures), penalties: Number(r.penalties) }]));
}

/** Adds outcome counts to arms (creating them), in one statement per arm. */
export async function addToArms(db: Executor, increments: ReadonlyMap<string, ArmCounts>, at: number): Promise<void> {
  for (const [key, add] of increments) {
    await db
      .insertInto('policy_arms')
      .values({ policy_key: key, successes: add.successes, failures: add.failures, penalties: add.penalties, updated_at: at })
      .onConflict((oc) =>
        oc.column('policy_key').doUpdateSet((eb) => ({
          successes: eb('policy_arms.successes', '+', add.successes),
          failures: eb('policy_arms.failures', '+', add.failures),
          penalties: eb('policy_arms.penalties', '+', add.penalties),
          updated_at: at,
        })),
      )
      .execute();
  }
}
