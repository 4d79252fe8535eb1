// `attune recs evaluate`: time-split evaluation of the product-affinity models on a transaction
// log (docs/recommendations.md). Wiring only: loading lives in recs-loader.ts, models in
// src/models/affinity.
import type { Command } from 'commander';
import { z } from 'zod';
import { type MetricsWithMembers, type TimeSplitEvaluation, evaluateTimeSplit } from '../../models/affinity/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { loadTransactions, parseTimestamp } from './recs-loader.js';

const column = z.string({ error: 'is required' }).min(1, 'must name a column');
const positiveInteger = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text) => Number(text))
    .refine((n) => Number.isInteger(n) && n > 0, 'must be a positive integer');

const EvaluateOptions = z.object({
  transactions: z.string({ error: 'is required' }).min(1, 'must name a file'),
  idCol: column,
  itemCol: column,
  dateCol: column,
  split: z
    .string({ error: 'is required' })
    .transform((text) => parseTimestamp(text))
    .refine((time): time is number => time !== null, 'must be a date (YYYY-MM-DD)'),
  k: positiveInteger('10'),
  quantityCol: column.optional(),
  invoiceCol: column.optional(),
  model: z.enum(['blend', 'als', 'itemknn']).default('blend'),
  validationDays: positiveInteger('62'),
  json: z.boolean().default(false),
});

export function registerRecsCommand(program: Command): void {
  const recs = program.command('recs').description('Product recommendations: per-member product affinity.');
  recs
    .command('evaluate')
    .description(
      'Train on the lines before --split, then score top-k recommendations of products each customer bought ' +
        'after the split and had not bought before (precision, recall, nDCG), against recency-weighted popularity.',
    )
    .option('--transactions <file>', 'transaction CSV, optionally gzip-compressed (.csv or .csv.gz)')
    .option('--id-col <name>', 'customer id column (empty = no customer: popularity only)')
    .option('--item-col <name>', 'product id column')
    .option('--date-col <name>', 'timestamp column (YYYY-MM-DD[ HH:MM[:SS]] or ISO 8601)')
    .option('--split <date>', 'first day of the test period')
    .option('--k <n>', 'length of each recommendation list', '10')
    .option('--quantity-col <name>', 'units column (negative = return); without it each line is one unit')
    .option('--invoice-col <name>', 'invoice column; invoices starting with "C" are cancellations')
    .option('--model <name>', 'blend | als | itemknn', 'blend')
    .option('--validation-days <n>', 'days at the end of the training period used to tune the blend', '62')
    .option('--json', 'print the result as JSON')
    .action(async (raw: unknown) => {
      const options = parseOptions(EvaluateOptions, raw);
      const { idCol, itemCol, dateCol, quantityCol, invoiceCol } = options;
      const loaded = await loadTransactions(options.transactions, { idCol, itemCol, dateCol, quantityCol, invoiceCol });
      const first = loaded.log.time.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
      if (!(first < options.split)) throw new CliError(`--split: no transactions before ${isoDate(options.split)}`);
      if (first > options.split - options.validationDays * 86_400_000) {
        throw new CliError(`--validation-days: the training period starts ${isoDate(first)}, too late for ${options.validationDays} validation days before the split`);
      }
      const result = evaluateTimeSplit(loaded.log, { splitTime: options.split, k: options.k, model: options.model, validationDays: options.validationDays });
      if (result.users === 0) throw new CliError('--split: no customer bought before the split and something new after it');
      const report = toReport(result, options.model, options.k, { lines: loaded.lines, customers: loaded.userIds.length, products: loaded.itemIds.length });
      if (options.json) printJson(report);
      else printTable(report);
    });
}

type Metrics = { precision: number; recall: number; ndcg: number };

function metricsOf(m: MetricsWithMembers): Metrics {
  return { precision: m.precision, recall: m.recall, ndcg: m.ndcg };
}

function toReport(result: TimeSplitEvaluation, model: string, k: number, data: { lines: number; customers: number; products: number }) {
  return {
    model: metricsOf(result.model),
    popularity: metricsOf(result.popularity),
    users: result.users,
    k,
    modelName: model,
    components: { als: metricsOf(result.components.als), itemKnn: metricsOf(result.components.itemKnn) },
    tuning: {
      validationStart: isoDate(result.tuning.validationStart),
      halfLifeDays: result.tuning.halfLifeDays,
      weights: result.tuning.weights,
      validation: { model: metricsOf(result.tuning.validation.model), popularity: metricsOf(result.tuning.validation.popularity), users: result.tuning.validation.model.members },
    },
    data,
  };
}

function printTable(report: ReturnType<typeof toReport>): void {
  const k = report.k;
  const rows: Array<[string, Metrics]> = [
    [`${report.modelName} (model)`, report.model],
    ['popularity', report.popularity],
    ['als alone', report.components.als],
    ['item-knn alone', report.components.itemKnn],
  ];
  const lines = [
    `${report.users} customers evaluated (${report.data.lines} lines, ${report.data.customers} customers, ${report.data.products} products)`,
    `${'ranker'.padEnd(18)}${`precision@${k}`.padStart(14)}${`recall@${k}`.padStart(12)}${`nDCG@${k}`.padStart(10)}`,
    ...rows.map(([name, m]) => `${name.padEnd(18)}${m.precision.toFixed(4).padStart(14)}${m.recall.toFixed(4).padStart(12)}${m.ndcg.toFixed(4).padStart(10)}`),
    `blend weights ${JSON.stringify(report.tuning.weights)}, popularity half-life ${report.tuning.halfLifeDays} d (tuned from ${report.tuning.validationStart})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
