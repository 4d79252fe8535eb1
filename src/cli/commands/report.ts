// `attune report <name>`: the measurement reports over the stored data (docs/reports.md), as
// aligned text, --json (the same document as GET /v1/reports/<name>), or --html FILE: one
// self-contained page with charts that can be opened or emailed.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { ConfigError, loadConfig, resolveConfigPath, type AttuneConfig } from '../../decide/index.js';
import {
  formatReport, htmlReport, REPORT_NAMES, ReportInputError, runReport, toTime, type Report, type ReportName, type ReportOptions,
} from '../../measure/reports/index.js';
import type { Store } from '../../store/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { addDbOption, withStore } from '../store.js';

const reportFlags = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  pivot: z.string().optional(),
  actions: z.string().min(1).transform((v) => v.split(',').map((a) => a.trim()).filter((a) => a !== '')).optional(),
  cuped: z.boolean().default(true),
  lookbackDays: z.coerce.number().positive().optional(),
  horizonDays: z.coerce.number().positive().optional(),
  by: z.enum(['channel', 'action']).optional(),
  followUpHours: z.coerce.number().positive().optional(),
  segments: z.boolean().default(true),
  maxRows: z.coerce.number().int().positive().optional(),
  json: z.boolean().default(false),
  html: z.string().min(1).optional(),
  db: z.string().optional(),
  config: z.string().optional(),
});

export function registerReportCommand(program: Command): void {
  addDbOption(
    program
      .command('report [name]')
      .description(`Measurement reports over the stored data: ${REPORT_NAMES.join(' | ')}. With --html FILE and no name: all of them in one page.`)
      .option('--from <date>', 'window start, ISO 8601 (default: 28 days before --to)')
      .option('--to <date>', 'window end, exclusive (default: just after the latest stored event)')
      .option('--pivot <date>', 'pilot: when Attune went live (default: the first recorded decision)')
      .option('--actions <ids>', 'incrementality: comma-separated action ids to report (default: all)')
      .option('--no-cuped', 'incrementality: skip the CUPED adjustment on pre-period spend')
      .option('--lookback-days <days>', 'attribution, ltv: how long before an order a touch counts (default 30)')
      .option('--horizon-days <days>', 'ltv: how long after the first order value is counted (default 180)')
      .option('--by <touchpoint>', 'attribution: channel | action (default channel)')
      .option('--follow-up-hours <hours>', 'ethics: how long after a touch its consequences count (default 48)')
      .option('--no-segments', 'ethics: skip the breakdown by segment (it reads every member\'s stored scores)')
      .option('--max-rows <n>', 'ope: most decisions used; a uniform sample beyond (default 100000)')
      .option('--config <file>', 'attune.config.json with the holdout rule and caps (default: $ATTUNE_CONFIG, ./attune.config.json, the example)')
      .option('--json', 'print JSON')
      .option('--html <file>', 'write a self-contained HTML report with charts'),
  ).action(async (name: string | undefined, raw: Record<string, unknown>) => {
    const options = parseOptions(reportFlags, raw);
    if (name !== undefined && !(REPORT_NAMES as readonly string[]).includes(name)) {
      throw new CliError(`unknown report "${name}": choose ${REPORT_NAMES.join(', ')}`);
    }
    if (name === undefined && options.html === undefined) throw new CliError(`name a report (${REPORT_NAMES.join(', ')}) or pass --html FILE for all of them`);
    // Dates are checked before the database is opened: a typo fails fast, with the flag's name.
    for (const flag of ['from', 'to', 'pivot'] as const) {
      const value = options[flag];
      if (value !== undefined) cliErrors(() => toTime(value, `--${flag}`));
    }
    const { db, html, json, config, ...rest } = options;
    const reportOptions: ReportOptions = { ...rest, config: readConfig(config) };
    const names: ReportName[] = name !== undefined ? [name as ReportName] : [...REPORT_NAMES];
    await withStore(db, async (store) => {
      const results = await runAll(store, names, reportOptions, html === undefined);
      if (html !== undefined) {
        writeFileSync(html, htmlReport(results));
        process.stderr.write(`attune: wrote ${html} (${results.filter((r) => r.report !== undefined).length} of ${results.length} reports)\n`);
      }
      const done = results.flatMap((r) => (r.report === undefined ? [] : [r.report]));
      if (json) printJson(done.length === 1 ? done[0] : Object.fromEntries(done.map((r) => [r.report, r])));
      else if (html === undefined) process.stdout.write(`${done.map(formatReport).join('\n\n')}\n`);
    });
  });
}

/** Runs each report; with `strict` a report that cannot answer is an error, else a note in the page. */
async function runAll(store: Store, names: readonly ReportName[], options: ReportOptions, strict: boolean) {
  const results: Array<{ name: ReportName; report?: Report; error?: string }> = [];
  for (const name of names) {
    try {
      results.push({ name, report: await runReport(store, name, options) });
    } catch (error) {
      if (!(error instanceof ReportInputError)) throw error;
      if (strict) throw new CliError(error.message);
      results.push({ name, error: error.message });
    }
  }
  return results;
}

function readConfig(flag: string | undefined): AttuneConfig {
  try {
    return loadConfig(resolveConfigPath(flag));
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/** Mistakes in the request (a bad date, an empty window) become messages without a stack trace. */
function cliErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ReportInputError) throw new CliError(error.message);
    throw error;
  }
}
