// Incrementality: what Attune (or one of its actions) changed, treated vs the global holdout,
// over a window. Membership is the holdout's hash rule applied to every member first seen
// before the window's end (intention to treat); per action the estimand depends on how the
// action reaches members — see docs/reports.md §Incrementality for what each number means.
import { EVENTS } from '../../core/index.js';
import type { AttuneConfig } from '../../decide/index.js';
import { orderValue } from '../../profiles/index.js';
import { eventDocs, eventTallies, recordedAssignments, sentTouches, triggeredActions, type Store, type TimeWindow } from '../../store/index.js';
import { sampleRatioMismatch, type SrmResult } from '../srm.js';
import { armOf, byMember, memberPages, type Arm } from './members.js';
import { anytimeValid, armSummaryOf, cupedLift, liftOf, Sums, type AnytimeValid, type CupedLift, type Lift, type MetricKind } from './stats.js';
import { DAY_MS, reportConfig, resolveWindow, windowJson, type TimeInput } from './window.js';

export const LIFT_METRICS = [
  { metric: 'conversion', kind: 'proportion', label: 'conversion (≥ 1 order)' },
  { metric: 'revenue', kind: 'mean', label: 'revenue per member' },
  { metric: 'repeat', kind: 'proportion', label: 'repeat purchase (≥ 2 orders)' },
  { metric: 'optOut', kind: 'proportion', label: 'opt-out (unsubscribed)' },
  { metric: 'complaint', kind: 'proportion', label: 'complaint (spam report or complaint)' },
] as const satisfies ReadonlyArray<{ metric: string; kind: MetricKind; label: string }>;
export type LiftMetric = (typeof LIFT_METRICS)[number]['metric'];

type Outcome = Record<LiftMetric, number> & { preSpend: number };

export type Estimand = 'itt' | 'itt-triggered' | 'recipients-vs-holdout';

const ESTIMANDS: Record<Estimand, { causal: boolean; description: string }> = {
  itt: { causal: true, description: 'all members by the holdout hash rule (intention to treat): the effect of having Attune, randomized' },
  'itt-triggered': { causal: true, description: 'members whose trigger for the action fired in the window, both arms by the hash rule: the effect of Attune handling that moment, randomized' },
  'recipients-vs-holdout': {
    causal: false,
    description: 'treated members who were sent the action vs all holdout members: descriptive only — the policy chose the recipients, so they differ from the holdout beyond the message',
  },
};

class ProgramTally {
  readonly arms: Record<Arm, Record<LiftMetric, Sums>> = { treated: newSums(), holdout: newSums() };

  add(arm: Arm, outcome: Outcome): void {
    for (const { metric } of LIFT_METRICS) this.arms[arm][metric].add(outcome[metric], outcome.preSpend);
  }
}

function newSums(): Record<LiftMetric, Sums> {
  return Object.fromEntries(LIFT_METRICS.map(({ metric }) => [metric, new Sums()])) as Record<LiftMetric, Sums>;
}

export interface MetricLift {
  metric: LiftMetric;
  kind: MetricKind;
  label: string;
  holdout: { n: number; mean: number | null };
  treated: { n: number; mean: number | null };
  lift: Lift | null;
  anytimeValid: AnytimeValid | null;
  /** Lift after CUPED on pre-period spend, when asked for. */
  cuped?: CupedLift | null;
}

export interface ProgramResult {
  program: string;
  actions: string[];
  estimand: Estimand;
  causal: boolean;
  description: string;
  treated: number;
  holdout: number;
  /** Sample-ratio check against the configured holdout share (randomized estimands only). */
  srm: SrmResult | null;
  metrics: MetricLift[];
}

export interface IncrementalityOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** Report these actions (each, and together when several); default every action sent or triggered. */
  actions?: readonly string[];
  /** Add CUPED-adjusted lifts using spend in the pre-period (default true). */
  cuped?: boolean;
  /** Length of the pre-period before `from` (default: as long as the window). */
  preDays?: number;
  alpha?: number;
  config?: AttuneConfig;
}

export interface IncrementalityReport {
  report: 'incrementality';
  window: { from: string; to: string };
  holdout: { share: number; salt: string; treatment: string };
  population: { definition: string; members: number; treated: number; holdout: number };
  /** Do the recorded holdout flags agree with the hash rule? A mismatch means the rule changed mid-window. */
  assignment: { decidedMembers: Record<Arm, number>; mismatchedMembers: number; srm: SrmResult | null };
  cuped: { covariate: string; preWindow: { from: string; to: string } } | null;
  programs: ProgramResult[];
}

