// Calendar facts about a member at a moment: are they in one of their gift seasons, how far is
// their birthday, how active are they given tenure, decline and dormancy.
import { DAY_MS, WEEK_MS } from './clock.js';
import type { MemberTable } from './members.js';
import { GIFT_SEASONS } from './personas.js';
import type { MemberState } from './state.js';

export const LIFECYCLE = {
  /** Visits right after enrolment are this much above the member's usual rate, fading over `newMemberWeeks`. */
  newMemberBoost: 1.5,
  newMemberWeeks: 4,
  /** A Lapsed VIP's visits fall by e each `lapseWeeks` after their decline starts, to at least `lapseFloor`. */
  lapseWeeks: 6,
  lapseFloor: 0.05,
  /** Visits of a dormant member relative to their usual rate. */
  dormantVisits: 0.08,
} as const;

/** Day of a non-leap year, 0–364 (29 February counts as 1 March). */
function dayOfYear(month: number, day: number): number {
  return Math.round((Date.UTC(2001, month - 1, day) - Date.UTC(2001, 0, 1)) / DAY_MS);
}

export function dayOfYearOf(atMs: number): number {
  const date = new Date(atMs);
  return dayOfYear(date.getUTCMonth() + 1, date.getUTCDate());
}

const SEASON_DAYS = GIFT_SEASONS.map((season) => ({ from: dayOfYear(...season.from), to: dayOfYear(...season.to) }));

/** Index into GIFT_SEASONS of the season on day `day` (of the year) that the member shops for, or −1. */
export function activeGiftSeason(members: MemberTable, i: number, day: number): number {
  const seasons = members.giftSeasons[i] as number;
  if (seasons === 0) return -1;
  for (let s = 0; s < SEASON_DAYS.length; s++) {
    const bounds = SEASON_DAYS[s] as { from: number; to: number };
    if ((seasons & (1 << s)) !== 0 && day >= bounds.from && day <= bounds.to) return s;
  }
  return -1;
}

/** Days between `atMs` and the member's next or last birthday (0–182). */
export function birthdayDistanceDays(members: MemberTable, i: number, atMs: number): number {
  const today = dayOfYearOf(atMs);
  const gap = Math.abs(today - (members.birthDay[i] as number));
  return Math.min(gap, 365 - gap);
}

/** Is the member a Lapsed VIP past the start of their decline (and not won back)? */
export function isLapsing(members: MemberTable, state: MemberState, i: number, week: number): boolean {
  const lapseWeek = members.lapseWeek[i] as number;
  return lapseWeek >= 0 && week >= lapseWeek && state.wonBack[i] === 0;
}

/** Multiplier on a member's usual visit rate from tenure, decline and dormancy. */
export function lifecycleFactor(members: MemberTable, state: MemberState, i: number, week: number, weekStart: number): number {
  const tenureWeeks = (weekStart - (members.enrolledAt[i] as number)) / WEEK_MS;
  let factor = 1 + LIFECYCLE.newMemberBoost * Math.exp(-Math.max(0, tenureWeeks) / LIFECYCLE.newMemberWeeks);
  if (isLapsing(members, state, i, week)) {
    factor *= Math.max(LIFECYCLE.lapseFloor, Math.exp(-(week - (members.lapseWeek[i] as number)) / LIFECYCLE.lapseWeeks));
  }
  if (state.dormant[i] === 1) factor *= LIFECYCLE.dormantVisits;
  return factor;
}
