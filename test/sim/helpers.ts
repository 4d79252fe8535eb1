// Shared by the simulation tests: small worlds with a history, and touches to send in live weeks.
import { createWorld, simulateHistory, weekStartMs, type Touch, type World } from '../../src/sim/index.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A world of `members` with `historyWeeks` of history already simulated (legacy newsletter included). */
export function worldWithHistory(seed: number, members: number, historyWeeks: number): World {
  const world = createWorld({ seed, members, historyWeeks });
  simulateHistory(world);
  return world;
}

/**
 * A touch (an email unless `overrides` say otherwise) to each chosen member on each given day
 * (0 = Monday) of `week`, at 15:00 UTC. Decision ids name the channel, week, member and day.
 */
export function emails(
  world: World, week: number, days: readonly number[], overrides: Partial<Touch> = {}, who: (i: number) => boolean = () => true,
): Touch[] {
  const start = weekStartMs(world.calendar, week);
  const channel = overrides.channel ?? 'email';
  const touches: Touch[] = [];
  for (let i = 0; i < world.members.count; i++) {
    if (!who(i)) continue;
    for (const day of days) {
      touches.push({
        memberIndex: i, channel, sendAt: start + day * DAY_MS + 15 * HOUR_MS, actionId: 'test-action', framing: 'new_arrivals',
        creepiness: 0, promotional: true, decisionId: `test-${channel}-w${week}-m${i}-d${day}`, ...overrides,
      });
    }
  }
  return touches;
}

export interface Tally {
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
  negativeReplies: number;
  purchases: number;
}

export function tally(outcomes: ReadonlyArray<{ status: string; opened: boolean; clicked: boolean; unsubscribed: boolean; complained: boolean; negativeReply: boolean; purchase: unknown }>): Tally {
  const t: Tally = { delivered: 0, opened: 0, clicked: 0, unsubscribed: 0, complained: 0, negativeReplies: 0, purchases: 0 };
  for (const o of outcomes) {
    if (o.status !== 'delivered') continue;
    t.delivered += 1;
    t.opened += Number(o.opened);
    t.clicked += Number(o.clicked);
    t.unsubscribed += Number(o.unsubscribed);
    t.complained += Number(o.complained);
    t.negativeReplies += Number(o.negativeReply);
    t.purchases += Number(o.purchase !== null);
  }
  return t;
}
