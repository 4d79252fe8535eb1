// `attune report` as a user runs it: text, --json, --html FILE, and clear errors for bad requests.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { runAttune } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, HOUR, idsOf, iso, T0, TEST_CONFIG_INPUT, World } from './world.js';

const dir = mkdtempSync(join(tmpdir(), 'attune-report-cli-'));
const configFile = join(dir, 'attune.config.json');
writeFileSync(configFile, JSON.stringify(TEST_CONFIG_INPUT));

describeEachStore('attune report', ({ store, target }) => {
  const run = (...args: string[]) => runAttune(['report', ...args, '--db', target().url(), '--config', configFile]);
  beforeAll(async () => {
    const w = new World();
    const treated = idsOf('treated', 6);
    const holdout = idsOf('holdout', 6);
    for (const id of [...treated, ...holdout]) w.member(id);
    treated.forEach((id, i) => {
      w.decision(id, T0 + i * HOUR, 'promo', { sentAt: T0 + i * HOUR, outcome: i % 2 === 0 ? 'reward' : 'none', probability: 0.6, candidates: [
        { action: 'promo', channel: 'email', probability: 0.6, expectedValue: 1 }, { action: 'silence', channel: null, probability: 0.4, expectedValue: 0 },
      ] });
      w.track(id, 'Email Delivered', T0 + i * HOUR);
      if (i % 2 === 0) w.order(id, T0 + DAY + i * HOUR, 50 + i);
    });
    holdout.forEach((id, i) => {
      w.decision(id, T0 + i * HOUR, 'silence');
      if (i < 2) w.order(id, T0 + 2 * DAY, 40);
    });
    w.order(holdout[5] as string, T0 - 5 * DAY, 30);
    await w.save(store());
  });

  it('prints the pilot table as JSON with the documented keys', () => {
    const result = run('pilot', '--to', iso(T0 + 7 * DAY), '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report.after.groups.treated)).toEqual([
      'members', 'openRate', 'clickRate', 'engagementScore', 'repeatRate90d', 'csat', 'optOutRatePerMonth', 'revenuePerMemberPerMonth',
    ]);
    expect(report.after.groups.treated.members).toBe(6);
    expect(report.pivot).toBe(iso(T0));
  });

  it('prints aligned text', () => {
    const result = run('incrementality', '--from', '2025-03-03', '--to', iso(T0 + 7 * DAY));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Incrementality 2025-03-03T00:00:00.000Z');
    expect(result.stdout).toMatch(/conversion \(≥ 1 order\)\s+0\.3333\s+0\.5000/);
  });

  it('writes one self-contained HTML page with charts', () => {
    const file = join(dir, `report-${target().name}.html`);
    const result = run('--html', file, '--from', iso(T0 - 7 * DAY), '--to', iso(T0 + 7 * DAY));
    expect(result.status, result.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    for (const id of ['pilot', 'incrementality', 'ethics', 'attribution', 'ltv', 'ope', 'caps']) expect(html).toContain(`<section id="${id}">`);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
    // Nothing is fetched from elsewhere: no scripts, stylesheets, images or links.
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|url\(/i);
  });

  it('explains bad requests without a stack trace', () => {
    const badDate = run('ethics', '--from', '2025-13-45');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('--from: not a date-time');
    const empty = run('ethics', '--from', '2025-03-10', '--to', '2025-03-01');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('the window is empty');
    const unknown = run('vibes');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown report "vibes"');
    expect(`${badDate.stderr}${empty.stderr}${unknown.stderr}`).not.toContain('    at ');
  });
});
