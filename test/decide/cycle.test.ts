// Time-travel tests of the stateful parts of deciding: submit events → advance the clock → assert.
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/decide/config.js';
import { learnOutcomes, processTriggers, runBatch, type DecideDeps } from '../../src/decide/index.js';
import { findProfileId } from '../../src/profiles/index.js';
import { decisionsOfProfile, listOutbox, loadArms, setSetting, transitionOutbox } from '../../src/store/index.js';
import { alwaysWorthConfig, plainComposer } from '../support/decide.js';
import { ingestRaw } from '../support/ingest.js';
import { describeEachStore } from '../support/stores.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T12:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

const cartConfig = parseConfig({
  actions: [{
    id: 'cart_reminder', name: 'Your cart is saved', why: 'You left items in your cart.', channels: ['email'], template: 'cart_reminder',
    value: { kind: 'order' }, prior: { successes: 400, failures: 600 },
    eligibility: { conditions: [{ field: 'browsing.cartItems', op: '>=', value: 1 }] },
    trigger: { event: 'Checkout Started', afterHours: 24, cancelOn: ['Order Completed'] },
  }],
  holdout: { share: 0 },
  guardrails: { quietHours: { start: '00:00', end: '00:00' } },
  timing: { defaultHour: 0 },
});

const consent = (userId: string) => ({ type: 'track', userId, event: 'Consent Updated', properties: { tier: 'proactive' }, timestamp: iso(T0 - HOUR) });
const checkout = (userId: string, at: number) => ({ type: 'track', userId, event: 'Checkout Started', timestamp: iso(at), properties: { products: [{ product_id: 'vest', price: 90 }] } });

describeEachStore('the decision cycle', ({ store }) => {
  const deps = (config = cartConfig): DecideDeps => ({ store: store(), config, compose: plainComposer });

  it('sends a cart reminder a day after an abandoned checkout, and cancels it if the order completes first', async () => {
    await ingestRaw(store(), [consent('abandoner'), checkout('abandoner', T0), consent('buyer'), checkout('buyer', T0)]);
    await ingestRaw(store(), [{ type: 'track', userId: 'buyer', event: 'Order Completed', timestamp: iso(T0 + 3 * HOUR), properties: { revenue: 90 } }]);

    const early = await processTriggers(deps(), T0 + 2 * HOUR);
    expect(early).toEqual({ created: 2, decided: 0, cancelled: 0, expired: 0 });
    const due = await processTriggers(deps(), T0 + 25 * HOUR);
    expect(due).toEqual({ created: 0, decided: 1, cancelled: 1, expired: 0 });

    const abandoner = (await findProfileId(store().db, 'userId', 'abandoner')) as string;
    const buyer = (await findProfileId(store().db, 'userId', 'buyer')) as string;
    expect((await decisionsOfProfile(store().db, abandoner)).map((d) => [d.mode, d.action])).toEqual([['trigger', 'cart_reminder']]);
    expect(await decisionsOfProfile(store().db, buyer)).toEqual([]);
    // Scanning again finds nothing new: triggers are created once per event.
    expect(await processTriggers(deps(), T0 + 26 * HOUR)).toEqual({ created: 0, decided: 0, cancelled: 0, expired: 0 });
  });

  it('learns from outcomes a week after sending: an order rewards the action, an unsubscribe penalises it', async () => {
    const config = alwaysWorthConfig();
    await ingestRaw(store(), [{ type: 'identify', userId: 'learner-a', timestamp: iso(T0) }, { type: 'identify', userId: 'learner-b', timestamp: iso(T0) }]);
    const a = (await findProfileId(store().db, 'userId', 'learner-a')) as string;
    const b = (await findProfileId(store().db, 'userId', 'learner-b')) as string;
    const summary = await runBatch(deps(config), { now: T0 });
    expect(summary.decisions.promo).toBeGreaterThanOrEqual(2);
    for (const entry of await listOutbox(store().db, { states: ['queued'] })) {
      if (entry.profileId === a || entry.profileId === b) await transitionOutbox(store().db, entry.decisionId, ['queued'], 'sent', { sentAt: T0 + HOUR }, T0 + HOUR);
    }
    await ingestRaw(store(), [
      { type: 'track', userId: 'learner-a', event: 'Order Completed', timestamp: iso(T0 + 50 * HOUR), properties: { revenue: 80 } },
      { type: 'track', userId: 'learner-b', event: 'Unsubscribed', timestamp: iso(T0 + 30 * HOUR), properties: { channel: 'email' } },
    ]);
    const before = (await loadArms(store().db)).get('promo|tier:basic') ?? { successes: 0, failures: 0, penalties: 0 };
    expect((await learnOutcomes(store(), T0 + 6 * 24 * HOUR)).learned).toBe(0);
    const learned = await learnOutcomes(store(), T0 + 8 * 24 * HOUR);
    expect(learned).toMatchObject({ rewards: 1, penalties: 1 });
    const after = (await loadArms(store().db)).get('promo|tier:basic');
    expect(after).toEqual({ successes: before.successes + 1, failures: before.failures + 1, penalties: before.penalties + 1 });
    expect((await decisionsOfProfile(store().db, a))[0]?.outcome).toBe('reward');
    expect((await decisionsOfProfile(store().db, b))[0]?.outcome).toBe('penalty');
    expect((await learnOutcomes(store(), T0 + 9 * 24 * HOUR)).learned).toBe(0);
  });

  it('summarises a batch run: decisions by action and channel, silence, hand-overs, rejections, holdout', async () => {
    const config = alwaysWorthConfig({ holdout: { share: 0.3, salt: 'batch-test' } });
    const members = Array.from({ length: 60 }, (_, i) => ({ type: 'identify', userId: `batch-${i}`, timestamp: iso(T0) }));
    await ingestRaw(store(), [...members, { type: 'track', userId: 'batch-0', event: 'Complaint Filed', timestamp: iso(T0 + 2 * 24 * HOUR) }]);
    const now = T0 + 3 * 24 * HOUR;
    const summary = await runBatch(deps(config), { now, pageSize: 17 });
    const total = Object.values(summary.decisions).reduce((a, b) => a + b, 0);
    expect(total).toBe(summary.members);
    expect(summary.handovers).toBeGreaterThanOrEqual(1);
    expect(summary.holdout / summary.members).toBeGreaterThan(0.15);
    expect(summary.holdout / summary.members).toBeLessThan(0.45);
    expect(summary.silenceRate).toBeCloseTo((summary.decisions.silence ?? 0) / summary.members, 10);
    // A second run the same day: every member already got their one touch for the day.
    const again = await runBatch(deps(config), { now: now + HOUR, pageSize: 17 });
    expect(again.decisions.promo ?? 0).toBe(0);
    expect(again.rejections['guardrail.cap.daily']).toBeGreaterThan(0);
  });
});

