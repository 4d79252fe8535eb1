// Test-only entry point: the attune CLI with just the recs command registered, so the command
// can be exercised as a process before it is wired into src/cli/main.ts.
import { Command } from 'commander';
import { registerRecsCommand } from '../../../../src/cli/commands/recs.js';
import { runCli } from '../../../../src/cli/run.js';

const program = new Command().name('attune');
registerRecsCommand(program);
await runCli(program, process.argv);
