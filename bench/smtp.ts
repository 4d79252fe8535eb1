// SMTP delivery rate through the email channel (nodemailer's pool) to a local smtp-server that
// runs in a child process, so sender and receiver each have a core. Messages are realistic:
// ~6 KB of HTML plus the text part and the one-click unsubscribe headers.
// Run: npx tsx bench/smtp.ts [messages=5000]   (the same file, with --sink PORT, is the receiving server)
import { createServer, type AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createEmailChannel, type OutgoingMessage } from '../src/deliver/channels/index.js';
import { startNode } from './support/processes.js';

/** Child mode: a sink that accepts everything, and reports how many messages it received when stopped. */
async function sink(port: number): Promise<void> {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received++;
        callback();
      });
      stream.resume();
    },
  });
  server.listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
  process.on('SIGTERM', () => {
    console.log(`received ${received}`);
    process.exit(0);
  });
}

const paragraph = '<p>We thought you might like these for your new running routine: light socks that keep their shape over long miles, and a vest that carries water without bouncing.</p>\n';
const html = `<!doctype html><html><body><table role="presentation" width="100%"><tr><td>${paragraph.repeat(24)}</td></tr></table></body></html>`;
const text = paragraph.replace(/<[^>]+>/g, '').repeat(8);

function message(i: number): OutgoingMessage {
  return {
    idempotencyKey: `bench-${i.toString(36)}-${Date.now().toString(36)}`,
    channel: 'email',
    profileId: `p-${i}`,
    to: `member${i}@example.com`,
    subject: 'Start with 5K, build to 10K',
    html,
    text,
    unsubscribeUrl: `https://attune.example/u/${'eyJwIjoidW5zdWJzY3JpYmUi'.repeat(7)}.${'x'.repeat(43)}`,
    metadata: {},
  };
}

/** Sends `count` messages with at most `inFlight` awaiting an answer; returns messages/s and client CPU per message. */
async function run(send: (m: OutgoingMessage) => Promise<boolean>, count: number, inFlight: number): Promise<{ rate: number; cpuUs: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) {
      if (!(await send(message(next++)))) failed++;
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { rate: count / seconds, cpuUs: (used.user + used.system) / count, failed };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 5000);
  const port = await freePort();
  const server = await startNode('bench/smtp.ts', ['--sink', String(port)], {}, /listening on \d+/);
  let output = '';
  server.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `smtp://127.0.0.1:${port}`;
  let expected = 0;

  console.log(`SMTP delivery to a local smtp-server (child process), ${count} messages of ~${Math.round((html.length + text.length) / 1024)} KB each, Node ${process.version}`);
  console.log('configuration                      messages/s   client CPU µs/msg   failed');
  const row = (label: string, r: { rate: number; cpuUs: number; failed: number }) =>
    console.log(`${label.padEnd(34)} ${r.rate.toFixed(0).padStart(10)}   ${r.cpuUs.toFixed(0).padStart(17)}   ${String(r.failed).padStart(6)}`);

  for (const connections of [1, 5, 10]) {
    const channel = createEmailChannel({ smtpUrl: url, from: '"Athena Running" <hello@athena.example>', maxConnections: connections });
    await run(async (m) => (await channel.send(m)).status === 'sent', 200, connections * 4); // warm-up: connections open, JIT
    const result = await run(async (m) => (await channel.send(m)).status === 'sent', count, connections * 4);
    expected += 200 + count;
    row(`email channel, pool of ${connections}`, result);
    await channel.close();
  }

  // For comparison: a new connection (greeting, EHLO, QUIT) for every message.
  const unpooled = createTransport({ url });
  const perMessage = Math.min(count, 1000);
  const result = await run(async (m) => {
    try {
      await unpooled.sendMail({ from: 'hello@athena.example', to: m.to, subject: m.subject, text: m.text, ...(m.html !== undefined ? { html: m.html } : {}) });
      return true;
    } catch {
      return false;
    }
  }, perMessage, 10);
  expected += perMessage;
  row('no pool, 10 concurrent connections', result);
  unpooled.close();

  await server.stop();
  const received = Number(/received (\d+)/.exec(output)?.[1]);
  console.log(`server received ${received} of ${expected} messages sent`);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const sinkAt = process.argv.indexOf('--sink');
if (sinkAt >= 0) void sink(Number(process.argv[sinkAt + 1]));
else await main();
