// The demo end to end on a small world: the whole loop through the real code paths, measured by
// the real reports (issue 7's acceptance). One run is shared by the assertions below.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG_PATH, loadConfig } from '../../src/decide/index.js';
import { DemoError, formatDemo, runDemo, type DemoResult } from '../../src/demo/index.js';
import { capViolationsReport, type PilotMetrics } from '../../src/measure/reports/index.js';
import { countEvents, openStore } from '../../src/store/index.js';

const PILOT_KEYS: Array<keyof PilotMetrics> = ['openRate', 'clickRate', 'engagementScore', 'repeatRate90d', 'csat', 'optOutRatePerMonth', 'revenuePerMemberPerMonth'];

describe('attune demo on 2,000 members for 4 weeks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-demo-'));
  const target = join(dir, 'attune.db');
  let result: DemoResult;

  beforeAll(async () => {
    result = await runDemo({ target, members: 2000, weeks: 4, seed: 3, historyWeeks: 8, policies: ['blast', 'attune'] });
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the pilot table for blast and attune, rates as fractions', () => {
    for (const policy of ['blast', 'attune'] as const) {
      const pilot = result.pilot[policy] as PilotMetrics;
      for (const key of PILOT_KEYS) expect(pilot[key], `${policy}.${key}`).toEqual(expect.any(Number));
      for (const key of ['openRate', 'clickRate', 'repeatRate90d', 'optOutRatePerMonth'] as const) {
        expect(pilot[key]).toBeGreaterThanOrEqual(0);
        expect(pilot[key]).toBeLessThanOrEqual(1);
      }
    }
    const text = formatDemo(result);
    expect(text).toContain('SIMULATED');
    expect(text).toMatch(/email open rate\s+\d+\.\d%\s+\d+\.\d%/);
  });

  it('sends the blast to everyone and lets Attune stay silent for most members', () => {
    expect(result.arms.blast?.touches).toBeGreaterThan(result.arms.attune?.touches ?? Infinity);
    expect(result.ethics?.silenceRate).toBeGreaterThan(0.2);
  });

  it('stores every simulated message through ingest, in every arm', async () => {
    for (const policy of ['blast', 'attune'] as const) {
      const counts = result.arms[policy]?.messages;
      expect(counts?.generated).toBeGreaterThan(50_000);
      expect(counts?.stored).toBe(counts?.generated);
      const store = await openStore(policy === 'attune' ? target : join(dir, `attune-${policy}.db`));
      try {
        expect(await countEvents(store.db)).toBe(counts?.stored);
      } finally {
        await store.close();
      }
    }
  });

  it('never exceeds the guardrails: the cumulative-experience report is empty', async () => {
    const store = await openStore(target);
    try {
      const caps = await capViolationsReport(store, { from: result.window.from, to: result.window.to, config: loadConfig(EXAMPLE_CONFIG_PATH) });
      expect(caps.rules.length).toBeGreaterThan(0);
      expect(caps.violations).toEqual([]);
      expect(caps.members).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('compares Attune with its global holdout, with intervals and a passing sample-ratio check', () => {
    const holdout = result.holdout;
    expect(holdout).not.toBeNull();
    expect(holdout?.holdout).toBeGreaterThan(100);
    expect(holdout?.holdout).toBeLessThan(holdout?.treated ?? 0);
    expect(holdout?.sampleRatioOk).toBe(true);
    const conversion = holdout?.metrics.find((m) => m.metric === 'conversion');
    expect(conversion?.absCI?.[0]).toBeLessThan(conversion?.absLift ?? NaN);
    expect(conversion?.absCI?.[1]).toBeGreaterThan(conversion?.absLift ?? NaN);
    // The holdout gets no AI-chosen messages, so none of its members opens one.
    expect(holdout?.pilot.openRate ?? 0).toBe(0);
  });

  it('explains a few decisions in plain language, silence included', () => {
    const actions = result.examples.map((x) => x.action);
    expect(actions).toContain('silence');
    expect(actions.length).toBeGreaterThanOrEqual(2);
    for (const x of result.examples) {
      expect(x.why.length).toBeGreaterThan(20);
      expect(x.why).not.toMatch(/@|ath-\d|SKU|\d{1,2}:\d{2}/);
    }
  });

  it('reruns over its own databases, and refuses one that holds other data', async () => {
    const other = join(dir, 'theirs.db');
    const store = await openStore(other);
    const { ingestSimulated } = await import('../../src/demo/index.js');
    await ingestSimulated(store, [{ type: 'identify', userId: 'someone', traits: {}, messageId: 'm1', timestamp: '2024-01-01T00:00:00Z', context: {} } as never], Date.now());
    await store.close();
    await expect(runDemo({ target: other, members: 100, weeks: 1, seed: 1, historyWeeks: 4, policies: ['attune'] })).rejects.toThrow(DemoError);
  });
});

describe('attune demo determinism', () => {
  // The world and the baselines are deterministic for a seed. The Attune arm varies a little
  // between runs: profile ids are random UUIDs, and the holdout hash and exploration draws use them.
  it('gives the same baseline pilot for the same seed', async () => {
    const runs: DemoResult[] = [];
    for (let k = 0; k < 2; k++) {
      const dir = mkdtempSync(join(tmpdir(), 'attune-demo-det-'));
      try {
        runs.push(await runDemo({ target: join(dir, 'attune.db'), members: 300, weeks: 2, seed: 11, historyWeeks: 4, policies: ['blast', 'rules'] }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const [first, second] = runs as [DemoResult, DemoResult];
    expect(second.pilot).toEqual(first.pilot);
    expect(second.arms).toEqual(first.arms);
    expect(first.arms.rules?.touches).toBeGreaterThan(first.arms.blast?.touches ?? Infinity);
  }, 300_000);
});
