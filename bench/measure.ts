// npm run bench:measure — speed of the measurement statistics on the reference data sets.
// Prints figures; asserts nothing. Each suite times its work after a warm-up and reports the
// median; reading the files is timed separately. To add a benchmark, append a suite to `suites`
// below. The pilot and ethics reports over 2.3M members' decisions are `npm run bench:reports`
// (bench/reports.ts): it needs a 14 GB database that it builds once, so it runs on its own.
//   attribution: every model on attribution/paths.csv (target: exact Markov < 50 ms;
//                ChannelAttribution's Markov takes 0.085 s on this file)
//   ope:         IPS / SNIPS / DR with a 1000-resample bootstrap on the Open Bandit Dataset
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBanditLogs, readJourneys } from '../src/cli/commands/measure-loader.js';
import { attribute, attributionModels, evaluateOffPolicy } from '../src/measure/index.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.env.ATTUNE_SHARED_DATA ?? join(projectRoot, '..', 'shared', 'data');

interface Timing {
  label: string;
  medianMs: number;
  minMs: number;
  runs: number;
  /** What the timed call produced, for a glance at correctness. */
  result?: string;
}

interface Suite {
  name: string;
  /** Data files the suite needs, relative to the shared data folder. */
  needs: string[];
  run(): Timing[];
}

/** Median and minimum wall time of `fn` over `runs` calls after `warmup` untimed calls. */
function time<T>(label: string, fn: () => T, describe: (value: T) => string = () => '', warmup = 5, runs = 30): Timing {
  let last: T = fn();
  for (let i = 1; i < warmup; i++) last = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const middle = samples.length >> 1;
  const medianMs = samples.length % 2 ? (samples[middle] as number) : ((samples[middle - 1] as number) + (samples[middle] as number)) / 2;
  return { label, medianMs, minMs: samples[0] as number, runs, result: describe(last) };
}

/** One timed call, for first (cold) reads. */
function once<T>(label: string, fn: () => T): { timing: Timing; value: T } {
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  return { timing: { label, medianMs: ms, minMs: ms, runs: 1 }, value };
}

const attributionSuite: Suite = {
  name: 'attribution on paths.csv (10,000 journeys, 12 channels, 19,785 conversions)',
  needs: ['attribution/paths.csv'],
  run() {
    const file = join(dataDir, 'attribution', 'paths.csv');
    const cold = once('read + parse paths.csv (first read)', () => readJourneys(file));
    const journeys = cold.value;
    const timings = [cold.timing, time('read + parse paths.csv (warm)', () => readJourneys(file), (j) => `${j.length} journeys`, 2, 10)];
    for (const model of attributionModels) {
      timings.push(
        time(`${model}${model === 'markov' ? ' (exact absorbing chain)' : model === 'shapley' ? ' (exact, 4096 coalitions)' : ''}`, () => attribute(journeys, model), (a) => {
          const alpha = a.alpha;
          return alpha ? `alpha ${alpha.conversions.toFixed(2)} conv${alpha.removalEffect === undefined ? '' : `, removal effect ${alpha.removalEffect.toFixed(4)}`}` : '';
        }),
      );
    }
    return timings;
  },
};

const opeSuite: Suite = {
  name: 'off-policy evaluation: uniform random policy from Bernoulli-TS logs (Open Bandit Dataset, 10,000 rows each)',
  needs: ['obd/obd_bts_men.csv', 'obd/obd_bts_women.csv', 'obd/obd_random_men.csv', 'obd/obd_random_women.csv'],
  run() {
    const timings: Timing[] = [];
    for (const campaign of ['men', 'women']) {
      const cold = once(`${campaign}: read + parse bts logs (first read)`, () => readBanditLogs(join(dataDir, 'obd', `obd_bts_${campaign}.csv`)));
      timings.push(cold.timing);
      const random = readBanditLogs(join(dataDir, 'obd', `obd_random_${campaign}.csv`));
      const observed = random.reduce((s, r) => s + r.reward, 0) / random.length;
      const ci = (e: { value: number; ci: [number, number] } | null) => (e ? `${e.value.toFixed(5)} [${e.ci[0].toFixed(5)}, ${e.ci[1].toFixed(5)}]` : 'n/a');
      timings.push(
        time(`${campaign}: IPS + SNIPS + DR, 1000 bootstrap resamples`, () => evaluateOffPolicy(cold.value, 'uniform', { bootstrap: 1000, seed: 1 }), (r) =>
          `IPS ${ci(r.ips)}, DR ${ci(r.dr)}, ESS ${r.effectiveSampleSize.toFixed(0)}; random logs' CTR ${observed.toFixed(4)}`,
        1, 10),
      );
      timings.push(time(`${campaign}: point estimates only (1 resample)`, () => evaluateOffPolicy(cold.value, 'uniform', { bootstrap: 1 })));
    }
    return timings;
  },
};

const suites: Suite[] = [attributionSuite, opeSuite];

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
process.stdout.write(`Measurement benchmarks — Node ${process.version}, data: ${dataDir}\n`);
for (const suite of suites) {
  process.stdout.write(`\n${suite.name}\n`);
  const missing = suite.needs.filter((path) => !existsSync(join(dataDir, path)));
  if (missing.length > 0) {
    process.stdout.write(`  skipped: missing ${missing.join(', ')}\n`);
    continue;
  }
  for (const t of suite.run()) {
    const stats = t.runs > 1 ? `median ${ms(t.medianMs).padStart(10)}  min ${ms(t.minMs).padStart(10)}  (${t.runs} runs)` : `${ms(t.medianMs).padStart(17)}  (once)`;
    process.stdout.write(`  ${t.label.padEnd(52)} ${stats}${t.result ? `  ${t.result}` : ''}\n`);
  }
}
process.stdout.write('\nReports over 2.3M members (pilot, ethical health): npm run bench:reports — builds its database under .tmp/ once.\n');
