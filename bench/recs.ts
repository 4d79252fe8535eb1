// Product-affinity benchmark on UCI Online Retail (../shared/data/retail): fit time of ALS and
// item-kNN on the training split (lines before 2011-09-01) and recommendation throughput
// (members per second for a top-10 list with reasons). Run: npx tsx bench/recs.ts
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTransactions, parseTimestamp } from '../src/cli/commands/recs-loader.js';
import {
  type AffinityParams,
  DEFAULT_ALS_OPTIONS,
  DEFAULT_ITEM_KNN_OPTIONS,
  evaluateTimeSplit,
  fitAls,
  fitItemKnn,
  fitPopularity,
  recommend,
  sparseRow,
  timeSplit,
} from '../src/models/affinity/index.js';
import { sharedDataDir } from '../test/support/shared-data.js';

const file = join(sharedDataDir, 'retail', 'online_retail_uci_541909.csv.gz');
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found (see REFERENCES.md)`);
  process.exit(0);
}

/** Median wall time (ms) of `runs` calls, and the last result. */
function timed<T>(runs: number, work: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)]!, result: result as T };
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const loadStart = performance.now();
const data = await loadTransactions(file, { idCol: 'CustomerID', itemCol: 'StockCode', dateCol: 'InvoiceDate', quantityCol: 'Quantity', invoiceCol: 'InvoiceNo' });
console.log(`load ${data.lines} lines (gzip CSV): ${fmt(performance.now() - loadStart)}`);

const splitTime = parseTimestamp('2011-09-01')!;
const split = timeSplit(data.log, splitTime);
const m = split.interactions;
const members = Array.from({ length: m.rows }, (_, u) => u).filter((u) => m.rowStart[u + 1]! > m.rowStart[u]!);
console.log(`train split: ${m.rows} members × ${m.cols} products, ${m.values.length} non-zeros, ${members.length} members with history`);

const als = timed(3, () => fitAls(m));
const o = DEFAULT_ALS_OPTIONS;
console.log(`ALS fit (f=${o.factors}, ${o.iterations} iterations, ${o.cgSteps} CG steps): ${fmt(als.ms)} (median of 3)`);
const knn = timed(3, () => fitItemKnn(m));
console.log(`item-kNN fit (${DEFAULT_ITEM_KNN_OPTIONS.neighbours} neighbours): ${fmt(knn.ms)} (median of 3)`);
const popularity = fitPopularity(split.popularityEvents, m.cols, { asOf: splitTime, halfLifeDays: 7 });

const params: AffinityParams = { items: m.cols, als: als.result, itemKnn: knn.result, popularity, weights: { als: 0.2, itemKnn: 0.1, popularity: 0.7 } };
const throughput = (label: string, memberOf: (u: number) => Parameters<typeof recommend>[1]): void => {
  const { ms } = timed(1, () => {
    for (const u of members) recommend(params, memberOf(u), { count: 10, excludePurchased: true });
  });
  console.log(`${label}: ${Math.round(members.length / (ms / 1000))} members/s (${members.length} members in ${fmt(ms)})`);
};
throughput('recommend top-10 with reasons, stored factors', (u) => ({ history: sparseRow(m, u), trainedUser: u, purchased: sparseRow(split.purchasedBefore, u).cols }));
throughput('recommend top-10 with reasons, folded-in members', (u) => ({ history: sparseRow(m, u), purchased: sparseRow(split.purchasedBefore, u).cols }));

const evaluation = timed(1, () => evaluateTimeSplit(data.log, { splitTime, k: 10 }));
const r = evaluation.result;
console.log(`full evaluation (tune on validation, refit, score ${r.users} customers): ${fmt(evaluation.ms)}`);
for (const [name, v] of [['blend', r.model], ['popularity', r.popularity], ['als', r.components.als], ['item-knn', r.components.itemKnn]] as const) {
  console.log(`  ${name.padEnd(10)} precision@10 ${v.precision.toFixed(4)}  recall@10 ${v.recall.toFixed(4)}  nDCG@10 ${v.ndcg.toFixed(4)}`);
}
console.log(`  weights ${JSON.stringify(r.tuning.weights)}, half-life ${r.tuning.halfLifeDays} d`);
