// One member's week: the context every behaviour function receives, and the identities their
// messages are sent under (logged-in browser, anonymous browser, app on a device, the back office).
import { createRng, type Rng } from '../core/random.js';
import { WEEK_MS, weekStartMs } from './clock.js';
import { anonymousIdOf, deviceIdOf, userIdOf } from './identity.js';
import { MEMBER_FLAGS } from './members.js';
import type { MemberLog, Sender } from './messages.js';
import type { WeekTotals } from './outcomes.js';
import { STREAMS, mixSeed } from './streams.js';
import type { World } from './world.js';
import { dayOfYearOf } from './seasons.js';
import { ZONES } from './zones.js';

export interface MemberWeek {
  world: World;
  /** Member index. */
  i: number;
  week: number;
  weekStart: number;
  weekEnd: number;
  /** Month 0–11 and day of the year (0–364) of the middle of the week: seasons are weekly. */
  month: number;
  midweekDay: number;
  zone: number;
  userId: string;
  /**
   * The member's organic behaviour this week. Each touch draws from a stream of its own, so that
   * touching a member does not change the organic draws (common random numbers across policies).
   */
  rng: Rng;
  log: MemberLog;
  totals: WeekTotals;
  /** This week's browser cookie id and app device ids, derived on first use. */
  cookieId?: string;
  deviceIds?: string[];
}

/** Browser cookies are reset about twice a year: a new anonymous id to tie back to the member. */
export const COOKIE_LIFETIME_WEEKS = 26;

const weekFacts = new Map<number, { month: number; midweekDay: number }>();

/** Month and day of the year of the middle of the week starting `weekStart` (memoised: asked per member). */
function factsOfWeek(weekStart: number): { month: number; midweekDay: number } {
  let facts = weekFacts.get(weekStart);
  if (facts === undefined) {
    const midweek = weekStart + WEEK_MS / 2;
    facts = { month: new Date(midweek).getUTCMonth(), midweekDay: dayOfYearOf(midweek) };
    weekFacts.set(weekStart, facts);
  }
  return facts;
}

/** Starts member `i`'s week `week`; `log` is emptied and reused (see MemberLog). */
export function openMemberWeek(world: World, i: number, week: number, totals: WeekTotals, log: MemberLog): MemberWeek {
  const weekStart = weekStartMs(world.calendar, week);
  const zone = world.members.zone[i] as number;
  log.begin(world.seed, week, i, (ZONES[zone] as { id: string }).id);
  return {
    world, i, week, weekStart, weekEnd: weekStart + WEEK_MS, ...factsOfWeek(weekStart), zone,
    userId: userIdOf(i),
    rng: createRng(mixSeed(world.seed, STREAMS.week, i, week)),
    log,
    totals,
  };
}

/** Events the brand's systems send about the member (orders, deliveries, support): userId only. */
export function backOffice(mw: MemberWeek): Sender {
  return { userId: mw.userId };
}

/** The browser cookie in use at `week`. Members enrolled before the history change cookies on a phase of their own. */
function cookieIndex(mw: MemberWeek, week: number): number {
  const { calendar } = mw.world;
  const enrolledAt = mw.world.members.enrolledAt[mw.i] as number;
  const enrolWeek = Math.floor((enrolledAt - calendar.startMs) / WEEK_MS);
  const since = enrolWeek > 0 ? week - enrolWeek : week + (mw.i % COOKIE_LIFETIME_WEEKS);
  return Math.max(0, Math.floor(since / COOKIE_LIFETIME_WEEKS));
}

/** A web visit: always the cookie's anonymous id, plus the userId when the member is logged in. */
export function browser(mw: MemberWeek, loggedIn: boolean, campaign?: Sender['campaign']): Sender {
  mw.cookieId ??= anonymousIdOf(mw.world.seed, mw.i, cookieIndex(mw, mw.week));
  const sender: Sender = { anonymousId: mw.cookieId };
  if (loggedIn && mw.world.state.identified[mw.i] === 1) sender.userId = mw.userId;
  if (campaign !== undefined) sender.campaign = campaign;
  return sender;
}

/** An app session on one of the member's devices (the app always knows who is signed in). */
export function app(mw: MemberWeek, rng: Rng, campaign?: Sender['campaign']): Sender {
  const flags = mw.world.members.flags[mw.i] as number;
  const device = (flags & MEMBER_FLAGS.secondDevice) !== 0 && rng.next() < 0.3 ? 1 : 0;
  mw.deviceIds ??= [];
  const deviceId = (mw.deviceIds[device] ??= deviceIdOf(mw.world.seed, mw.i, device));
  const sender: Sender = { userId: mw.userId, deviceId };
  if (campaign !== undefined) sender.campaign = campaign;
  return sender;
}

export function hasApp(mw: MemberWeek): boolean {
  return ((mw.world.members.flags[mw.i] as number) & MEMBER_FLAGS.hasApp) !== 0;
}
