// `attune demo`: run a simulated loyalty program under the chosen policies and print the pilot
// table; with --serve (what `npm start` does) the API then stays up on the demo's data.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { ConfigError } from '../../decide/config.js';
import { armTarget, DEMO_DEFAULTS, DEMO_POLICIES, DemoError, formatDemo, runDemo, type DemoPolicy } from '../../demo/index.js';
import { openStore, resolveDatabaseTarget } from '../../store/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { addDbOption } from '../store.js';
import { serve, serveOptions } from './serve.js';

const policyList = z.string().transform((value, ctx) => {
  const names = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const unknown = names.filter((p) => !(DEMO_POLICIES as readonly string[]).includes(p));
  if (unknown.length > 0 || names.length === 0) {
    ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${DEMO_POLICIES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}` });
    return z.NEVER;
  }
  return [...new Set(names)] as DemoPolicy[];
});

const demoOptions = z.object({
  members: z.coerce.number().int().min(100).max(5_000_000).default(DEMO_DEFAULTS.members),
  weeks: z.coerce.number().int().min(1).max(104).default(DEMO_DEFAULTS.weeks),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(DEMO_DEFAULTS.seed),
  historyWeeks: z.coerce.number().int().min(4).max(156).default(DEMO_DEFAULTS.historyWeeks),
  policy: policyList.default([...DEMO_DEFAULTS.policies]),
  db: z.string().optional(),
  config: z.string().optional(),
  json: z.boolean().optional(),
  serve: z.boolean().optional(),
  port: serveOptions.shape.port,
  host: serveOptions.shape.host,
});

/** One bar per arm on a terminal; nothing when output is piped. */
function progressBars(): { update: (arm: DemoPolicy, stage: string, done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const multi = new cliProgress.MultiBar({
    format: '{arm} [{bar}] {percentage}% | {stage}', stream: process.stderr, hideCursor: true, clearOnComplete: false, fps: 5,
  }, cliProgress.Presets.shades_classic);
  const bars = new Map<DemoPolicy, cliProgress.SingleBar>();
  return {
    update(arm, stage, done, total) {
      let bar = bars.get(arm);
      if (bar === undefined) {
        bar = multi.create(1, 0, { arm: arm.padEnd(6), stage });
        bars.set(arm, bar);
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { arm: arm.padEnd(6), stage });
    },
    stop: () => multi.stop(),
  };
}

export function registerDemoCommand(program: Command): void {
  addDbOption(
    program
      .command('demo')
      .description('Simulate the Athena loyalty program and compare Attune with a weekly email blast (all results simulated).')
      .option('--members <n>', 'members in the simulated world', String(DEMO_DEFAULTS.members))
      .option('--weeks <n>', 'weeks of the pilot', String(DEMO_DEFAULTS.weeks))
      .option('--seed <n>', 'seed of the world', String(DEMO_DEFAULTS.seed))
      .option('--history-weeks <n>', 'weeks of history before the pilot', String(DEMO_DEFAULTS.historyWeeks))
      .option('--policy <list>', `policies to run, comma-separated: ${DEMO_POLICIES.join(', ')}`, DEMO_DEFAULTS.policies.join(','))
      .option('--config <file>', 'attune.config.json (default: $ATTUNE_CONFIG, ./attune.config.json, the Athena example)')
      .option('--json', 'print the result as JSON')
      .option('--serve', 'serve the API on the demo data afterwards (what `npm start` does)')
      .option('--port <port>', 'with --serve: port (default: $PORT or 4000)')
      .option('--host <host>', 'with --serve: interface', '127.0.0.1'),
  ).action(async (raw: Record<string, unknown>) => {
    const options = parseOptions(demoOptions, { ...raw, port: raw.port ?? process.env.PORT });
    const target = resolveDatabaseTarget(options.db);
    const bars = progressBars();
    let result;
    try {
      result = await runDemo({
        target, members: options.members, weeks: options.weeks, seed: options.seed, historyWeeks: options.historyWeeks,
        policies: options.policy, ...(options.config !== undefined ? { configPath: options.config } : {}), progress: bars.update,
      });
    } catch (error) {
      if (error instanceof DemoError || error instanceof ConfigError) throw new CliError(error.message);
      throw error;
    } finally {
      bars.stop();
    }
    if (options.json) printJson(result);
    else process.stdout.write(formatDemo(result));
    if (!options.serve) return;
    const arm = armTarget(target, options.policy.includes('attune') ? 'attune' : (options.policy[0] as DemoPolicy));
    const store = await openStore(arm.target, arm.schema !== undefined ? { schema: arm.schema } : {});
    await serve(store, { port: options.port, host: options.host, logLevel: 'warn', ...(options.config !== undefined ? { config: options.config } : {}) }, [
      '',
      `The API serves the demo's ${arm.schema ?? 'attune'} data (simulated). Explore: GET /v1/reports/pilot, /v1/tasks, /v1/profiles/userId/ath-00000001/timeline (admin token below).`,
      'Your own data: point a Segment SDK at this server with the write key below, or `attune import` a CSV/JSONL file (README).',
    ]);
  });
}
