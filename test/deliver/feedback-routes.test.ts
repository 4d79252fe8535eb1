import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { signWebhook } from '../../src/deliver/channels/index.js';
import { createTokenSigner, tokenSignerFor, type TokenSigner } from '../../src/deliver/tokens.js';
import type { AttuneServer } from '../../src/server/app.js';
import { getProfile } from '../../src/store/index.js';
import { adminHeaders } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';
import { addMember, eventsNamed, memberServer } from './support/members.js';

const SECRET = 'whsec_feedback_0123456789';

describeEachStore('feedback routes', ({ store }) => {
  let server: AttuneServer;
  let signer: TokenSigner;
  let ada: string;
  beforeAll(async () => {
    vi.stubEnv('ATTUNE_WEBHOOK_SECRET', SECRET);
    server = await memberServer(store());
    vi.unstubAllEnvs();
    signer = await tokenSignerFor(store());
    ada = await addMember(store(), 'ada', 'ada@example.com');
  });
  afterAll(() => server.close());

  const get = (url: string) => server.app.inject({ method: 'GET', url });

  it('redirects a tracked click to the signed URL and counts repeated clicks on the same link once', async () => {
    const target = 'https://athena.example/trail-socks?size=M&utm_source=attune';
    const token = signer.issue({ purpose: 'click', profileId: ada, decisionId: 'd-1', channel: 'email', url: target });
    for (let i = 0; i < 3; i++) {
      const response = await get(`/c/${token}`);
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe(target);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const other = signer.issue({ purpose: 'click', profileId: ada, decisionId: 'd-1', channel: 'email', url: 'https://athena.example/vest' });
    expect((await get(`/c/${other}`)).statusCode).toBe(302);
    const clicks = await eventsNamed(store(), ada, 'Email Link Clicked');
    expect(clicks.map((c) => c.properties)).toEqual([
      { channel: 'email', decision_id: 'd-1', link_url: target },
      { channel: 'email', decision_id: 'd-1', link_url: 'https://athena.example/vest' },
    ]);

    const push = signer.issue({ purpose: 'click', profileId: ada, decisionId: 'd-2', channel: 'push', url: target });
    expect((await get(`/c/${push}`)).statusCode).toBe(302);
    expect(await eventsNamed(store(), ada, 'Message Clicked')).toMatchObject([{ properties: { channel: 'push', decision_id: 'd-2' } }]);
    // The rollup counts unique clicks, as ingest saw them.
    expect((await getProfile(store().db, ada))?.stats.emailsClicked).toBe(2);
  });

  it('never redirects anywhere that was not signed: tampered and foreign tokens get a page, expired ones a knowing choice', async () => {
    const token = signer.issue({ purpose: 'click', profileId: ada, decisionId: 'd-1', url: 'https://athena.example/' });
    const [, mac] = token.split('.');
    const evil = Buffer.from(JSON.stringify({ p: 'click', s: ada, d: 'd-1', u: 'https://evil.example/', e: 4102444800 })).toString('base64url');
    for (const bad of [`${evil}.${mac}`, createTokenSigner(['e'.repeat(40)]).issue({ purpose: 'click', profileId: ada, decisionId: 'd', url: 'https://evil.example/' })]) {
      const response = await get(`/c/${bad}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.body).not.toContain('evil.example');
    }
    const expired = signer.issue({ purpose: 'click', profileId: ada, decisionId: 'd-old', url: 'https://athena.example/old', exp: Math.floor(Date.now() / 1000) - 10 });
    const response = await get(`/c/${expired}`);
    expect(response.statusCode).toBe(410);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('<a href="https://athena.example/old">athena.example</a>');
    expect((await eventsNamed(store(), ada, 'Email Link Clicked')).some((c) => c.properties.decision_id === 'd-old')).toBe(false);
  });

  it('serves the open pixel, recording one open per message, and a pixel without recording for bad tokens', async () => {
    const token = signer.issue({ purpose: 'open', profileId: ada, decisionId: 'd-open', channel: 'email' });
    for (let i = 0; i < 2; i++) {
      const response = await get(`/o/${token}.gif`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/gif');
      expect(response.rawPayload.subarray(0, 6).toString('ascii')).toBe('GIF89a');
      expect(response.rawPayload.length).toBe(42);
    }
    expect(await eventsNamed(store(), ada, 'Email Opened')).toMatchObject([{ properties: { decision_id: 'd-open', channel: 'email' } }]);
    const bad = await get('/o/nonsense.gif');
    expect(bad.statusCode).toBe(200);
    expect(bad.headers['content-type']).toBe('image/gif');
    expect(await eventsNamed(store(), ada, 'Email Opened')).toHaveLength(1);
  });

  const receipt = (payload: unknown, options: { secret?: string; at?: number; gzip?: boolean } = {}) => {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'attune-signature': signWebhook(body, options.secret ?? SECRET, options.at) };
    if (options.gzip) headers['content-encoding'] = 'gzip';
    return server.app.inject({ method: 'POST', url: '/v1/feedback/webhook', headers, payload: options.gzip ? gzipSync(body) : body });
  };

  it('records signed delivery receipts once, and refuses unsigned, tampered or stale ones', async () => {
    const delivered = { idempotencyKey: 'd-sms', profileId: ada, channel: 'sms', status: 'delivered', providerMessageId: 'SM123', occurredAt: '2026-06-01T10:00:00Z' };
    const first = await receipt(delivered);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ outcome: 'recorded' });
    expect((await receipt(delivered)).json()).toEqual({ outcome: 'duplicate' });
    expect((await receipt(delivered, { gzip: true })).json()).toEqual({ outcome: 'duplicate' });
    expect(await eventsNamed(store(), ada, 'Message Delivered')).toEqual([{
      messageId: expect.stringMatching(/^receipt-/), timestamp: '2026-06-01T10:00:00.000Z',
      properties: { channel: 'sms', decision_id: 'd-sms', status: 'delivered', provider_message_id: 'SM123' },
    }]);

    const unsigned = await server.app.inject({ method: 'POST', url: '/v1/feedback/webhook', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(delivered) });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error).toBe('invalid Attune-Signature (missing)');
    expect((await receipt(delivered, { secret: 'wrong-secret-0123456789' })).json().error).toBe('invalid Attune-Signature (mismatch)');
    expect((await receipt(delivered, { at: Date.now() - 600_000 })).json().error).toBe('invalid Attune-Signature (stale)');
    const body = JSON.stringify(delivered);
    const tampered = await server.app.inject({
      method: 'POST', url: '/v1/feedback/webhook', payload: body.replace('delivered', 'bounced'),
      headers: { 'content-type': 'application/json', 'attune-signature': signWebhook(body, SECRET) },
    });
    expect(tampered.statusCode).toBe(401);
    const invalid = await receipt({ ...delivered, status: 'exploded' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().issues[0].path).toBe('status');
    expect((await receipt({ ...delivered, profileId: 'nobody' })).json()).toEqual({ outcome: 'unknown_member' });
  });

  it('turns an email spam complaint into an unsubscribe through ingest, and SMS failures into Message Failed', async () => {
    const bo = await addMember(store(), 'bo', 'bo@example.com');
    expect((await receipt({ idempotencyKey: 'd-b', profileId: bo, channel: 'email', status: 'complained' })).json()).toEqual({ outcome: 'recorded' });
    expect((await getProfile(store().db, bo))?.consent.channels.email).toBe(false);
    expect(await eventsNamed(store(), bo, 'Email Marked as Spam')).toMatchObject([{ properties: { reason: 'complaint' } }]);
    await receipt({ idempotencyKey: 'd-c', profileId: bo, channel: 'sms', status: 'bounced', reason: 'Unreachable +1 555 0100 / bo@example.com' });
    expect(await eventsNamed(store(), bo, 'Message Failed')).toMatchObject([{ properties: { channel: 'sms', permanent: true, reason: 'Unreachable +1 555 0100 / <address>' } }]);
  });

  it('reads bounce reports posted by an administrator into Email Bounced events', async () => {
    const cy = await addMember(store(), 'cy', 'gone@example.net');
    const dsn = readFileSync(new URL('./fixtures/postfix-dsn.eml', import.meta.url), 'utf8');
    const post = (payload: string, headers: Record<string, string> = { ...adminHeaders, 'content-type': 'message/rfc822' }) =>
      server.app.inject({ method: 'POST', url: '/v1/feedback/bounces', headers, payload });
    const first = await post(dsn);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ failed: 1, recorded: 1, duplicates: 0, unknownMembers: 0 });
    expect((await post(dsn)).json()).toEqual({ failed: 1, recorded: 0, duplicates: 1, unknownMembers: 0 });
    expect(await eventsNamed(store(), cy, 'Email Bounced')).toMatchObject([{ properties: { status: '5.1.1', permanent: true, decision_id: '0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21' } }]);
    expect((await post('Subject: hello\r\n\r\nnot a report')).statusCode).toBe(400);
    expect((await post(dsn, { 'content-type': 'message/rfc822' })).statusCode).toBe(401);
  });
});

describeEachStore('feedback receipts without a secret', ({ store }) => {
  it('are refused with 503 and a hint', async () => {
    const server = await memberServer(store());
    try {
      const response = await server.app.inject({ method: 'POST', url: '/v1/feedback/webhook', headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toContain('ATTUNE_WEBHOOK_SECRET');
    } finally {
      await server.close();
    }
  });
});
