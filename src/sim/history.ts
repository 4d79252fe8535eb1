// The pre-existing history: the weeks before Attune starts deciding, as a brand's data would hold
// them — members joining, shopping, writing to support, and reading the weekly newsletter the
// brand sent to every subscribed member before Attune (the "legacy newsletter"). Streamed in
// member chunks so a year of 2.3M members never sits in memory at once.
import { weightedIndex } from '../core/random.js';
import { DAY_MS, HOUR_MS, monthOfWeek, weekStartMs } from './clock.js';
import { identifyAt } from './enrolment.js';
import type { MemberWeek } from './member-week.js';
import { CHANNEL_BIT } from './members.js';
import { MemberLog, type SimMessage } from './messages.js';
import { addTotals, emptyTotals, type Touch, type WeekTotals } from './outcomes.js';
import { STREAMS, streamRng } from './streams.js';
import { runMemberWeek } from './week.js';
import { assertNextWeek, type World } from './world.js';

/** The brand's newsletter before Attune: every Tuesday 15:00 UTC (10:00 in New York), three featured products. */
export const LEGACY_NEWSLETTER = { actionId: 'legacy-weekly-newsletter', weekday: 1, hourUtc: 15, products: 3 } as const;
const NO_TOUCHES: readonly Touch[] = Object.freeze([]);

/** Members per history chunk: ~150 messages per member-year, so ~300k messages per chunk. */
export const DEFAULT_HISTORY_CHUNK = 2_000;

export interface HistoryOptions {
  /** Weeks to simulate from the world's next week; default: the calendar's history weeks. */
  weeks?: number;
  chunkSize?: number;
  /** Send the legacy newsletter; default true. */
  newsletter?: boolean;
}

export interface HistoryChunk {
  /** Members [firstMember, endMember): all their weeks, week by week. */
  firstMember: number;
  endMember: number;
  messages: SimMessage[];
  totals: WeekTotals;
}

/** The products a week's newsletter features: in-season best sellers, the same for everyone. */
export function featuredProducts(world: World, week: number): string[] {
  const { catalog } = world;
  const rng = streamRng(world.seed, STREAMS.featured, week);
  const month = monthOfWeek(world.calendar, week);
  const weights = catalog.products.map((_, p) => {
    const category = catalog.categories[catalog.categoryIndex[p] as number];
    return catalog.products[p]?.inventory === 0 || category?.id === 'gift-cards' ? 0 : (catalog.popularity[p] as number) * (category?.seasonality[month] ?? 1);
  });
  const chosen: string[] = [];
  while (chosen.length < LEGACY_NEWSLETTER.products) {
    const p = weightedIndex(rng, weights);
    weights[p] = 0;
    chosen.push(catalog.products[p]?.id as string);
  }
  return chosen;
}

export function newsletterSendAt(world: World, week: number): number {
  return weekStartMs(world.calendar, week) + LEGACY_NEWSLETTER.weekday * DAY_MS + LEGACY_NEWSLETTER.hourUtc * HOUR_MS;
}

function newsletterTouch(world: World, i: number, week: number, productIds: readonly string[]): Touch {
  return {
    memberIndex: i, channel: 'email', sendAt: newsletterSendAt(world, week), actionId: LEGACY_NEWSLETTER.actionId,
    framing: 'newsletter', productIds, creepiness: 0, promotional: true, decisionId: `legacy-w${week}-m${i}`,
  };
}

function newsletterEligible(mw: MemberWeek, sendAt: number): boolean {
  const { state } = mw.world;
  return state.identified[mw.i] === 1 && ((state.subscriptions[mw.i] as number) & CHANNEL_BIT.email) !== 0 && identifyAt(mw) <= sendAt;
}

/** The legacy newsletter for week `week` to every member subscribed to email now: the blast. */
export function newsletterTouches(world: World, week: number): Touch[] {
  const products = featuredProducts(world, week);
  const touches: Touch[] = [];
  for (let i = 0; i < world.members.count; i++) {
    // Members who join during the week get the newsletter from the next week on.
    const subscribed = ((world.state.subscriptions[i] as number) & CHANNEL_BIT.email) !== 0;
    if (world.state.identified[i] === 1 && subscribed) touches.push(newsletterTouch(world, i, week, products));
  }
  return touches;
}

/**
 * The history, chunk by chunk: all weeks of the first `chunkSize` members, then the next. Within
 * a chunk, messages run week by week, so each member's messages are in time order. The world
 * moves on by `weeks` once the last chunk has been taken.
 */
export function* streamHistory(world: World, options: HistoryOptions = {}): Generator<HistoryChunk> {
  const from = world.nextWeek;
  assertNextWeek(world, from);
  const weeks = options.weeks ?? world.calendar.historyWeeks - from;
  const chunkSize = options.chunkSize ?? DEFAULT_HISTORY_CHUNK;
  const newsletter = options.newsletter ?? true;
  const featured = Array.from({ length: weeks }, (_, k) => featuredProducts(world, from + k));
  world.nextWeek = -1;
  const log = new MemberLog();
  for (let first = 0; first < world.members.count; first += chunkSize) {
    const end = Math.min(world.members.count, first + chunkSize);
    const messages: SimMessage[] = [];
    const totals = emptyTotals();
    for (let k = 0; k < weeks; k++) {
      const week = from + k;
      const sendAt = newsletterSendAt(world, week);
      const touchesFor = (mw: MemberWeek): readonly Touch[] =>
        newsletter && newsletterEligible(mw, sendAt) ? [newsletterTouch(world, mw.i, week, featured[k] as string[])] : NO_TOUCHES;
      for (let i = first; i < end; i++) runMemberWeek(world, i, week, touchesFor, messages, totals, log);
    }
    yield { firstMember: first, endMember: end, messages, totals };
  }
  world.nextWeek = from + weeks;
}

/** The whole history in memory: for demos and tests of up to a few tens of thousands of members. */
export function simulateHistory(world: World, options: HistoryOptions = {}): { messages: SimMessage[]; totals: WeekTotals } {
  const messages: SimMessage[] = [];
  const totals = emptyTotals();
  for (const chunk of streamHistory(world, options)) {
    for (const message of chunk.messages) messages.push(message);
    addTotals(totals, chunk.totals);
  }
  return { messages, totals };
}
