import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../support/shared-data.js';
import { CDNOW_ELOG, CDNOW_SUMMARY, CDNOW_SUMMARY_WITH_SPEND, hasCdnow } from '../support/cdnow.js';
import { runModelsCli } from './run-models-cli.js';

const work = mkdtempSync(join(tmpdir(), 'attune-clv-'));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('attune clv (small inline files)', () => {
  const transactions = file(
    'tx.csv',
    ['customer,when,total', 'a,2024-01-01,10', 'a,2024-01-01,5', 'a,2024-01-15,20', 'a,2024-01-29,40', 'b,2024-01-22,7', 'c,2024-03-01,9'].join('\n'),
  );

  it('summarize prints the summary CSV', () => {
    const result = runModelsCli(['clv', 'summarize', '--transactions', transactions, '--id-col', 'customer', '--date-col', 'when', '--amount-col', 'total', '--calibration-end', '2024-02-12', '--unit', 'week']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('id,frequency,recency,T,monetary_value\na,2,4,6,30\nb,0,0,3,0\n');
  });

  it('reads yyyymmdd dates in space-separated files', () => {
    const master = file('master.txt', [' customer_id  date number_of_cds  dollar_value', ' 00001 19970101  1   11.77', ' 00001 19970115  2   20.00'].join('\n'));
    const result = runModelsCli(['clv', 'summarize', '--transactions', master, '--id-col', 'customer_id', '--date-col', 'date', '--amount-col', 'dollar_value', '--calibration-end', '1997-01-29', '--unit', 'day']);
    expect(result.stdout).toBe('id,frequency,recency,T,monetary_value\n00001,1,14,28,20\n');
  });

  it.each([
    [['--id-col', 'nope', '--date-col', 'when', '--calibration-end', '2024-02-12'], /--id-col: column "nope" not found/],
    [['--id-col', 'customer', '--date-col', 'total', '--calibration-end', '2024-02-12'], /--date-col: line 2 .* "10" in column total is not a date/],
    [['--id-col', 'customer', '--date-col', 'when', '--calibration-end', '2024-02-30'], /--calibration-end: "2024-02-30" is not a date/],
    [['--id-col', 'customer', '--date-col', 'when', '--calibration-end', '2024-02-12', '--unit', 'year'], /--unit: must be one of day, week, month/],
    [['--id-col', 'customer', '--date-col', 'when', '--amount-col', 'when', '--calibration-end', '2024-02-12'], /--amount-col: .* is not a number/],
  ])('rejects bad input with exit code 2 and the flag named (%#)', (args, message) => {
    const result = runModelsCli(['clv', 'summarize', '--transactions', transactions, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('fit rejects an unknown model and a summary without the needed columns', () => {
    const summary = file('summary.csv', 'id,frequency,recency\n1,0,0\n');
    const unknown = runModelsCli(['clv', 'fit', '--summary', summary, '--model', 'bgndb', '--json']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--model: must be one of bgnbd, paretonbd, gammagamma/);
    const missing = runModelsCli(['clv', 'fit', '--summary', summary, '--model', 'bgnbd', '--json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--summary: .* has no T column/);
    const impossible = runModelsCli(['clv', 'fit', '--summary', file('bad.csv', 'frequency,recency,T\n1,5,3\n'), '--model', 'bgnbd']);
    expect(impossible.status).toBe(2);
    expect(impossible.stderr).toMatch(/--summary: customer #1: recency must lie in \[0, T\]/);
  });
});

describe.skipIf(!hasCdnow())('attune clv and churn on CDNOW', () => {
  it('clv fit --json follows the contract', () => {
    const result = runModelsCli(['clv', 'fit', '--summary', sharedData(...CDNOW_SUMMARY), '--model', 'bgnbd', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['model', 'n', 'params', 'logLikelihood', 'seconds']);
    expect(report).toMatchObject({ model: 'bgnbd', n: 2357 });
    expect(Object.keys(report.params)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(report.params.r).toBeCloseTo(0.2426, 3);
    expect(report.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(report.seconds).toBeGreaterThan(0);
  });

  it('clv fit --model gammagamma uses the repeat buyers (x, zbar columns)', () => {
    const result = runModelsCli(['clv', 'fit', '--summary', sharedData(...CDNOW_SUMMARY_WITH_SPEND), '--model', 'gammagamma', '--json']);
    const report = JSON.parse(result.stdout);
    expect(report.n).toBe(946);
    expect(Object.keys(report.params)).toEqual(['p', 'q', 'gamma']);
  });

  it('clv predict --json gives every customer; fitted parameters can be passed back in', () => {
    const fitted = runModelsCli(['clv', 'fit', '--summary', sharedData(...CDNOW_SUMMARY), '--model', 'bgnbd', '--json']);
    const params = file('bgnbd.json', fitted.stdout);
    const result = runModelsCli(['clv', 'predict', '--summary', sharedData(...CDNOW_SUMMARY_WITH_SPEND), '--horizon', '39', '--model-params', params, '--discount-rate', '0.002', '--json']);
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout);
    expect(rows).toHaveLength(2357);
    expect(Object.keys(rows[0])).toEqual(['id', 'expectedPurchases', 'pAlive', 'expectedSpend', 'clv']);
    expect(rows[0].id).toBe('1');
    expect(rows[0].expectedPurchases).toBeCloseTo(1.2259, 3);
    expect(rows[0].pAlive).toBeCloseTo(0.7266, 3);
    expect(rows[0].expectedSpend).toBeCloseTo(24.65, 1);
    expect(rows[0].clv).toBeLessThan(rows[0].expectedSpend * rows[0].expectedPurchases);
    const noSpend = runModelsCli(['clv', 'predict', '--summary', sharedData(...CDNOW_SUMMARY), '--horizon', '39', '--json']);
    expect(JSON.parse(noSpend.stdout)[0]).toMatchObject({ id: '1', expectedSpend: null, clv: null });
    const wrong = runModelsCli(['clv', 'predict', '--summary', sharedData(...CDNOW_SUMMARY), '--horizon', '39', '--model', 'paretonbd', '--model-params', params]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--model-params: .* holds bgnbd parameters, expected paretonbd/);
  });

  it('churn evaluate --json follows the contract and beats both baselines', () => {
    const result = runModelsCli([
      'churn', 'evaluate', '--transactions', sharedData(...CDNOW_ELOG), '--id-col', 'Id', '--date-col', 'Date', '--amount-col', 'Price',
      '--calibration-end', '1997-09-30', '--horizon-days', '273', '--json',
    ]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['auc', 'brier', 'baselines', 'reliability', 'n']);
    expect(report.n).toBe(2357);
    expect(report.reliability).toHaveLength(10);
    expect(report.auc).toBeGreaterThan(report.baselines.recency);
    expect(report.auc).toBeGreaterThan(report.baselines.expectedPurchases);
  });
});
