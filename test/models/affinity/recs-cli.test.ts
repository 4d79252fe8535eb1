// `attune recs evaluate` as a process: options, gzip input, JSON contract and error exits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransactions, parseTimestamp } from '../../../src/cli/commands/recs-loader.js';
import { createRng } from '../../../src/core/random.js';
import { evaluateTimeSplit } from '../../../src/models/affinity/index.js';
import { projectRoot } from '../../support/shared-data.js';

const entry = join(projectRoot, 'test', 'models', 'affinity', 'support', 'recs-cli.ts');

function attune(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: projectRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Two taste groups of shoppers over 2011, a shared best seller, a few returns and guest orders. */
function syntheticLog(): string {
  const rng = createRng('recs-cli');
  const lines = ['Invoice,Sku,Qty,When,Customer'];
  let invoice = 1000;
  for (let day = 0; day < 330; day++) {
    for (let order = 0; order < 6; order++) {
      const customer = Math.floor(rng.next() * 60);
      const group = customer % 2 === 0 ? 'A' : 'B';
      const when = new Date(Date.UTC(2011, 0, 1 + day, 9 + order)).toISOString().replace('T', ' ').slice(0, 19);
      const id = rng.next() < 0.1 ? '' : `${customer}.0`;
      invoice++;
      for (let n = 0; n < 3; n++) lines.push(`${invoice},${group}${Math.floor(rng.next() * 12)},${1 + Math.floor(rng.next() * 6)},${when},${id}`);
      lines.push(`${invoice},BEST,1,${when},${id}`);
      if (rng.next() < 0.05) lines.push(`C${invoice},${group}0,-1,${when},${id}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const base = ['recs', 'evaluate', '--id-col', 'Customer', '--item-col', 'Sku', '--date-col', 'When', '--split', '2011-09-01'];

describe('attune recs evaluate', () => {
  let dir: string;
  let csv: string;
  let gz: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attune-recs-'));
    const text = syntheticLog();
    csv = join(dir, 'log.csv');
    gz = join(dir, 'log.csv.gz');
    writeFileSync(csv, text);
    writeFileSync(gz, gzipSync(text));
  });

  it('prints the JSON contract, reads gzip transparently and matches the library', async () => {
    const args = [...base, '--quantity-col', 'Qty', '--invoice-col', 'Invoice', '--k', '5', '--json'];
    const plain = attune([...args, '--transactions', csv]);
    expect(plain.stderr).toBe('');
    expect(plain.status).toBe(0);
    const report = JSON.parse(plain.stdout);
    for (const key of ['model', 'popularity'] as const) {
      expect(Object.keys(report[key]).sort()).toEqual(['ndcg', 'precision', 'recall']);
    }
    const zipped = attune([...args, '--transactions', gz]);
    expect(JSON.parse(zipped.stdout)).toEqual(report);

    const loaded = await loadTransactions(csv, { idCol: 'Customer', itemCol: 'Sku', dateCol: 'When', quantityCol: 'Qty', invoiceCol: 'Invoice' });
    const direct = evaluateTimeSplit(loaded.log, { splitTime: parseTimestamp('2011-09-01')!, k: 5 });
    expect(report.users).toBe(direct.users);
    expect(report.model.ndcg).toBeCloseTo(direct.model.ndcg, 12);
    expect(report.popularity.precision).toBeCloseTo(direct.popularity.precision, 12);
    expect(report.data).toEqual({ lines: loaded.lines, customers: 60, products: 25 });
  });

  it('evaluates a single component when asked', () => {
    const r = attune([...base, '--transactions', csv, '--model', 'itemknn', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.tuning.weights).toEqual({ als: 0, itemKnn: 1, popularity: 0 });
    expect(report.model).toEqual(report.components.itemKnn);
  });

  it.each([
    [['--id-col', 'CustomerID'], /--id-col: column "CustomerID" not found/],
    [['--date-col', 'Sku'], /--date-col: line 2: cannot read Sku "[AB]\d+"/],
    [['--split', '2011-02-30'], /--split: must be a date/],
    [['--split', '2010-01-01'], /--split: no transactions before 2010-01-01/],
    [['--k', 'ten'], /--k: must be a positive integer/],
    [['--model', 'svd'], /--model:/],
    [['--quantity-col', 'When'], /--quantity-col: line 2: When "2011-01-01 09:00:00" is not a number/],
  ])('exits 2 naming the flag for %j', (override, message) => {
    const args = [...base, '--transactions', csv];
    const flag = override[0]!;
    const at = args.indexOf(flag);
    if (at >= 0) args.splice(at, 2, ...override);
    else args.push(...override);
    const r = attune(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 when a required flag or the file is missing', () => {
    const noFile = attune(base);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toMatch(/--transactions: is required/);
    const missing = attune([...base, '--transactions', join(dir, 'absent.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--transactions: cannot read/);
  });
});
