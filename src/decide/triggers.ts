// Event triggers: an action that follows an event (a cart reminder a day after Checkout Started)
// waits as a trigger until it is due, is cancelled if a `cancelOn` event happened meanwhile (the
// order completed), and is otherwise decided then — through the same guardrails and policy.
import { createHash } from 'node:crypto';
import {
  dueTriggers, eventsOfProfilesBetween, eventsReceivedAfter, getSetting, inTransaction, insertTriggers, setSetting, settleTrigger,
  type Executor, type ReceiptCursor, type Trigger,
} from '../store/index.js';
import type { ActionConfig } from './config.js';
import { decideAndRecord, type DecideDeps } from './service.js';

const HOUR_MS = 3_600_000;
const CURSOR_KEY = 'trigger_cursor';

export interface TriggerSummary {
  created: number;
  decided: number;
  cancelled: number;
  expired: number;
}

function triggered(deps: DecideDeps): ActionConfig[] {
  return deps.config.actions.filter((a) => a.trigger !== undefined);
}

/** True when any of the action's cancelOn events happened for the member after the trigger event. */
export async function cancelledByLaterEvent(db: Executor, action: ActionConfig, profileId: string, after: number, now: number): Promise<boolean> {
  const cancelOn = action.trigger?.cancelOn ?? [];
  if (cancelOn.length === 0) return false;
  return (await eventsOfProfilesBetween(db, [profileId], cancelOn, after + 1, now + 1)).length > 0;
}

/**
 * Where the scan stopped, per event name. Each name keeps its own cursor so that every page is
 * compared in the database's own order only. A cursor stored in the older single form applies to
 * every name: it was a position in the same order.
 */
type ScanCursors = Record<string, ReceiptCursor>;

function parseCursors(stored: string | undefined, names: readonly string[]): ScanCursors {
  const start: ReceiptCursor = { receivedAt: 0, messageId: '' };
  const parsed = stored === undefined ? {} : (JSON.parse(stored) as Partial<ReceiptCursor> & { byEvent?: ScanCursors });
  const shared = typeof parsed.receivedAt === 'number' && typeof parsed.messageId === 'string' ? { receivedAt: parsed.receivedAt, messageId: parsed.messageId } : start;
  return Object.fromEntries(names.map((name) => [name, parsed.byEvent?.[name] ?? shared]));
}

/** Creates triggers for trigger events received since the last scan (idempotent). */
async function scanEvents(deps: DecideDeps, now: number): Promise<number> {
  const actions = triggered(deps);
  const names = [...new Set(actions.map((a) => a.trigger?.event as string))];
  const cursors = parseCursors(await getSetting(deps.store.db, CURSOR_KEY), names);
  let created = 0;
  for (const name of names) {
    const following = actions.filter((a) => a.trigger?.event === name);
    for (;;) {
      const events = await eventsReceivedAfter(deps.store.db, name, cursors[name] as ReceiptCursor, 1000);
      if (events.length === 0) break;
      const triggers: Trigger[] = events.flatMap((event) => following.map((action): Trigger => ({
        triggerId: createHash('sha256').update(`${event.messageId}\u0000${action.id}`).digest('base64url').slice(0, 32),
        profileId: event.profileId, action: action.id, eventAt: event.timestamp,
        dueAt: event.timestamp + (action.trigger?.afterHours ?? 0) * HOUR_MS, sourceMessageId: event.messageId, state: 'pending', decisionId: null,
      })));
      const last = events[events.length - 1] as (typeof events)[number];
      cursors[name] = { receivedAt: last.receivedAt, messageId: last.messageId };
      await inTransaction(deps.store, async (trx) => {
        await insertTriggers(trx, triggers, now);
        await setSetting(trx, CURSOR_KEY, JSON.stringify({ byEvent: cursors }));
      });
      created += triggers.length;
    }
  }
  return created;
}

/** Scans for new trigger events, then decides (or cancels) every trigger that is due. */
export async function processTriggers(deps: DecideDeps, now = Date.now()): Promise<TriggerSummary> {
  const summary: TriggerSummary = { created: await scanEvents(deps, now), decided: 0, cancelled: 0, expired: 0 };
  for (;;) {
    const due = await dueTriggers(deps.store.db, now, 500);
    if (due.length === 0) return summary;
    for (const trigger of due) {
      const action = deps.config.actions.find((a) => a.id === trigger.action);
      if (action?.trigger !== undefined && now - trigger.dueAt > action.trigger.maxDelayHours * HOUR_MS) {
        await settleTrigger(deps.store.db, trigger.triggerId, 'expired', null, now);
        summary.expired++;
        continue;
      }
      if (action === undefined || (await cancelledByLaterEvent(deps.store.db, action, trigger.profileId, trigger.eventAt, now))) {
        await settleTrigger(deps.store.db, trigger.triggerId, 'cancelled', null, now);
        summary.cancelled++;
        continue;
      }
      const result = await decideAndRecord(deps, trigger.profileId, { mode: 'trigger', now, only: [trigger.action] });
      await settleTrigger(deps.store.db, trigger.triggerId, 'decided', result?.decision.decisionId ?? null, now);
      summary.decided++;
    }
  }
}
