// npm run bench:models — model fitting and scoring speed on one core. Prints figures; asserts
// nothing. Each section is a function in SECTIONS; add a model by adding a section.
//   clv fits:    BG/NBD, Pareto/NBD and Gamma-Gamma on CDNOW (median of several runs after warm-up)
//   clv scoring: expected purchases + P(alive) + expected spend + discounted CLV for 1,000,000
//                synthetic members
//   churn:       leak-free train + score + evaluate on the CDNOW cohort
// Options: --members=N (scoring population, default 1,000,000).
import { readPurchases, readSummary } from '../src/cli/commands/clv-input.js';
import { createRng, randomGamma, randomPoisson } from '../src/core/random.js';
import {
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  predictCustomerValue,
  purchaseHistories,
  type CustomerRfm,
  type PurchaseModel,
} from '../src/models/clv/index.js';
import { evaluateChurn } from '../src/models/churn/index.js';
import { hasSharedData, sharedData } from '../test/support/shared-data.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const MEMBERS = Number(args.get('members') ?? 1_000_000);

interface Section {
  title: string;
  run: () => void;
}

/** Median wall time in milliseconds of `runs` calls after `warmups` unmeasured ones. */
function medianMs(fn: () => unknown, runs: number, warmups: number): { median: number; min: number; max: number } {
  for (let i = 0; i < warmups; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] as number, min: times[0] as number, max: times[runs - 1] as number };
}

function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

const CDNOW_SUMMARY = ['cdnow', 'cdnow_customers_summary_with_transactions.csv'] as const;
const CDNOW_ELOG = ['cdnow', 'cdnow_elog.csv'] as const;

const clvFits: Section = {
  title: 'CLV fits on CDNOW (2,357 customers; 946 repeat buyers for Gamma-Gamma)',
  run() {
    if (!hasSharedData(...CDNOW_SUMMARY)) return line('skipped', 'no ../shared/data/cdnow');
    const customers = readSummary(sharedData(...CDNOW_SUMMARY)).customers;
    const cases: Array<[string, () => unknown, number, number]> = [
      ['BG/NBD fit (target < 100 ms)', () => fitBgNbd(customers), 21, 5],
      ['Pareto/NBD fit', () => fitParetoNbd(customers), 7, 2],
      ['Gamma-Gamma fit', () => fitGammaGamma(customers), 21, 5],
    ];
    for (const [label, fn, runs, warmups] of cases) {
      const t = medianMs(fn, runs, warmups);
      line(label, `median ${t.median.toFixed(1)} ms  (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)}; ${runs} runs after ${warmups} warm-up)`);
    }
  },
};

/** Members with CDNOW-like behaviour: ages up to 78 weeks, a long tail of frequent buyers. */
function syntheticMembers(n: number): CustomerRfm[] {
  const rng = createRng('bench-models-members');
  return Array.from({ length: n }, () => {
    const T = 1 + rng.next() * 77;
    const frequency = randomPoisson(rng, (randomGamma(rng, 0.25) / 4.4) * T * 0.6);
    const recency = frequency > 0 ? T * Math.sqrt(rng.next()) : 0;
    return { frequency, recency, T, monetaryValue: frequency > 0 ? 5 + randomGamma(rng, 6) * 4 : 0 };
  });
}

const clvScoring: Section = {
  title: `CLV scoring, ${MEMBERS.toLocaleString('en-US')} synthetic members, one core (horizon 39 weeks)`,
  run() {
    const members = syntheticMembers(MEMBERS);
    const model: PurchaseModel = { kind: 'bgnbd', params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 } };
    const pareto: PurchaseModel = { kind: 'paretonbd', params: { r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 } };
    const spend = { p: 6.2493, q: 3.7443, gamma: 15.4443 };
    const cases: Array<[string, PurchaseModel, number]> = [
      ['BG/NBD, discount 10%/year (0.00183/week)', model, 0.00183],
      ['BG/NBD, no discount', model, 0],
      ['Pareto/NBD, discount 10%/year', pareto, 0.00183],
    ];
    for (const [label, purchaseModel, discountRate] of cases) {
      let checksum = 0;
      const start = performance.now();
      for (const member of members) {
        const value = predictCustomerValue(purchaseModel, spend, member, { horizon: 39, discountRate });
        checksum += (value.clv as number) + value.pAlive;
      }
      const seconds = (performance.now() - start) / 1000;
      line(label, `${Math.round(members.length / seconds).toLocaleString('en-US')} members/s  (${seconds.toFixed(2)} s; checksum ${checksum.toExponential(6)})`);
    }
  },
};

const churn: Section = {
  title: 'Churn risk on CDNOW (train as of 1997-09-30, evaluate on the next 273 days)',
  run() {
    if (!hasSharedData(...CDNOW_ELOG)) return line('skipped', 'no ../shared/data/cdnow');
    const purchases = readPurchases(sharedData(...CDNOW_ELOG), { idCol: 'Id', dateCol: 'Date', amountCol: 'Price', dateFormat: 'auto' });
    const histories = purchaseHistories(purchases);
    const calibrationEnd = Date.UTC(1997, 8, 30) / 86_400_000;
    let auc = 0;
    const t = medianMs(() => (auc = evaluateChurn(histories, calibrationEnd, { windowDays: 273 }).auc), 5, 1);
    line('train + score + evaluate', `median ${t.median.toFixed(0)} ms  (AUC ${auc.toFixed(4)})`);
  },
};

const SECTIONS: Section[] = [clvFits, clvScoring, churn];

process.stdout.write(`models benchmark — Node ${process.version}, one core\n`);
for (const section of SECTIONS) {
  process.stdout.write(`\n${section.title}\n`);
  section.run();
}
