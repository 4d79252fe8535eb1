import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer, type AttuneServer } from '../../src/server/app.js';
import { auditTrail, listOutbox } from '../../src/store/index.js';
import { alwaysWorthConfig, plainComposer } from '../support/decide.js';
import { ingestRaw } from '../support/ingest.js';
import { ADMIN_TOKEN, adminHeaders, WRITE_KEY } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('decision API', ({ store }) => {
  let server: AttuneServer;
  beforeAll(async () => {
    server = await buildServer({
      store: store(), credentials: { writeKeys: [WRITE_KEY], adminToken: ADMIN_TOKEN }, logLevel: 'silent',
      decide: { config: alwaysWorthConfig(), compose: plainComposer },
    });
    await ingestRaw(store(), [
      { type: 'identify', userId: 'happy', traits: { email: 'happy@example.com' } },
      { type: 'identify', userId: 'upset', traits: { email: 'upset@example.com', firstName: 'Uma' } },
      { type: 'track', userId: 'upset', event: 'Support Message', properties: { text: 'Third time asking. Still no refund!!! I want to speak to a manager.' } },
      ...Array.from({ length: 6 }, (_, i) => ({ type: 'identify', userId: `crowd-${i}` })),
    ]);
  });
  afterAll(() => server.close());

  const post = (url: string, body: unknown) => server.app.inject({ method: 'POST', url, headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('decides, queues the message at once, and counts it against the caps of the next call', async () => {
    const first = await post('/v1/decide', { idType: 'userId', id: 'happy' });
    expect(first.statusCode, first.body).toBe(200);
    const decision = first.json();
    expect(decision).toMatchObject({ action: 'promo', channel: 'email', holdout: false });
    expect(decision.probability).toBeGreaterThan(0);
    expect(decision.explanation).toContain('New things arrived.');
    const queued = await listOutbox(store().db, { states: ['queued'] });
    expect(queued.map((q) => q.decisionId)).toContain(decision.decisionId);

    const second = (await post('/v1/decide', { idType: 'userId', id: 'happy' })).json();
    expect(second.action).toBe('silence');
    const full = (await server.app.inject({ method: 'GET', url: `/v1/decisions/${second.decisionId}`, headers: adminHeaders })).json();
    expect(full.rejections.map((r: { code: string }) => r.code)).toContain('guardrail.cap.daily');
    expect(full.candidates).toEqual([{ action: 'silence', channel: null, probability: 1, expectedValue: 0 }]);
  });

  it('never queues more than the caps allow under concurrent calls for the same member', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => post('/v1/decide', { idType: 'userId', id: 'crowd-0' })));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(results.filter((r) => r.json().action === 'promo')).toHaveLength(1);
  });

  it('hands an upset member to a person, with the context they need and an audited queue', async () => {
    const decided = (await post('/v1/decide', { idType: 'email', id: 'upset@example.com' })).json();
    expect(decided.action).toBe('human_outreach');
    const tasks = (await server.app.inject({ method: 'GET', url: '/v1/tasks', headers: adminHeaders })).json().tasks;
    const task = tasks.find((t: { decisionId: string }) => t.decisionId === decided.decisionId);
    expect(task).toMatchObject({ state: 'open', reasonCode: 'handover.asked_for_person' });
    expect(task.context.who.name).toBe('Uma');
    expect(task.context.conversations[0].text).toContain('speak to a manager');
    expect(task.context.recentOrders).toBe('not shared by the member (basic tier)');
    expect(task.context.suggestedNextStep).toBeTruthy();

    expect((await post(`/v1/tasks/${task.taskId}/claim`, { agent: 'sam' })).statusCode).toBe(200);
    expect((await post(`/v1/tasks/${task.taskId}/claim`, { agent: 'kim' })).statusCode).toBe(409);
    expect((await post(`/v1/tasks/${task.taskId}/resolve`, { agent: 'kim', outcome: 'resolved' })).statusCode).toBe(409);
    const bad = await post(`/v1/tasks/${task.taskId}/resolve`, { agent: 'sam', outcome: 'fixed-it' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('outcome');
    const resolved = await post(`/v1/tasks/${task.taskId}/resolve`, { agent: 'sam', outcome: 'resolved', note: 'Refund issued' });
    expect(resolved.json()).toMatchObject({ state: 'resolved', outcome: 'resolved', claimedBy: 'sam' });
    expect((await auditTrail(store().db, 'task', task.taskId)).map((e) => `${e.actor}:${e.action}`)).toEqual(['attune:created', 'sam:claimed', 'sam:resolved']);
    // No second hand-over right away: the member was just helped.
    expect((await post('/v1/decide', { idType: 'email', id: 'upset@example.com' })).json().action).not.toBe('human_outreach');
  });

  it('explains a decision in plain language from its recorded reasons', async () => {
    const decided = (await post('/v1/decide', { idType: 'userId', id: 'crowd-1' })).json();
    const why = (await server.app.inject({ method: 'GET', url: `/v1/decisions/${decided.decisionId}/why`, headers: adminHeaders })).json();
    expect(why.explanation).toContain('New things arrived.');
    expect(why.explanation).not.toMatch(/\d{1,2}:\d{2}/);
  });

  it('validates requests and names the field', async () => {
    expect((await post('/v1/decide', { idType: 'userId', id: 'nobody' })).statusCode).toBe(404);
    const badAction = await post('/v1/decide', { idType: 'userId', id: 'crowd-2', context: { actions: ['teleport'] } });
    expect(badAction.json()).toMatchObject({ issues: [{ path: 'context.actions' }] });
    const badKey = await post('/v1/decide', { idType: 'userId', id: 'crowd-2', context: { page: '/home' } });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().issues[0].message).toContain('unknown field');
    const inApp = (await post('/v1/decide', { idType: 'userId', id: 'crowd-2', context: { channels: ['in_app'] } })).json();
    expect(inApp.action).toBe('silence');
  });
});
