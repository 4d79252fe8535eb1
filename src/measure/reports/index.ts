// Reports over the stored data: the "learn" stage measured from decisions, messages, tasks and
// events (docs/reports.md). Each report reads the store in SQL aggregates or pages of members
// and hands the numbers to the pure statistics of src/measure.
import type { AttuneConfig } from '../../decide/index.js';
import type { Store } from '../../store/index.js';
import { attributionReport, type AttributionReport, type Touchpoint } from './attribution.js';
import { ethicsReport, type EthicsReport } from './ethics.js';
import { capViolationsReport, type CapReport } from './experience.js';
import { incrementalityReport, type IncrementalityReport } from './incrementality.js';
import { ltvReport, type LtvReport } from './ltv.js';
import { opeReport, type OpeReport } from './ope.js';
import { pilotReport, type PilotReport } from './pilot.js';
import type { TimeInput } from './window.js';

export const REPORT_NAMES = ['pilot', 'ethics', 'incrementality', 'attribution', 'ltv', 'ope', 'caps'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export type Report = PilotReport | EthicsReport | IncrementalityReport | AttributionReport | LtvReport | OpeReport | CapReport;

/** Options any report may take; each report reads the ones it understands. */
export interface ReportOptions {
  from?: TimeInput;
  to?: TimeInput;
  config?: AttuneConfig;
  /** pilot: when Attune went live (default: the first decision). */
  pivot?: TimeInput;
  /** incrementality: the actions to report (default: all). */
  actions?: readonly string[];
  /** incrementality: CUPED on pre-period spend (default on). */
  cuped?: boolean;
  /** attribution, ltv: how far back a touch counts (days). */
  lookbackDays?: number;
  /** ltv: how long value and repeat are counted after the first order (days). */
  horizonDays?: number;
  /** attribution: touchpoints by channel or action. */
  by?: Touchpoint;
  /** ethics: how long after a touch its consequences are counted (hours). */
  followUpHours?: number;
  /** ethics: break down by segment when scores exist (default true). */
  segments?: boolean;
  /** ope: most decisions used (sampled beyond). */
  maxRows?: number;
}

export function runReport(store: Store, name: ReportName, options: ReportOptions = {}): Promise<Report> {
  switch (name) {
    case 'pilot':
      return pilotReport(store, options);
    case 'ethics':
      return ethicsReport(store, options);
    case 'incrementality':
      return incrementalityReport(store, options);
    case 'attribution':
      return attributionReport(store, options);
    case 'ltv':
      return ltvReport(store, options);
    case 'ope':
      return opeReport(store, options);
    case 'caps':
      return capViolationsReport(store, options);
  }
}

export * from './window.js';
export { pilotMetrics, pilotMetricsByGroup, pilotReport, engagementScore, PILOT_GROUPS, type PilotGroup, type PilotMetrics, type PilotOptions, type PilotReport } from './pilot.js';
export { ethicsReport, FOLLOW_UP_EVENTS, type EthicsOptions, type EthicsReport, type EthicsWeek, type HealthNumbers } from './ethics.js';
export { incrementalityReport, LIFT_METRICS, type IncrementalityOptions, type IncrementalityReport, type MetricLift, type ProgramResult } from './incrementality.js';
export { attributionReport, memberJourneys, type AttributionReport, type AttributionReportOptions, type Touchpoint } from './attribution.js';
export { ltvReport, acquisitionPath, ADVOCACY_EVENTS, ACQUISITION_PATHS, type AcquisitionPath, type LtvOptions, type LtvReport } from './ltv.js';
export { opeReport, targetDistribution, TARGET_POLICIES, type OpeOptions, type OpeReport, type TargetPolicy } from './ope.js';
export { capRules, capViolationsReport, contactPressure, memberTimeline, type CapReport, type ContactPressure, type Timeline, type TimelineTouch } from './experience.js';
export { chargedMoments, chargeOf, momentsOf, type ChargedMoment } from './moments.js';
export { trustCheck, TouchCounts, type TrustCheck, type TouchRates } from './trust.js';
export { armOf, type Arm, type HoldoutRule } from './members.js';
export { formatReport } from './text.js';
export { htmlReport } from './html.js';
