// `attune lift`: incrementality of each treatment arm over the control arm of a randomized test
// (e.g. the Hillstrom email experiment), with a sample-ratio check and optional anytime-valid
// intervals and CUPED variance reduction.
import type { Command } from 'commander';
import { z } from 'zod';
import {
  type ArmSummary,
  type CovariateStats,
  type Interval,
  compareArms,
  cupedAdjust,
  sampleRatioMismatch,
  sequentialInterval,
  summarizeMean,
  summarizeProportion,
} from '../../measure/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { columnIndex, numberAt, readCsvTable, reportingDataErrors } from './measure-loader.js';

const liftOptions = z.object({
  data: z.string({ error: 'required: a CSV file with one row per unit' }).min(1),
  armCol: z.string({ error: 'required: the column naming each unit\'s arm' }).min(1),
  control: z.string({ error: 'required: the name of the control arm' }).min(1),
  metric: z.string({ error: 'required: the outcome column (e.g. visit, conversion, spend)' }).min(1),
  alpha: z.coerce.number().gt(0).lt(1).default(0.05),
  sequential: z.boolean().default(false),
  tuningN: z.coerce.number().positive().default(5000),
  cupedCol: z.string().min(1).optional(),
  json: z.boolean().default(false),
});
type LiftOptions = z.infer<typeof liftOptions>;

export function registerLiftCommand(program: Command): void {
  program
    .command('lift')
    .description('Lift of each treatment arm over the control arm, with confidence intervals and a sample-ratio check.')
    .option('--data <file>', 'CSV file, one row per unit (customer)')
    .option('--arm-col <column>', 'column holding each unit\'s arm (e.g. treatment or segment)')
    .option('--control <arm>', 'value of the arm column that marks the control (holdout) arm')
    .option('--metric <column>', 'outcome column; 0/1 columns are treated as proportions')
    .option('--alpha <number>', 'error rate of the intervals', '0.05')
    .option('--sequential', 'add anytime-valid intervals (asymptotic confidence sequence)')
    .option('--tuning-n <units>', 'total units at which the sequential interval is tightest', '5000')
    .option('--cuped-col <column>', 'pre-period covariate for CUPED variance reduction (e.g. history)')
    .option('--json', 'print JSON')
    .action((raw: Record<string, unknown>) => {
      const options = parseOptions(liftOptions, raw);
      const report = reportingDataErrors('--data', () => computeLift(options));
      if (raw.json) printJson(report);
      else process.stdout.write(formatLift(report));
    });
}

interface ArmLift {
  n: number;
  mean: number;
  adjustedMean?: number;
  absLift: number;
  absCI: Interval;
  relLift: number;
  relCI: Interval;
  pValue: number;
  relPValue: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  sequential?: { tuningN: number; absCI: Interval; relCI: Interval };
}

export interface LiftReport {
  metric: string;
  metricKind: 'proportion' | 'mean';
  alpha: number;
  control: { name: string; n: number; mean: number; adjustedMean?: number };
  arms: Record<string, ArmLift>;
  srm: ReturnType<typeof sampleRatioMismatch> & { counts: Record<string, number> };
  cuped?: { covariate: string; theta: number; varianceReduction: number };
}

/** Per-arm sums of the metric (and of the covariate, for CUPED), in order of first appearance. */
function accumulateArms(options: LiftOptions): { arms: Map<string, CovariateStats>; binary: boolean } {
  const table = readCsvTable(options.data, '--data');
  const armAt = columnIndex(table, options.armCol, '--arm-col');
  const metricAt = columnIndex(table, options.metric, '--metric');
  const covariateAt = options.cupedCol ? columnIndex(table, options.cupedCol, '--cuped-col') : -1;
  const arms = new Map<string, CovariateStats>();
  let binary = true;
  table.rows.forEach((cells, row) => {
    const arm = cells[armAt] ?? '';
    const y = numberAt(table, row, metricAt);
    const x = covariateAt < 0 ? 0 : numberAt(table, row, covariateAt);
    if (y !== 0 && y !== 1) binary = false;
    const s = arms.get(arm) ?? { n: 0, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 };
    s.n += 1;
    s.sumY += y;
    s.sumY2 += y * y;
    s.sumX += x;
    s.sumX2 += x * x;
    s.sumXY += x * y;
    arms.set(arm, s);
  });
  return { arms, binary };
}

