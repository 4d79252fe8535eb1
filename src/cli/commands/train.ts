// `attune train [--db …] [--json]`: fit every model on the current database, store versioned
// artifacts and write each profile's scores (src/understand). Progress bars on stderr.
import type { Command } from 'commander';
import { z } from 'zod';
import { trainAndScore, type TrainSummary } from '../../understand/index.js';
import { progressBar, type Progress } from '../progress.js';
import { parseOptions, printJson } from '../run.js';
import { addDbOption, withStore } from '../store.js';

const optionsSchema = z.object({
  db: z.string().optional(),
  json: z.boolean().optional(),
  seed: z.coerce.number().int().optional(),
  now: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date or date-time').transform((v) => Date.parse(v)).optional(),
  sample: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100_000).optional(),
  clusters: z.coerce.number().int().min(1).max(50).optional(),
});

export function registerTrainCommand(program: Command): void {
  addDbOption(program.command('train').description('Fit all models on the database, store versioned artifacts and score every profile.'))
    .option('--json', 'print a JSON summary on stdout')
    .option('--seed <n>', 'seed for sampling, clustering and the churn holdout', '1')
    .option('--now <date>', 'score as of this moment (default: now)')
    .option('--sample <n>', 'fit on at most about this many members (default 50000)')
    .option('--page-size <n>', 'profiles read per page (default 1000)')
    .option('--clusters <n>', 'k-means clusters per consent view (default 8)')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(optionsSchema, raw);
      const bars: Partial<Record<'sample' | 'score', Progress>> = {};
      const summary = await withStore(options.db, (store) =>
        trainAndScore(store, {
          ...(options.now !== undefined ? { now: options.now } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.sample !== undefined ? { maxTrainingMembers: options.sample } : {}),
          ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
          ...(options.clusters !== undefined ? { clusters: options.clusters } : {}),
          progress: (phase, done, total) => {
            if (phase === 'score') bars.sample?.stop();
            bars[phase] ??= progressBar(phase === 'sample' ? 'reading profiles' : 'scoring', total);
            bars[phase].update(done, phase);
          },
        }),
      );
      bars.score?.stop();
      if (options.json) printJson(summary);
      else process.stdout.write(describe(summary));
    });
}

function describe(s: TrainSummary): string {
  const lines = [
    `trained ${s.version}: ${s.trainingMembers} of ${s.profiles} members sampled for fitting, ${s.scored} scored`,
    `time: fit ${s.seconds.fit.toFixed(1)} s, score ${s.seconds.score.toFixed(1)} s`,
    'segments:',
    ...Object.entries(s.segments.shares)
      .filter(([, share]) => share > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name, share]) => `  ${name.padEnd(16)} ${(share * 100).toFixed(1).padStart(5)}%  (${s.segments.counts[name as keyof typeof s.segments.counts]})`),
    'models:',
    ...s.models.map((m) => `  ${m.model.padEnd(10)} reads ${m.dataClasses.join(', ')}${metricText(m.metrics)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function metricText(metrics: Record<string, unknown>): string {
  const shown = ['skipped', 'buyers', 'holdoutAuc', 'holdoutBrier', 'holdoutRecencyAuc', 'products']
    .filter((key) => metrics[key] !== undefined)
    .map((key) => `${key} ${typeof metrics[key] === 'number' ? Number((metrics[key] as number).toPrecision(4)) : String(metrics[key])}`);
  return shown.length > 0 ? ` — ${shown.join(', ')}` : '';
}
