// `attune serve`: the HTTP API on the embedded SQLite file or PostgreSQL, with the loop's
// background work: event triggers every minute, and delivery when a channel is configured.
import type { Command } from 'commander';
import { z } from 'zod';
import { ConfigError } from '../../decide/config.js';
import { processTriggers } from '../../decide/index.js';
import { channelsFromEnv, closeChannels } from '../../deliver/channels/index.js';
import { startDeliveryLoop, type DeliveryLoop } from '../../deliver/worker.js';
import { createEngine } from '../../engine/engine.js';
import { buildServer } from '../../server/app.js';
import { resolveCredentials } from '../../server/credentials.js';
import { openStore, resolveDatabaseTarget, type Store } from '../../store/index.js';
import { CliError, parseOptions } from '../run.js';
import { addDbOption } from '../store.js';

export const serveOptions = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4000),
  host: z.string().min(1).default('127.0.0.1'),
  db: z.string().optional(),
  config: z.string().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServeOptions = z.infer<typeof serveOptions>;

const TRIGGER_INTERVAL_MS = 60_000;

export function registerServeCommand(program: Command): void {
  addDbOption(
    program
      .command('serve')
      .description('Run the HTTP API (Segment-compatible ingestion, decisions, the admin API, member pages).')
      .option('--port <port>', 'port to listen on (default: $PORT or 4000)')
      .option('--host <host>', 'interface to listen on', '127.0.0.1')
      .option('--config <file>', 'attune.config.json (default: $ATTUNE_CONFIG, ./attune.config.json, the Athena example)')
      .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent', 'info'),
  ).action(async (raw: Record<string, unknown>) => {
    const options = parseOptions(serveOptions, { ...raw, port: raw.port ?? process.env.PORT });
    const store = await openStore(resolveDatabaseTarget(options.db)).catch((error: unknown) => {
      throw new CliError(`cannot open database: ${error instanceof Error ? error.message : String(error)}`, 1);
    });
    await serve(store, options);
  });
}

/** Serves until SIGINT/SIGTERM, then finishes queued work and closes the store. */
export async function serve(store: Store, options: ServeOptions, banner: string[] = []): Promise<void> {
  let engine;
  let channels;
  try {
    engine = await createEngine(store, { ...(options.config ? { configPath: options.config } : {}), publicUrl: process.env.ATTUNE_PUBLIC_URL ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port || 4000}` });
    channels = channelsFromEnv();
  } catch (error) {
    await store.close();
    throw new CliError(error instanceof ConfigError ? error.message : (error as Error).message);
  }
  const { credentials, demoWriteKey, demoAdminToken } = await resolveCredentials(store);
  const server = await buildServer({
    store, credentials, logLevel: options.logLevel, decide: engine.decide, explainDecision: engine.explainDecision,
    relint: engine.relint, onCatalogChange: engine.refreshCatalog,
  });
  const address = await server.app.listen({ port: options.port, host: options.host }).catch(async (error: unknown) => {
    await store.close();
    throw new CliError(`cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`, 1);
  });

  const log = server.app.log;
  const deps = { store, ...engine.decide };
  const triggerTimer = setInterval(() => {
    processTriggers(deps).catch((error: unknown) => log.error({ err: { message: (error as Error).message } }, 'trigger pass failed'));
  }, TRIGGER_INTERVAL_MS);
  const delivery: DeliveryLoop | undefined = Object.keys(channels).length > 0
    ? startDeliveryLoop({ store, config: engine.config, channels, writer: server.writer }, 5000, (error) => log.error({ err: { message: (error as Error).message } }, 'delivery pass failed'))
    : undefined;

  const lines = [
    ...banner,
    `Attune is listening on ${address}`,
    `  database:     ${store.location} (${store.dialect})`,
    `  API:          ${address}/openapi.json`,
    `  delivery:     ${delivery ? Object.keys(channels).join(', ') : 'no channel configured (set ATTUNE_SMTP_URL and ATTUNE_EMAIL_FROM to send email); messages wait in the outbox'}`,
  ];
  if (demoWriteKey) lines.push(`  write key:    ${demoWriteKey}   (demo key; set ATTUNE_WRITE_KEYS or run \`attune keys create\` for real ones)`);
  if (demoAdminToken) lines.push(`  admin token:  ${demoAdminToken}   (set ATTUNE_ADMIN_TOKEN in production)`);
  lines.push(`  try:          curl -u ${demoWriteKey ?? '<write key>'}: ${address}/v1/track -H 'content-type: application/json' -d '{"userId":"u1","event":"Product Viewed"}'`);
  process.stdout.write(`${lines.join('\n')}\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('shutting down: finishing queued work');
  clearInterval(triggerTimer);
  await delivery?.stop();
  await server.close();
  await closeChannels(channels);
  await store.close();
}
