// `attune clv`: customer lifetime value from an RFM summary or a raw transaction log.
//   clv summarize  transactions → summary CSV (id,frequency,recency,T,monetary_value)
//   clv fit        summary → BG/NBD, Pareto/NBD or Gamma-Gamma parameters
//   clv predict    summary → expected purchases, P(alive), expected spend and CLV per customer
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  predictCustomerValue,
  summarizePurchases,
  type CustomerSummary,
  type GammaGammaParams,
  type PurchaseModel,
} from '../../models/clv/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { DATE_FORMATS, formatSummaryCsv, parseIsoDateOption, readPurchases, readSummary } from './clv-input.js';

const MODELS = ['bgnbd', 'paretonbd', 'gammagamma'] as const;
type ModelName = (typeof MODELS)[number];
const MODEL_LABELS: Record<ModelName, string> = { bgnbd: 'BG/NBD', paretonbd: 'Pareto/NBD', gammagamma: 'Gamma-Gamma' };

const fitOptions = z.object({
  summary: z.string({ error: 'required: an RFM summary CSV (frequency|x, recency|t_x, T[, monetary_value|zbar])' }).min(1),
  model: z.enum(MODELS, { error: `must be one of ${MODELS.join(', ')}` }),
  penalizer: z.coerce.number().min(0).default(0),
  json: z.boolean().default(false),
});

const summarizeOptions = z.object({
  transactions: z.string({ error: 'required: a transaction log (CSV, or space-separated like CDNOW_master.txt)' }).min(1),
  idCol: z.string({ error: 'required: the customer id column' }).min(1),
  dateCol: z.string({ error: 'required: the purchase date column' }).min(1),
  amountCol: z.string().min(1).optional(),
  calibrationEnd: z.string({ error: 'required: last day of the calibration period, YYYY-MM-DD' }),
  unit: z.enum(['day', 'week', 'month'], { error: 'must be one of day, week, month' }).default('week'),
  dateFormat: z.enum(DATE_FORMATS, { error: `must be one of ${DATE_FORMATS.join(', ')}` }).default('auto'),
});

const predictOptions = z.object({
  summary: z.string({ error: 'required: an RFM summary CSV' }).min(1),
  horizon: z.coerce.number({ error: 'required: a number of time units' }).positive(),
  model: z.enum(['bgnbd', 'paretonbd'], { error: 'must be one of bgnbd, paretonbd' }).default('bgnbd'),
  modelParams: z.string().min(1).optional(),
  spendParams: z.string().min(1).optional(),
  discountRate: z.coerce.number().min(0).default(0),
  penalizer: z.coerce.number().min(0).default(0),
  json: z.boolean().default(false),
});

const positive = z.number().positive().finite();
const BGNBD_PARAMS = z.object({ r: positive, alpha: positive, a: positive, b: positive });
const PARETONBD_PARAMS = z.object({ r: positive, alpha: positive, s: positive, beta: positive });
const GAMMAGAMMA_PARAMS = z.object({ p: positive, q: positive, gamma: positive });

