// `attune churn evaluate`: how well churn risk (P(no purchase in the next window)) ranks and
// calibrates on a transaction log, against what happened after a calibration end date.
import type { Command } from 'commander';
import { z } from 'zod';
import { purchaseHistories } from '../../models/clv/index.js';
import { evaluateChurn, type ChurnEvaluation } from '../../models/churn/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { DATE_FORMATS, formatDay, parseIsoDateOption, readPurchases } from './clv-input.js';

const evaluateOptions = z.object({
  transactions: z.string({ error: 'required: a transaction log (CSV, or space-separated like CDNOW_master.txt)' }).min(1),
  idCol: z.string({ error: 'required: the customer id column' }).min(1),
  dateCol: z.string({ error: 'required: the purchase date column' }).min(1),
  amountCol: z.string().min(1).optional(),
  calibrationEnd: z.string({ error: 'required: last day of the calibration period, YYYY-MM-DD' }),
  horizonDays: z.coerce.number().int().positive().optional(),
  dateFormat: z.enum(DATE_FORMATS, { error: `must be one of ${DATE_FORMATS.join(', ')}` }).default('auto'),
  l2: z.coerce.number().min(0).default(1),
  json: z.boolean().default(false),
});

export function registerChurnCommand(program: Command): void {
  const churn = program.command('churn').description('Churn risk: probability of no purchase in the next window.');
  churn
    .command('evaluate')
    .description('Train churn risk as of the calibration end (leak-free) and evaluate it on the window after.')
    .option('--transactions <file>', 'transaction log: CSV/TSV, or space-separated (.gz accepted)')
    .option('--id-col <column>', 'customer id column')
    .option('--date-col <column>', 'purchase date column')
    .option('--amount-col <column>', 'purchase amount column (for the monetary feature)')
    .option('--calibration-end <date>', 'last day of the calibration period (inclusive), YYYY-MM-DD')
    .option('--horizon-days <days>', 'length of the window after the calibration end (default: up to the last purchase in the file)')
    .option('--date-format <format>', `date format: ${DATE_FORMATS.join(', ')} (auto: yyyymmdd or ISO)`, 'auto')
    .option('--l2 <number>', 'L2 penalty of the logistic regression', '1')
    .option('--json', 'print JSON')
    .action((raw: Record<string, unknown>) => {
      const options = parseOptions(evaluateOptions, raw);
      const calibrationEndDay = parseIsoDateOption(options.calibrationEnd, '--calibration-end');
      const purchases = readPurchases(options.transactions, options);
      const lastDay = purchases.reduce((last, p) => Math.max(last, p.day), -Infinity);
      const horizonDays = options.horizonDays ?? lastDay - calibrationEndDay;
      if (!(horizonDays > 0)) {
        throw new CliError(`--calibration-end: no purchases after ${options.calibrationEnd} to evaluate against (last purchase ${formatDay(lastDay)})`);
      }
      let evaluation: ChurnEvaluation;
      try {
        evaluation = evaluateChurn(purchaseHistories(purchases), calibrationEndDay, { windowDays: horizonDays, l2: options.l2 });
      } catch (error) {
        if (error instanceof RangeError) throw new CliError(`--calibration-end: ${error.message}`);
        throw error;
      }
      if (options.json) {
        const { auc, brier, baselines, reliability, n } = evaluation;
        printJson({ auc, brier, baselines, reliability, n });
      } else {
        process.stdout.write(formatEvaluation(evaluation, calibrationEndDay, horizonDays));
      }
    });
}

function formatEvaluation(e: ChurnEvaluation, calibrationEndDay: number, horizonDays: number): string {
  const { training, classifier } = e.model;
  const lines = [
    `churn = no purchase in ${horizonDays} days after ${formatDay(calibrationEndDay)}; ${e.n} members, ${(100 * e.churnRate).toFixed(1)}% churned`,
    `trained on features as of ${formatDay(training.cutoffDay)} with labels from the ${training.windowDays} days after it (${training.n} members, ${(100 * training.churnRate).toFixed(1)}% churned)`,
    '',
    `AUC    ${e.auc.toFixed(4)}   (recency alone ${e.baselines.recency.toFixed(4)}, BG/NBD expected purchases alone ${e.baselines.expectedPurchases.toFixed(4)})`,
    `Brier  ${e.brier.toFixed(4)}`,
    '',
    'reliability   n      predicted  observed',
  ];
  for (const bin of e.reliability) {
    const pct = (v: number | null): string => (v === null ? '-' : v.toFixed(3));
    lines.push(`${bin.lower.toFixed(1)}–${bin.upper.toFixed(1)}   ${String(bin.n).padStart(5)}  ${pct(bin.meanPredicted).padStart(9)}  ${pct(bin.observedRate).padStart(8)}`);
  }
  lines.push('', 'coefficients (standardised features; positive = more churn)');
  classifier.featureNames.forEach((name, i) => lines.push(`  ${name.padEnd(20)} ${(classifier.coefficients[i] as number).toFixed(3).padStart(7)}`));
  return `${lines.join('\n')}\n`;
}
