// Ethical health (DESIGN.md §8), per week, per segment and per action: what followed the
// AI-chosen touches (opt-outs, complaints, interaction regret), how often Attune chose silence,
// whether emotionally charged moments reached a person, how members felt when handed over, and
// (e)NPS where surveys exist — with the "borrowing from trust" check per program.
// Every number is aggregated in SQL or read from rare events; definitions in docs/reports.md.
import { EVENTS } from '../../core/index.js';
import type { AttuneConfig } from '../../decide/index.js';
import { assessMessage } from '../../models/emotion/index.js';
import {
  decisionCounts, eventDocsBetween, handoffMoods, hasScores, segmentsOf, touchFollowUps, touchReplies, weekStart,
  type FollowUpEvents, type Store, type TimeWindow,
} from '../../store/index.js';
import { chargedMoments } from './moments.js';
import { netPromoterScore, proportionEstimate, ratio, type Estimate } from './stats.js';
import { TouchCounts, trustCheck, type TouchRates, type TrustCheck } from './trust.js';
import { HOUR_MS, iso, reportConfig, resolveWindow, WEEK_MS, weekStartOf, weekStartsIn, windowJson, type TimeInput } from './window.js';

export const DEFAULT_FOLLOW_UP_HOURS = 48;
/** Members without stored scores (never trained on, or the tier allows no segment). */
export const UNSCORED = 'unscored';

export const FOLLOW_UP_EVENTS: FollowUpEvents = {
  engagement: [EVENTS.emailOpened, EVENTS.emailLinkClicked, EVENTS.messageOpened, EVENTS.messageClicked],
  optOut: [EVENTS.unsubscribed],
  // The learning step prices the same events as regret (src/decide/learn.ts).
  complaint: [EVENTS.emailMarkedAsSpam, EVENTS.complaintFiled],
};

export interface HealthNumbers extends TouchRates {
  /** AI decisions (holdout members excluded: their silence is the design, not a choice). */
  decisions: number;
  silenceRate: number | null;
  humanOutreachRate: number | null;
  chargedMoments: number;
  /** Share of charged moments a person took (open task, or one created within the follow-up time). */
  handedToPersonShare: number | null;
  handoffs: number;
  /** Mean intensity of the member's emotional state when handed over. */
  handoffIntensity: number | null;
  handoffStates: Record<string, number>;
}

export interface EthicsWeek extends HealthNumbers {
  week: string;
  nps: Estimate;
  enps: Estimate;
}

export interface EthicsReport {
  report: 'ethics';
  window: { from: string; to: string };
  followUpHours: number;
  overall: HealthNumbers & { handedToPerson: Estimate; regret: Estimate; nps: Estimate; enps: Estimate };
  weeks: EthicsWeek[];
  segments: Array<HealthNumbers & { segment: string }>;
  actions: Array<TouchRates & { action: string }>;
  trust: TrustCheck[];
}

class HealthTally {
  decisions = 0;
  silence = 0;
  human = 0;
  readonly touches = new TouchCounts();
  moments = 0;
  handed = 0;
  handoffs = 0;
  intensity = 0;
  readonly states: Record<string, number> = {};

  numbers(): HealthNumbers {
    return {
      ...this.touches.rates(),
      decisions: this.decisions,
      silenceRate: ratio(this.silence, this.decisions),
      humanOutreachRate: ratio(this.human, this.decisions),
      chargedMoments: this.moments,
      handedToPersonShare: ratio(this.handed, this.moments),
      handoffs: this.handoffs,
      handoffIntensity: ratio(this.intensity, this.handoffs),
      handoffStates: { ...this.states },
    };
  }
}

function tallyIn<K>(map: Map<K, HealthTally>, key: K): HealthTally {
  let tally = map.get(key);
  if (tally === undefined) map.set(key, (tally = new HealthTally()));
  return tally;
}

function upset(properties: Record<string, unknown>): boolean {
  if (properties.direction === 'outbound' || typeof properties.text !== 'string') return false;
  const { state } = assessMessage(properties.text);
  return state === 'frustrated' || state === 'angry';
}

export interface EthicsOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** How long after a touch an unsubscribe, complaint, reply or engagement is counted as its consequence. */
  followUpHours?: number;
  /**
   * Break the numbers down by segment (default: when any member has scores). It reads every
   * member's segment from the stored scores once per query — the costliest part at scale.
   */
  segments?: boolean;
  config?: AttuneConfig;
}

