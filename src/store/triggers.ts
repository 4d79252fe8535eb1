// Event triggers: "Checkout Started and no order after 24 hours" waits here until it is due.
import { chunked } from './chunks.js';
import type { Executor } from './database.js';

/** `expired`: found too long after it was due to be acted on. */
export type TriggerState = 'pending' | 'decided' | 'cancelled' | 'expired';

export interface Trigger {
  triggerId: string;
  profileId: string;
  action: string;
  eventAt: number;
  dueAt: number;
  sourceMessageId: string;
  state: TriggerState;
  decisionId: string | null;
}

/** Inserts triggers; one already known (same id) is left as it is. */
export async function insertTriggers(db: Executor, triggers: readonly Trigger[], now: number): Promise<void> {
  for (const chunk of chunked(triggers, 100)) {
    await db
      .insertInto('triggers')
      .values(chunk.map((t) => ({
        trigger_id: t.triggerId, profile_id: t.profileId, action: t.action, event_at: t.eventAt, due_at: t.dueAt,
        source_message_id: t.sourceMessageId, state: t.state, decision_id: t.decisionId, updated_at: now,
      })))
      .onConflict((oc) => oc.column('trigger_id').doNothing())
      .execute();
  }
}

export async function dueTriggers(db: Executor, now: number, limit: number): Promise<Trigger[]> {
  const rows = await db.selectFrom('triggers').selectAll().where('state', '=', 'pending').where('due_at', '<=', now).orderBy('due_at').limit(limit).execute();
  return rows.map((r) => ({
    triggerId: r.trigger_id, profileId: r.profile_id, action: r.action, eventAt: Number(r.event_at), dueAt: Number(r.due_at),
    sourceMessageId: r.source_message_id, state: r.state as TriggerState, decisionId: r.decision_id,
  }));
}

export async function settleTrigger(db: Executor, triggerId: string, state: Exclude<TriggerState, 'pending'>, decisionId: string | null, now: number): Promise<void> {
  await db.updateTable('triggers').set({ state, decision_id: decisionId, updated_at: now }).where('trigger_id', '=', triggerId).where('state', '=', 'pending').execute();
}
