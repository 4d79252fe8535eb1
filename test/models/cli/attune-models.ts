// Test-only CLI entry with just the clv and churn commands, until they are registered in
// src/cli/main.ts. Runs exactly like the real `attune` (same runCli error handling).
import { Command } from 'commander';
import { registerChurnCommand } from '../../../src/cli/commands/churn.js';
import { registerClvCommand } from '../../../src/cli/commands/clv.js';
import { runCli } from '../../../src/cli/run.js';

const program = new Command().name('attune');
registerClvCommand(program);
registerChurnCommand(program);
await runCli(program, process.argv);