export async function incrementalityReport(store: Store, options: IncrementalityOptions = {}): Promise<IncrementalityReport> {
  const window = await resolveWindow(store, options);
  const config = reportConfig(options.config);
  const alpha = options.alpha ?? 0.05;
  const pre: TimeWindow = { from: window.from - (options.preDays ?? (window.to - window.from) / DAY_MS) * DAY_MS, to: window.from };
  const triggered = new Set(config.actions.filter((a) => a.trigger !== undefined).map((a) => a.id));
  const overall = new ProgramTally();
  const perAction = new Map<string, ProgramTally>();
  const chosen = options.actions === undefined ? undefined : new Set(options.actions);
  const combined = chosen !== undefined && chosen.size > 1 ? new ProgramTally() : undefined;
  const decided = { treated: 0, holdout: 0 };
  let mismatched = 0;
  const tallyOf = (action: string) => perAction.get(action) ?? perAction.set(action, new ProgramTally()).get(action)!;
  for (const action of chosen ?? []) tallyOf(action);

  for await (const { members, range } of memberPages(store.db, window.to)) {
    const orders = byMember(await eventDocs(store.db, range, { from: pre.from, to: window.to }, [EVENTS.orderCompleted]));
    const counts = byMember(await eventTallies(store.db, range, window, [EVENTS.unsubscribed, EVENTS.emailMarkedAsSpam, EVENTS.complaintFiled]));
    const recorded = new Map((await recordedAssignments(store.db, range, window)).map((r) => [r.profileId, r]));
    const sent = byMember((await sentTouches(store.db, range, window)).filter((t) => !t.holdout));
    const triggers = byMember(await triggeredActions(store.db, range, window));
    for (const { profileId } of members) {
      const arm = armOf(profileId, config.holdout);
      const own = orders.get(profileId) ?? [];
      const inWindow = own.filter((o) => o.timestamp >= window.from);
      const has = (event: string) => (counts.get(profileId) ?? []).some((c) => c.event === event);
      const outcome: Outcome = {
        conversion: inWindow.length > 0 ? 1 : 0,
        revenue: inWindow.reduce((sum, o) => sum + orderValue(o.properties), 0),
        repeat: inWindow.length > 1 ? 1 : 0,
        optOut: has(EVENTS.unsubscribed) ? 1 : 0,
        complaint: has(EVENTS.emailMarkedAsSpam) || has(EVENTS.complaintFiled) ? 1 : 0,
        preSpend: own.filter((o) => o.timestamp < window.from).reduce((sum, o) => sum + orderValue(o.properties), 0),
      };
      overall.add(arm, outcome);

      const record = recorded.get(profileId);
      if (record !== undefined) {
        decided[arm] += 1;
        if (arm === 'holdout' ? record.holdoutDecisions < record.decisions : record.holdoutDecisions > 0) mismatched += 1;
      }

      // Per action: triggered actions compare both arms among the triggered; others, recipients vs all holdout.
      const reached = new Set<string>();
      for (const { action } of triggers.get(profileId) ?? []) if (triggered.has(action)) reached.add(action);
      if (arm === 'treated') for (const { action } of sent.get(profileId) ?? []) if (!triggered.has(action)) reached.add(action);
      const relevant = [...reached].filter((a) => chosen === undefined || chosen.has(a));
      for (const action of relevant) tallyOf(action).add(arm, outcome);
      if (combined !== undefined && relevant.length > 0) combined.add(arm, outcome);
    }
  }

  const cuped = options.cuped ?? true;
  // Recipients are compared with every holdout member; randomized programs with their own holdout arm.
  const result = (program: string, actions: string[], estimand: Estimand, tally: ProgramTally): ProgramResult =>
    programResult(program, actions, estimand, tally.arms.treated, estimand === 'recipients-vs-holdout' ? overall.arms.holdout : tally.arms.holdout, config.holdout.share, cuped, alpha);
  const programs = [result('attune', [], 'itt', overall)];
  for (const [action, tally] of [...perAction].sort(([a], [b]) => a.localeCompare(b))) {
    programs.push(result(action, [action], triggered.has(action) ? 'itt-triggered' : 'recipients-vs-holdout', tally));
  }
  if (combined !== undefined && chosen !== undefined) {
    const all = [...chosen];
    programs.push(result(all.join('+'), all, all.every((a) => triggered.has(a)) ? 'itt-triggered' : 'recipients-vs-holdout', combined));
  }
  const population = { treated: overall.arms.treated.conversion.n, holdout: overall.arms.holdout.conversion.n };
  return {
    report: 'incrementality',
    window: windowJson(window),
    holdout: { share: config.holdout.share, salt: config.holdout.salt, treatment: config.holdout.treatment },
    population: { definition: ESTIMANDS.itt.description, members: population.treated + population.holdout, ...population },
    assignment: { decidedMembers: decided, mismatchedMembers: mismatched, srm: srmOf(decided.treated, decided.holdout, config.holdout.share) },
    cuped: cuped ? { covariate: 'order revenue in the pre-period', preWindow: windowJson(pre) } : null,
    programs,
  };
}

function srmOf(treated: number, holdout: number, share: number): SrmResult | null {
  if (treated + holdout === 0 || share <= 0 || share >= 1) return null;
  return sampleRatioMismatch([treated, holdout], [1 - share, share]);
}

function programResult(
  program: string, actions: string[], estimand: Estimand, treatedSums: Record<LiftMetric, Sums>, holdoutSums: Record<LiftMetric, Sums>,
  share: number, cuped: boolean, alpha: number,
): ProgramResult {
  const treated = treatedSums.conversion.n;
  const holdout = holdoutSums.conversion.n;
  const metrics = LIFT_METRICS.map(({ metric, kind, label }): MetricLift => {
    const t = treatedSums[metric];
    const c = holdoutSums[metric];
    const enough = t.n >= 2 && c.n >= 2;
    const control = enough ? armSummaryOf(kind, c) : undefined;
    const treatment = enough ? armSummaryOf(kind, t) : undefined;
    return {
      metric, kind, label,
      holdout: { n: c.n, mean: c.mean() },
      treated: { n: t.n, mean: t.mean() },
      lift: control && treatment ? liftOf(control, treatment, alpha) : null,
      // Tuned for the group's size, which is known before any outcome is looked at.
      anytimeValid: control && treatment ? anytimeValid(control, treatment, treated + holdout, alpha) : null,
      ...(cuped ? { cuped: cupedLift(c, t, alpha) } : {}),
    };
  });
  const { causal, description } = ESTIMANDS[estimand];
  return { program, actions, estimand, causal, description, treated, holdout, srm: causal ? srmOf(treated, holdout, share) : null, metrics };
}
