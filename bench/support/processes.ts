// Starting servers in child processes for benchmarks (the load generator runs in the parent,
// so the server has a core of its own), and reading their peak memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}, readyPattern = /ready|listening/i): Promise<Child> {
  const child = spawn(process.execPath, ['--import', TSX, join(projectRoot, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyPattern.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
  return {
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // A server that has not finished shutting down 15 s after SIGTERM is killed, so a
        // benchmark always ends; the warning says so.
        const timer = setTimeout(() => {
          process.stderr.write(`${script} did not exit 15 s after SIGTERM; killing it\n`);
          child.kill('SIGKILL');
        }, 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident memory of a live process (Linux VmHWM), in MB. */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
