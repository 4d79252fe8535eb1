// Runs the clv/churn commands through the test-only entry (attune-models.ts) in a child
// process, exactly as `attune` would run them once they are registered in src/cli/main.ts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliResult } from '../../support/cli.js';
import { projectRoot } from '../../support/shared-data.js';

export function runModelsCli(args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'test', 'models', 'cli', 'attune-models.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
