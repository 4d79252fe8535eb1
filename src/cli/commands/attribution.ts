// `attune attribution`: credit per channel for the conversions of a file of journeys, under a
// rule-based, Markov or Shapley model.
import type { Command } from 'commander';
import { z } from 'zod';
import { type Attribution, attribute, attributionModels } from '../../measure/index.js';
import { parseOptions, printJson } from '../run.js';
import { readJourneys, reportingDataErrors } from './measure-loader.js';

const attributionOptions = z.object({
  paths: z.string({ error: 'required: a CSV file of journeys (path;total_conversions;…)' }).min(1),
  sep: z.string().min(1).default(';'),
  pathSep: z.string().min(1).default('>'),
  model: z.enum(attributionModels, { error: `must be one of ${attributionModels.join(', ')}` }),
  halfLife: z.coerce.number().positive().default(1),
  samples: z.coerce.number().int().positive().default(2000),
  seed: z.coerce.number().int().default(1),
  json: z.boolean().default(false),
});

export function registerAttributionCommand(program: Command): void {
  program
    .command('attribution')
    .description('Credit each channel with conversions and value (first, last, linear, time-decay, position, markov, shapley).')
    .option('--paths <file>', 'journeys: columns path ("a > b > c"), total_conversions, total_conversion_value, total_null')
    .option('--sep <char>', 'column separator of the file', ';')
    .option('--path-sep <text>', 'separator between channels inside a path', '>')
    .option('--model <name>', attributionModels.join('|'))
    .option('--half-life <n>', 'time-decay half-life, in touches (the file has no timestamps)', '1')
    .option('--samples <n>', 'Shapley: random channel orders when there are more than 15 channels', '2000')
    .option('--seed <n>', 'Shapley: seed of the random orders', '1')
    .option('--json', 'print JSON')
    .action((raw: Record<string, unknown>) => {
      const options = parseOptions(attributionOptions, raw);
      const journeys = readJourneys(options.paths, options.sep, options.pathSep);
      const channels = reportingDataErrors('--paths', () =>
        attribute(journeys, options.model, { halfLife: options.halfLife, samples: options.samples, seed: options.seed }),
      );
      if (options.json) printJson({ model: options.model, channels });
      else process.stdout.write(formatAttribution(options.model, channels));
    });
}

function formatAttribution(model: string, channels: Attribution): string {
  const rows = Object.entries(channels).sort(([, a], [, b]) => b.conversions - a.conversions);
  const lines = [`${model} attribution`, `  ${'channel'.padEnd(16)}${'conversions'.padStart(14)}${'value'.padStart(14)}`];
  for (const [name, credit] of rows) {
    const effect = credit.removalEffect === undefined ? '' : `   removal effect ${credit.removalEffect.toFixed(4)}`;
    lines.push(`  ${name.padEnd(16)}${credit.conversions.toFixed(2).padStart(14)}${credit.value.toFixed(2).padStart(14)}${effect}`);
  }
  return `${lines.join('\n')}\n`;
}
