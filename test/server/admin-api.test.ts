import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttuneServer } from '../../src/server/app.js';
import { databaseText } from '../support/ingest.js';
import { adminHeaders, testServer, writeHeaders } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('admin API', ({ store }) => {
  let server: AttuneServer;
  beforeAll(async () => {
    server = await testServer(store());
    const batch = [
      { type: 'identify', userId: 'ada', anonymousId: 'ada-phone', traits: { email: 'ada@example.com', phone: '+44 20 7946 0958', loyaltyId: 'L-100' } },
      ...Array.from({ length: 7 }, (_, i) => ({ type: 'track', userId: 'ada', event: 'Product Viewed', timestamp: `2026-06-0${i + 1}T10:00:00Z`, properties: { product_id: `p${i}` } })),
    ];
    const response = await server.app.inject({ method: 'POST', url: '/v1/batch', headers: writeHeaders, payload: JSON.stringify({ batch }) });
    expect(response.statusCode).toBe(200);
  });
  afterAll(() => server.close());

  const get = (url: string, headers: Record<string, string> = adminHeaders) => server.app.inject({ method: 'GET', url, headers });

  it('finds the profile by any identifier type, normalising emails and phones', async () => {
    const ids = ['userId/ada', 'anonymousId/ada-phone', 'email/ADA%40example.com', 'phone/%2B442079460958', 'loyaltyId/L-100'];
    const profileIds = new Set<string>();
    for (const path of ids) {
      const response = await get(`/v1/profiles/${path}`);
      expect(response.statusCode, path).toBe(200);
      profileIds.add(response.json().profileId);
    }
    expect(profileIds.size).toBe(1);
    const [profileId] = [...profileIds];
    expect((await get(`/v1/profiles/profileId/${profileId}`)).json().consent).toEqual({
      tier: 'basic', channels: { email: true, sms: false, push: false, in_app: true },
    });
  });

  it('requires the admin token and validates path parameters', async () => {
    expect((await get('/v1/profiles/userId/ada', {})).statusCode).toBe(401);
    expect((await get('/v1/profiles/userId/ada', { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    const badType = await get('/v1/profiles/shoeSize/ada');
    expect(badType.statusCode).toBe(400);
    expect(badType.json().issues[0].path).toBe('params.idType');
    expect((await get('/v1/profiles/userId/nobody')).statusCode).toBe(404);
  });

  it('changes consent with validation and an audit trail', async () => {
    const put = (payload: unknown) => server.app.inject({ method: 'PUT', url: '/v1/profiles/userId/ada/consent', headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    const invalid = await put({ tier: 'total', channels: { fax: true } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['tier', 'channels']));
    expect((await get('/v1/profiles/userId/ada')).json().consent.tier).toBe('basic');
    const ok = await put({ tier: 'proactive', channels: { sms: true } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().consent).toEqual({ tier: 'proactive', channels: { email: true, sms: true, push: false, in_app: true } });
    expect(ok.json().history).toHaveLength(1);
    expect(ok.json().history[0]).toMatchObject({ source: 'api', before: { tier: 'basic' }, after: { tier: 'proactive' } });
  });

  it('pages through events newest first with a cursor', async () => {
    const first = (await get('/v1/profiles/userId/ada/events?limit=3&dataClass=browsing')).json();
    expect(first.events.map((e: { properties: { product_id: string } }) => e.properties.product_id)).toEqual(['p6', 'p5', 'p4']);
    const second = (await get(`/v1/profiles/userId/ada/events?limit=3&dataClass=browsing&cursor=${first.cursor}`)).json();
    expect(second.events.map((e: { properties: { product_id: string } }) => e.properties.product_id)).toEqual(['p3', 'p2', 'p1']);
    const last = (await get(`/v1/profiles/userId/ada/events?limit=3&dataClass=browsing&cursor=${second.cursor}`)).json();
    expect(last.events).toHaveLength(1);
    expect(last.cursor).toBeUndefined();
    expect((await get('/v1/profiles/userId/ada/events?limit=0')).statusCode).toBe(400);
    expect((await get('/v1/profiles/userId/ada/events?cursor=garbage')).statusCode).toBe(400);
  });

  it('exports everything held about the member, then erases it all', async () => {
    const exported = (await get('/v1/profiles/userId/ada/export')).json();
    expect(exported.tables.events).toHaveLength(8);
    expect(exported.tables.identifiers).toHaveLength(5);
    expect(exported.tables.consent_log).toHaveLength(1);
    const erased = await server.app.inject({ method: 'DELETE', url: '/v1/profiles/email/ada@example.com', headers: adminHeaders });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().deleted).toMatchObject({ profiles: 1, events: 8, identifiers: 5, consent_log: 1 });
    for (const path of ['userId/ada', 'email/ada@example.com', 'anonymousId/ada-phone', 'loyaltyId/L-100']) {
      expect((await get(`/v1/profiles/${path}`)).statusCode).toBe(404);
    }
    const text = await databaseText(store());
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('L-100');
  });

  it('upserts the catalog all or nothing, with clear errors', async () => {
    const put = (payload: unknown) => server.app.inject({ method: 'PUT', url: '/v1/catalog/products', headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    const bad = await put([{ id: 'sock-1', name: 'Trail socks', category: 'socks', price: 12 }, { id: 'vest-1', name: 'Vest', category: 'vests', price: -5, currency: 'dollars' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['1.price', '1.currency']));
    expect((await get('/v1/catalog/products')).json().products).toEqual([]);
    const ok = await put({ products: [
      { id: 'sock-1', name: 'Trail socks', category: 'socks', price: 12, inventory: 40, sizes: ['S', 'M'], margin: 0.5, url: 'https://athena.example/sock-1' },
      { id: 'vest-1', name: 'Hydration vest', category: 'vests', price: 89 },
    ] });
    expect(ok.json()).toEqual({ upserted: 2 });
    await put([{ id: 'vest-1', name: 'Hydration vest', category: 'vests', price: 79, inventory: 3 }]);
    const products = (await get('/v1/catalog/products')).json().products;
    expect(products).toEqual([
      { id: 'sock-1', name: 'Trail socks', category: 'socks', price: 12, currency: 'USD', inventory: 40, sizes: ['S', 'M'], margin: 0.5, url: 'https://athena.example/sock-1' },
      { id: 'vest-1', name: 'Hydration vest', category: 'vests', price: 79, currency: 'USD', inventory: 3, sizes: [], margin: null, url: null },
    ]);
  });

  it('serves health, Prometheus metrics and an OpenAPI document of every route', async () => {
    expect((await get('/healthz', {})).json()).toEqual({ status: 'ok', database: store().dialect });
    const metrics = await get('/metrics', {});
    expect(metrics.body).toContain('attune_events_ingested_total{type="track"} 7');
    expect(metrics.body).not.toContain('ada@example.com');
    const doc = (await get('/openapi.json', {})).json();
    for (const route of server.routes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/v1/track'].post.requestBody.content['application/json'].schema.required).toContain('event');
    expect((await get('/nowhere', {})).statusCode).toBe(404);
  });
});
