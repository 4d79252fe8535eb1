// Test-only CLI entry: the measurement commands alone, run the way src/cli/main.ts runs them all.
import { Command } from 'commander';
import { registerAttributionCommand } from '../../src/cli/commands/attribution.js';
import { registerLiftCommand } from '../../src/cli/commands/lift.js';
import { registerOpeCommand } from '../../src/cli/commands/ope.js';
import { runCli } from '../../src/cli/run.js';

const program = new Command().name('attune');
registerLiftCommand(program);
registerAttributionCommand(program);
registerOpeCommand(program);
await runCli(program, process.argv);
