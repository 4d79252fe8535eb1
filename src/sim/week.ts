// One simulated week: every member lives their week (joining, churning, visiting, buying,
// writing to support), meets the touches a policy sent, and the consequences scheduled for this
// week play out. Members are independent, so the week can be produced in member chunks.
import { CHANNELS } from '../core/consent.js';
import { randomPoisson } from '../core/random.js';
import { sampleVisitTime, WEEK_MS, weekStartMs } from './clock.js';
import { beforeAnyActivity, enrolmentWeek } from './enrolment.js';
import { app, browser, hasApp, openMemberWeek, type MemberWeek } from './member-week.js';
import { MemberLog, type SimMessage } from './messages.js';
import { emptyTotals, type Touch, type TouchOutcome, type WeekTotals } from './outcomes.js';
import { isFraming } from './response-model.js';
import { organicService, runScheduled } from './service.js';
import { visit, weeklyVisitRate } from './shopping.js';
import { MOOD, PRESSURE_WINDOWS_DAYS, pressureAt, takeDue } from './state.js';
import { applyTouch } from './touches.js';
import { assertNextWeek, type World } from './world.js';

export const SESSIONS = {
  /** Share of an app user's visits made in the app; the rest are on the web. */
  appShare: 0.55,
  /** Share of web visits made logged in (the rest carry only the cookie's anonymous id). */
  loggedIn: 0.65,
} as const;

export const CHURN = {
  /** Hazard × (1 + upset × max(0, −mood)) × (1 + pressure × excess over 30 days). */
  upset: 2,
  pressure: 0.5,
  /** Weekly chance that a dormant member comes back by themselves. */
  naturalReturn: 0.005,
} as const;

export const DEFAULT_CHUNK_SIZE = 10_000;

export interface WeekOutcomes {
  /** One per input touch, in input order. */
  touches: TouchOutcome[];
  totals: WeekTotals;
}

export interface WeekResult {
  week: number;
  /** Each member's messages in time order, members in index order. */
  messages: SimMessage[];
  outcomes: WeekOutcomes;
}

export interface WeekChunk extends WeekResult {
  /** Members [firstMember, endMember) of the world. */
  firstMember: number;
  endMember: number;
}

const NO_TOUCHES: readonly Touch[] = [];

function churnOrReturn(mw: MemberWeek): void {
  const { members, state } = mw.world;
  const i = mw.i;
  if (state.dormant[i] === 1) {
    if (mw.rng.next() < CHURN.naturalReturn) state.dormant[i] = 0;
    return;
  }
  const tolerance30 = (members.fatigueTolerance[i] as number) * (PRESSURE_WINDOWS_DAYS[1] / 7);
  const touches30 = pressureAt(state, i, mw.weekStart).last30;
  const hazard = (members.churnHazard[i] as number) * (1 + CHURN.upset * Math.max(0, -(state.mood[i] as number)))
    * (1 + CHURN.pressure * Math.max(0, touches30 / tolerance30 - 1));
  if (mw.rng.next() < hazard) state.dormant[i] = 1;
}

function organicVisits(mw: MemberWeek): void {
  const { members } = mw.world;
  const visits = randomPoisson(mw.rng, weeklyVisitRate(mw));
  const enrolledAt = members.enrolledAt[mw.i] as number;
  for (let v = 0; v < visits; v++) {
    const at = sampleVisitTime(mw.rng, mw.zone, members.bestHour[mw.i] as number, mw.weekStart);
    if (at < enrolledAt) continue;
    const sender = hasApp(mw) && mw.rng.next() < SESSIONS.appShare ? app(mw, mw.rng) : browser(mw, mw.rng.next() < SESSIONS.loggedIn);
    visit(mw, mw.rng, at, sender);
  }
}

/**
 * Runs member `i`'s week `week`, appending their messages to `messages`. `touchesFor` is asked
 * after the member's enrolment step, so a touch can depend on their having joined. `log` is a
 * scratch log reused from member to member.
 */
export function runMemberWeek(
  world: World, i: number, week: number, touchesFor: (mw: MemberWeek) => readonly Touch[],
  messages: SimMessage[], totals: WeekTotals, log: MemberLog, outcomes?: TouchOutcome[],
): void {
  const mw = openMemberWeek(world, i, week, totals, log);
  if (!beforeAnyActivity(mw)) enrolmentWeek(mw);
  const touches = touchesFor(mw);
  const state = world.state;
  if (state.identified[i] === 1) {
    churnOrReturn(mw);
    organicVisits(mw);
    organicService(mw, (rng) => sampleVisitTime(rng, mw.zone, world.members.bestHour[i] as number, mw.weekStart));
  }
  for (const touch of touches) {
    const outcome = applyTouch(mw, touch);
    outcomes?.push(outcome);
  }
  for (let due = takeDue(state, i, mw.weekEnd); due.length > 0; due = takeDue(state, i, mw.weekEnd)) {
    for (const event of due) runScheduled(mw, mw.rng, event);
  }
  state.mood[i] = (state.mood[i] as number) + MOOD.weeklyRecovery * (MOOD.baseline - (state.mood[i] as number));
  if (mw.log.size > 0) {
    totals.messages += mw.log.size;
    totals.activeMembers += 1;
    mw.log.drain(messages);
  }
}

