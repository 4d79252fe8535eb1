// The pilot table (DESIGN.md §8): the plain numbers a marketer compares before vs after Attune
// went live, and treated vs holdout — email open and click-through rates, an engagement score,
// the 90-day repeat purchase rate, CSAT, opt-outs and revenue per member per month. Definitions
// in docs/reports.md; rates are fractions.
import { EVENTS } from '../../core/index.js';
import type { AttuneConfig } from '../../decide/index.js';
import { orderValue } from '../../profiles/index.js';
import { eventDocs, eventTallies, firstDecisionTime, type EventDoc, type Store, type TimeWindow } from '../../store/index.js';
import { armOf, byMember, memberPages, type HoldoutRule } from './members.js';
import { ratio } from './stats.js';
import {
  checkedWindow, DAY_MS, iso, monthsIn, reportConfig, ReportInputError, resolveWindow, toTime, windowJson, type TimeInput,
} from './window.js';

export const PILOT_GROUPS = ['all', 'treated', 'holdout'] as const;
export type PilotGroup = (typeof PILOT_GROUPS)[number];

export interface PilotMetrics {
  /** Members first seen before the end of the window. */
  members: number;
  /** Email Opened ÷ Email Delivered. */
  openRate: number | null;
  /** Email Link Clicked ÷ Email Delivered. */
  clickRate: number | null;
  /** Mean engagement score (0–100) of the members. */
  engagementScore: number | null;
  /** Of members who ordered in the 90 days up to the window's end, the share who ordered at least twice in those 90 days. */
  repeatRate90d: number | null;
  /** Mean CSAT answer, on the survey's own scale. */
  csat: number | null;
  /** Share of members who unsubscribed in the window, per month. */
  optOutRatePerMonth: number | null;
  /** Order revenue in the window per member, per month. */
  revenuePerMemberPerMonth: number | null;
}

const REPEAT_DAYS = 90;
/** Engagement score: recency half-life, and the monthly activity that counts as fully engaged. */
const RECENCY_HALF_LIFE_DAYS = 30;
const FULL_ACTIONS_PER_MONTH = 2;

const CLICKS: readonly string[] = [EVENTS.emailLinkClicked, EVENTS.messageClicked];
// Sums are kept in integers (money in cents, scores in millionths) so that the order in which
// members are read, which follows their random ids, cannot change the last digit of a result.
const CENTS = 100;
const SCORE_UNITS = 1e6;
const TALLIED = [EVENTS.emailDelivered, EVENTS.emailOpened, ...CLICKS, EVENTS.unsubscribed];

/**
 * Engagement score of one member over a window, 0–100: half recency (2^(−days since the last
 * click or order / 30), 0 without one in the window), half frequency (clicks + orders per
 * month, full at 2).
 */
export function engagementScore(activity: { actions: number; lastAt: number | null }, window: TimeWindow): number {
  const recency = activity.lastAt === null ? 0 : Math.pow(2, -(window.to - activity.lastAt) / (RECENCY_HALF_LIFE_DAYS * DAY_MS));
  const frequency = Math.min(1, activity.actions / (FULL_ACTIONS_PER_MONTH * monthsIn(window)));
  return 100 * (Math.min(1, recency) + frequency) / 2;
}

class PilotTally {
  members = 0;
  delivered = 0;
  opened = 0;
  clicked = 0;
  /** Sum of engagement scores, in millionths. */
  engagement = 0;
  buyers = 0;
  repeaters = 0;
  csatSum = 0;
  csatCount = 0;
  optedOut = 0;
  /** Revenue in cents. */
  revenue = 0;

  /** Both groups together: every field is a sum. */
  plus(o: PilotTally): PilotTally {
    return Object.assign(new PilotTally(), {
      members: this.members + o.members, delivered: this.delivered + o.delivered, opened: this.opened + o.opened, clicked: this.clicked + o.clicked,
      engagement: this.engagement + o.engagement, buyers: this.buyers + o.buyers, repeaters: this.repeaters + o.repeaters,
      csatSum: this.csatSum + o.csatSum, csatCount: this.csatCount + o.csatCount, optedOut: this.optedOut + o.optedOut, revenue: this.revenue + o.revenue,
    });
  }

  metrics(window: TimeWindow): PilotMetrics {
    const months = monthsIn(window);
    return {
      members: this.members,
      openRate: ratio(this.opened, this.delivered),
      clickRate: ratio(this.clicked, this.delivered),
      engagementScore: ratio(this.engagement / SCORE_UNITS, this.members),
      repeatRate90d: ratio(this.repeaters, this.buyers),
      csat: ratio(this.csatSum, this.csatCount),
      optOutRatePerMonth: this.members > 0 ? this.optedOut / this.members / months : null,
      revenuePerMemberPerMonth: this.members > 0 ? this.revenue / CENTS / this.members / months : null,
    };
  }
}

