// Turning decisions into stored facts: the decision row, the message queued for delivery (or held
// for review), and the hand-over task for a person with the context they need.
import { randomUUID } from 'node:crypto';
import { allowsPersonalization, type Decision } from '../core/index.js';
import {
  appendAudit, insertDecisions, insertOutbox, insertTasks, type AuditEntry, type Executor, type NewOutboxEntry, type ProfileRecord, type Task,
} from '../store/index.js';
import type { ActionConfig, AttuneConfig } from './config.js';
import type { MemberView } from './member-view.js';

/** A composed message ready for the outbox; `held` sends it to human review instead of delivery. */
export interface ComposerResult {
  message: unknown;
  held: boolean;
  holdReasons: string[];
}

export type Composer = (input: { decision: Decision; action: ActionConfig; profile: ProfileRecord; view: MemberView }) => ComposerResult | Promise<ComposerResult>;

export interface DecisionToRecord {
  decision: Decision;
  profile: ProfileRecord;
  view: MemberView;
}

const SUGGESTED_STEP: Record<string, string> = {
  'handover.asked_for_person': 'Reply personally within a day; resolve the open question before anything else.',
  'handover.emotional': 'Call or write personally: acknowledge what went wrong and offer a concrete fix. No promotions.',
  'handover.complaint': 'Follow up on the complaint and confirm it is resolved. No promotions.',
  'handover.valuable_at_risk': 'A personal thank-you and check-in from a team member; ask how we can do better.',
};

/** What a person taking over needs: who, why now, recent history, state of mind, value, next step. */
export function taskContext(decision: Decision, profile: ProfileRecord, view: MemberView): Record<string, unknown> {
  const reason = decision.reasons[0];
  const tier = profile.consent.tier;
  const s = profile.stats;
  const name = [profile.traits.firstName ?? profile.traits.first_name, profile.traits.lastName ?? profile.traits.last_name].filter(Boolean).join(' ') || (profile.traits.name as string | undefined) || null;
  return {
    who: { profileId: profile.profileId, name, email: profile.traits.email ?? null, tier, timezone: profile.timezone },
    whyNow: { code: reason?.code, summary: reason?.detail },
    emotionalState: view.protection.emotionalState,
    // Service history is the point of a hand-over: shown for every tier (protection).
    conversations: s.recentSupportMessages.map((m) => ({ at: new Date(m.at).toISOString(), direction: m.direction, text: m.text })),
    complaints: s.complaints,
    recentOrders: allowsPersonalization(tier, 'purchase')
      ? { orders: s.orders, revenue: Math.round(s.revenue * 100) / 100, lastOrderAt: s.lastOrderAt === null ? null : new Date(s.lastOrderAt).toISOString(), products: s.recentProducts.slice(0, 5) }
      : 'not shared by the member (basic tier)',
    value: view.inferred?.clv != null ? { clv: Math.round(view.inferred.clv), churnRisk: view.inferred.churnRisk } : view.purchase ? { revenue: view.purchase.revenue } : null,
    suggestedNextStep: SUGGESTED_STEP[reason?.code ?? ''] ?? 'Reach out personally.',
  };
}

/** What recording decisions writes: plain data, so it can be prepared in another thread. */
export interface PreparedRecords {
  decisions: Decision[];
  outbox: NewOutboxEntry[];
  tasks: Task[];
  audit: Array<Omit<AuditEntry, 'entryId'>>;
}

/** Composes the messages and builds the tasks of these decisions; writes nothing. */
export async function prepareRecords(config: AttuneConfig, items: readonly DecisionToRecord[], compose: Composer | undefined, now: number): Promise<PreparedRecords> {
  const outbox: NewOutboxEntry[] = [];
  const tasks: Task[] = [];
  const audit: PreparedRecords['audit'] = [];
  for (const { decision, profile, view } of items) {
    if (decision.action === 'human_outreach') {
      const task: Task = {
        taskId: randomUUID(), profileId: decision.profileId, decisionId: decision.decisionId, createdAt: now, state: 'open',
        priority: decision.reasons[0]?.code === 'handover.valuable_at_risk' ? 1 : 2, reasonCode: decision.reasons[0]?.code ?? 'handover',
        context: taskContext(decision, profile, view), claimedBy: null, claimedAt: null, resolvedAt: null, outcome: null, note: null,
      };
      tasks.push(task);
      audit.push({ at: now, actor: 'attune', subjectType: 'task', subjectId: task.taskId, profileId: task.profileId, action: 'created', detail: { reason: task.reasonCode, decisionId: decision.decisionId } });
      continue;
    }
    if (decision.channel === null || decision.sendAt === null) continue;
    const action = config.actions.find((a) => a.id === decision.action);
    if (action === undefined) continue;
    const composed = compose === undefined ? { message: null, held: true, holdReasons: ['no composer configured'] } : await compose({ decision, action, profile, view });
    const held = composed.held || action.humanReview;
    outbox.push({
      decisionId: decision.decisionId, profileId: decision.profileId, action: decision.action, channel: decision.channel,
      state: held ? 'review' : 'queued', promotional: decision.promotional, sendAt: decision.sendAt, message: composed.message,
    });
    if (held) {
      const reasons = action.humanReview ? ['action requires human review', ...composed.holdReasons] : composed.holdReasons;
      audit.push({ at: now, actor: 'attune', subjectType: 'review', subjectId: decision.decisionId, profileId: decision.profileId, action: 'held', detail: { reasons } });
    }
  }
  return { decisions: items.map((i) => i.decision), outbox, tasks, audit };
}

/** Writes prepared records (call inside a transaction). */
export async function writeRecords(trx: Executor, records: PreparedRecords, now: number): Promise<void> {
  await insertDecisions(trx, records.decisions);
  await insertOutbox(trx, records.outbox, now);
  await insertTasks(trx, records.tasks);
  await appendAudit(trx, records.audit);
}

/** Stores decisions with their messages and tasks (call inside a transaction). */
export async function recordDecisions(
  trx: Executor,
  config: AttuneConfig,
  items: readonly DecisionToRecord[],
  compose: Composer | undefined,
  now: number,
): Promise<void> {
  await writeRecords(trx, await prepareRecords(config, items, compose, now), now);
}
