// Runs `attune serve` in a child process, as a user would, for tests that need a real process
// (crash and restart). Resolves once the server prints its address.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TSX_LOADER } from './cli.js';
import { projectRoot } from './shared-data.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export function startServerProcess(db: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(projectRoot, 'src/cli/main.ts'), 'serve', '--port', '0', '--db', db, '--log-level', 'warn'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve({ child, url: match[1] as string, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}