describeEachStore('event triggers', ({ store }) => {
  const deps = (): DecideDeps => ({ store: store(), config: cartConfig, compose: plainComposer });

  it('expires the triggers of old events instead of sending reminders days late', async () => {
    await ingestRaw(store(), [consent('importer'), checkout('importer', T0)]);
    // First scan three days after the checkout: due two days ago, more than maxDelayHours (48).
    expect(await processTriggers(deps(), T0 + 73 * HOUR)).toEqual({ created: 1, decided: 0, cancelled: 0, expired: 1 });
    const importer = (await findProfileId(store().db, 'userId', 'importer')) as string;
    expect(await decisionsOfProfile(store().db, importer)).toEqual([]);
  });

  it('pages through many trigger events received at the same moment, each once', async () => {
    // One import: every event has the same receipt time, and the scan reads 1,000 per page.
    const events = Array.from({ length: 1_205 }, (_, i) => checkout(`bulk-${i}`, T0 + (i % 7) * HOUR));
    await ingestRaw(store(), events);
    const first = await processTriggers(deps(), T0);
    expect(first.created).toBe(1_205);
    expect(await processTriggers(deps(), T0)).toMatchObject({ created: 0 });
  });

  it('continues from a trigger cursor stored in the older single form', async () => {
    // This store's other events were received now (2026 and later), after T0 + 1 h: rewind them.
    await store().db.updateTable('events').set({ received_at: T0 - 2 * HOUR }).execute();
    await ingestRaw(store(), [checkout('before-upgrade', T0)], T0);
    const [seen] = await store().db.selectFrom('events').select(['received_at', 'message_id']).where('event', '=', 'Checkout Started').where('received_at', '=', T0).execute();
    await setSetting(store().db, 'trigger_cursor', JSON.stringify({ receivedAt: Number(seen?.received_at), messageId: seen?.message_id }));
    await ingestRaw(store(), [checkout('after-upgrade', T0)], T0 + HOUR);
    expect(await processTriggers(deps(), T0)).toMatchObject({ created: 1 });
  });
});
