// The Hillstrom email experiment through `attune lift`, checked against lifts computed here
// directly from the raw file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { parse } from 'csv-parse/sync';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { afterAll, describe, expect, it } from 'vitest';
import { computeLift } from '../../src/cli/commands/lift.js';
import { hasSharedData, sharedData } from '../support/shared-data.js';
import { runMeasureCli } from './run-measure-cli.js';

const file = sharedData('hillstrom', 'hillstrom.csv');

/** n, Σy, Σy² per arm ("7) $1,000 +" is quoted, hence a real CSV parser). */
function armSums(metric: string): Map<string, { n: number; sum: number; sumSquares: number }> {
  const [columns, ...rows] = parse(readFileSync(file, 'utf8')) as string[][];
  const armAt = columns!.indexOf('treatment');
  const metricAt = columns!.indexOf(metric);
  const arms = new Map<string, { n: number; sum: number; sumSquares: number }>();
  for (const cells of rows) {
    const y = Number(cells[metricAt]);
    const entry = arms.get(cells[armAt]!) ?? { n: 0, sum: 0, sumSquares: 0 };
    entry.n += 1;
    entry.sum += y;
    entry.sumSquares += y * y;
    arms.set(cells[armAt]!, entry);
  }
  return arms;
}

/** The lift report computed in-process (the CLI itself is exercised by the first test). */
function liftReport(metric: string, extra: { sequential?: boolean; cupedCol?: string } = {}) {
  return computeLift({ data: file, armCol: 'treatment', control: 'No E-Mail', metric, alpha: 0.05, sequential: false, tuningN: 5000, json: true, ...extra });
}

