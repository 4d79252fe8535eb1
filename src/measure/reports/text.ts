// Plain-text rendering of the reports for the terminal: aligned tables of plain numbers (rates
// as fractions, as in --json), so that what is printed and what is exported agree.
import type { Interval } from '../lift.js';
import type { AttributionReport } from './attribution.js';
import type { EthicsReport } from './ethics.js';
import type { CapReport } from './experience.js';
import type { IncrementalityReport } from './incrementality.js';
import type { Report } from './index.js';
import type { LtvReport } from './ltv.js';
import type { OpeReport } from './ope.js';
import { PILOT_GROUPS, type PilotMetrics, type PilotReport } from './pilot.js';
import type { Estimate } from './stats.js';

/** Columns padded to their widest cell; numbers right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export const num = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
export const ci = (interval: Interval | null | undefined, digits = 4): string => (interval ? `[${num(interval[0], digits)}, ${num(interval[1], digits)}]` : '–');
const estimate = (e: Estimate, digits = 4): string => (e.value === null ? '–' : `${num(e.value, digits)} ${ci(e.ci, digits)}`);
const p = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x < 1e-4 ? x.toExponential(2) : x.toFixed(4));

export const PILOT_ROWS: ReadonlyArray<[keyof PilotMetrics, string, number]> = [
  ['members', 'members', 0],
  ['openRate', 'email open rate', 4],
  ['clickRate', 'click-through rate', 4],
  ['engagementScore', 'engagement score (0–100)', 1],
  ['repeatRate90d', '90-day repeat purchase rate', 4],
  ['csat', 'CSAT', 2],
  ['optOutRatePerMonth', 'opt-out rate per month', 4],
  ['revenuePerMemberPerMonth', 'revenue per member per month', 2],
];

function pilotText(r: PilotReport): string {
  const columns = [...PILOT_GROUPS.map((g) => ['before', g] as const), ...PILOT_GROUPS.map((g) => ['after', g] as const)];
  return [
    `Pilot table — before ${r.before.window.from} … ${r.before.window.to}, after (from the pivot) … ${r.after.window.to}`,
    table(['metric', ...columns.map(([period, group]) => `${period} ${group}`)], PILOT_ROWS.map(([key, label, digits]) => [
      label, ...columns.map(([period, group]) => num(r[period].groups[group][key], digits)),
    ])),
    `Rates are fractions; treated vs holdout by the global holdout's hash rule. The 90-day repeat rate looks at the 90 days up to each window's end.`,
  ].join('\n');
}

function incrementalityText(r: IncrementalityReport): string {
  const parts = [
    `Incrementality ${r.window.from} … ${r.window.to}: ${r.population.treated} treated, ${r.population.holdout} holdout (share ${r.holdout.share})`,
    `Assignment: ${r.assignment.mismatchedMembers} member(s) with decisions recorded against the hash rule; members decided: ${r.assignment.decidedMembers.treated} treated, ${r.assignment.decidedMembers.holdout} holdout${r.assignment.srm ? `, SRM p = ${p(r.assignment.srm.pValue)}` : ''}`,
  ];
  for (const program of r.programs) {
    parts.push('', `${program.program} — ${program.estimand}${program.causal ? '' : ' (descriptive, not causal)'}: ${program.treated} treated vs ${program.holdout} holdout${program.srm ? `, SRM p = ${p(program.srm.pValue)}${program.srm.mismatch ? ' MISMATCH' : ''}` : ''}`);
    parts.push(table(['metric', 'holdout', 'treated', 'abs lift', '95% CI', 'p', 'rel lift', '95% CI', 'anytime-valid abs', 'CUPED abs [95% CI]'], program.metrics.map((m) => [
      m.label, num(m.holdout.mean), num(m.treated.mean), num(m.lift?.absLift), ci(m.lift?.absCI), p(m.lift?.pValue), num(m.lift?.relLift), ci(m.lift?.relCI),
      ci(m.anytimeValid?.absCI), m.cuped ? `${num(m.cuped.absLift)} ${ci(m.cuped.absCI)}` : '–',
    ])));
  }
  return parts.join('\n');
}

function ethicsText(r: EthicsReport): string {
  const o = r.overall;
  const rates = (x: { touches: number; engagementRate: number | null; optOutRate: number | null; complaintRate: number | null; regretRate: number | null }) =>
    [String(x.touches), num(x.engagementRate), num(x.optOutRate), num(x.complaintRate), num(x.regretRate)];
  return [
    `Ethical health ${r.window.from} … ${r.window.to} (consequences counted within ${r.followUpHours} h of a touch)`,
    `AI touches ${o.touches}: opt-out ${num(o.optOutRate)}, complaint ${num(o.complaintRate)}, regret ${estimate(o.regret)}; silence ${num(o.silenceRate)} of ${o.decisions} decisions`,
    `Charged moments ${o.chargedMoments}, handed to a person ${estimate(o.handedToPerson)}; hand-overs ${o.handoffs}, mean intensity ${num(o.handoffIntensity, 2)}; NPS ${estimate(o.nps, 1)} (n ${o.nps.n}), eNPS ${estimate(o.enps, 1)} (n ${o.enps.n})`,
    '',
    table(['week', 'touches', 'engaged', 'opt-out', 'complaint', 'regret', 'decisions', 'silence', 'charged', 'to a person', 'hand-overs'], r.weeks.map((w) => [
      w.week, ...rates(w), String(w.decisions), num(w.silenceRate), String(w.chargedMoments), num(w.handedToPersonShare), String(w.handoffs),
    ])),
    '',
    table(['segment', 'touches', 'engaged', 'opt-out', 'complaint', 'regret', 'silence', 'charged', 'to a person'], r.segments.map((s) => [
      s.segment, ...rates(s), num(s.silenceRate), String(s.chargedMoments), num(s.handedToPersonShare),
    ])),
    '',
    table(['action', 'touches', 'engaged', 'opt-out', 'complaint', 'regret'], r.actions.map((a) => [a.action, ...rates(a)])),
    '',
    ...r.trust.map((t) => `${t.borrowingFromTrust ? 'BORROWING FROM TRUST' : 'ok'}  ${t.program}: engagement ${num(t.earlier.engagementRate)} → ${num(t.later.engagementRate)}, opt-out ${num(t.earlier.optOutRate)} → ${num(t.later.optOutRate)}, regret ${num(t.earlier.regretRate)} → ${num(t.later.regretRate)}`),
  ].join('\n');
}

function attributionText(r: AttributionReport): string {
  const models = Object.keys(r.models) as Array<keyof AttributionReport['models']>;
  const channels = [...new Set(models.flatMap((m) => Object.keys(r.models[m])))].sort();
  return [
    `Attribution ${r.window.from} … ${r.window.to}: ${r.orders.count} orders (${num(r.orders.value, 2)}), ${r.orders.withTouches} with touches in the ${r.lookbackDays}-day lookback; ${r.unconvertedJourneys} journeys without an order`,
    'Conversions credited:',
    table([r.by, ...models], channels.map((c) => [c, ...models.map((m) => num(r.models[m][c]?.conversions, 2))])),
    'Value credited:',
    table([r.by, ...models], channels.map((c) => [c, ...models.map((m) => num(r.models[m][c]?.value, 2))])),
  ].join('\n');
}

function ltvText(r: LtvReport): string {
  return [
    `LTV litmus test: first orders ${r.window.from} … ${r.window.to}, touches and hand-overs up to ${r.lookbackDays} days before, value over ${r.horizonDays} days (data until ${r.observedUntil})`,
    table(['path', 'first buyers', 'pending', 'realised value [95% CI]', 'stored CLV', 'repeat', '90-day retention', 'advocacy', 'value vs organic'], r.paths.map((x) => [
      x.path, String(x.members), String(x.pending), estimate(x.realisedValue, 2), estimate(x.predictedClv, 2), estimate(x.repeatRate), estimate(x.retention90d), estimate(x.advocacyRate),
      x.vsOrganic?.realisedValue ? `${num(x.vsOrganic.realisedValue.absLift, 2)} ${ci(x.vsOrganic.realisedValue.absCI, 2)}` : '–',
    ])),
  ].join('\n');
}

function opeText(r: OpeReport): string {
  return [
    `Off-policy evaluation ${r.window.from} … ${r.settledUntil}: ${r.rows.used} decisions with a choice${r.rows.sampled ? ` (sampled from ${r.rows.withChoice})` : ''}; logged value ${num(r.loggedValue)} per decision (reward +1, regret −${r.penalty})`,
    table(['policy', 'IPS [95% CI]', 'SNIPS [95% CI]', 'DR [95% CI]', 'effective n'], r.policies.map((x) => [
      x.policy, `${num(x.ips.value)} ${ci(x.ips.ci)}`, `${num(x.snips.value)} ${ci(x.snips.ci)}`, x.dr ? `${num(x.dr.value)} ${ci(x.dr.ci)}` : '–', num(x.effectiveSampleSize, 0),
    ])),
  ].join('\n');
}

function capsText(r: CapReport): string {
  if (r.violations.length === 0) return `Caps ${r.window.from} … ${r.window.to}: no member's touches exceeded a cap.`;
  return [
    `Caps ${r.window.from} … ${r.window.to}: ${r.members} member(s) over a cap${r.truncated ? ' (list truncated)' : ''}`,
    table(['member', 'rule', 'for', 'cap', 'touches', 'span from'], r.violations.map((v) => [v.profileId, v.rule, v.key ?? 'all', String(v.cap), String(v.touches), v.windowStart])),
  ].join('\n');
}

export function formatReport(report: Report): string {
  switch (report.report) {
    case 'pilot': return pilotText(report);
    case 'incrementality': return incrementalityText(report);
    case 'ethics': return ethicsText(report);
    case 'attribution': return attributionText(report);
    case 'ltv': return ltvText(report);
    case 'ope': return opeText(report);
    case 'caps': return capsText(report);
  }
}
