// The cumulative experience: everything one member received, how much contact that adds up to,
// and — across members — any span of time in which the touches exceeded the configured caps.
// With the guardrails working, the caps report is empty: it is the guardrails' audit.
import type { AttuneConfig } from '../../decide/index.js';
import { capExcesses, memberTouches, tasksOfProfiles, touchesOfProfiles, type CapRule, type Store, type TimeWindow } from '../../store/index.js';
import { checkedWindow, DAY_MS, HOUR_MS, iso, reportConfig, resolveWindow, toTime, windowJson, type TimeInput } from './window.js';

export interface TimelineTouch {
  /** `message` from the outbox, or `person`: a hand-over task. */
  kind: 'message' | 'person';
  decisionId: string;
  /** When it was sent (or is due, or the task was created). */
  at: string;
  channel: string;
  action: string;
  /** The framing the message was written in, when the composer recorded it. */
  framing: string | null;
  state: string;
  /** The learned outcome of the decision (reward, penalty, none), or the task's outcome. */
  outcome: string | null;
  promotional: boolean;
  holdout: boolean;
}

export interface ContactPressure {
  /** 0–100: about 100 just after the latest of weekly batches at the weekly cap (see contactPressure). */
  score: number;
  asOf: string;
  last7Days: number;
  last30Days: number;
}

const PRESSURE_HALF_LIFE_DAYS = 7;
const PRESSURE_HORIZON_DAYS = 30;

/**
 * Contact pressure at `asOf`: each touch (under review, queued, sending or sent) of the last 30
 * days weighs 2^(−age / 7 days); 100 × the sum / (2 × `maxTouchesPer7Days`), at most 100. Receiving
 * the weekly cap every week sums to 1.94 × the cap right after a week's touches (score ≈ 97) and
 * 0.94 × the cap just before the next (≈ 47); the same contact spread evenly averages ≈ 68.
 */
export function contactPressure(touchTimes: readonly number[], asOf: number, maxTouchesPer7Days: number): ContactPressure {
  const ages = touchTimes.map((t) => asOf - t).filter((age) => age >= 0 && age < PRESSURE_HORIZON_DAYS * DAY_MS);
  const load = ages.reduce((sum, age) => sum + Math.pow(2, -age / (PRESSURE_HALF_LIFE_DAYS * DAY_MS)), 0);
  const full = 2 * maxTouchesPer7Days;
  const score = full > 0 ? Math.min(100, (100 * load) / full) : load > 0 ? 100 : 0;
  return { score: Math.round(score * 10) / 10, asOf: iso(asOf), last7Days: ages.filter((a) => a < 7 * DAY_MS).length, last30Days: ages.length };
}

export interface Timeline {
  profileId: string;
  window: { from: string; to: string };
  touches: TimelineTouch[];
  contactPressure: ContactPressure;
}

function framingOf(message: unknown): string | null {
  const framing = (message as { framing?: unknown } | null)?.framing;
  return typeof framing === 'string' ? framing : null;
}

/** Every message and hand-over of one member in the window (default: all time), and the pressure at `to` (default now). */
export async function memberTimeline(store: Store, profileId: string, options: { from?: TimeInput; to?: TimeInput; config?: AttuneConfig } = {}): Promise<Timeline> {
  const asOf = options.to !== undefined ? toTime(options.to, 'to') : Date.now();
  const window = checkedWindow(options.from !== undefined ? toTime(options.from, 'from') : 0, options.to !== undefined ? asOf : Number.MAX_SAFE_INTEGER);
  const messages = (await memberTouches(store.db, profileId, window)).map((t): TimelineTouch => ({
    kind: 'message', decisionId: t.decisionId, at: iso(t.sentAt ?? t.sendAt), channel: t.channel, action: t.action, framing: framingOf(t.message),
    state: t.state, outcome: t.outcome, promotional: t.promotional, holdout: t.holdout,
  }));
  const people = (await tasksOfProfiles(store.db, [profileId], window.to)).filter((t) => t.createdAt >= window.from).map((t): TimelineTouch => ({
    kind: 'person', decisionId: t.decisionId, at: iso(t.createdAt), channel: 'person', action: 'human_outreach', framing: null,
    state: t.state, outcome: t.outcome, promotional: false, holdout: false,
  }));
  const recent = await touchesOfProfiles(store.db, [profileId], asOf - PRESSURE_HORIZON_DAYS * DAY_MS, asOf + 1);
  const guardrails = reportConfig(options.config).guardrails;
  return {
    profileId,
    window: options.to !== undefined ? windowJson(window) : { from: iso(window.from), to: 'open' },
    touches: [...messages, ...people].sort((a, b) => a.at.localeCompare(b.at)),
    contactPressure: contactPressure(recent.map((t) => t.sentAt ?? t.sendAt), asOf, guardrails.maxTouchesPer7Days),
  };
}

