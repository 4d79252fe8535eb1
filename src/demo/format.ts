// The demo's result as text for a terminal: the pilot table, Attune vs its holdout, ethical
// health and example decisions. Everything is labelled simulated.
import type { PilotMetrics } from '../measure/reports/index.js';
import type { DemoPolicy, DemoResult } from './run.js';

type MetricKey = Exclude<keyof PilotMetrics, 'members'>;

const PILOT_ROWS: ReadonlyArray<{ key: MetricKey; label: string; format: (v: number) => string }> = [
  { key: 'openRate', label: 'email open rate', format: (v) => pct(v) },
  { key: 'clickRate', label: 'click-through rate', format: (v) => pct(v, 2) },
  { key: 'engagementScore', label: 'engagement score (0-100)', format: (v) => v.toFixed(1) },
  { key: 'repeatRate90d', label: '90-day repeat purchase rate', format: (v) => pct(v) },
  { key: 'csat', label: 'CSAT (1-5)', format: (v) => v.toFixed(2) },
  { key: 'optOutRatePerMonth', label: 'opt-out rate per month', format: (v) => pct(v, 2) },
  { key: 'revenuePerMemberPerMonth', label: 'revenue per member per month', format: (v) => `$${v.toFixed(2)}` },
];

function pct(v: number, digits = 1): string {
  return `${(v * 100).toFixed(digits)}%`;
}

const signed = (v: number, format: (x: number) => string) => `${v >= 0 ? '+' : '−'}${format(Math.abs(v))}`;

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('   ').trimEnd());
}

export function formatDemo(result: DemoResult): string {
  const { world } = result;
  const lines: string[] = [
    '',
    `SIMULATED pilot — Athena loyalty program, ${world.members.toLocaleString('en-US')} members, ${world.weeks} weeks after ${world.historyWeeks} weeks of history (seed ${world.seed})`,
    `window ${result.window.from.slice(0, 10)} → ${result.window.to.slice(0, 10)}; every number below comes from simulated customers (docs/simulation.md)`,
    '',
  ];
  const columns = (['blast', 'rules', 'attune'] as DemoPolicy[]).filter((p) => result.pilot[p] !== undefined);
  const heads = columns.map((p) => (p === 'blast' ? 'blast (Tuesday email)' : p === 'attune' ? 'attune (served)' : p));
  const withHoldout = result.holdout !== null;
  const cell = (m: PilotMetrics | undefined, row: (typeof PILOT_ROWS)[number]) => {
    const value = m?.[row.key];
    return value === null || value === undefined ? 'n/a' : row.format(value);
  };
  lines.push(...table([
    ['pilot table', ...heads, ...(withHoldout ? ['attune holdout'] : [])],
    ...PILOT_ROWS.map((row) => [row.label, ...columns.map((p) => cell(result.pilot[p], row)), ...(withHoldout ? [cell(result.holdout?.pilot, row)] : [])]),
    ['members', ...columns.map((p) => String(result.pilot[p]?.members ?? '')), ...(withHoldout ? [String(result.holdout?.pilot.members ?? '')] : [])],
  ]));
  if (result.holdout !== null) {
    const h = result.holdout;
    lines.push('', `Attune vs its global holdout (${h.treated} treated, ${h.holdout} holdout; 95% confidence intervals, Welch)${h.sampleRatioOk === false ? ' — SAMPLE RATIO MISMATCH: do not trust' : ''}`);
    lines.push(...table([
      ['metric', 'treated', 'holdout', 'lift', '95% CI', 'p'],
      ...h.metrics.map((m) => {
        const money = m.metric === 'revenue';
        const f = (v: number) => (money ? `$${v.toFixed(2)}` : pct(v, 2));
        return [
          m.label, m.treatedMean === null ? 'n/a' : f(m.treatedMean), m.holdoutMean === null ? 'n/a' : f(m.holdoutMean),
          m.absLift === null ? 'n/a' : signed(m.absLift, f),
          m.absCI === null ? 'n/a' : `[${signed(m.absCI[0], f)}, ${signed(m.absCI[1], f)}]`,
          m.pValue === null ? 'n/a' : m.pValue < 0.001 ? '<0.001' : m.pValue.toFixed(3),
        ];
      }),
    ]));
  }
  if (result.ethics !== null) {
    const e = result.ethics;
    const r = (v: number | null, digits = 1) => (v === null ? 'n/a' : pct(v, digits));
    lines.push('', 'Ethical health (Attune)');
    lines.push(`  silence chosen in ${r(e.silenceRate)} of ${e.decisions.toLocaleString('en-US')} decisions; hand-overs to a person ${r(e.humanOutreachRate, 2)}`);
    lines.push(`  per touch (${e.touches.toLocaleString('en-US')}): opt-out ${r(e.optOutRate, 2)}, complaint ${r(e.complaintRate, 2)}, interaction regret ${r(e.regretRate, 2)}`);
    lines.push(`  emotionally charged moments: ${e.chargedMoments}, handed to a person ${r(e.handedToPersonShare)}`);
    lines.push(`  borrowing from trust: ${e.borrowingFromTrust.length === 0 ? 'no program flagged' : e.borrowingFromTrust.join(', ')}`);
  }
  if (result.examples.length > 0) {
    lines.push('', 'Example decisions, with the explanation a member would see ("Why was this recommended?")');
    for (const x of result.examples) lines.push(`  • ${x.action}${x.channel ? ` (${x.channel})` : ''}: ${x.why}`);
  }
  lines.push('', `databases: ${Object.entries(result.databases).map(([p, where]) => `${p} → ${where}`).join('; ')}`);
  const stages = Object.entries(result.stageSeconds).map(([stage, seconds]) => `${stage} ${seconds.toFixed(1)} s`);
  lines.push(`finished in ${result.seconds.toFixed(1)} s${stages.length > 0 ? ` (Attune arm: ${stages.join(', ')})` : ''}`);
  return `${lines.join('\n')}\n`;
}
