import { describe, expect, it } from 'vitest';
import { ingestMessages, prepareBatch } from '../../src/ingest/index.js';
import { findProfileId } from '../../src/profiles/index.js';
import { createWorld, memberAt, simulateHistory, simulateWeek, type SimMessage, type World } from '../../src/sim/index.js';
import { countProfiles, getProfile } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';
import { emails } from './helpers.js';

/** History plus a live week with every framing and channel, creepy and pushy touches: every kind of message. */
function varied(world: World): SimMessage[] {
  const { messages } = simulateHistory(world);
  const week = world.calendar.historyWeeks;
  const live = simulateWeek(world, week, [
    ...emails(world, week, [0, 1, 2, 3, 4, 5, 6], { creepiness: 0.9 }),
    ...emails(world, week, [2], { channel: 'sms', framing: 'member_price' }, (i) => i % 2 === 0),
    ...emails(world, week, [4], { channel: 'push', framing: 'progression' }),
    ...emails(world, week, [5], { channel: 'in_app', framing: 'cart_reminder' }),
  ]);
  return [...messages, ...live.messages];
}

describe('simulated messages and the ingest contract', () => {
  const messages = varied(createWorld({ seed: 71, members: 1200, historyWeeks: 10 }));

  it('are all accepted by prepareBatch, in batches as a client would send them', () => {
    expect(messages.length).toBeGreaterThan(20_000);
    let accepted = 0;
    for (let k = 0; k < messages.length; k += 1000) {
      const prepared = prepareBatch({ batch: messages.slice(k, k + 1000) }, Date.parse('2030-01-01'));
      if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues.slice(0, 5)));
      accepted += prepared.items.length;
    }
    expect(accepted).toBe(messages.length);
  });

  it('cover the e-commerce, email, channel feedback, service, survey, loyalty and consent events', () => {
    const kinds = new Set(messages.map((m) => (m.type === 'track' ? m.event : m.type)));
    for (const kind of [
      'identify', 'page', 'Product Viewed', 'Products Searched', 'Product Added', 'Product Removed', 'Checkout Started',
      'Order Completed', 'Order Refunded', 'Order Cancelled', 'Email Delivered', 'Email Opened', 'Email Link Clicked',
      'Email Bounced', 'Unsubscribed', 'Email Marked as Spam', 'Message Delivered', 'Message Opened', 'Message Clicked',
      'Complaint Filed', 'Support Message', 'Points Earned', 'Points Redeemed', 'Survey Answered', 'Consent Updated',
    ]) expect(kinds, kind).toContain(kind);
  });

  it('write support messages a person would write, some of them angry', () => {
    const texts = messages.filter((m) => m.type === 'track' && m.event === 'Support Message').map((m) => String(m.type === 'track' ? m.properties.text : ''));
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.every((text) => text.length > 10 && !text.includes('{'))).toBe(true);
    expect(texts.some((text) => /unacceptable|ridiculous|refund/i.test(text))).toBe(true);
  });
});

describeEachStore('simulated history through the real ingest path', ({ store }) => {
  it('resolves each member\'s cookies, devices, email, phone and loyalty id to one profile with their orders and consent', async () => {
    const world = createWorld({ seed: 72, members: 120, historyWeeks: 10 });
    const { messages } = simulateHistory(world);
    for (let k = 0; k < messages.length; k += 500) {
      const prepared = prepareBatch({ batch: messages.slice(k, k + 500) }, world.calendar.nowMs);
      if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues.slice(0, 3)));
      await ingestMessages(store(), prepared.items, world.calendar.nowMs);
    }
    const db = store().db;
    const profiles = await countProfiles(db);
    expect(profiles).toBeGreaterThanOrEqual(120);
    // Anonymous visits on a fresh cookie stay apart until the member logs in on it.
    expect(profiles).toBeLessThan(140);
    let devicesSeen = 0;
    for (let i = 0; i < 40; i++) {
      const m = memberAt(world.members, i);
      const profileId = await findProfileId(db, 'userId', m.userId);
      expect(profileId).toBeDefined();
      expect(await findProfileId(db, 'email', m.email)).toBe(profileId);
      expect(await findProfileId(db, 'loyaltyId', m.loyaltyId)).toBe(profileId);
      if (m.phone !== null) expect(await findProfileId(db, 'phone', m.phone)).toBe(profileId);
      expect(await findProfileId(db, 'anonymousId', m.firstAnonymousId)).toBe(profileId);
      for (const deviceId of m.deviceIds.filter((id) => messages.some((x) => x.context.device?.id === id))) {
        expect(await findProfileId(db, 'deviceId', deviceId)).toBe(profileId);
        devicesSeen += 1;
      }
      const record = await getProfile(db, profileId as string);
      const orders = messages.filter((x) => x.userId === m.userId && x.type === 'track' && x.event === 'Order Completed').length;
      expect(record?.stats.orders).toBe(orders);
      expect(record?.stats.orders).toBe(world.state.orders[i]);
      expect(record?.consent.tier).toBe(m.consentTier);
      expect(record?.timezone).toBe(m.timezone);
    }
    expect(devicesSeen).toBeGreaterThan(5);
  });
});