function liftJson(args: string[]) {
  const result = runMeasureCli(['lift', '--data', file, '--arm-col', 'treatment', '--control', 'No E-Mail', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe.skipIf(!hasSharedData('hillstrom', 'hillstrom.csv'))('Hillstrom worked example (attune lift)', () => {
  it('visit: proportions, Welch lift and delta-method relative lift', () => {
    const report = liftJson(['--metric', 'visit']);
    const sums = armSums('visit');
    const c = sums.get('No E-Mail')!;
    expect(report.metricKind).toBe('proportion');
    expect(report.control.n).toBe(c.n);
    expect(report.control.mean).toBeCloseTo(c.sum / c.n, 12);
    expect(report.control.mean).toBeCloseTo(0.106, 3);
    for (const arm of ['Mens E-Mail', 'Womens E-Mail']) {
      const t = sums.get(arm)!;
      const pc = c.sum / c.n;
      const pt = t.sum / t.n;
      const vc = (pc * (1 - pc)) / c.n;
      const vt = (pt * (1 - pt)) / t.n;
      const df = (vc + vt) ** 2 / (vc ** 2 / (c.n - 1) + vt ** 2 / (t.n - 1));
      const half = tQuantile(0.975, df) * Math.sqrt(vc + vt);
      const got = report.arms[arm];
      expect(got.n).toBe(t.n);
      expect(got.absLift).toBeCloseTo(pt - pc, 10);
      expect(got.absCI[0]).toBeCloseTo(pt - pc - half, 10);
      expect(got.absCI[1]).toBeCloseTo(pt - pc + half, 10);
      expect(got.pValue).toBeCloseTo(2 * tCdf(-(pt - pc) / Math.sqrt(vc + vt), df), 12);
      const relSe = Math.sqrt(vt / pc ** 2 + (vc * pt ** 2) / pc ** 4);
      expect(got.relLift).toBeCloseTo(pt / pc - 1, 10);
      expect(got.relCI[1]).toBeCloseTo(pt / pc - 1 + tQuantile(0.975, df) * relSe, 10);
    }
    // The men's email lifted visits by about 7.7 points over a 10.6% baseline.
    expect(report.arms['Mens E-Mail'].absLift).toBeGreaterThan(0.074);
    expect(report.arms['Mens E-Mail'].absLift).toBeLessThan(0.079);
    expect(report.arms['Womens E-Mail'].absLift).toBeGreaterThan(0.04);
    // Randomization worked: no sample-ratio mismatch between the three arms.
    expect(report.srm.counts).toEqual({ 'No E-Mail': c.n, 'Mens E-Mail': sums.get('Mens E-Mail')!.n, 'Womens E-Mail': sums.get('Womens E-Mail')!.n });
    expect(report.srm.df).toBe(2);
    expect(report.srm.mismatch).toBe(false);
  });

  it('spend: a numeric metric uses the sample variance', () => {
    const report = liftReport('spend');
    const sums = armSums('spend');
    const c = sums.get('No E-Mail')!;
    const t = sums.get('Mens E-Mail')!;
    const variance = (s: { n: number; sum: number; sumSquares: number }) => (s.sumSquares - s.sum ** 2 / s.n) / (s.n - 1);
    const se = Math.sqrt(variance(c) / c.n + variance(t) / t.n);
    expect(report.metricKind).toBe('mean');
    const mens = report.arms['Mens E-Mail']!;
    expect(mens.absLift).toBeCloseTo(t.sum / t.n - c.sum / c.n, 10);
    expect(mens.absCI[1] - mens.absLift).toBeCloseTo(tQuantile(0.975, mens.df) * se, 10);
  });

  it('sequential and CUPED options', () => {
    const plain = liftReport('conversion');
    const report = liftReport('conversion', { sequential: true, cupedCol: 'history' });
    const mens = report.arms['Mens E-Mail']!;
    expect(mens.sequential!.relCI[0]).toBeLessThan(mens.relCI[0]);
    expect(mens.sequential!.relCI[1]).toBeGreaterThan(mens.relCI[1]);
    expect(report.cuped!.covariate).toBe('history');
    expect(report.cuped!.varianceReduction).toBeGreaterThan(0);
    // Random assignment: adjusting for pre-period spend barely moves the estimate, and narrows the interval.
    expect(Math.abs(mens.absLift - plain.arms['Mens E-Mail']!.absLift)).toBeLessThan(0.0005);
    expect(mens.absCI[1] - mens.absCI[0]).toBeLessThan(plain.arms['Mens E-Mail']!.absCI[1] - plain.arms['Mens E-Mail']!.absCI[0]);
  });

  it('names the flag when a column or arm is missing', () => {
    const missingColumn = runMeasureCli(['lift', '--data', file, '--arm-col', 'segment', '--control', 'No E-Mail', '--metric', 'visit']);
    expect(missingColumn.status).toBe(2);
    expect(missingColumn.stderr).toMatch(/--arm-col: column "segment" not found/);
    const missingArm = runMeasureCli(['lift', '--data', file, '--arm-col', 'treatment', '--control', 'Nothing', '--metric', 'visit']);
    expect(missingArm.stderr).toMatch(/--control: arm "Nothing" not found/);
  });
});

describe('attune lift without the reference data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-lift-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts any arm column name and reports a numeric metric', () => {
    const file = join(dir, 'test.csv');
    writeFileSync(file, 'segment,spend\nhold,1\nhold,3\nhold,2\nmail,4\nmail,6\nmail,5\n');
    const result = runMeasureCli(['lift', '--data', file, '--arm-col', 'segment', '--control', 'hold', '--metric', 'spend', '--json']);
    const report = JSON.parse(result.stdout);
    expect(report.metricKind).toBe('mean');
    expect(report.control).toEqual({ name: 'hold', n: 3, mean: 2 });
    expect(report.arms.mail.absLift).toBe(3);
    expect(report.arms.mail.relLift).toBe(1.5);
    // var = 1 in both arms: se = sqrt(2/3), df = 4
    expect(report.arms.mail.df).toBeCloseTo(4, 12);
    expect(report.arms.mail.absCI[1]).toBeCloseTo(3 + tQuantile(0.975, 4) * Math.sqrt(2 / 3), 10);
  });

  it('names the flag when the data cannot be analysed', () => {
    const file = join(dir, 'tiny.csv');
    writeFileSync(file, 'arm,y\nc,1\nt,0\nt,1\n');
    const result = runMeasureCli(['lift', '--data', file, '--arm-col', 'arm', '--control', 'c', '--metric', 'y']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--data: an arm needs at least 2 units/);
  });

  it('requires --data', () => {
    const result = runMeasureCli(['lift', '--arm-col', 'a', '--control', 'c', '--metric', 'm']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--data: required/);
  });
});
