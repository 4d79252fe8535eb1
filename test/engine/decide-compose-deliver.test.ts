// The middle of the loop with real parts: the Athena configuration, templates and catalog decide,
// write and lint a message, the worker delivers it over SMTP, and its "Why this?" link explains it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBatch } from '../../src/decide/index.js';
import { closeChannels, createEmailChannel } from '../../src/deliver/channels/index.js';
import { deliverDue } from '../../src/deliver/worker.js';
import { createEngine, EXAMPLE_TEMPLATES, type Engine } from '../../src/engine/engine.js';
import { EXAMPLE_CONFIG_PATH } from '../../src/decide/config.js';
import { buildServer } from '../../src/server/app.js';
import { listOutbox, upsertProducts } from '../../src/store/index.js';
import { CATALOG } from '../compose/fixtures.js';
import { startSmtpServer, type TestSmtpServer } from '../deliver/support/smtp.js';
import { ingestRaw } from '../support/ingest.js';
import { describeEachStore } from '../support/stores.js';

const NOW = Date.parse('2026-05-04T12:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

describeEachStore('decide → compose → deliver', ({ store }) => {
  let engine: Engine;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    const config = JSON.parse(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'));
    config.holdout.share = 0;
    // Make the welcome clearly the best action, so the test does not depend on an exploration draw.
    config.actions.find((a: { id: string }) => a.id === 'welcome_email').prior = { successes: 400, failures: 600 };
    const path = join(mkdtempSync(join(tmpdir(), 'attune-config-')), 'attune.config.json');
    writeFileSync(path, JSON.stringify(config));
    await upsertProducts(store().db, CATALOG);
    engine = await createEngine(store(), { configPath: path, templatesDir: EXAMPLE_TEMPLATES, publicUrl: 'http://127.0.0.1:4000', env: {} });
    smtp = await startSmtpServer();
    await ingestRaw(store(), [
      { type: 'identify', userId: 'new-basic', traits: { email: 'new@example.com', firstName: 'Nia' }, context: { timezone: 'UTC' }, timestamp: iso(NOW - 5 * 86_400_000) },
      { type: 'identify', userId: 'new-personal', traits: { email: 'np@example.com', firstName: 'Pat', size: 'M' }, context: { timezone: 'UTC' }, timestamp: iso(NOW - 3 * 86_400_000) },
      { type: 'track', userId: 'new-personal', event: 'Consent Updated', properties: { tier: 'personalized' }, timestamp: iso(NOW - 3 * 86_400_000) },
    ], NOW);
  });
  afterAll(() => smtp.close());

  it('welcomes new members with a lint-clean email, delivers it, and explains it', async () => {
    const summary = await runBatch({ store: store(), ...engine.decide }, { now: NOW });
    expect(summary.decisions.welcome_email).toBe(2);
    const queued = await listOutbox(store().db, { states: ['queued', 'review'] });
    expect(queued.map((q) => q.state)).toEqual(['queued', 'queued']);
    for (const entry of queued) {
      const message = entry.message as { content: { subject: string; html: string; text: string }; framing: string; violations?: unknown };
      expect(message.framing).toBe('welcome');
      expect(message.violations).toBeUndefined();
      expect(message.content.html).toContain('/u/');
      expect(message.content.text).toMatch(/Nia|Pat/);
    }

    const channels = { email: createEmailChannel({ smtpUrl: smtp.url, from: 'Athena <hello@athena.example>' }) };
    const due = Math.max(...queued.map((q) => q.sendAt));
    const delivered = await deliverDue({ store: store(), config: engine.config, channels, now: () => due });
    await closeChannels(channels);
    expect(delivered.sent).toBe(2);
    const mail = smtp.received.find((m) => m.envelopeTo.includes('np@example.com'));
    expect(mail?.parsed.subject).toBeTruthy();

    const whyUrl = /http:\/\/127\.0\.0\.1:4000(\/why\/[A-Za-z0-9_.-]+)/.exec(mail?.parsed.text ?? '')?.[1];
    expect(whyUrl).toBeDefined();
    const server = await buildServer({ store: store(), credentials: { writeKeys: [], adminToken: 'a' }, logLevel: 'silent', explainDecision: engine.explainDecision });
    try {
      const page = await server.app.inject({ method: 'GET', url: whyUrl as string });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('You recently joined Athena Circle');
    } finally {
      await server.close();
    }
  });
});