function unknownProduct(world: World, touch: Touch): string | undefined {
  return touch.productIds?.find((id) => !world.catalog.indexById.has(id));
}

function validateTouch(world: World, week: number, touch: Touch): void {
  const start = weekStartMs(world.calendar, week);
  const problem = !Number.isInteger(touch.memberIndex) || touch.memberIndex < 0 || touch.memberIndex >= world.members.count ? 'memberIndex is not a member'
    : !(CHANNELS as readonly string[]).includes(touch.channel) ? `unknown channel "${touch.channel}"`
      : !isFraming(touch.framing) ? `unknown framing "${touch.framing}"`
        : !(touch.sendAt >= start && touch.sendAt < start + WEEK_MS) ? `sendAt ${new Date(touch.sendAt).toISOString()} is outside week ${week}`
          : !(touch.creepiness >= 0 && touch.creepiness <= 1) ? 'creepiness must be within 0 … 1'
            : touch.decisionId === '' ? 'decisionId is empty'
              : unknownProduct(world, touch) !== undefined ? `no product "${unknownProduct(world, touch)}" in the catalog` : undefined;
  if (problem !== undefined) throw new RangeError(`touch ${touch.decisionId}: ${problem}`);
}

/**
 * The touches grouped by member without an object per touch (a blast to 2.3M members is millions
 * of touches): `order` lists input positions member by member, each member's in send order (ties
 * by decision id); member i's are `order[start[i]]` … `order[start[i + 1] − 1]`.
 */
interface TouchIndex {
  order: Int32Array;
  start: Int32Array;
}

function indexTouches(world: World, week: number, touches: readonly Touch[]): TouchIndex {
  const start = new Int32Array(world.members.count + 1);
  const seen = new Set<string>();
  for (const touch of touches) {
    validateTouch(world, week, touch);
    if (seen.has(touch.decisionId)) throw new RangeError(`touch ${touch.decisionId}: decisionId is used twice`);
    seen.add(touch.decisionId);
    (start[touch.memberIndex + 1] as number)++;
  }
  for (let i = 0; i < world.members.count; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const next = start.slice(0, world.members.count);
  const order = new Int32Array(touches.length);
  touches.forEach((touch, position) => {
    order[(next[touch.memberIndex] as number)++] = position;
  });
  for (let i = 0; i < world.members.count; i++) {
    const from = start[i] as number;
    const to = start[i + 1] as number;
    if (to - from > 1) {
      order.subarray(from, to).sort((a, b) => {
        const x = touches[a] as Touch;
        const y = touches[b] as Touch;
        return x.sendAt - y.sendAt || (x.decisionId < y.decisionId ? -1 : 1);
      });
    }
  }
  return { order, start };
}

/**
 * Week `week` in member chunks of `chunkSize`: for 2.3M members, consume chunk by chunk. The
 * world moves to the next week once the last chunk has been taken; an abandoned generator leaves
 * the world mid-week (later calls throw).
 */
export function* simulateWeekChunks(world: World, week: number, touches: readonly Touch[] = [], chunkSize = DEFAULT_CHUNK_SIZE): Generator<WeekChunk> {
  assertNextWeek(world, week);
  const { order, start } = indexTouches(world, week, touches);
  world.nextWeek = -1;
  const log = new MemberLog();
  for (let first = 0; first < world.members.count; first += chunkSize) {
    const end = Math.min(world.members.count, first + chunkSize);
    const messages: SimMessage[] = [];
    const totals = emptyTotals();
    const outcomes: Array<{ outcome: TouchOutcome; position: number }> = [];
    for (let i = first; i < end; i++) {
      const positions = order.subarray(start[i] as number, start[i + 1] as number);
      const memberOutcomes: TouchOutcome[] = [];
      const mine = (): readonly Touch[] => (positions.length === 0 ? NO_TOUCHES : Array.from(positions, (position) => touches[position] as Touch));
      runMemberWeek(world, i, week, mine, messages, totals, log, memberOutcomes);
      memberOutcomes.forEach((outcome, k) => outcomes.push({ outcome, position: positions[k] as number }));
    }
    outcomes.sort((a, b) => a.position - b.position);
    yield { week, firstMember: first, endMember: end, messages, outcomes: { touches: outcomes.map((o) => o.outcome), totals } };
  }
  world.nextWeek = week + 1;
}

/** Week `week` for every member at once (fine for demos and tests; use the chunks at scale). */
export function simulateWeek(world: World, week: number, touches: readonly Touch[] = []): WeekResult {
  let result: WeekResult = { week, messages: [], outcomes: { touches: [], totals: emptyTotals() } };
  for (const chunk of simulateWeekChunks(world, week, touches, Math.max(1, world.members.count))) result = chunk;
  return { week, messages: result.messages, outcomes: result.outcomes };
}
