// What the demo prints, measured by the same reports a brand would run on its own data
// (src/measure/reports): the pilot table per policy, Attune vs its global holdout with
// confidence intervals, ethical health, and a few decisions with their plain-language "why".
import type { AttuneConfig } from '../decide/index.js';
import { explainStoredDecision } from '../explain/index.js';
import { ethicsReport, incrementalityReport, pilotMetricsByGroup, type MetricLift, type PilotMetrics } from '../measure/reports/index.js';
import { latestDecisionOfAction, type Store, type TimeWindow } from '../store/index.js';

export interface HoldoutComparison {
  treated: number;
  holdout: number;
  /** The holdout's share passes the sample-ratio check (p ≥ 0.001), or null when untested. */
  sampleRatioOk: boolean | null;
  metrics: Array<Pick<MetricLift, 'metric' | 'label'> & {
    treatedMean: number | null; holdoutMean: number | null;
    absLift: number | null; absCI: [number, number] | null; relLift: number | null; relCI: [number, number] | null; pValue: number | null;
  }>;
  /** The pilot table of the holdout members, beside Attune's treated members. */
  pilot: PilotMetrics;
}

export interface EthicsSummary {
  decisions: number;
  silenceRate: number | null;
  humanOutreachRate: number | null;
  touches: number;
  optOutRate: number | null;
  complaintRate: number | null;
  regretRate: number | null;
  chargedMoments: number;
  handedToPersonShare: number | null;
  /** Programs whose engagement rose while opt-outs or regret rose too ("borrowing from trust"). */
  borrowingFromTrust: string[];
}

export interface ExampleDecision {
  action: string;
  channel: string | null;
  why: string;
}

/** Pilot numbers of a baseline arm: every member got the same program. */
export async function baselinePilot(store: Store, config: AttuneConfig, window: TimeWindow): Promise<PilotMetrics> {
  return (await pilotMetricsByGroup(store, window, config.holdout)).all;
}

export interface AttuneResults {
  pilot: PilotMetrics;
  holdout: HoldoutComparison;
  ethics: EthicsSummary;
  examples: ExampleDecision[];
}

export async function attuneResults(store: Store, config: AttuneConfig, window: TimeWindow, lastWeekStart: number): Promise<AttuneResults> {
  const groups = await pilotMetricsByGroup(store, window, config.holdout);
  const incrementality = await incrementalityReport(store, { from: window.from, to: window.to, config, cuped: false });
  const overall = incrementality.programs.find((p) => p.estimand === 'itt');
  const holdout: HoldoutComparison = {
    treated: incrementality.population.treated,
    holdout: incrementality.population.holdout,
    sampleRatioOk: overall?.srm ? !overall.srm.mismatch : null,
    metrics: (overall?.metrics ?? []).map((m) => ({
      metric: m.metric, label: m.label, treatedMean: m.treated.mean, holdoutMean: m.holdout.mean,
      absLift: m.lift?.absLift ?? null, absCI: m.lift?.absCI ?? null, relLift: m.lift?.relLift ?? null,
      relCI: m.lift?.relCI ?? null, pValue: m.lift?.pValue ?? null,
    })),
    pilot: groups.holdout,
  };
  const ethics = await ethicsReport(store, { from: window.from, to: window.to, config, segments: false });
  const o = ethics.overall;
  return {
    pilot: groups.treated,
    holdout,
    ethics: {
      decisions: o.decisions, silenceRate: o.silenceRate, humanOutreachRate: o.humanOutreachRate, touches: o.touches,
      optOutRate: o.optOutRate, complaintRate: o.complaintRate, regretRate: o.regretRate,
      chargedMoments: o.chargedMoments, handedToPersonShare: o.handedToPersonShare,
      borrowingFromTrust: ethics.trust.filter((t) => t.borrowingFromTrust).map((t) => t.program),
    },
    examples: await exampleDecisions(store, config, lastWeekStart),
  };
}

/** Decisions from the last week: a hand-over, two different messages and a silence, when there are. */
async function exampleDecisions(store: Store, config: AttuneConfig, from: number): Promise<ExampleDecision[]> {
  const examples: ExampleDecision[] = [];
  const explain = async (action: string): Promise<boolean> => {
    const decision = await latestDecisionOfAction(store.db, action, from);
    const why = decision === undefined ? undefined : await explainStoredDecision(store, decision.decisionId, decision.profileId);
    if (decision === undefined || why === undefined) return false;
    examples.push({ action, channel: decision.channel, why });
    return true;
  };
  await explain('human_outreach');
  let messages = 0;
  for (const action of config.actions.map((a) => a.id)) {
    if (messages === 2) break;
    if (action !== 'silence' && action !== 'human_outreach' && (await explain(action))) messages += 1;
  }
  await explain('silence');
  return examples;
}