/** The caps the guardrails enforce (src/decide/guardrails.ts), as rules the store can check. */
export function capRules(config: AttuneConfig): CapRule[] {
  const g = config.guardrails;
  const perAction = config.actions.flatMap((a) => (a.caps.per7Days === undefined ? [] : [[a.id, a.caps.per7Days] as const]));
  return [
    { code: 'cap.daily', spanMs: DAY_MS, promotionalOnly: true, partition: 'member', caps: new Map([['all', g.maxTouchesPerDay]]) },
    { code: 'cap.weekly', spanMs: 7 * DAY_MS, promotionalOnly: true, partition: 'member', caps: new Map([['all', g.maxTouchesPer7Days]]) },
    { code: 'cap.channel', spanMs: 7 * DAY_MS, promotionalOnly: false, partition: 'channel', caps: new Map(Object.entries(g.channelTouchesPer7Days)) },
    { code: 'cap.action', spanMs: 7 * DAY_MS, promotionalOnly: false, partition: 'action', caps: new Map(perAction) },
  ];
}

export interface CapViolation {
  profileId: string;
  rule: string;
  /** The channel or action capped; null for caps across all marketing touches. */
  key: string | null;
  cap: number;
  spanHours: number;
  /** First touch of the span, and how many touches the span held. */
  windowStart: string;
  touches: number;
}

export interface CapReport {
  report: 'caps';
  window: { from: string; to: string };
  rules: Array<{ rule: string; spanHours: number; promotionalOnly: boolean; caps: Record<string, number> }>;
  /** Members with at least one span over a cap (empty when the guardrails held). */
  members: number;
  violations: CapViolation[];
  /** More violating spans existed than `limit` per rule. */
  truncated: boolean;
}

/** Spans starting in the window in which a member's touches (under review, queued, sending or sent) exceeded a cap. */
export async function capViolationsReport(store: Store, options: { from?: TimeInput; to?: TimeInput; config?: AttuneConfig; limit?: number } = {}): Promise<CapReport> {
  const window: TimeWindow = await resolveWindow(store, options);
  const rules = capRules(reportConfig(options.config));
  const limit = options.limit ?? 1000;
  const violations: CapViolation[] = [];
  let truncated = false;
  for (const rule of rules) {
    const found = await capExcesses(store.db, rule, window, limit + 1);
    truncated ||= found.length > limit;
    for (const f of found.slice(0, limit)) {
      violations.push({
        profileId: f.profileId, rule: rule.code, key: f.key, cap: rule.caps.get(f.key ?? 'all') ?? 0, spanHours: rule.spanMs / HOUR_MS,
        windowStart: iso(f.windowStart), touches: f.touches,
      });
    }
  }
  return {
    report: 'caps',
    window: windowJson(window),
    rules: rules.map((r) => ({ rule: r.code, spanHours: r.spanMs / HOUR_MS, promotionalOnly: r.promotionalOnly, caps: Object.fromEntries(r.caps) })),
    members: new Set(violations.map((v) => v.profileId)).size,
    violations,
    truncated,
  };
}
