// `attune ope`: off-policy evaluation — the value a target policy would have had, estimated from
// the logs of the policy that ran (e.g. the Open Bandit Dataset's Bernoulli Thompson sampling).
import type { Command } from 'commander';
import { z } from 'zod';
import { type OffPolicyReport, type TargetPolicySpec, evaluateOffPolicy } from '../../measure/index.js';
import { parseOptions, printJson } from '../run.js';
import { openBanditColumns, readBanditLogs, readTargetProbabilities, reportingDataErrors } from './measure-loader.js';

const opeOptions = z.object({
  logs: z.string({ error: 'required: a CSV file of logged interactions' }).min(1),
  target: z.string({ error: 'required: uniform, logged, or a CSV file with a probability column' }).min(1),
  bootstrap: z.coerce.number().int().positive().default(1000),
  seed: z.coerce.number().int().default(1),
  alpha: z.coerce.number().gt(0).lt(1).default(0.05),
  rewardModel: z.enum(['action', 'action-position']).default('action'),
  actionCol: z.string().min(1).default(openBanditColumns.action),
  positionCol: z.string().min(1).default(openBanditColumns.position),
  rewardCol: z.string().min(1).default(openBanditColumns.reward),
  propensityCol: z.string().min(1).default(openBanditColumns.propensity),
  json: z.boolean().default(false),
});

export function registerOpeCommand(program: Command): void {
  program
    .command('ope')
    .description('Estimate a target policy\'s value from logged bandit feedback (IPS, self-normalized IPS, doubly robust).')
    .option('--logs <file>', 'CSV of logged interactions (default columns: the Open Bandit Dataset\'s)')
    .option('--target <policy>', 'uniform | logged | FILE (CSV, column probability: target probability of each logged action)')
    .option('--bootstrap <n>', 'bootstrap resamples for the intervals', '1000')
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .option('--alpha <number>', 'error rate of the intervals', '0.05')
    .option('--reward-model <kind>', 'reward model of doubly robust: action | action-position', 'action')
    .option('--action-col <column>', 'action column', openBanditColumns.action)
    .option('--position-col <column>', 'position (slot) column; "none" when actions are not ranked', openBanditColumns.position)
    .option('--reward-col <column>', 'reward column', openBanditColumns.reward)
    .option('--propensity-col <column>', 'logged propensity column', openBanditColumns.propensity)
    .option('--json', 'print JSON')
    .action((raw: Record<string, unknown>) => {
      const options = parseOptions(opeOptions, raw);
      const logs = readBanditLogs(options.logs, {
        action: options.actionCol,
        position: options.positionCol === 'none' ? null : options.positionCol,
        reward: options.rewardCol,
        propensity: options.propensityCol,
      });
      const target: TargetPolicySpec =
        options.target === 'uniform' || options.target === 'logged' ? options.target : readTargetProbabilities(options.target, logs.length);
      const report = reportingDataErrors('--logs', () =>
        evaluateOffPolicy(logs, target, {
          rewardModel: options.rewardModel,
          bootstrap: options.bootstrap,
          seed: options.seed,
          alpha: options.alpha,
        }),
      );
      const output = { target: options.target, rewardModel: options.rewardModel, bootstrap: options.bootstrap, seed: options.seed, ...report };
      if (options.json) printJson(output);
      else process.stdout.write(formatOpe(options.target, report));
    });
}

function formatOpe(target: string, report: OffPolicyReport): string {
  const line = (name: string, e: { value: number; ci: [number, number] } | null): string =>
    e ? `  ${name.padEnd(6)} ${e.value.toFixed(5)}  [${e.ci[0].toFixed(5)}, ${e.ci[1].toFixed(5)}]` : `  ${name.padEnd(6)} n/a (needs the target's full distribution)`;
  return (
    [
      `Value of the ${target} policy from ${report.n} logged rows (${report.actions} actions; logging policy's own value ${report.loggedValue.toFixed(5)})`,
      line('IPS', report.ips),
      line('SNIPS', report.snips),
      line('DR', report.dr),
      `  effective sample size ${report.effectiveSampleSize.toFixed(1)}, largest weight ${report.maxWeight.toFixed(2)}`,
    ].join('\n') + '\n'
  );
}
