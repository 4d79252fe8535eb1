import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBanditLogs } from '../../src/cli/commands/measure-loader.js';
import { createRng, weightedIndex } from '../../src/core/random.js';
import {
  type LoggedInteraction,
  estimatePolicyValue,
  evaluateOffPolicy,
  fitRewardModel,
} from '../../src/measure/index.js';
import { hasSharedData, sharedData } from '../support/shared-data.js';
import { runMeasureCli } from './run-measure-cli.js';

// A two-context world: the logging policy favours different actions than the target policy.
const loggingPolicy = [
  [0.5, 0.25, 0.15, 0.1],
  [0.1, 0.2, 0.3, 0.4],
];
const targetPolicy = [
  [0.1, 0.2, 0.3, 0.4],
  [0.4, 0.3, 0.2, 0.1],
];
const meanReward = [
  [0.1, 0.2, 0.3, 0.5],
  [0.6, 0.3, 0.2, 0.1],
];
const trueValue = [0, 1].reduce((v, x) => v + 0.5 * targetPolicy[x]!.reduce((s, p, a) => s + p * meanReward[x]![a]!, 0), 0);

function simulateAndEstimate(seed: number, n: number, replicates: number) {
  const rng = createRng(seed);
  const logs: LoggedInteraction[] = [];
  const contexts: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next() < 0.5 ? 0 : 1;
    const a = weightedIndex(rng, loggingPolicy[x]!);
    contexts.push(x);
    logs.push({ action: String(a), position: null, reward: rng.next() < meanReward[x]![a]! ? 1 : 0, propensity: loggingPolicy[x]![a]! });
  }
  const model = fitRewardModel(logs, 'action');
  return estimatePolicyValue(
    {
      rewards: logs.map((r) => r.reward),
      weights: logs.map((r, i) => targetPolicy[contexts[i]!]![Number(r.action)]! / r.propensity),
      predictedRewards: logs.map((r) => model.predict(r.action, null)),
      directValue: contexts.map((x) => targetPolicy[x]!.reduce((s, p, a) => s + p * model.predict(String(a), null), 0)),
    },
    { replicates, rng: createRng(seed + 1_000_000) },
  );
}

describe('off-policy estimators on synthetic logs with a known value', () => {
  it('IPS and DR 95% intervals cover the true value in at least 90% of 200 repetitions', () => {
    const repetitions = 200;
    const covered = { ips: 0, snips: 0, dr: 0 };
    let ipsSum = 0;
    let drSum = 0;
    for (let seed = 1; seed <= repetitions; seed++) {
      const r = simulateAndEstimate(seed, 1000, 200);
      ipsSum += r.ips.value;
      drSum += r.dr!.value;
      if (r.ips.ci[0] <= trueValue && trueValue <= r.ips.ci[1]) covered.ips++;
      if (r.snips.ci[0] <= trueValue && trueValue <= r.snips.ci[1]) covered.snips++;
      if (r.dr!.ci[0] <= trueValue && trueValue <= r.dr!.ci[1]) covered.dr++;
    }
    expect(covered.ips / repetitions).toBeGreaterThanOrEqual(0.9);
    expect(covered.dr / repetitions).toBeGreaterThanOrEqual(0.9);
    expect(covered.snips / repetitions).toBeGreaterThanOrEqual(0.85);
    // Unbiased: the average estimate is within a few standard errors of the truth.
    expect(Math.abs(ipsSum / repetitions - trueValue)).toBeLessThan(0.01);
    expect(Math.abs(drSum / repetitions - trueValue)).toBeLessThan(0.01);
  });

  it('effective sample size is n for constant weights and shrinks as weights spread', () => {
    const base = { rewards: [1, 0, 1, 0], predictedRewards: [0, 0, 0, 0], directValue: null };
    const rng = createRng(1);
    expect(estimatePolicyValue({ ...base, weights: [2, 2, 2, 2] }, { replicates: 10, rng }).effectiveSampleSize).toBeCloseTo(4, 12);
    expect(estimatePolicyValue({ ...base, weights: [4, 0, 0, 0] }, { replicates: 10, rng }).effectiveSampleSize).toBeCloseTo(1, 12);
  });

  it('the logging policy evaluated on its own logs is worth its mean reward', () => {
    const logs: LoggedInteraction[] = [
      { action: 'a', position: '1', reward: 1, propensity: 0.2 },
      { action: 'b', position: '2', reward: 0, propensity: 0.7 },
      { action: 'a', position: '2', reward: 1, propensity: 0.5 },
      { action: 'c', position: '1', reward: 0, propensity: 0.1 },
    ];
    const r = evaluateOffPolicy(logs, 'logged', { bootstrap: 50 });
    expect(r.ips.value).toBe(0.5);
    expect(r.snips.value).toBe(0.5);
    expect(r.dr!.value).toBeCloseTo(0.5, 14);
    expect(r.loggedValue).toBe(0.5);
    expect(() => evaluateOffPolicy([{ ...logs[0]!, propensity: 0 }], 'logged')).toThrow(/propensity/);
  });
});

