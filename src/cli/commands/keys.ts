// `attune keys create|list|revoke`: write keys for the ingestion API.
import type { Command } from 'commander';
import { z } from 'zod';
import { createWriteKey, listWriteKeys, revokeWriteKey } from '../../store/index.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { addDbOption, withStore } from '../store.js';

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Manage write keys for the ingestion API.');

  addDbOption(keys.command('create').description('Create a write key and print it (it is shown only once).'))
    .option('--name <name>', 'a label for the key, e.g. the source that will use it', 'default')
    .option('--json', 'print JSON')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(z.object({ name: z.string().min(1).max(100), db: z.string().optional(), json: z.boolean().optional() }), raw);
      const key = await withStore(options.db, (store) => createWriteKey(store.db, options.name));
      if (options.json) printJson({ name: options.name, writeKey: key });
      else process.stdout.write(`${key}\n`);
    });

  addDbOption(keys.command('list').description('List write keys (names and fingerprints, never the keys).'))
    .option('--json', 'print JSON')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(z.object({ db: z.string().optional(), json: z.boolean().optional() }), raw);
      const list = await withStore(options.db, (store) => listWriteKeys(store.db));
      if (options.json) printJson(list);
      else for (const k of list) process.stdout.write(`${k.fingerprint}  ${k.name}  ${k.revokedAt === null ? 'active' : 'revoked'}\n`);
    });

  addDbOption(keys.command('revoke').description('Revoke a write key.').argument('<key>', 'the write key'))
    .action(async (key: string, raw: Record<string, unknown>) => {
      const options = parseOptions(z.object({ db: z.string().optional() }), raw);
      const revoked = await withStore(options.db, (store) => revokeWriteKey(store.db, key));
      if (!revoked) throw new CliError('no active write key matches', 1);
      process.stdout.write('revoked\n');
    });
}