export function computeLift(options: LiftOptions): LiftReport {
  const { arms, binary } = accumulateArms(options);
  const names = [...arms.keys()];
  if (!arms.has(options.control)) {
    throw new CliError(`--control: arm "${options.control}" not found in column "${options.armCol}" (arms: ${names.join(', ')})`);
  }
  const treatments = names.filter((name) => name !== options.control);
  if (treatments.length === 0) throw new CliError(`--arm-col: column "${options.armCol}" has no arm besides the control`);
  const ordered = [options.control, ...treatments];
  const stats = ordered.map((name) => arms.get(name) as CovariateStats);

  const raw: ArmSummary[] = stats.map((s) =>
    binary ? summarizeProportion({ n: s.n, successes: s.sumY }) : summarizeMean({ n: s.n, sum: s.sumY, sumSquares: s.sumY2 }),
  );
  const cuped = options.cupedCol ? cupedAdjust(stats) : undefined;
  const analysed = cuped ? cuped.arms : raw;
  const control = analysed[0] as ArmSummary;

  const armLifts: Record<string, ArmLift> = {};
  treatments.forEach((name, k) => {
    const treatment = analysed[k + 1] as ArmSummary;
    const lift = compareArms(control, treatment, options.alpha);
    const entry: ArmLift = { n: treatment.n, mean: (raw[k + 1] as ArmSummary).mean, ...lift };
    if (cuped) entry.adjustedMean = treatment.mean;
    if (options.sequential) {
      const seq = { alpha: options.alpha, tuningN: options.tuningN };
      entry.sequential = {
        tuningN: options.tuningN,
        absCI: sequentialInterval(control, treatment, { ...seq, scale: 'absolute' }).ci,
        relCI: sequentialInterval(control, treatment, { ...seq, scale: 'relative' }).ci,
      };
    }
    armLifts[name] = entry;
  });

  const counts = Object.fromEntries(ordered.map((name, i) => [name, (stats[i] as CovariateStats).n]));
  const report: LiftReport = {
    metric: options.metric,
    metricKind: binary ? 'proportion' : 'mean',
    alpha: options.alpha,
    control: { name: options.control, n: control.n, mean: (raw[0] as ArmSummary).mean },
    arms: armLifts,
    srm: { counts, ...sampleRatioMismatch(stats.map((s) => s.n)) },
  };
  if (cuped) {
    report.control.adjustedMean = control.mean;
    report.cuped = { covariate: options.cupedCol as string, theta: cuped.theta, varianceReduction: cuped.varianceReduction };
  }
  return report;
}

function formatLift(report: LiftReport): string {
  const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
  const num = (x: number): string => (report.metricKind === 'proportion' ? pct(x) : x.toFixed(4));
  const lines = [
    `Lift on ${report.metric} (${report.metricKind}), control "${report.control.name}": n = ${report.control.n}, mean ${num(report.control.mean)}`,
  ];
  for (const [name, arm] of Object.entries(report.arms)) {
    lines.push(
      `  ${name}: n = ${arm.n}, mean ${num(arm.mean)}, lift ${num(arm.absLift)} [${num(arm.absCI[0])}, ${num(arm.absCI[1])}], ` +
        `relative ${pct(arm.relLift)} [${pct(arm.relCI[0])}, ${pct(arm.relCI[1])}], p = ${arm.pValue.toPrecision(3)}`,
    );
    if (arm.sequential) {
      lines.push(`    anytime-valid (N* = ${arm.sequential.tuningN}): relative [${pct(arm.sequential.relCI[0])}, ${pct(arm.sequential.relCI[1])}]`);
    }
  }
  if (report.cuped) {
    lines.push(`  CUPED on ${report.cuped.covariate}: θ = ${report.cuped.theta.toPrecision(4)}, variance reduced by ${pct(report.cuped.varianceReduction)}`);
  }
  lines.push(
    `  sample ratio: χ² = ${report.srm.chiSquare.toFixed(3)}, p = ${report.srm.pValue.toPrecision(3)}${report.srm.mismatch ? '  MISMATCH: check assignment' : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
