import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelsFromEnv, classifyHttpFailure, closeChannels, createWebhookChannel, retryAfterMs, signWebhook, verifyWebhookSignature,
  type OutgoingMessage,
} from '../../src/deliver/channels/index.js';
import { closedPort } from './support/smtp.js';

const SECRET = 'whsec_test_0123456789abcdef';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server answering each path as told: `/status/503`, `/slow`, `/ok-json`, `/ok-text`. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const path = request.url ?? '/';
      if (path === '/slow') return void setTimeout(() => response.end('late'), 2000);
      if (path === '/ok-json') return void response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'prov-77' }));
      if (path === '/ok-text') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      const status = Number(/^\/status\/(\d{3})/.exec(path)?.[1] ?? 404);
      const headers: Record<string, string> = status === 429 ? { 'retry-after': '7' } : status === 301 ? { location: '/ok-json' } : {};
      response.writeHead(status, headers).end('no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const message: OutgoingMessage = {
  idempotencyKey: 'dec-123',
  channel: 'push',
  profileId: 'prof-9',
  to: 'device-token-abc',
  text: 'New trail socks are in.',
  pushTitle: 'New arrivals',
  pushBody: 'New trail socks are in.',
  unsubscribeUrl: 'https://attune.example/u/tok',
  metadata: { action: 'new_arrivals', variant: 2, test: true },
};

describe('webhook channel', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  const channelAt = (path: string, timeoutMs?: number) =>
    createWebhookChannel({ channel: 'push', url: `${receiver.url}${path}`, secret: SECRET, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });

  it('POSTs signed JSON with the idempotency key; the receiver verifies the raw body', async () => {
    expect(await channelAt('/ok-json').send(message)).toEqual({ status: 'sent', providerId: 'prov-77' });
    const request = receiver.received.at(-1)!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['attune-idempotency-key']).toBe('dec-123');
    expect(JSON.parse(request.body)).toEqual({
      id: 'dec-123', channel: 'push', profileId: 'prof-9', to: 'device-token-abc', text: 'New trail socks are in.',
      pushTitle: 'New arrivals', pushBody: 'New trail socks are in.', unsubscribeUrl: 'https://attune.example/u/tok',
      metadata: { action: 'new_arrivals', variant: 2, test: true },
    });
    const header = request.headers['attune-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(request.body, header, SECRET)).toMatchObject({ valid: true });
    expect(await channelAt('/ok-text').send(message)).toEqual({ status: 'sent' });
  });

  it('retries only on 5xx, 408 and 429; any other 4xx and redirects are permanent', async () => {
    for (const status of [500, 502, 503, 504, 408, 429]) {
      expect(await channelAt(`/status/${status}`).send(message), String(status)).toMatchObject({ status: 'retryable', httpStatus: status });
    }
    for (const status of [400, 401, 403, 404, 409, 410, 413, 422, 301]) {
      expect(await channelAt(`/status/${status}`).send(message), String(status)).toMatchObject({ status: 'permanent', httpStatus: status });
    }
    expect(await channelAt('/status/429').send(message)).toMatchObject({ retryAfterMs: 7000 });
  });

  it('is retryable on timeouts, network errors and aborts, and says the receiver may have the message', async () => {
    const started = Date.now();
    const slow = await channelAt('/slow', 200).send(message);
    expect(slow).toEqual({ status: 'retryable', reason: 'no answer within 200 ms; the receiver may already have the message' });
    expect(Date.now() - started).toBeLessThan(1500);

    const port = await closedPort();
    const refused = createWebhookChannel({ channel: 'push', url: `http://127.0.0.1:${port}/`, secret: SECRET });
    expect(await refused.send(message)).toEqual({ status: 'retryable', reason: 'network error (ECONNREFUSED)' });

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await channelAt('/slow').send(message, controller.signal)).toMatchObject({ status: 'retryable', reason: expect.stringMatching(/^aborted/) });
  });

  it('refuses a message for another channel, and bad configuration at construction', async () => {
    expect(await channelAt('/ok-json').send({ ...message, channel: 'sms' })).toMatchObject({ status: 'permanent' });
    expect(() => createWebhookChannel({ channel: 'sms', url: 'ftp://x.example', secret: SECRET })).toThrow(/http/);
    expect(() => createWebhookChannel({ channel: 'sms', url: 'https://x.example', secret: 'short' })).toThrow(/ATTUNE_WEBHOOK_SECRET/);
  });

  it('builds the configured channels from the environment', async () => {
    expect(channelsFromEnv({})).toEqual({});
    const channels = channelsFromEnv({
      ATTUNE_WEBHOOK_URL: `${receiver.url}/ok-json`, ATTUNE_WEBHOOK_URL_SMS: `${receiver.url}/status/503`, ATTUNE_WEBHOOK_SECRET: SECRET,
      ATTUNE_SMTP_URL: 'smtp://127.0.0.1:2525', ATTUNE_EMAIL_FROM: 'hello@athena.example',
    });
    expect(Object.keys(channels).sort()).toEqual(['email', 'in_app', 'push', 'sms']);
    expect(await channels.sms!.send({ ...message, channel: 'sms' })).toMatchObject({ status: 'retryable', httpStatus: 503 });
    expect(await channels.push!.send(message)).toMatchObject({ status: 'sent' });
    await closeChannels(channels);
    expect(() => channelsFromEnv({ ATTUNE_WEBHOOK_URL: 'https://x.example' })).toThrow(/ATTUNE_WEBHOOK_SECRET/);
    expect(() => channelsFromEnv({ ATTUNE_SMTP_URL: 'smtp://x.example' })).toThrow(/ATTUNE_EMAIL_FROM/);
  });
});

