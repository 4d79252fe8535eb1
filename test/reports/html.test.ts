// The HTML report a marketer opens or emails: one self-contained file whose charts show the
// numbers of the reports — lift with intervals, attribution bars per model, weekly ethical-health
// lines — on the example brand (test/reports/example.ts).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { EXAMPLE_CONFIG_PATH, loadConfig } from '../../src/decide/index.js';
import { htmlReport, REPORT_NAMES, runReport, type Report } from '../../src/measure/reports/index.js';
import { runAttune } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';
import { buildExample } from './example.js';

const dir = mkdtempSync(join(tmpdir(), 'attune-report-html-'));
const WINDOW = { from: '2025-03-03', to: '2025-04-28' };
const config = loadConfig(EXAMPLE_CONFIG_PATH);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The body of one report's section. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describeEachStore('attune report --html', ({ store, target }) => {
  const reports = new Map<string, Report>();
  let html: string;

  beforeAll(async () => {
    await buildExample(store(), { members: 400, weeks: 8 });
    for (const name of REPORT_NAMES) reports.set(name, await runReport(store(), name, { ...WINDOW, config }));
    html = htmlReport(REPORT_NAMES.map((name) => ({ name, report: reports.get(name) })), new Date('2025-05-01T00:00:00Z'));
  }, 120_000);

  it('draws the lift of each metric as a dot with its 95% interval', () => {
    const body = section(html, 'incrementality');
    const report = reports.get('incrementality');
    if (report?.report !== 'incrementality') throw new Error('no incrementality report');
    const conversion = report.programs[0]?.metrics.find((m) => m.metric === 'conversion');
    const lift = conversion?.lift;
    if (!lift?.relLift || !lift.relCI) throw new Error('the example should give a conversion lift with an interval');
    expect(body).toContain(`${pct(lift.relLift)} [${pct(lift.relCI[0])}, ${pct(lift.relCI[1])}]`);
    // One dot per estimate, a whisker per interval, and the zero line.
    expect((body.match(/<circle /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(body).toMatch(/<line x1="[\d.]+" x2="[\d.]+" y1="\d+" y2="\d+" stroke="#2f6f9f" stroke-width="2"\/>/);
    expect(body).toContain('stroke-dasharray');
  });

  it('draws the conversions each model credits to each channel as bars', () => {
    const body = section(html, 'attribution');
    const report = reports.get('attribution');
    if (report?.report !== 'attribution') throw new Error('no attribution report');
    const channels = Object.keys(report.models.last);
    expect(channels).toContain('email');
    for (const model of ['first', 'last', 'linear', 'markov', 'shapley'] as const) {
      for (const channel of channels) expect(body).toContain(`<title>${model}: ${(report.models[model][channel]?.conversions ?? 0).toFixed(1)}</title>`);
    }
  });

  it('draws the weekly ethical-health rates as lines, a point per week', () => {
    const body = section(html, 'ethics');
    const report = reports.get('ethics');
    if (report?.report !== 'ethics') throw new Error('no ethics report');
    const weeks = report.weeks.filter((w) => w.optOutRate !== null).length;
    expect(weeks).toBeGreaterThanOrEqual(7);
    const lines = [...body.matchAll(/<polyline points="([^"]+)"/g)].map((m) => (m[1] as string).split(' ').length);
    // opt-out, complaint, regret; silence, charged → person, engagement (a week without data breaks a line in two).
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines[0]).toBe(weeks);
    for (const name of ['opt-out', 'complaint', 'regret', 'silence rate', 'charged → person', 'engagement']) expect(body).toContain(`>${name}</text>`);
  });

  it('writes the same page to a file from the command line, with nothing to fetch', () => {
    const file = join(dir, `report-${target().name}.html`);
    const result = runAttune(['report', '--html', file, '--from', WINDOW.from, '--to', WINDOW.to, '--db', target().url(), '--config', EXAMPLE_CONFIG_PATH]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`wrote ${file} (7 of 7 reports)`);
    const written = readFileSync(file, 'utf8');
    // Identical but for the time it was generated.
    const undated = (page: string) => page.replace(/Generated \S+\. /, '');
    expect(undated(written)).toBe(undated(html));
    expect(written).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
  });
});
