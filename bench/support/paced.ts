// An open-loop load generator for latency at a fixed request rate: requests are sent at evenly
// spaced moments (rate per second), whether or not earlier ones have returned, and each latency
// is measured from the moment the request was due, so a stalled server cannot hide its queue.
// (autocannon's overallRate lets each connection send its per-second quota back to back at the
// start of every second, and its coordinated-omission correction assumes a 1 ms interval at low
// per-connection rates; its figures at a fixed rate mix burst queueing with synthetic samples.)
import { Agent, request } from 'node:http';

export interface PacedResult {
  sent: number;
  completed: number;
  errors: number;
  non2xx: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export async function paced(url: string, options: { rate: number; seconds: number; headers: Record<string, string>; body: () => string }): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = options.body();
    pending.push(new Promise<void>((resolve) => {
      const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...options.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    }));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    sent: total, completed: latencies.length, errors, non2xx, seconds,
    p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}