describe('webhook signatures', () => {
  const body = '{"status":"delivered","idempotencyKey":"dec-1"}';
  const now = Date.UTC(2026, 5, 1, 12, 0, 0);

  it('verifies a good signature and refuses a tampered body, a wrong secret and a stale or future timestamp', () => {
    const header = signWebhook(body, SECRET, now);
    expect(verifyWebhookSignature(body, header, SECRET, 300, now)).toEqual({ valid: true, timestamp: now / 1000 });
    expect(verifyWebhookSignature(Buffer.from(body), header, SECRET, 300, now + 299_000)).toMatchObject({ valid: true });
    expect(verifyWebhookSignature(body.replace('delivered', 'bounced'), header, SECRET, 300, now)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(body, header, `${SECRET}x`, 300, now)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(body, header, SECRET, 300, now + 301_000)).toEqual({ valid: false, reason: 'stale' });
    expect(verifyWebhookSignature(body, header, SECRET, 300, now - 301_000)).toEqual({ valid: false, reason: 'stale' });
  });

  it('refuses missing and malformed headers, and accepts any matching v1 (secret rotation)', () => {
    expect(verifyWebhookSignature(body, undefined, SECRET, 300, now)).toEqual({ valid: false, reason: 'missing' });
    for (const bad of ['v1=abc', 't=123', 't=abc,v1=' + 'a'.repeat(64), 'garbage']) {
      expect(verifyWebhookSignature(body, bad, SECRET, 300, now), bad).toEqual({ valid: false, reason: 'malformed' });
    }
    const old = signWebhook(body, 'old-secret-0123456789', now).split(',')[1];
    const rotated = `${signWebhook(body, SECRET, now)},${old}`;
    expect(verifyWebhookSignature(body, rotated, 'old-secret-0123456789', 300, now)).toMatchObject({ valid: true });
    expect(verifyWebhookSignature(body, rotated, SECRET, 300, now)).toMatchObject({ valid: true });
  });

  it('holds for any body and secret: the signature verifies, and any changed byte breaks it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.string({ minLength: 16 }), fc.nat(), (bytes, secret, at) => {
        const raw = Buffer.from(bytes);
        const header = signWebhook(raw, secret, now);
        expect(verifyWebhookSignature(raw, header, secret, 300, now).valid).toBe(true);
        const changed = Buffer.from(raw);
        const i = at % changed.length;
        changed[i] = (changed[i]! + 1) % 256;
        expect(verifyWebhookSignature(changed, header, secret, 300, now).valid).toBe(false);
      }),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(classifyHttpFailure(503, null, now)).toEqual({ status: 'retryable', reason: 'webhook answered 503', httpStatus: 503 });
  });
});
