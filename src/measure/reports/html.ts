// The reports as one self-contained HTML file a marketer can open or email: inline CSS and SVG
// charts (lift with intervals, attribution bars, weekly ethical-health lines), no scripts, no
// fonts, no links to anything outside the file.
import type { AttributionReport } from './attribution.js';
import type { EthicsReport } from './ethics.js';
import type { CapReport } from './experience.js';
import type { IncrementalityReport, ProgramResult } from './incrementality.js';
import type { Report, ReportName } from './index.js';
import type { LtvReport } from './ltv.js';
import type { OpeReport } from './ope.js';
import type { PilotReport } from './pilot.js';
import { escapeXml as esc, groupedBarChart, intervalChart, lineChart } from './svg.js';
import { ci, num, PILOT_ROWS } from './text.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pct2 = (x: number) => `${(100 * x).toFixed(2)}%`;

function htmlTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = header.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const section = (id: string, title: string, body: string) => `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
const note = (text: string) => `<p class="note">${esc(text)}</p>`;

function pilotHtml(r: PilotReport): string {
  const columns = (['before', 'after'] as const).flatMap((period) => (['treated', 'holdout', 'all'] as const).map((group) => [period, group] as const));
  return htmlTable(['', ...columns.map(([period, group]) => `${period} · ${group}`)], PILOT_ROWS.map(([key, label, digits]) => [
    label, ...columns.map(([period, group]) => num(r[period].groups[group][key], digits)),
  ])) + note(`Before: ${r.before.window.from} – ${r.before.window.to}. After: ${r.after.window.from} – ${r.after.window.to}. Rates are fractions.`);
}

function programChart(program: ProgramResult): string {
  return intervalChart(program.metrics.map((m) => ({ label: m.label, value: m.lift?.relLift ?? null, ci: m.lift?.relCI ?? null })), pct);
}

function incrementalityHtml(r: IncrementalityReport): string {
  const overall = r.programs[0] as ProgramResult;
  const others = r.programs.slice(1);
  return `<h3>Attune overall: relative lift over the holdout, 95% intervals</h3>${programChart(overall)}`
    + htmlTable(['metric', 'holdout', 'treated', 'absolute lift', '95% CI', 'p', 'anytime-valid 95%'], overall.metrics.map((m) => [
      m.label, num(m.holdout.mean), num(m.treated.mean), num(m.lift?.absLift), ci(m.lift?.absCI), num(m.lift?.pValue), ci(m.anytimeValid?.absCI),
    ]))
    + note(`${r.population.treated} treated and ${r.population.holdout} holdout members (${r.population.definition}). Sample ratio p = ${num(overall.srm?.pValue)}.`)
    + (others.length === 0 ? '' : `<h3>Per action: relative lift in conversion</h3>${intervalChart(others.map((p) => {
      const conversion = p.metrics.find((m) => m.metric === 'conversion');
      return { label: `${p.program}${p.causal ? '' : ' *'}`, value: conversion?.lift?.relLift ?? null, ci: conversion?.lift?.relCI ?? null };
    }), pct)}${note('* recipients compared with all holdout members: descriptive, not causal (the policy chose the recipients).')}`);
}

function ethicsHtml(r: EthicsReport): string {
  const weeks = r.weeks.map((w) => w.week);
  const o = r.overall;
  const flagged = r.trust.filter((t) => t.borrowingFromTrust);
  return `<p>${o.touches} AI touches: opt-out ${pct2(o.optOutRate ?? 0)}, complaint ${pct2(o.complaintRate ?? 0)}, interaction regret ${pct2(o.regretRate ?? 0)} (within ${r.followUpHours} h); silence chosen in ${pct(o.silenceRate ?? 0)} of ${o.decisions} decisions; ${o.chargedMoments} emotionally charged moments, ${pct(o.handedToPersonShare ?? 0)} handed to a person.</p>`
    + `<h3>Per touch, by week</h3>${lineChart(weeks, [
      { name: 'opt-out', values: r.weeks.map((w) => w.optOutRate) },
      { name: 'complaint', values: r.weeks.map((w) => w.complaintRate) },
      { name: 'regret', values: r.weeks.map((w) => w.regretRate) },
    ], pct2)}`
    + `<h3>Silence and people, by week</h3>${lineChart(weeks, [
      { name: 'silence rate', values: r.weeks.map((w) => w.silenceRate) },
      { name: 'charged → person', values: r.weeks.map((w) => w.handedToPersonShare) },
      { name: 'engagement', values: r.weeks.map((w) => w.engagementRate) },
    ], pct)}`
    + htmlTable(['action', 'touches', 'engaged', 'opt-out', 'complaint', 'regret'], r.actions.map((a) => [a.action, String(a.touches), num(a.engagementRate), num(a.optOutRate), num(a.complaintRate), num(a.regretRate)]))
    + htmlTable(['segment', 'touches', 'opt-out', 'regret', 'silence', 'charged → person'], r.segments.map((s) => [s.segment, String(s.touches), num(s.optOutRate), num(s.regretRate), num(s.silenceRate), num(s.handedToPersonShare)]))
    + (flagged.length === 0
      ? note('No program is borrowing from trust: none raised engagement while raising opt-outs or regret (later vs earlier half of the window, 95% intervals).')
      : `<p class="alert">Borrowing from trust: ${esc(flagged.map((t) => t.program).join(', '))} — engagement rose while opt-outs or regret rose too.</p>`);
}

function attributionHtml(r: AttributionReport): string {
  const models = ['first', 'last', 'linear', 'markov', 'shapley'] as const;
  const channels = [...new Set(models.flatMap((m) => Object.keys(r.models[m])))].sort();
  if (channels.length === 0) return note('No order in the window had a touch in its lookback.');
  return `<h3>Conversions credited per ${r.by}</h3>`
    + groupedBarChart(channels.map((c) => ({ label: c, values: models.map((m) => r.models[m][c]?.conversions ?? 0) })), models, (x) => x.toFixed(1))
    + note(`${r.orders.count} orders, ${r.orders.withTouches} with a touch in the ${r.lookbackDays}-day lookback; ${r.unconvertedJourneys} journeys without an order.`);
}

function ltvHtml(r: LtvReport): string {
  return `<h3>Realised value over ${r.horizonDays} days from the first order, by acquisition path</h3>`
    + intervalChart(r.paths.map((p) => ({ label: `${p.path} (n ${p.realisedValue.n})`, value: p.realisedValue.value, ci: p.realisedValue.ci })), (x) => x.toFixed(0))
    + htmlTable(['path', 'first buyers', 'pending', 'repeat', '90-day retention', 'advocacy', 'stored CLV'], r.paths.map((p) => [
      p.path, String(p.members), String(p.pending), num(p.repeatRate.value), num(p.retention90d.value), num(p.advocacyRate.value), num(p.predictedClv.value, 2),
    ]));
}

function opeHtml(r: OpeReport): string {
  if (r.policies.length === 0) return note('No settled AI decision with a choice in the window.');
  return `<h3>Value per decision of other policies (doubly robust, 95% bootstrap intervals)</h3>`
    + intervalChart(r.policies.map((p) => ({ label: p.policy, value: p.dr?.value ?? p.snips.value, ci: p.dr?.ci ?? p.snips.ci })), (x) => x.toFixed(3))
    + note(`${r.rows.used} decisions; logged policy value ${num(r.loggedValue)} (reward +1 for an order, −${r.penalty} for regret).`);
}

function capsHtml(r: CapReport): string {
  if (r.violations.length === 0) return note('No member received more touches than the caps allow in any span of the window.');
  return htmlTable(['member', 'rule', 'for', 'cap', 'touches', 'span from'], r.violations.map((v) => [v.profileId, v.rule, v.key ?? 'all', String(v.cap), String(v.touches), v.windowStart]));
}

const TITLES: Record<ReportName, string> = {
  pilot: 'Pilot table', incrementality: 'Incrementality', ethics: 'Ethical health', attribution: 'Attribution', ltv: 'LTV litmus test',
  ope: 'Off-policy evaluation', caps: 'Contact caps',
};

function body(report: Report): string {
  switch (report.report) {
    case 'pilot': return pilotHtml(report);
    case 'incrementality': return incrementalityHtml(report);
    case 'ethics': return ethicsHtml(report);
    case 'attribution': return attributionHtml(report);
    case 'ltv': return ltvHtml(report);
    case 'ope': return opeHtml(report);
    case 'caps': return capsHtml(report);
  }
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{font-size:1em;color:#444}
table{border-collapse:collapse;margin:1em 0;font-size:.85em}th,td{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right}
th[scope=row],thead th:first-child{text-align:left}.note{color:#555;font-size:.85em}.alert{background:#fbeaea;border-left:4px solid #c94c4c;padding:.5em}
svg{display:block;margin:.5em 0;max-width:100%;height:auto}`;

/** One HTML document with a section per report (and a line for each report that could not run). */
export function htmlReport(reports: ReadonlyArray<{ name: ReportName; report?: Report; error?: string }>, generatedAt = new Date()): string {
  const sections = reports.map(({ name, report, error }) => section(name, TITLES[name], report !== undefined ? body(report) : note(error ?? 'not run')));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>Attune report</title><style>${STYLE}</style></head><body><h1>Attune report</h1>`
    + `<p class="note">Generated ${esc(generatedAt.toISOString())}. Definitions of every number: docs/reports.md.</p>${sections.join('')}</body></html>\n`;
}
