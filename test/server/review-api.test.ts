import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXAMPLE_CONFIG_PATH } from '../../src/decide/config.js';
import { runBatch } from '../../src/decide/index.js';
import { createEngine, EXAMPLE_TEMPLATES, type Engine } from '../../src/engine/engine.js';
import { buildServer, type AttuneServer } from '../../src/server/app.js';
import { listOutbox, upsertProducts } from '../../src/store/index.js';
import { CATALOG } from '../compose/fixtures.js';
import { ingestRaw } from '../support/ingest.js';
import { ADMIN_TOKEN, adminHeaders } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';

const NOW = Date.parse('2026-05-04T12:00:00Z');

describeEachStore('review queue', ({ store }) => {
  let engine: Engine;
  let server: AttuneServer;
  let held: string[];
  beforeAll(async () => {
    const config = JSON.parse(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'));
    config.holdout.share = 0;
    const welcome = config.actions.find((a: { id: string }) => a.id === 'welcome_email');
    Object.assign(welcome, { humanReview: true, prior: { successes: 400, failures: 600 } });
    const path = join(mkdtempSync(join(tmpdir(), 'attune-review-')), 'attune.config.json');
    writeFileSync(path, JSON.stringify(config));
    await upsertProducts(store().db, CATALOG);
    engine = await createEngine(store(), { configPath: path, templatesDir: EXAMPLE_TEMPLATES, publicUrl: 'http://127.0.0.1:4000', env: {} });
    await ingestRaw(store(), ['r1', 'r2', 'r3'].map((userId) => ({ type: 'identify', userId, traits: { email: `${userId}@example.com`, firstName: 'Robin' }, timestamp: new Date(NOW - 86_400_000).toISOString() })), NOW);
    await runBatch({ store: store(), ...engine.decide }, { now: NOW });
    held = (await listOutbox(store().db, { states: ['review'] })).map((m) => m.decisionId);
    server = await buildServer({ store: store(), credentials: { writeKeys: [], adminToken: ADMIN_TOKEN }, logLevel: 'silent', relint: engine.relint });
  });
  afterAll(() => server.close());

  const post = (url: string, body: unknown) => server.app.inject({ method: 'POST', url, headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('holds messages of actions that require review and lists them', async () => {
    expect(held).toHaveLength(3);
    const listed = (await server.app.inject({ method: 'GET', url: '/v1/review', headers: adminHeaders })).json().messages;
    expect(listed.map((m: { decisionId: string }) => m.decisionId).sort()).toEqual([...held].sort());
  });

  it('approves a message whose words pass the linter', async () => {
    const approved = await post(`/v1/review/${held[0]}/approve`, { reviewer: 'lee' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('queued');
    expect((await post(`/v1/review/${held[0]}/approve`, { reviewer: 'lee' })).statusCode).toBe(409);
  });

  it('re-lints an edit: creepy words are refused and nothing changes; good words are queued', async () => {
    const creepy = await post(`/v1/review/${held[1]}/edit`, {
      reviewer: 'lee', subject: 'Still thinking about it?',
      text: 'You spent 3 minutes looking at this at 11:47 PM on Tuesday. Only 2 left! Unsubscribe: https://athena.example/unsubscribe',
    });
    expect(creepy.statusCode).toBe(400);
    expect(creepy.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining([expect.stringContaining('creepy.')]));
    expect((await server.app.inject({ method: 'GET', url: `/v1/review/${held[1]}`, headers: adminHeaders })).json().state).toBe('review');
    const good = await post(`/v1/review/${held[1]}/edit`, {
      reviewer: 'lee', subject: 'Welcome to Athena Circle',
      text: 'Welcome, Robin. Here is how Athena Circle works. [Why this?](https://athena.example/why/x) [Unsubscribe](https://athena.example/unsubscribe)',
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().message.content.subject).toBe('Welcome to Athena Circle');
  });

  it('rejects a message for good, with an audit trail of who did what', async () => {
    const rejected = await post(`/v1/review/${held[2]}/reject`, { reviewer: 'kai', reason: 'duplicate of last week' });
    expect(rejected.json().state).toBe('rejected');
    const trail = (await server.app.inject({ method: 'GET', url: `/v1/review/${held[2]}`, headers: adminHeaders })).json().audit;
    expect(trail.map((e: { actor: string; action: string }) => `${e.actor}:${e.action}`)).toEqual(['attune:held', 'kai:rejected']);
    expect((await post(`/v1/review/${held[2]}/reject`, { reviewer: 'kai' })).statusCode).toBe(400);
  });
});
