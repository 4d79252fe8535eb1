#!/usr/bin/env node
// The `attune` command line. Each command lives in ./commands and is registered here; commands
// are thin wiring over the modules in src/. Only the command being run is loaded (all of them
// for help), so a quick command does not pay for the modules of the others.
import { Command } from 'commander';
import { runCli } from './run.js';

type Registration = (program: Command) => void;

const COMMANDS: Record<string, () => Promise<Registration>> = {
  serve: async () => (await import('./commands/serve.js')).registerServeCommand,
  demo: async () => (await import('./commands/demo.js')).registerDemoCommand,
  keys: async () => (await import('./commands/keys.js')).registerKeysCommand,
  import: async () => (await import('./commands/import.js')).registerImportCommand,
  deliver: async () => (await import('./commands/deliver.js')).registerDeliverCommand,
  run: async () => (await import('./commands/run-cycle.js')).registerRunCommand,
  train: async () => (await import('./commands/train.js')).registerTrainCommand,
  clv: async () => (await import('./commands/clv.js')).registerClvCommand,
  churn: async () => (await import('./commands/churn.js')).registerChurnCommand,
  recs: async () => (await import('./commands/recs.js')).registerRecsCommand,
  lint: async () => (await import('./commands/lint.js')).registerLintCommand,
  lift: async () => (await import('./commands/lift.js')).registerLiftCommand,
  attribution: async () => (await import('./commands/attribution.js')).registerAttributionCommand,
  ope: async () => (await import('./commands/ope.js')).registerOpeCommand,
  report: async () => (await import('./commands/report.js')).registerReportCommand,
};

const program = new Command()
  .name('attune')
  .description('Attune — a customer engagement engine that knows when to stay silent.')
  .version('0.1.0');

const named = process.argv[2];
const loaders = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named] as () => Promise<Registration>] : Object.values(COMMANDS);
for (const register of await Promise.all(loaders.map((load) => load()))) register(program);

await runCli(program, process.argv);
