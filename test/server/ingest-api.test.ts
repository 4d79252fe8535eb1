import { gzipSync } from 'node:zlib';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttuneServer } from '../../src/server/app.js';
import { countEvents, countProfiles } from '../../src/store/index.js';
import { adminHeaders, basic, testServer, WRITE_KEY, writeHeaders } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('Segment-compatible ingestion API', ({ store }) => {
  let server: AttuneServer;
  beforeAll(async () => {
    server = await testServer(store());
  });
  afterAll(() => server.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = writeHeaders) =>
    server.app.inject({ method: 'POST', url, headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const profile = (idType: string, id: string) => server.app.inject({ method: 'GET', url: `/v1/profiles/${idType}/${encodeURIComponent(id)}`, headers: adminHeaders });

  it('accepts every call type and answers 200 {"success": true} once stored', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['identify', { userId: 'api-1', traits: { email: 'api1@example.com' } }],
      ['track', { userId: 'api-1', event: 'Product Viewed', properties: { product_id: 'p1' } }],
      ['page', { userId: 'api-1', name: 'Home' }],
      ['screen', { userId: 'api-1', name: 'Cart' }],
      ['group', { userId: 'api-1', groupId: 'household-7', traits: { name: 'The Smiths' } }],
      ['alias', { userId: 'api-1', previousId: 'old-anon-1' }],
    ];
    for (const [type, body] of calls) {
      const response = await post(`/v1/${type}`, body);
      expect(response.statusCode, type).toBe(200);
      expect(response.json()).toEqual({ success: true });
    }
    const view = (await profile('userId', 'api-1')).json();
    expect(view.stats.productViews).toBe(1);
    expect(view.stats.pageViews).toBe(2);
    expect(view.identifiers).toContainEqual({ type: 'anonymousId', value: 'old-anon-1' });
  });

  it('rejects missing and wrong write keys with 401', async () => {
    expect((await post('/v1/track', { userId: 'x', event: 'E' }, { 'content-type': 'application/json' })).statusCode).toBe(401);
    expect((await post('/v1/track', { userId: 'x', event: 'E' }, { ...writeHeaders, authorization: basic('nope') })).statusCode).toBe(401);
    expect((await post('/v1/track', { userId: 'x', event: 'E' }, { ...writeHeaders, authorization: `Bearer ${WRITE_KEY}` })).statusCode).toBe(401);
  });

  it('explains invalid JSON and invalid fields with 400, naming the path', async () => {
    const bad = await post('/v1/track', '{"userId": "x", ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid JSON', issues: [{ path: '(root)' }] });
    const missing = await post('/v1/track', { userId: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toContainEqual({ path: 'event', message: 'is required' });
    const noUser = await post('/v1/identify', { traits: {} });
    expect(noUser.json().issues[0]).toMatchObject({ path: 'userId', message: 'userId or anonymousId is required' });
    const badConsent = await post('/v1/track', { userId: 'x', event: 'Consent Updated', properties: { tier: 'everything' } });
    expect(badConsent.statusCode).toBe(400);
    expect(badConsent.json().issues[0].path).toBe('properties.tier');
  });

  it('rejects a batch with one invalid message whole, leaving the database unchanged', async () => {
    const events = await countEvents(store().db);
    const profiles = await countProfiles(store().db);
    const response = await post('/v1/batch', {
      batch: [
        { type: 'identify', userId: 'batch-ok', traits: { email: 'batch-ok@example.com' } },
        { type: 'track', userId: 'batch-ok', event: 'Order Completed', properties: { revenue: 10 } },
        { type: 'track', userId: 'batch-ok' },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid batch; nothing was stored', issues: [{ path: 'batch.2.event', message: 'is required' }] });
    expect(await countEvents(store().db)).toBe(events);
    expect(await countProfiles(store().db)).toBe(profiles);
    expect((await profile('userId', 'batch-ok')).statusCode).toBe(404);
  });

  it('enforces Segment’s limits with 413: 32 KB per message, 500 KB and 2,500 messages per batch', async () => {
    const big = 'x'.repeat(33 * 1024);
    expect((await post('/v1/track', { userId: 'big', event: 'E', properties: { big } })).statusCode).toBe(413);
    const bigInBatch = await post('/v1/batch', { batch: [{ type: 'track', userId: 'big', event: 'E', properties: { big: 'x'.repeat(32 * 1024) } }] });
    expect(bigInBatch.statusCode).toBe(413);
    const tooMany = await post('/v1/batch', { batch: Array.from({ length: 2501 }, (_, i) => ({ type: 'track', userId: `m${i}`, event: 'E' })) });
    expect(tooMany.statusCode).toBe(413);
    const tooBig = await post('/v1/batch', { batch: Array.from({ length: 30 }, (_, i) => ({ type: 'track', userId: `m${i}`, event: 'E', properties: { pad: 'y'.repeat(20 * 1024) } })) });
    expect(tooBig.statusCode).toBe(413);
    expect((await profile('userId', 'big')).statusCode).toBe(404);
  });

  it('stores a retried event once: the same messageId three times counts one order', async () => {
    const order = { userId: 'retry-user', messageId: 'retry-msg-1', event: 'Order Completed', properties: { revenue: 25 } };
    for (let i = 0; i < 3; i++) expect((await post('/v1/track', order)).statusCode).toBe(200);
    expect((await post('/v1/batch', { batch: [{ ...order, type: 'track' }] })).statusCode).toBe(200);
    const view = (await profile('userId', 'retry-user')).json();
    expect(view.stats.orders).toBe(1);
    expect(view.stats.revenue).toBe(25);
  });

  it('assigns a messageId when missing and corrects client clock skew as Segment does', async () => {
    // The client's clock is 1 hour fast: it says it sent at 13:00 an event from 12:55.
    const response = await post('/v1/batch', {
      sentAt: '2026-05-01T13:00:00.000Z',
      batch: [{ type: 'track', userId: 'skew-user', event: 'Product Viewed', timestamp: '2026-05-01T12:55:00.000Z' }],
    });
    expect(response.statusCode).toBe(200);
    const events = (await server.app.inject({ method: 'GET', url: '/v1/profiles/userId/skew-user/events', headers: adminHeaders })).json().events;
    expect(events).toHaveLength(1);
    expect(events[0].messageId).toMatch(/^attune-/);
    const received = Date.parse(events[0].receivedAt);
    expect(Date.parse(events[0].timestamp)).toBe(received - 5 * 60 * 1000);
    expect(events[0].originalTimestamp).toBe('2026-05-01T12:55:00.000Z');
  });

  it('accepts /v1/import as a batch, gzip bodies and text/plain JSON', async () => {
    expect((await post('/v1/import', { batch: [{ type: 'track', userId: 'imp-1', event: 'Order Completed', properties: { revenue: 1 } }] })).statusCode).toBe(200);
    const gz = await server.app.inject({
      method: 'POST', url: '/v1/track', headers: { ...writeHeaders, 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ userId: 'imp-1', event: 'Product Viewed' })),
    });
    expect(gz.statusCode).toBe(200);
    const text = await post('/v1/track', JSON.stringify({ userId: 'imp-1', event: 'Cart Viewed' }), { ...writeHeaders, 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(200);
    const view = (await profile('userId', 'imp-1')).json();
    expect(view.stats.orders).toBe(1);
    expect(view.stats.productViews).toBe(1);
  });

  it('works with the real Segment Node.js client pointed at Attune', async () => {
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const analytics = new Analytics({ writeKey: WRITE_KEY, host: address, flushAt: 3, maxRetries: 0 });
    analytics.identify({ userId: 'segment-sdk-user', traits: { email: 'sdk@example.com', name: 'Sam' } });
    analytics.track({ userId: 'segment-sdk-user', event: 'Order Completed', properties: { order_id: 'sdk-1', revenue: 42.5 } });
    analytics.page({ anonymousId: 'sdk-anon', name: 'Landing' });
    analytics.alias({ userId: 'segment-sdk-user', previousId: 'sdk-anon' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    const view = (await profile('email', 'SDK@example.com')).json();
    expect(view.traits.name).toBe('Sam');
    expect(view.stats.orders).toBe(1);
    expect(view.stats.revenue).toBe(42.5);
    expect(view.stats.pageViews).toBe(1);
  });
});
