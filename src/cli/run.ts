// Shared plumbing for CLI commands: validated options, clear errors, JSON output.
import type { Command } from 'commander';
import { z } from 'zod';

/** An error whose message is meant for the person at the terminal (no stack trace). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Validates commander options with a zod schema. Errors name the option as the user typed it
 * (`--calibration-end`), not the camelCase key.
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.infer<S> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const flag = key ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'options';
    return `${flag}: ${issue.message}`;
  });
  throw new CliError(lines.join('\n'));
}

/** Prints a value as JSON on stdout (the machine-readable contract of `--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export async function runCli(program: Command, argv: string[]): Promise<void> {
  program.exitOverride();
  // `attune … --json | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`attune: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // commander reports help/version and its own usage errors through exitOverride.
    if (error && typeof error === 'object' && 'exitCode' in error && 'code' in error) {
      const code = String((error as { code: unknown }).code);
      if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      process.exitCode = Number((error as { exitCode: unknown }).exitCode) || 2;
      return;
    }
    process.stderr.write(`attune: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
