// `attune deliver`: the delivery worker on its own (attune serve also runs one). Channels come
// from the environment: ATTUNE_SMTP_URL + ATTUNE_EMAIL_FROM for email, ATTUNE_WEBHOOK_URL(_SMS|_PUSH|_IN_APP)
// + ATTUNE_WEBHOOK_SECRET for the others.
import type { Command } from 'commander';
import { z } from 'zod';
import { ConfigError, loadConfig, resolveConfigPath } from '../../decide/config.js';
import { channelsFromEnv, closeChannels } from '../../deliver/channels/index.js';
import { deliverDue, startDeliveryLoop } from '../../deliver/worker.js';
import { IngestWriter } from '../../ingest/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { addDbOption, withStore } from '../store.js';

const options = z.object({
  db: z.string().optional(),
  config: z.string().optional(),
  once: z.boolean().optional(),
  interval: z.coerce.number().int().min(100).default(5000),
  lease: z.coerce.number().int().min(100).default(60_000),
  json: z.boolean().optional(),
});

export function registerDeliverCommand(program: Command): void {
  addDbOption(program.command('deliver').description('Run the delivery worker: send due messages from the outbox.'))
    .option('--config <file>', 'attune.config.json (default: $ATTUNE_CONFIG, ./attune.config.json, the Athena example)')
    .option('--once', 'one pass over the due messages, then exit')
    .option('--interval <ms>', 'time between passes', '5000')
    .option('--lease <ms>', 'how long a claimed message is reserved before another worker may retry it', '60000')
    .option('--json', 'print the summary of --once as JSON')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(options, raw);
      let config;
      let channels;
      try {
        config = loadConfig(resolveConfigPath(opts.config));
        channels = channelsFromEnv();
      } catch (error) {
        throw new CliError(error instanceof ConfigError ? error.message : (error as Error).message);
      }
      if (Object.keys(channels).length === 0) throw new CliError('no delivery channel is configured: set ATTUNE_SMTP_URL and ATTUNE_EMAIL_FROM, or ATTUNE_WEBHOOK_URL and ATTUNE_WEBHOOK_SECRET');
      await withStore(opts.db, async (store) => {
        const writer = new IngestWriter(store);
        const worker = { store, config, channels, writer, leaseMs: opts.lease };
        try {
          if (opts.once) {
            const summary = await deliverDue(worker);
            if (opts.json) printJson(summary);
            else process.stdout.write(`${Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
            return;
          }
          process.stdout.write(`delivering ${Object.keys(channels).join(', ')} from ${store.location}\n`);
          const loop = startDeliveryLoop(worker, opts.interval, (error) => process.stderr.write(`attune deliver: ${(error as Error).message}\n`));
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await loop.stop();
        } finally {
          await writer.flush();
          await closeChannels(channels);
        }
      });
    });
}
