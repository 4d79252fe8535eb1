// Progress bars on stderr for long commands. Only drawn on a terminal, so that piped and
// scripted runs (and --json output on stdout) stay clean.
import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, detail?: string): void;
  stop(): void;
}

/** A bar when the total is known, a running count otherwise. */
export function progressBar(label: string, total?: number): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const format = total === undefined
    ? `${label} {value} {unit} {detail}`
    : `${label} [{bar}] {percentage}% | {value}/{total} {unit} | {detail}`;
  const bar = new cliProgress.SingleBar({ format, stream: process.stderr, hideCursor: true, clearOnComplete: false, fps: 5 }, cliProgress.Presets.shades_classic);
  bar.start(total ?? 0, 0, { unit: '', detail: '' });
  return {
    update: (value, detail = '') => bar.update(value, { detail }),
    stop: () => bar.stop(),
  };
}
