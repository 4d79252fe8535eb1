// Test-only CLI entry: the `lint` command alone, run the way src/cli/main.ts runs all commands.
import { Command } from 'commander';
import { registerLintCommand } from '../../../src/cli/commands/lint.js';
import { runCli } from '../../../src/cli/run.js';

const program = new Command().name('attune');
registerLintCommand(program);
await runCli(program, process.argv);