export function registerClvCommand(program: Command): void {
  const clv = program.command('clv').description('Customer lifetime value: BG/NBD, Pareto/NBD and Gamma-Gamma models.');

  clv
    .command('summarize')
    .description('Summarize a transaction log per customer over a calibration period (CSV on stdout).')
    .option('--transactions <file>', 'transaction log: CSV/TSV, or space-separated (.gz accepted)')
    .option('--id-col <column>', 'customer id column')
    .option('--date-col <column>', 'purchase date column')
    .option('--amount-col <column>', 'purchase amount column (monetary_value is 0 without it)')
    .option('--calibration-end <date>', 'last day of the calibration period (inclusive), YYYY-MM-DD')
    .option('--unit <unit>', 'time unit of recency and T: day, week (7 days) or month (365.25/12 days)', 'week')
    .option('--date-format <format>', `date format: ${DATE_FORMATS.join(', ')} (auto: yyyymmdd or ISO)`, 'auto')
    .action((raw: Record<string, unknown>) => {
      const options = parseOptions(summarizeOptions, raw);
      const purchases = readPurchases(options.transactions, options);
      const summary = summarizePurchases(purchases, parseIsoDateOption(options.calibrationEnd, '--calibration-end'), options.unit);
      process.stdout.write(formatSummaryCsv(summary));
    });

  clv
    .command('fit')
    .description('Fit a model to an RFM summary by maximum likelihood.')
    .option('--summary <file>', 'RFM summary CSV (frequency|x, recency|t_x, T, monetary_value|zbar; optional id|ID|customer_id)')
    .option('--model <name>', `model: ${MODELS.join(', ')} (gammagamma is fitted on repeat buyers)`)
    .option('--penalizer <number>', 'L2 penalty on the parameters (lifetimes convention)', '0')
    .option('--json', 'print JSON')
    .action((raw: Record<string, unknown>) => {
      const options = parseOptions(fitOptions, raw);
      const { customers, hasMonetaryValue } = readSummary(options.summary);
      if (options.model === 'gammagamma' && !hasMonetaryValue) {
        throw new CliError(`--summary: ${options.summary} has no monetary_value|zbar column, which gammagamma needs`);
      }
      const report = fitReport(options.model, customers, options.penalizer);
      if (options.json) printJson(report);
      else process.stdout.write(formatFit(report));
    });

  clv
    .command('predict')
    .description('Expected purchases, P(alive), expected spend and discounted CLV per customer.')
    .option('--summary <file>', 'RFM summary CSV')
    .option('--horizon <units>', 'prediction horizon in the time unit of the summary (e.g. 39 weeks)')
    .option('--model <name>', 'purchase model: bgnbd or paretonbd', 'bgnbd')
    .option('--model-params <file>', 'purchase model parameters (JSON from `clv fit --json`); fitted on the summary if absent')
    .option('--spend-params <file>', 'Gamma-Gamma parameters (JSON); fitted on the summary if absent and it has spend')
    .option('--discount-rate <rate>', 'discount rate per time unit, compounded continuously (10%/year ≈ 0.00183/week)', '0')
    .option('--penalizer <number>', 'L2 penalty used when fitting here', '0')
    .option('--json', 'print JSON: one object per customer')
    .action((raw: Record<string, unknown>) => {
      const options = parseOptions(predictOptions, raw);
      const { customers, hasMonetaryValue } = readSummary(options.summary);
      const { modelParams, spendParams, penalizer } = options;
      const model: PurchaseModel =
        options.model === 'bgnbd'
          ? {
              kind: 'bgnbd',
              params: modelParams ? readParams(modelParams, 'bgnbd', BGNBD_PARAMS, '--model-params') : guarded(() => fitBgNbd(customers, { penalizer })).params,
            }
          : {
              kind: 'paretonbd',
              params: modelParams
                ? readParams(modelParams, 'paretonbd', PARETONBD_PARAMS, '--model-params')
                : guarded(() => fitParetoNbd(customers, { penalizer })).params,
            };
      let spend: GammaGammaParams | undefined;
      if (spendParams) spend = readParams(spendParams, 'gammagamma', GAMMAGAMMA_PARAMS, '--spend-params');
      else if (hasMonetaryValue) spend = guarded(() => fitGammaGamma(customers, { penalizer })).params;
      const valueOptions = { horizon: options.horizon, discountRate: options.discountRate };
      const predictions = customers.map((c) => {
        const value = predictCustomerValue(model, spend, c, valueOptions);
        return { id: c.id, expectedPurchases: value.expectedPurchases, pAlive: value.pAlive, expectedSpend: value.expectedSpend ?? null, clv: value.clv ?? null };
      });
      if (options.json) printJson(predictions);
      else process.stdout.write(formatPredictions(predictions, options.horizon, model, spend));
    });
}

/** Runs a fit, turning the models' RangeErrors about bad summaries into CLI errors. */
function guarded<T>(fit: () => T): T {
  try {
    return fit();
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(`--summary: ${error.message}`);
    throw error;
  }
}

interface FitReport {
  model: ModelName;
  n: number;
  params: Record<string, number>;
  logLikelihood: number;
  seconds: number;
}

