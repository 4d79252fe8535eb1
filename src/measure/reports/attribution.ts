// Attribution from stored journeys: the touches before each order in the window (messages sent,
// and clicks), within a lookback, become journeys for the attribution models of
// src/measure/attribution. A touch is credited to at most one order: the next one. Touches
// after a member's last order form a journey that did not convert (a "null" path, which the
// Markov model needs); members still deciding at the end of the window count as not converted.
import { EVENTS } from '../../core/index.js';
import { orderValue } from '../../profiles/index.js';
import { eventDocs, sentTouches, type Store } from '../../store/index.js';
import { attribute, attributionModels, type Attribution, type AttributionModel, type Journey } from '../attribution/index.js';
import { byMember, memberPages } from './members.js';
import { DAY_MS, resolveWindow, windowJson, type TimeInput } from './window.js';

export type Touchpoint = 'channel' | 'action';

export interface TimedTouch {
  at: number;
  name: string;
}

export interface TimedOrder {
  at: number;
  value: number;
}

/**
 * One member's journeys: for each order in [from, …), the touches since the previous order and
 * within the lookback (timestamps in days); and the touches at or after `from` that no order
 * followed. Both lists must be in time order.
 */
export function memberJourneys(touches: readonly TimedTouch[], orders: readonly TimedOrder[], from: number, lookbackMs: number): { converting: Journey[]; unconverted: string[] } {
  const converting: Journey[] = [];
  let previous = -Infinity;
  for (const order of orders) {
    if (order.at >= from) {
      const before = touches.filter((t) => t.at < order.at && t.at >= previous && t.at >= order.at - lookbackMs);
      if (before.length > 0) {
        converting.push({ channels: before.map((t) => t.name), timestamps: before.map((t) => t.at / DAY_MS), conversions: 1, value: order.value, nulls: 0 });
      }
    }
    previous = order.at;
  }
  const unconverted = touches.filter((t) => t.at >= previous && t.at >= from).map((t) => t.name);
  return { converting, unconverted };
}

export interface AttributionReportOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** How long before an order a touch can earn credit (default 30 days). */
  lookbackDays?: number;
  /** Name touches by channel (`email`, `email click`) or by action (default channel). */
  by?: Touchpoint;
  /** Time-decay half-life in days (default 7). */
  halfLifeDays?: number;
}

export interface AttributionReport {
  report: 'attribution';
  window: { from: string; to: string };
  lookbackDays: number;
  by: Touchpoint;
  halfLifeDays: number;
  orders: { count: number; value: number; withTouches: number; valueWithTouches: number };
  /** Journeys with touches and no order after them. */
  unconvertedJourneys: number;
  /** Credit per touchpoint under each model, in conversions and in value. */
  models: Record<AttributionModel, Attribution>;
}

const CLICKS: readonly string[] = [EVENTS.emailLinkClicked, EVENTS.messageClicked];

export async function attributionReport(store: Store, options: AttributionReportOptions = {}): Promise<AttributionReport> {
  const window = await resolveWindow(store, options);
  const lookbackDays = options.lookbackDays ?? 30;
  const lookbackMs = lookbackDays * DAY_MS;
  const by = options.by ?? 'channel';
  const halfLifeDays = options.halfLifeDays ?? 7;
  const reach = { from: window.from - lookbackMs, to: window.to };
  const converting: Journey[] = [];
  const unconverted = new Map<string, Journey>();
  const orders = { count: 0, value: 0, withTouches: 0, valueWithTouches: 0 };

  for await (const { members, range } of memberPages(store.db, window.to)) {
    const sent = await sentTouches(store.db, range, reach);
    const actionOf = new Map(sent.map((t) => [t.decisionId, t.action]));
    const touches = byMember([
      ...sent.map((t) => ({ profileId: t.profileId, at: t.sentAt, name: by === 'channel' ? t.channel : t.action })),
      ...(await eventDocs(store.db, range, reach, CLICKS)).map((c) => {
        const channel = c.event === EVENTS.emailLinkClicked ? 'email' : String(c.properties.channel ?? 'message');
        const action = actionOf.get(String(c.properties.decision_id ?? ''));
        return { profileId: c.profileId, at: c.timestamp, name: `${by === 'action' && action !== undefined ? action : channel} click` };
      }),
    ]);
    const bought = byMember(await eventDocs(store.db, range, reach, [EVENTS.orderCompleted]));
    for (const { profileId } of members) {
      const own = (touches.get(profileId) ?? []).sort((a, b) => a.at - b.at);
      const memberOrders = (bought.get(profileId) ?? []).map((o) => ({ at: o.timestamp, value: orderValue(o.properties) }));
      for (const order of memberOrders) {
        if (order.at < window.from) continue;
        orders.count += 1;
        orders.value += order.value;
      }
      const journeys = memberJourneys(own, memberOrders, window.from, lookbackMs);
      for (const journey of journeys.converting) {
        converting.push(journey);
        orders.withTouches += 1;
        orders.valueWithTouches += journey.value;
      }
      if (journeys.unconverted.length > 0) {
        // Unconverted paths are grouped: only their channel sequence matters to the models.
        const key = journeys.unconverted.join('\u0000');
        const group = unconverted.get(key) ?? unconverted.set(key, { channels: journeys.unconverted, conversions: 0, value: 0, nulls: 0 }).get(key)!;
        group.nulls += 1;
      }
    }
  }

  const journeys = [...converting, ...unconverted.values()];
  const models = Object.fromEntries(
    attributionModels.map((model) => [model, journeys.length === 0 ? {} : attribute(journeys, model, { halfLife: halfLifeDays, seed: 1 })]),
  ) as Record<AttributionModel, Attribution>;
  return {
    report: 'attribution',
    window: windowJson(window),
    lookbackDays,
    by,
    halfLifeDays,
    orders,
    unconvertedJourneys: [...unconverted.values()].reduce((n, j) => n + j.nulls, 0),
    models,
  };
}
