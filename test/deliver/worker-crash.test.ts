// A crash mid-delivery: the delivery worker process is killed (SIGKILL) in the middle of an SMTP
// transaction, restarted, and every queued message arrives exactly once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { decideAndRecord } from '../../src/decide/index.js';
import { findProfileId } from '../../src/profiles/index.js';
import { listOutbox, openStore } from '../../src/store/index.js';
import { TSX_LOADER } from '../support/cli.js';
import { alwaysWorthConfig, plainComposer } from '../support/decide.js';
import { ingestRaw } from '../support/ingest.js';
import { projectRoot } from '../support/shared-data.js';
import { describeEachStore } from '../support/stores.js';

const MESSAGES = 12;
const KILL_AT = 5;

function runWorker(db: string, smtpPort: number, configPath: string): { exited: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [
    '--import', TSX_LOADER, join(projectRoot, 'src/cli/main.ts'), 'deliver', '--once', '--db', db, '--config', configPath, '--lease', '1000',
  ], { env: { ...process.env, ATTUNE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ATTUNE_EMAIL_FROM: 'hello@athena.example' }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { exited, kill: () => child.kill('SIGKILL') };
}

describeEachStore('delivery worker crash', ({ store, target }) => {
  it('delivers every message exactly once after the worker is killed mid-transaction', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const configPath = join(mkdtempSync(join(tmpdir(), 'attune-crash-')), 'attune.config.json');
    const now = Date.now() - 60 * 1000;
    // Members without a time zone are in UTC: their send hour is the current one, so all are due.
    const timing = { defaultHour: new Date(now).getUTCHours() };
    const config = alwaysWorthConfig({ timing });
    writeFileSync(configPath, JSON.stringify({ actions: config.actions, holdout: { share: 0 }, guardrails: { quietHours: { start: '00:00', end: '00:00' } }, timing }));

    for (let i = 0; i < MESSAGES; i++) {
      await ingestRaw(store(), [{ type: 'identify', userId: `crash-${i}`, traits: { email: `crash${i}@example.com` } }], now);
      const profileId = (await findProfileId(store().db, 'userId', `crash-${i}`)) as string;
      await decideAndRecord({ store: store(), config, compose: plainComposer }, profileId, { mode: 'realtime', now });
    }
    const queued = await listOutbox(store().db, { states: ['queued'] });
    expect(queued).toHaveLength(MESSAGES);

    // The server counts a message only when its transaction completes. When the KILL_AT-th one
    // arrives, it kills the worker before answering: that message is in flight, not delivered.
    const delivered = new Map<string, number>();
    let arrivals = 0;
    let killWorker: () => void = () => {};
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          arrivals++;
          if (arrivals === KILL_AT) {
            killWorker();
            return; // never answered: the client dies mid-transaction
          }
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            const id = mail.messageId ?? '';
            delivered.set(id, (delivered.get(id) ?? 0) + 1);
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const first = runWorker(target().url(), port, configPath);
      killWorker = first.kill;
      await first.exited;
      expect(delivered.size).toBeLessThan(MESSAGES);
      // The killed worker's lease (1 s) must expire before another worker may take its message.
      await new Promise((r) => setTimeout(r, 1200));
      const second = runWorker(target().url(), port, configPath);
      expect(await second.exited).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(delivered.size).toBe(MESSAGES);
    expect([...delivered.values()].every((count) => count === 1)).toBe(true);
    const check = await openStore(target().url());
    try {
      expect((await listOutbox(check.db, { states: ['sent'] })).length).toBe(MESSAGES);
    } finally {
      await check.close();
    }
  });
});
