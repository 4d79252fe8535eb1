// Runs the attune CLI from source in a child process, as a user would run it.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './shared-data.js';

// An absolute loader URL, so that the CLI can run from any working directory.
export const TSX_LOADER = import.meta.resolve('tsx');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runAttune(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): CliResult {
  const result: SpawnSyncReturns<string> = spawnSync(
    process.execPath,
    ['--import', TSX_LOADER, join(projectRoot, 'src', 'cli', 'main.ts'), ...args],
    {
      cwd: options.cwd ?? projectRoot,
      env: { ...process.env, ...options.env },
      input: options.input,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
