// `attune run`: the weekly cycle. Learn from last week's outcomes, decide due event triggers,
// then decide for every member (composing and queueing their messages), and summarise.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { ConfigError } from '../../decide/config.js';
import { learnOutcomes, processTriggers } from '../../decide/index.js';
import { createEngine } from '../../engine/engine.js';
import { runParallelBatch } from '../../engine/parallel-batch.js';
import { countProfiles, resolveDatabaseTarget } from '../../store/index.js';
import { progressBar } from '../progress.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { addDbOption, withStore } from '../store.js';

const options = z.object({
  db: z.string().optional(),
  config: z.string().optional(),
  json: z.boolean().optional(),
  now: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date-time').transform((v) => Date.parse(v)).optional(),
  pageSize: z.coerce.number().int().min(1).max(50_000).default(2000),
  threads: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
});

export function registerRunCommand(program: Command): void {
  addDbOption(program.command('run').description('Run the decision cycle: learn from outcomes, decide for every member, queue their messages.'))
    .option('--config <file>', 'attune.config.json (default: $ATTUNE_CONFIG, ./attune.config.json, the Athena example)')
    .option('--now <iso>', 'decide as of this time (default: now)')
    .option('--page-size <n>', 'members per transaction', '2000')
    .option('--threads <n>', 'worker threads that read, decide and compose (default: the number of cores)')
    .option('--json', 'print the summary as JSON')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(options, raw);
      const now = opts.now ?? Date.now();
      const result = await withStore(opts.db, async (store) => {
        let engine;
        try {
          engine = await createEngine(store, opts.config ? { configPath: opts.config } : {});
        } catch (error) {
          throw new CliError(error instanceof ConfigError ? error.message : (error as Error).message);
        }
        const deps = { store, ...engine.decide };
        const learned = await learnOutcomes(store, now);
        const triggers = await processTriggers(deps, now);
        const bar = progressBar('deciding', await countProfiles(store.db));
        try {
          const batch = await runParallelBatch(deps, {
            now, pageSize: opts.pageSize, threads: opts.threads, target: resolveDatabaseTarget(opts.db),
            ...(opts.config ? { engine: { configPath: opts.config } } : {}), onProgress: (members) => bar.update(members, 'members'),
          });
          return { learned, triggers, batch };
        } finally {
          bar.stop();
        }
      });
      if (opts.json) {
        printJson(result);
        return;
      }
      const { learned, triggers, batch } = result;
      const pct = (n: number) => `${((n / Math.max(1, batch.members)) * 100).toFixed(1)}%`;
      const lines = [
        `learned from ${learned.learned} outcomes (${learned.rewards} rewards, ${learned.penalties} penalties; ${learned.notDelivered} never delivered)`,
        `triggers: ${triggers.created} new, ${triggers.decided} decided, ${triggers.cancelled} cancelled, ${triggers.expired} expired`,
        `decided for ${batch.members} members in ${batch.seconds.toFixed(1)} s:`,
        ...Object.entries(batch.decisions).sort((a, b) => b[1] - a[1]).map(([action, n]) => `  ${action.padEnd(28)} ${String(n).padStart(8)}  ${pct(n)}`),
        `silence rate ${(batch.silenceRate * 100).toFixed(1)}%, hand-overs ${batch.handovers}, holdout ${batch.holdout} (${pct(batch.holdout)})`,
        `by channel: ${Object.entries(batch.byChannel).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
        'refusals by reason:',
        ...Object.entries(batch.rejections).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([code, n]) => `  ${code.padEnd(40)} ${n}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
