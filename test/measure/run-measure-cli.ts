// Runs the test-only CLI entry of the measurement commands in a child process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliResult } from '../support/cli.js';
import { projectRoot } from '../support/shared-data.js';

export function runMeasureCli(args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'test', 'measure', 'cli-entry.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
