// A small stored world for report tests: members, events, decisions, messages and tasks written
// straight into the store with chosen ids and times, so expected numbers can be worked out by
// hand (or by a plain loop over what the test wrote).
import { dataClassOfMessage, type CandidateRecord, type Channel, type Decision } from '../../src/core/index.js';
import { isInHoldout, parseConfig } from '../../src/decide/index.js';
import { emptyStats } from '../../src/profiles/index.js';
import {
  inTransaction, insertDecisions, insertEvents, insertOutbox, insertTasks, recordOutcomes, saveProfiles, transitionOutbox,
  type EventRow, type NewOutboxEntry, type ProfileRecord, type Store, type Task,
} from '../../src/store/index.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A Monday. */
export const T0 = Date.parse('2025-03-03T00:00:00Z');
export const iso = (t: number) => new Date(t).toISOString();

/** attune.config.json of the report tests (CLI tests write it to a file). */
export const TEST_CONFIG_INPUT = {
  actions: [
    { id: 'promo', name: 'Promo', why: 'New things arrived.', channels: ['email', 'push'], template: 'new_arrivals', value: { kind: 'order' }, caps: { per7Days: 2 } },
    { id: 'check_in', name: 'Check in', why: 'How is it going?', channels: ['email'], template: 'check_in', promotional: false, value: { kind: 'service' } },
    {
      id: 'cart_reminder', name: 'Cart', why: 'Your cart is saved.', channels: ['email'], template: 'cart_reminder', value: { kind: 'order' },
      trigger: { event: 'Checkout Started', afterHours: 24, cancelOn: ['Order Completed'] },
    },
  ],
  holdout: { share: 0.5, salt: 'reports-test' },
  guardrails: { quietHours: { start: '00:00', end: '00:00' } },
  timing: { defaultHour: 0 },
};
export const testConfig = parseConfig(TEST_CONFIG_INPUT);

export const inHoldout = (profileId: string) => isInHoldout(profileId, testConfig.holdout);

/** `count` member ids of one arm of the test holdout, in id order. */
export function idsOf(arm: 'treated' | 'holdout', count: number, prefix = 'm'): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++) {
    const id = `${prefix}${String(i).padStart(4, '0')}`;
    if (inHoldout(id) === (arm === 'holdout')) ids.push(id);
  }
  return ids;
}

export interface DecisionSpec {
  channel?: Channel | null;
  probability?: number;
  candidates?: CandidateRecord[];
  outcome?: 'reward' | 'penalty' | 'none';
  /** Queue a message, sent at this time (null: queued, not sent). */
  sentAt?: number | null;
  sendAt?: number;
  message?: unknown;
  promotional?: boolean;
  holdout?: boolean;
  policyKey?: string | null;
}

export class World {
  private readonly profiles: ProfileRecord[] = [];
  private readonly events: EventRow[] = [];
  private readonly decisions: Decision[] = [];
  private readonly outbox: Array<NewOutboxEntry & { sentAt: number | null }> = [];
  private readonly outcomes: Array<{ decisionId: string; outcome: 'reward' | 'penalty' | 'none' }> = [];
  private readonly tasks: Task[] = [];
  private counter = 0;
  readonly scores = new Map<string, { segment: string; clv?: number }>();

  member(profileId: string, firstSeenAt = T0 - 365 * DAY, scores?: { segment: string; clv?: number }): string {
    this.profiles.push({
      profileId, firstSeenAt, updatedAt: firstSeenAt, traits: {}, consent: { tier: 'proactive', channels: { email: true, sms: false, push: true, in_app: true } },
      timezone: null, stats: emptyStats(),
    });
    if (scores !== undefined) this.scores.set(profileId, scores);
    return profileId;
  }

  track(profileId: string, event: string, at: number, properties: Record<string, unknown> = {}): void {
    const messageId = `e${++this.counter}`;
    this.events.push({
      messageId, profileId, type: 'track', event, dataClass: dataClassOfMessage('track', event), timestamp: at, receivedAt: at,
      message: { type: 'track', event, messageId, userId: profileId, timestamp: iso(at), properties } as unknown as EventRow['message'],
    });
  }

  order(profileId: string, at: number, revenue: number, products: string[] = []): void {
    this.track(profileId, 'Order Completed', at, { revenue, products: products.map((id) => ({ product_id: id, price: revenue })) });
  }

  decision(profileId: string, at: number, action: string, spec: DecisionSpec = {}): string {
    const decisionId = `d${String(++this.counter).padStart(6, '0')}`;
    const contact = action !== 'silence' && action !== 'human_outreach';
    const channel = spec.channel !== undefined ? spec.channel : contact ? 'email' : null;
    const probability = spec.probability ?? 1;
    this.decisions.push({
      decisionId, profileId, decidedAt: at, mode: 'batch', action, channel, sendAt: contact ? (spec.sendAt ?? at) : null, probability,
      holdout: spec.holdout ?? inHoldout(profileId), promotional: spec.promotional ?? action === 'promo', reasons: [],
      candidates: spec.candidates ?? [{ action, channel, probability, expectedValue: 0 }], rejections: [],
      policyKey: spec.policyKey !== undefined ? spec.policyKey : contact ? `${action}|tier:proactive` : null, modelVersion: null,
    });
    if (spec.outcome !== undefined) this.outcomes.push({ decisionId, outcome: spec.outcome });
    if (contact && channel !== null && spec.sentAt !== undefined) {
      this.outbox.push({
        decisionId, profileId, action, channel, state: 'queued', promotional: spec.promotional ?? action === 'promo', sendAt: spec.sendAt ?? at,
        message: spec.message ?? { channel, subject: action }, sentAt: spec.sentAt,
      });
    }
    return decisionId;
  }

  task(profileId: string, createdAt: number, spec: { resolvedAt?: number; outcome?: string; emotionalState?: { state: string; intensity: number }; decisionId?: string } = {}): void {
    this.tasks.push({
      taskId: `t${++this.counter}`, profileId, decisionId: spec.decisionId ?? `task-decision-${this.counter}`, createdAt,
      state: spec.resolvedAt !== undefined ? 'resolved' : 'open', priority: 2, reasonCode: 'handover.emotional',
      context: { emotionalState: spec.emotionalState ?? { state: 'frustrated', intensity: 0.6 } }, claimedBy: null, claimedAt: null,
      resolvedAt: spec.resolvedAt ?? null, outcome: spec.outcome ?? (spec.resolvedAt !== undefined ? 'resolved' : null), note: null,
    });
  }

  async save(store: Store): Promise<void> {
    await inTransaction(store, async (trx) => {
      await saveProfiles(trx, this.profiles);
      await insertEvents(trx, this.events);
      await insertDecisions(trx, this.decisions);
      await recordOutcomes(trx, this.outcomes, T0);
      await insertOutbox(trx, this.outbox, T0);
      for (const o of this.outbox) {
        if (o.sentAt !== null) await transitionOutbox(trx, o.decisionId, ['queued'], 'sent', { sentAt: o.sentAt }, o.sentAt);
      }
      await insertTasks(trx, this.tasks);
      for (const [profileId, s] of this.scores) {
        await trx.insertInto('profile_scores').values({ profile_id: profileId, model_version: 'v1', scored_at: T0, scores: JSON.stringify({ profileId, segment: { name: s.segment, reasons: [] }, clv: s.clv ?? null }) }).execute();
      }
    });
  }
}
