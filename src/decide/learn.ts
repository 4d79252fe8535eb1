// Learning from outcomes: a week after a message was sent, what happened? An order within the
// window is a reward; an unsubscribe, spam complaint, complaint or upset reply is a penalty (the
// regret the policy prices in). Counts update the action's posterior in the member's context.
import { EVENTS } from '../core/index.js';
import { assessMessage } from '../models/emotion/index.js';
import {
  addToArms, decisionsAwaitingOutcome, eventsOfProfilesBetween, inTransaction, outboxEntries, recordOutcomes,
  type ArmCounts, type Outcome, type Store,
} from '../store/index.js';

const DAY_MS = 86_400_000;
export const REWARD_WINDOW_DAYS = 7;

const REGRET_EVENTS = [EVENTS.unsubscribed, EVENTS.emailMarkedAsSpam, EVENTS.complaintFiled];

export interface LearnSummary {
  learned: number;
  rewards: number;
  penalties: number;
  notDelivered: number;
}

export async function learnOutcomes(store: Store, now = Date.now(), pageSize = 1000): Promise<LearnSummary> {
  const summary: LearnSummary = { learned: 0, rewards: 0, penalties: 0, notDelivered: 0 };
  for (;;) {
    const decisions = await decisionsAwaitingOutcome(store.db, now - REWARD_WINDOW_DAYS * DAY_MS, pageSize);
    if (decisions.length === 0) return summary;
    const outbox = await outboxEntries(store.db, decisions.map((d) => d.decisionId));
    const sent = decisions.filter((d) => outbox.get(d.decisionId)?.sentAt != null);
    const first = Math.min(...sent.map((d) => outbox.get(d.decisionId)?.sentAt as number), now);
    const events = await eventsOfProfilesBetween(store.db, sent.map((d) => d.profileId), [EVENTS.orderCompleted, EVENTS.supportMessage, ...REGRET_EVENTS], first, now);

    const outcomes: Array<{ decisionId: string; outcome: Outcome }> = [];
    const increments = new Map<string, ArmCounts>();
    for (const decision of decisions) {
      const sentAt = outbox.get(decision.decisionId)?.sentAt;
      if (sentAt == null) {
        // Never delivered (cancelled, suppressed, failed): nothing to learn about the action.
        outcomes.push({ decisionId: decision.decisionId, outcome: 'none' });
        summary.notDelivered++;
        continue;
      }
      const window = events.filter((e) => e.profileId === decision.profileId && e.timestamp >= sentAt && e.timestamp < sentAt + REWARD_WINDOW_DAYS * DAY_MS);
      const rewarded = window.some((e) => e.event === EVENTS.orderCompleted);
      const regretted = window.some((e) => (REGRET_EVENTS as string[]).includes(e.event ?? '') || (e.event === EVENTS.supportMessage && isUpsetReply(e.message.properties)));
      outcomes.push({ decisionId: decision.decisionId, outcome: regretted ? 'penalty' : rewarded ? 'reward' : 'none' });
      const arm = increments.get(decision.policyKey as string) ?? { successes: 0, failures: 0, penalties: 0 };
      arm.successes += rewarded ? 1 : 0;
      arm.failures += rewarded ? 0 : 1;
      arm.penalties += regretted ? 1 : 0;
      increments.set(decision.policyKey as string, arm);
      summary.learned++;
      summary.rewards += rewarded ? 1 : 0;
      summary.penalties += regretted ? 1 : 0;
    }
    await inTransaction(store, async (trx) => {
      await recordOutcomes(trx, outcomes, now);
      await addToArms(trx, increments, now);
    });
  }
}

function isUpsetReply(properties: Record<string, unknown>): boolean {
  if (properties.direction === 'outbound' || typeof properties.text !== 'string') return false;
  const { state } = assessMessage(properties.text);
  return state === 'frustrated' || state === 'angry';
}