export async function ethicsReport(store: Store, options: EthicsOptions = {}): Promise<EthicsReport> {
  const window = await resolveWindow(store, options);
  const config = reportConfig(options.config);
  const followUpHours = options.followUpHours ?? DEFAULT_FOLLOW_UP_HOURS;
  const followUpMs = followUpHours * HOUR_MS;
  const withSegments = (options.segments ?? true) && (await hasScores(store.db));
  const overall = new HealthTally();
  const weeks = new Map<number, HealthTally>();
  const segments = new Map<string, HealthTally>();
  const actions = new Map<string, TouchCounts>();
  const actionWeeks = new Map<string, Map<number, TouchCounts>>();
  const everyTally = (week: number, segment: string | null) => [overall, tallyIn(weeks, week), tallyIn(segments, segment ?? UNSCORED)];

  for (const row of await decisionCounts(store, window, withSegments)) {
    if (row.holdout) continue;
    for (const tally of everyTally(weekStart(row.week), row.segment)) {
      tally.decisions += row.decisions;
      tally.silence += row.action === 'silence' ? row.decisions : 0;
      tally.human += row.action === 'human_outreach' ? row.decisions : 0;
    }
  }

  // An upset reply adds regret only to touches not already regretted for an opt-out or complaint.
  const replies = (await touchReplies(store.db, window, followUpMs, EVENTS.supportMessage, FOLLOW_UP_EVENTS)).filter((r) => !r.alsoOptedOutOrComplained && upset(r.reply.properties));
  const replySegments = withSegments ? await segmentsOf(store, replies.map((r) => r.reply.profileId)) : new Map<string, string>();
  const upsetOnly = new Map<string, Set<string>>();
  for (const r of replies) {
    const key = [r.week, r.action, r.channel, replySegments.get(r.reply.profileId) ?? null].join('\u0000');
    (upsetOnly.get(key) ?? upsetOnly.set(key, new Set()).get(key)!).add(r.decisionId);
  }
  for (const row of await touchFollowUps(store, window, followUpMs, FOLLOW_UP_EVENTS, withSegments)) {
    const start = weekStart(row.week);
    const extra = upsetOnly.get([row.week, row.action, row.channel, row.segment].join('\u0000'))?.size ?? 0;
    const counts = { touches: row.touches, engaged: row.engaged, optedOut: row.optedOut, complained: row.complained, regretted: row.optedOutOrComplained + extra };
    for (const tally of everyTally(start, row.segment)) tally.touches.add(counts);
    (actions.get(row.action) ?? actions.set(row.action, new TouchCounts()).get(row.action)!).add(counts);
    const byWeek = actionWeeks.get(row.action) ?? actionWeeks.set(row.action, new Map()).get(row.action)!;
    (byWeek.get(start) ?? byWeek.set(start, new TouchCounts()).get(start)!).add(counts);
  }

  const moments = await chargedMoments(store.db, window, { minIntensity: config.handover.minIntensity, followUpMs });
  const momentSegments = withSegments ? await segmentsOf(store, moments.map((m) => m.profileId)) : new Map<string, string>();
  for (const moment of moments) {
    for (const tally of everyTally(weekStartOf(moment.at), momentSegments.get(moment.profileId) ?? null)) {
      tally.moments += 1;
      tally.handed += moment.handed ? 1 : 0;
    }
  }

  for (const row of await handoffMoods(store, window, withSegments)) {
    for (const tally of everyTally(weekStart(row.week), row.segment)) {
      tally.handoffs += row.tasks;
      tally.intensity += row.intensitySum;
      const state = row.state ?? 'unknown';
      tally.states[state] = (tally.states[state] ?? 0) + row.tasks;
    }
  }

  const surveys = await surveyScores(store, window);
  const starts = weekStartsIn(window);
  const weekLabel = (start: number) => iso(start).slice(0, 10);
  const total = overall.numbers();
  return {
    report: 'ethics',
    window: windowJson(window),
    followUpHours,
    overall: {
      ...total,
      handedToPerson: proportionEstimate(overall.moments, overall.handed),
      regret: proportionEstimate(overall.touches.touches, overall.touches.regretted),
      nps: netPromoterScore(surveys.all('nps')),
      enps: netPromoterScore(surveys.all('enps')),
    },
    weeks: starts.map((start) => ({
      week: weekLabel(start),
      ...(weeks.get(start) ?? new HealthTally()).numbers(),
      nps: netPromoterScore(surveys.inWeek('nps', start)),
      enps: netPromoterScore(surveys.inWeek('enps', start)),
    })),
    segments: [...segments].sort(([a], [b]) => a.localeCompare(b)).map(([segment, tally]) => ({ segment, ...tally.numbers() })),
    actions: [...actions].sort(([a], [b]) => a.localeCompare(b)).map(([action, counts]) => ({ action, ...counts.rates() })),
    trust: [
      trustCheck('attune', new Map(starts.map((s) => [s, (weeks.get(s) ?? new HealthTally()).touches])), starts, weekLabel),
      ...[...actionWeeks].sort(([a], [b]) => a.localeCompare(b)).map(([action, byWeek]) => trustCheck(action, byWeek, starts, weekLabel)),
    ],
  };
}

/** NPS-style survey answers (0–10) in the window, by survey name and week. */
async function surveyScores(store: Store, window: TimeWindow) {
  const answers = (await eventDocsBetween(store.db, window, [EVENTS.surveyAnswered]))
    .map((e) => ({ survey: String(e.properties.survey ?? '').toLowerCase(), score: Number(e.properties.score), at: e.timestamp }))
    .filter((a) => Number.isFinite(a.score) && a.score >= 0 && a.score <= 10);
  return {
    all: (survey: string) => answers.filter((a) => a.survey === survey).map((a) => a.score),
    inWeek: (survey: string, start: number) => answers.filter((a) => a.survey === survey && a.at >= start && a.at < start + WEEK_MS).map((a) => a.score),
  };
}