function fitReport(model: ModelName, customers: readonly CustomerSummary[], penalizer: number): FitReport {
  const started = performance.now();
  const fit = guarded(() =>
    model === 'bgnbd' ? fitBgNbd(customers, { penalizer }) : model === 'paretonbd' ? fitParetoNbd(customers, { penalizer }) : fitGammaGamma(customers, { penalizer }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (!fit.converged) process.stderr.write('attune: warning: the optimizer stopped before meeting its tolerances\n');
  return { model, n: fit.n, params: { ...fit.params }, logLikelihood: fit.logLikelihood, seconds };
}

/** Parameters from a JSON file: the output of `clv fit --json`, or a bare parameter object. */
function readParams<S extends z.ZodObject>(path: string, model: ModelName, schema: S, flag: string): z.infer<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${flag}: cannot read JSON from ${path}: ${(error as Error).message}`);
  }
  const wrapper = typeof parsed === 'object' && parsed !== null && 'params' in parsed ? (parsed as { model?: unknown; params: unknown }) : { params: parsed };
  if (wrapper.model !== undefined && wrapper.model !== model) {
    throw new CliError(`${flag}: ${path} holds ${String(wrapper.model)} parameters, expected ${model}`);
  }
  const result = schema.safeParse(wrapper.params);
  if (!result.success) throw new CliError(`${flag}: ${path} must hold positive ${Object.keys(schema.shape).join(', ')} for ${model}`);
  return result.data;
}

function formatFit(report: FitReport): string {
  const who = report.model === 'gammagamma' ? 'repeat buyers' : 'customers';
  const lines = [`${MODEL_LABELS[report.model]} fitted on ${report.n} ${who} in ${report.seconds.toFixed(3)} s`];
  for (const [name, value] of Object.entries(report.params)) lines.push(`  ${name.padEnd(6)} ${value.toFixed(4)}`);
  lines.push(`  log-likelihood ${report.logLikelihood.toFixed(2)}`);
  return `${lines.join('\n')}\n`;
}

interface PredictionRow {
  id: string;
  expectedPurchases: number;
  pAlive: number;
  expectedSpend: number | null;
  clv: number | null;
}

function formatPredictions(rows: readonly PredictionRow[], horizon: number, model: PurchaseModel, spend: GammaGammaParams | undefined): string {
  const params = Object.entries(model.params)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join(', ');
  const lines = [`${MODEL_LABELS[model.kind]} (${params})${spend ? ` + Gamma-Gamma (p ${spend.p.toFixed(4)}, q ${spend.q.toFixed(4)}, gamma ${spend.gamma.toFixed(4)})` : ''}`];
  const total = (pick: (r: PredictionRow) => number | null): number => rows.reduce((sum, r) => sum + (pick(r) ?? 0), 0);
  lines.push(`${rows.length} customers, horizon ${horizon}: ${total((r) => r.expectedPurchases).toFixed(1)} expected purchases, mean P(alive) ${(total((r) => r.pAlive) / rows.length).toFixed(3)}`);
  if (spend) lines.push(`total CLV ${total((r) => r.clv).toFixed(2)}`);
  const top = [...rows].sort((a, b) => (b.clv ?? b.expectedPurchases) - (a.clv ?? a.expectedPurchases)).slice(0, 20);
  lines.push('', `top ${top.length} by ${spend ? 'CLV' : 'expected purchases'} (--json for every customer):`);
  lines.push(`${'id'.padEnd(12)} ${'purchases'.padStart(10)} ${'P(alive)'.padStart(9)} ${'spend'.padStart(9)} ${'CLV'.padStart(10)}`);
  for (const r of top) {
    const money = (v: number | null): string => (v === null ? '-' : v.toFixed(2));
    lines.push(`${r.id.padEnd(12)} ${r.expectedPurchases.toFixed(3).padStart(10)} ${r.pAlive.toFixed(3).padStart(9)} ${money(r.expectedSpend).padStart(9)} ${money(r.clv).padStart(10)}`);
  }
  return `${lines.join('\n')}\n`;
}