/** The pilot metrics of every group over one window, in one pass over the members. */
export async function pilotMetricsByGroup(store: Store, window: TimeWindow, holdout: HoldoutRule): Promise<Record<PilotGroup, PilotMetrics>> {
  const arms = { treated: new PilotTally(), holdout: new PilotTally() };
  // The repeat rate looks at the 90 days up to the window's end, so a pilot of any length has one.
  const repeatFrom = window.to - REPEAT_DAYS * DAY_MS;
  const orderSpan = { from: Math.min(window.from, repeatFrom), to: window.to };
  for await (const { members, range } of memberPages(store.db, window.to)) {
    const armOfMember = new Map(members.map((m) => [m.profileId, arms[armOf(m.profileId, holdout)]]));
    for (const tally of armOfMember.values()) tally.members += 1;
    // Most members have no events in a window: sums are added from the rows, not member by member.
    const activity = new Map<string, { actions: number; lastAt: number | null }>();
    const engage = (profileId: string, actions: number, at: number) => {
      const a = activity.get(profileId) ?? { actions: 0, lastAt: null };
      activity.set(profileId, { actions: a.actions + actions, lastAt: Math.max(a.lastAt ?? at, at) });
    };
    for (const row of await eventTallies(store.db, range, window, TALLIED)) {
      const tally = armOfMember.get(row.profileId);
      if (tally === undefined) continue;
      if (row.event === EVENTS.emailDelivered) tally.delivered += row.count;
      if (row.event === EVENTS.emailOpened) tally.opened += row.count;
      if (row.event === EVENTS.emailLinkClicked) tally.clicked += row.count;
      if (row.event === EVENTS.unsubscribed) tally.optedOut += 1;
      if (CLICKS.includes(row.event)) engage(row.profileId, row.count, row.last);
    }
    for (const [profileId, own] of byMember(await eventDocs(store.db, range, orderSpan, [EVENTS.orderCompleted]))) {
      const tally = armOfMember.get(profileId);
      if (tally === undefined) continue;
      const inWindow = own.filter((o) => o.timestamp >= window.from);
      if (inWindow.length > 0) {
        tally.revenue += inWindow.reduce((sum, o) => sum + Math.round(orderValue(o.properties) * CENTS), 0);
        engage(profileId, inWindow.length, (inWindow[inWindow.length - 1] as EventDoc).timestamp);
      }
      const recent = own.filter((o) => o.timestamp >= repeatFrom).length;
      if (recent > 0) {
        tally.buyers += 1;
        tally.repeaters += recent >= 2 ? 1 : 0;
      }
    }
    for (const survey of await eventDocs(store.db, range, window, [EVENTS.surveyAnswered])) {
      const tally = armOfMember.get(survey.profileId);
      const score = Number(survey.properties.score);
      if (tally === undefined || String(survey.properties.survey ?? '').toLowerCase() !== 'csat' || !Number.isFinite(score)) continue;
      tally.csatSum += score;
      tally.csatCount += 1;
    }
    for (const [profileId, a] of activity) (armOfMember.get(profileId) as PilotTally).engagement += Math.round(engagementScore(a, window) * SCORE_UNITS);
  }
  return { all: arms.treated.plus(arms.holdout).metrics(window), treated: arms.treated.metrics(window), holdout: arms.holdout.metrics(window) };
}

export interface PilotOptions {
  from: TimeInput;
  to: TimeInput;
  /** Which members: everyone, or one arm of the global holdout (default all). */
  members?: PilotGroup;
  /** Holdout rule source (default: attune.config.json). */
  config?: AttuneConfig;
}

/** The pilot numbers of one group of members over one window — what the demo prints per database. */
export async function pilotMetrics(store: Store, options: PilotOptions): Promise<PilotMetrics> {
  const window = checkedWindow(toTime(options.from, 'from'), toTime(options.to, 'to'));
  const groups = await pilotMetricsByGroup(store, window, reportConfig(options.config).holdout);
  return groups[options.members ?? 'all'];
}

export interface PilotPeriod {
  window: { from: string; to: string };
  groups: Record<PilotGroup, PilotMetrics>;
}

export interface PilotReport {
  report: 'pilot';
  /** When Attune went live: the start of "after". */
  pivot: string;
  before: PilotPeriod;
  after: PilotPeriod;
}

/**
 * Before vs after the pivot (default: the first recorded decision), treated vs holdout. "After"
 * is [pivot, to); "before" is [from, pivot), by default as long as "after".
 */
export async function pilotReport(store: Store, options: { from?: TimeInput; to?: TimeInput; pivot?: TimeInput; config?: AttuneConfig } = {}): Promise<PilotReport> {
  const { to } = await resolveWindow(store, { to: options.to });
  const pivot = options.pivot !== undefined ? toTime(options.pivot, 'pivot') : await firstDecisionTime(store.db);
  if (pivot === null) throw new ReportInputError('no decisions are recorded yet: pass --pivot, the date Attune went live');
  const pivotName = options.pivot !== undefined ? '--pivot' : 'the first decision (--pivot)';
  const after = checkedWindow(pivot, to, [pivotName, '--to']);
  const before = checkedWindow(options.from !== undefined ? toTime(options.from, 'from') : pivot - (to - pivot), pivot, ['--from', pivotName]);
  const holdout = reportConfig(options.config).holdout;
  return {
    report: 'pilot',
    pivot: iso(pivot),
    before: { window: windowJson(before), groups: await pilotMetricsByGroup(store, before, holdout) },
    after: { window: windowJson(after), groups: await pilotMetricsByGroup(store, after, holdout) },
  };
}
