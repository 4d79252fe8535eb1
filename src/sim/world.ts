// The synthetic retail world of the example brand Athena: a catalog, members with latent traits,
// and their memory. Created once from a seed; the weeks (week.ts, history.ts) then move it on.
import { buildCatalog, type SimCatalog } from './catalog.js';
import { createCalendar, type Calendar } from './clock.js';
import { generateMembers, memberAt, type Member, type MemberTable } from './members.js';
import { createState, type MemberState } from './state.js';

export interface WorldOptions {
  seed: number;
  /** How many loyalty members (2.3M for the benchmark). */
  members: number;
  /** Monday that starts the history, ISO date; default 2024-06-03. */
  start?: string;
  /** Weeks of pre-existing history before Attune starts deciding; default 52. */
  historyWeeks?: number;
}

export interface World {
  seed: number;
  calendar: Calendar;
  catalog: SimCatalog;
  members: MemberTable;
  state: MemberState;
  /**
   * The only week that can be simulated next: weeks run in order, because each one changes
   * members' memory. −1 while a history stream is being consumed.
   */
  nextWeek: number;
}

export const DEFAULT_START = '2024-06-03';
export const DEFAULT_HISTORY_WEEKS = 52;

export function createWorld(options: WorldOptions): World {
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  const seed = options.seed >>> 0;
  const calendar = createCalendar(options.start ?? DEFAULT_START, options.historyWeeks ?? DEFAULT_HISTORY_WEEKS);
  const members = generateMembers(seed, options.members, calendar);
  return { seed, calendar, catalog: buildCatalog(seed), members, state: createState(members), nextWeek: 0 };
}

/** One member's latent traits and identifiers (the truth the world simulates, not what Attune sees). */
export function worldMember(world: World, index: number): Member {
  return memberAt(world.members, index);
}

export function assertNextWeek(world: World, week: number): void {
  if (world.nextWeek < 0) throw new Error('a history stream is still being consumed (or was abandoned): the world is mid-history');
  if (week !== world.nextWeek) throw new RangeError(`weeks run in order: the next week is ${world.nextWeek}, not ${week}`);
}