const obd = (name: string) => sharedData('obd', `obd_${name}.csv`);
const observedCtr = (name: string) => {
  const logs = readBanditLogs(obd(name));
  return logs.reduce((s, r) => s + r.reward, 0) / logs.length;
};

describe.skipIf(!hasSharedData('obd', 'obd_bts_men.csv'))('Open Bandit Dataset: the uniform random policy from Thompson-sampling logs', () => {
  for (const campaign of ['men', 'women']) {
    it(`${campaign}: the intervals cover the CTR observed under the random policy`, () => {
      const truth = observedCtr(`random_${campaign}`);
      expect(truth).toBeCloseTo(0.0046, 4);
      const report = evaluateOffPolicy(readBanditLogs(obd(`bts_${campaign}`)), 'uniform', { bootstrap: 1000, seed: 1 });
      for (const estimate of [report.ips, report.snips, report.dr!]) {
        expect(estimate.ci[0]).toBeLessThanOrEqual(truth);
        expect(estimate.ci[1]).toBeGreaterThanOrEqual(truth);
      }
      expect(report.actions).toBe(campaign === 'men' ? 34 : 46);
      expect(report.effectiveSampleSize).toBeLessThan(report.n);
    });
  }

  it('on the random logs themselves every weight is 1 and IPS is the observed CTR', () => {
    const report = evaluateOffPolicy(readBanditLogs(obd('random_men')), 'uniform', { bootstrap: 200 });
    expect(report.ips.value).toBeCloseTo(observedCtr('random_men'), 12);
    expect(report.maxWeight).toBeCloseTo(1, 12);
    expect(report.effectiveSampleSize).toBeCloseTo(report.n, 6);
  });

  describe('attune ope', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-ope-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('--target uniform --json', () => {
      const result = runMeasureCli(['ope', '--logs', obd('bts_men'), '--target', 'uniform', '--bootstrap', '300', '--seed', '2', '--json']);
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout);
      const direct = evaluateOffPolicy(readBanditLogs(obd('bts_men')), 'uniform', { bootstrap: 300, seed: 2 });
      expect(report.ips).toEqual(direct.ips);
      expect(report.dr).toEqual(direct.dr);
      expect(report.n).toBe(10_000);
    });

    it('--target FILE of per-row probabilities gives IPS and SNIPS (no DR)', () => {
      const rows = readFileSync(obd('bts_men'), 'utf8').trim().split('\n').length - 1;
      const file = join(dir, 'target.csv');
      writeFileSync(file, `probability\n${Array.from({ length: rows }, () => 1 / 34).join('\n')}\n`);
      const report = JSON.parse(runMeasureCli(['ope', '--logs', obd('bts_men'), '--target', file, '--bootstrap', '100', '--json']).stdout);
      const uniform = evaluateOffPolicy(readBanditLogs(obd('bts_men')), 'uniform', { bootstrap: 100 });
      expect(report.ips.value).toBeCloseTo(uniform.ips.value, 12);
      expect(report.dr).toBeNull();
      const short = join(dir, 'short.csv');
      writeFileSync(short, 'probability\n0.5\n');
      const mismatch = runMeasureCli(['ope', '--logs', obd('bts_men'), '--target', short]);
      expect(mismatch.status).toBe(2);
      expect(mismatch.stderr).toMatch(/--target: .* has 1 rows but the logs have 10000/);
    });
  });
});
