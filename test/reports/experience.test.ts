// The cumulative experience: contact pressure, the member timeline over HTTP, and the caps report
// — empty when every message went through the guardrails, non-empty when rows bypass them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAndRecord } from '../../src/decide/index.js';
import { capViolationsReport, contactPressure } from '../../src/measure/reports/index.js';
import { findProfileId } from '../../src/profiles/index.js';
import type { AttuneServer } from '../../src/server/app.js';
import { insertOutbox, listOutbox } from '../../src/store/index.js';
import { alwaysWorthConfig, plainComposer } from '../support/decide.js';
import { ingestRaw } from '../support/ingest.js';
import { adminHeaders, testServer } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, HOUR, iso, T0, World } from './world.js';

describe('contact pressure', () => {
  it('is 0 without touches and 100 at the weekly cap, week after week', () => {
    expect(contactPressure([], T0, 2).score).toBe(0);
    const atCap = Array.from({ length: 200 }, (_, week) => [T0 - week * 7 * DAY, T0 - week * 7 * DAY - DAY]).flat();
    expect(contactPressure(atCap, T0, 2).score).toBeGreaterThanOrEqual(90);
    const one = contactPressure([T0 - 7 * DAY], T0, 2);
    expect(one).toMatchObject({ score: 12.5, last7Days: 0, last30Days: 1 });
    // Older than 30 days, or in the future: not counted.
    expect(contactPressure([T0 - 31 * DAY, T0 + DAY], T0, 2).score).toBe(0);
  });
});

describeEachStore('cumulative experience', ({ store }) => {
  const config = alwaysWorthConfig();
  const window = { from: T0, to: T0 + 14 * DAY };
  let server: AttuneServer;
  let member: string;

  beforeAll(async () => {
    await ingestRaw(store(), [
      ...['calm-1', 'calm-2', 'viewer'].map((userId) => ({ type: 'identify', userId, traits: { email: `${userId}@example.com` }, timestamp: iso(T0 - DAY) })),
    ], T0 - DAY);
    server = await testServer(store());
    member = (await findProfileId(store().db, 'userId', 'viewer')) as string;
  });
  afterAll(() => server.close());

  it('finds no span over the caps when every message went through the guardrails', async () => {
    const deps = { store: store(), config, compose: plainComposer };
    for (const userId of ['calm-1', 'calm-2']) {
      const profileId = (await findProfileId(store().db, 'userId', userId)) as string;
      for (let t = T0; t < T0 + 10 * DAY; t += 6 * HOUR) await decideAndRecord(deps, profileId, { mode: 'realtime', now: t });
    }
    const queued = await listOutbox(store().db, { states: ['queued'], limit: 1000 });
    expect(queued.length).toBeGreaterThanOrEqual(4);
    const report = await capViolationsReport(store(), { ...window, config });
    expect(report).toMatchObject({ members: 0, violations: [], truncated: false });
    expect(report.rules.map((r) => r.rule)).toEqual(['cap.daily', 'cap.weekly', 'cap.channel', 'cap.action']);
  });

  it('reports members whose messages bypassed the caps', async () => {
    const w = new World();
    w.member('pushy');
    await w.save(store());
    await insertOutbox(store().db, [0, 4, 9].map((h) => ({
      decisionId: `pushy-${h}`, profileId: 'pushy', action: 'promo', channel: 'email' as const, state: 'queued' as const, promotional: true,
      sendAt: T0 + 2 * DAY + h * HOUR, message: null,
    })), T0);
    const report = await capViolationsReport(store(), { ...window, config });
    expect(report.members).toBe(1);
    expect(report.violations.map((v) => [v.profileId, v.rule, v.key, v.cap, v.touches])).toEqual([
      ['pushy', 'cap.daily', null, 1, 3],
      ['pushy', 'cap.daily', null, 1, 2],
      ['pushy', 'cap.weekly', null, 2, 3],
      ['pushy', 'cap.channel', 'email', 2, 3],
    ]);
    expect(report.violations[0]?.windowStart).toBe(iso(T0 + 2 * DAY));
  });

  it('lists every touch of a member with decision, framing, state and outcome, and the contact pressure', async () => {
    const w = new World();
    w.decision(member, T0, 'promo', { sentAt: T0 + HOUR, outcome: 'reward', message: { framing: 'new_arrivals', subject: 'New' } });
    w.decision(member, T0 + 2 * DAY, 'check_in', { channel: 'push', sentAt: null, sendAt: T0 + 3 * DAY });
    w.task(member, T0 + DAY, { decisionId: 'handover-1' });
    await w.save(store());
    const response = await server.app.inject({ method: 'GET', url: `/v1/profiles/email/viewer@example.com/timeline?to=${iso(T0 + 4 * DAY)}`, headers: adminHeaders });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.touches.map((t: { kind: string; action: string; framing: string | null; state: string; outcome: string | null }) => [t.kind, t.action, t.framing, t.state, t.outcome])).toEqual([
      ['message', 'promo', 'new_arrivals', 'sent', 'reward'],
      ['person', 'human_outreach', null, 'open', null],
      ['message', 'check_in', null, 'queued', null],
    ]);
    expect(body.touches[0].at).toBe(iso(T0 + HOUR));
    // Two contact-state messages in the last 30 days: 2^(−(4d − 1h)/7d) + 2^(−1d/7d), over 2 × the weekly cap (2).
    const expected = (100 * (Math.pow(2, -(4 * DAY - HOUR) / (7 * DAY)) + Math.pow(2, -DAY / (7 * DAY)))) / 4;
    expect(body.contactPressure.score).toBeCloseTo(expected, 1);
    expect(body.contactPressure).toMatchObject({ last7Days: 2, last30Days: 2 });
  });

  it('guards the timeline: admin only, known members, readable dates', async () => {
    const url = '/v1/profiles/email/viewer@example.com/timeline';
    expect((await server.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'GET', url: '/v1/profiles/email/nobody@example.com/timeline', headers: adminHeaders })).statusCode).toBe(404);
    const bad = await server.app.inject({ method: 'GET', url: `${url}?from=yesterday`, headers: adminHeaders });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('query.from');
    const empty = await server.app.inject({ method: 'GET', url: `${url}?from=2025-03-10&to=2025-03-01`, headers: adminHeaders });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatch(/window is empty/);
  });

  it('serves every report under /v1/reports/{name}', async () => {
    const pilot = await server.app.inject({ method: 'GET', url: `/v1/reports/pilot?to=${iso(T0 + 14 * DAY)}`, headers: adminHeaders });
    expect(pilot.statusCode, pilot.body).toBe(200);
    expect(pilot.json()).toMatchObject({ report: 'pilot', pivot: iso(T0) });
    for (const name of ['ethics', 'incrementality', 'attribution', 'ltv', 'ope', 'caps']) {
      const response = await server.app.inject({ method: 'GET', url: `/v1/reports/${name}?from=${iso(T0)}&to=${iso(T0 + 14 * DAY)}`, headers: adminHeaders });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(200);
      expect(response.json().report).toBe(name);
    }
    expect((await server.app.inject({ method: 'GET', url: '/v1/reports/vibes', headers: adminHeaders })).statusCode).toBe(400);
    expect((await server.app.inject({ method: 'GET', url: '/v1/reports/ethics?colour=red', headers: adminHeaders })).statusCode).toBe(400);
    expect((await server.app.inject({ method: 'GET', url: '/v1/reports/ethics' })).statusCode).toBe(401);
  });
});
