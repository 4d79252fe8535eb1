import { expect, it } from 'vitest';
import { consentHistory, updateConsent } from '../../src/consent/index.js';
import { findProfileId, profileView } from '../../src/profiles/index.js';
import { countEvents, eraseMember, exportMember, getProfile, listEvents, mergesOfProfile } from '../../src/store/index.js';
import { databaseText, ingestRaw } from '../support/ingest.js';
import { describeEachStore } from '../support/stores.js';

const t = (iso: string) => new Date(iso).toISOString();

describeEachStore('ingest pipeline', ({ store }) => {
  it('joins an anonymous visit, a login and a purchase into one profile with every event', async () => {
    await ingestRaw(store(), [
      { type: 'page', anonymousId: 'anon-journey', name: 'Trail shoes', timestamp: t('2026-03-01T10:00:00Z') },
      { type: 'track', anonymousId: 'anon-journey', event: 'Product Viewed', properties: { product_id: 'shoe-1', category: 'running' }, timestamp: t('2026-03-01T10:01:00Z') },
    ]);
    await ingestRaw(store(), [
      { type: 'identify', anonymousId: 'anon-journey', userId: 'journey-user', traits: { email: 'Runner@Example.com', name: 'Ann' }, timestamp: t('2026-03-01T10:05:00Z') },
    ]);
    await ingestRaw(store(), [
      { type: 'track', userId: 'journey-user', event: 'Order Completed', properties: { order_id: 'o-1', revenue: 120, products: [{ product_id: 'shoe-1', category: 'running', price: 120 }] }, timestamp: t('2026-03-01T10:10:00Z') },
    ]);
    const byEmail = await findProfileId(store().db, 'email', 'runner@example.com');
    const byAnon = await findProfileId(store().db, 'anonymousId', 'anon-journey');
    const byUser = await findProfileId(store().db, 'userId', 'journey-user');
    expect(byEmail).toBeDefined();
    expect(new Set([byEmail, byAnon, byUser]).size).toBe(1);
    const page = await listEvents(store().db, byUser as string, { limit: 10 });
    expect(page.events.map((e) => e.event ?? e.type)).toEqual(['Order Completed', 'identify', 'Product Viewed', 'page']);
    const record = await getProfile(store().db, byUser as string);
    expect(record?.stats.orders).toBe(1);
    expect(record?.stats.revenue).toBe(120);
    expect(record?.stats.productViews).toBe(1);
    expect(record?.traits.name).toBe('Ann');
  });

  it('stores and counts an event sent three times exactly once', async () => {
    const order = { type: 'track', messageId: 'dup-order-1', userId: 'dup-user', event: 'Order Completed', properties: { revenue: 50 } };
    const first = await ingestRaw(store(), [order, order]);
    const again = await ingestRaw(store(), [order]);
    expect(first).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    const profileId = await findProfileId(store().db, 'userId', 'dup-user');
    const record = await getProfile(store().db, profileId as string);
    expect(record?.stats.orders).toBe(1);
    expect(record?.stats.revenue).toBe(50);
  });

  it('merges two known profiles: events, stats and the stricter consent follow, and the merge is logged', async () => {
    await ingestRaw(store(), [
      { type: 'track', anonymousId: 'tablet-9', event: 'Order Completed', properties: { revenue: 30 }, timestamp: t('2026-01-05T12:00:00Z') },
      { type: 'track', anonymousId: 'tablet-9', event: 'Unsubscribed', properties: { channel: 'email' }, timestamp: t('2026-01-06T12:00:00Z') },
      { type: 'identify', userId: 'merge-user', traits: { email: 'merge@example.com' }, timestamp: t('2026-01-07T12:00:00Z') },
      { type: 'track', userId: 'merge-user', event: 'Order Completed', properties: { revenue: 70 }, timestamp: t('2026-01-08T12:00:00Z') },
    ]);
    const before = await findProfileId(store().db, 'anonymousId', 'tablet-9');
    const survivor = await findProfileId(store().db, 'userId', 'merge-user');
    expect(before).not.toBe(survivor);
    await ingestRaw(store(), [{ type: 'alias', previousId: 'tablet-9', userId: 'merge-user' }]);
    expect(await findProfileId(store().db, 'anonymousId', 'tablet-9')).toBe(survivor);
    const record = await getProfile(store().db, survivor as string);
    expect(record?.stats.orders).toBe(2);
    expect(record?.stats.revenue).toBe(100);
    expect(record?.consent.channels.email).toBe(false);
    expect(await getProfile(store().db, before as string)).toBeUndefined();
    // The absorbed profile id still leads to the member.
    expect(await findProfileId(store().db, 'profileId', before as string)).toBe(survivor);
    const merges = await mergesOfProfile(store().db, survivor as string);
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({ into: survivor, from: before, cause: 'alias', identifierType: 'anonymousId' });
    const history = await consentHistory(store().db, survivor as string);
    expect(history.map((h) => h.source.split(':')[0])).toContain('merge');
  });

  it('keeps the consent a member chose when an anonymous visitor who never chose merges in', async () => {
    await ingestRaw(store(), [
      { type: 'identify', userId: 'chooser', traits: { email: 'chooser@example.com' }, timestamp: t('2026-01-05T12:00:00Z') },
      { type: 'track', userId: 'chooser', event: 'Consent Updated', properties: { tier: 'proactive', channels: { email: true, sms: true, push: true, in_app: true } }, timestamp: t('2026-01-05T12:01:00Z') },
      { type: 'page', anonymousId: 'cookie-77', name: 'Home', timestamp: t('2026-01-06T12:00:00Z') },
    ]);
    const member = await findProfileId(store().db, 'userId', 'chooser');
    const chosen = (await getProfile(store().db, member as string))?.consent;
    expect(chosen).toMatchObject({ tier: 'proactive', channels: { sms: true, push: true } });
    await ingestRaw(store(), [{ type: 'identify', userId: 'chooser', anonymousId: 'cookie-77', traits: {}, timestamp: t('2026-01-07T12:00:00Z') }]);
    expect(await findProfileId(store().db, 'anonymousId', 'cookie-77')).toBe(member);
    const merged = await getProfile(store().db, member as string);
    expect(merged?.consent).toEqual(chosen);
    // Whichever profile survives, the choice is what counts.
    await ingestRaw(store(), [
      { type: 'page', anonymousId: 'cookie-88', name: 'Home', timestamp: t('2026-01-08T12:00:00Z') },
      { type: 'identify', anonymousId: 'cookie-88', traits: { email: 'other@example.com' }, timestamp: t('2026-01-08T12:01:00Z') },
      { type: 'track', anonymousId: 'cookie-99', event: 'Consent Updated', properties: { tier: 'personalized' }, timestamp: t('2026-01-08T12:02:00Z') },
    ]);
    await ingestRaw(store(), [{ type: 'alias', previousId: 'cookie-99', userId: 'other-user' }, { type: 'identify', userId: 'other-user', anonymousId: 'cookie-88', traits: {} }]);
    const other = await findProfileId(store().db, 'anonymousId', 'cookie-88');
    expect(await findProfileId(store().db, 'anonymousId', 'cookie-99')).toBe(other);
    expect((await getProfile(store().db, other as string))?.consent.tier).toBe('personalized');
  });

  it('rolls up the live stats the moment ingest returns', async () => {
    const u = 'stats-user';
    await ingestRaw(store(), [
      { type: 'identify', userId: u, traits: { email: 'stats@example.com' }, context: { timezone: 'Europe/Paris' } },
      { type: 'track', userId: u, event: 'Order Completed', properties: { order_id: 'a', total: 40, products: [{ product_id: 'p1', category: 'socks', price: 10, quantity: 2 }, { product_id: 'p2', category: 'vests', price: 20 }] }, timestamp: t('2026-02-01T09:00:00Z') },
      { type: 'track', userId: u, event: 'Order Completed', properties: { order_id: 'b', revenue: 60 }, timestamp: t('2026-04-01T09:00:00Z') },
      { type: 'track', userId: u, event: 'Email Delivered', timestamp: t('2026-04-02T09:00:00Z') },
      { type: 'track', userId: u, event: 'Email Opened', timestamp: t('2026-04-02T10:00:00Z') },
      { type: 'track', userId: u, event: 'Email Link Clicked', timestamp: t('2026-04-02T10:01:00Z') },
      { type: 'track', userId: u, event: 'Complaint Filed', properties: { reason: 'late delivery' }, timestamp: t('2026-04-03T09:00:00Z') },
      { type: 'track', userId: u, event: 'Points Earned', properties: { points: 100 } },
      { type: 'track', userId: u, event: 'Points Redeemed', properties: { points: 30 } },
      { type: 'track', userId: u, event: 'Survey Answered', properties: { survey: 'nps', score: 9 } },
      { type: 'track', userId: u, event: 'Support Message', properties: { text: 'Where is my parcel?', direction: 'inbound' } },
    ]);
    const id = await findProfileId(store().db, 'userId', u);
    const view = await profileView(store().db, (await getProfile(store().db, id as string))!);
    expect(view.stats).toMatchObject({
      orders: 2, revenue: 100, firstOrderAt: Date.parse('2026-02-01T09:00:00Z'), lastOrderAt: Date.parse('2026-04-01T09:00:00Z'),
      emailsDelivered: 1, emailsOpened: 1, emailsClicked: 1, complaints: 1, pointsBalance: 70, supportMessages: 1,
      categoryCounts: { socks: 2, vests: 1 },
    });
    expect(view.stats.surveys.nps).toMatchObject({ count: 1, last: 9 });
    expect(view.timezone).toBe('Europe/Paris');
    expect(view.identifiers).toEqual(expect.arrayContaining([{ type: 'userId', value: u }, { type: 'email', value: 'stats@example.com' }]));
  });

  it('audits consent changes made by events and by the API', async () => {
    await ingestRaw(store(), [{ type: 'identify', userId: 'consent-user', traits: { email: 'c@example.com' } }]);
    const id = (await findProfileId(store().db, 'userId', 'consent-user')) as string;
    await ingestRaw(store(), [{ type: 'track', userId: 'consent-user', event: 'Unsubscribed', messageId: 'unsub-1', properties: { channel: 'email' } }]);
    await updateConsent(store(), id, { tier: 'personalized', channels: { sms: true } }, 'api');
    const history = await consentHistory(store().db, id);
    expect(history.map((h) => h.source)).toEqual(['event:unsub-1', 'api']);
    expect(history[1]?.before).toMatchObject({ tier: 'basic', channels: { email: false, sms: false } });
    expect(history[1]?.after).toMatchObject({ tier: 'personalized', channels: { email: false, sms: true } });
  });

  it('erases a member from every table: no trace of their email remains', async () => {
    await ingestRaw(store(), [
      { type: 'page', anonymousId: 'erase-anon' },
      { type: 'identify', anonymousId: 'erase-anon', userId: 'erase-user', traits: { email: 'forget.me@example.com' } },
      { type: 'track', userId: 'erase-user', event: 'Unsubscribed', properties: { channel: 'email' } },
      { type: 'track', userId: 'erase-user', event: 'Order Completed', properties: { revenue: 5 } },
    ]);
    await ingestRaw(store(), [{ type: 'identify', anonymousId: 'erase-second-device', traits: { email: 'forget.me@example.com' } }]);
    const id = (await findProfileId(store().db, 'email', 'forget.me@example.com')) as string;
    const exported = await exportMember(store().db, id);
    expect(exported.events?.length).toBeGreaterThanOrEqual(4);
    const eventsBefore = await countEvents(store().db);
    expect(await databaseText(store())).toContain('forget.me@example.com');
    await eraseMember(store().db, id);
    expect(await databaseText(store())).not.toContain('forget.me@example.com');
    expect(await databaseText(store())).not.toContain('erase-user');
    expect(await findProfileId(store().db, 'email', 'forget.me@example.com')).toBeUndefined();
    expect(await findProfileId(store().db, 'userId', 'erase-user')).toBeUndefined();
    expect(await countEvents(store().db)).toBeLessThan(eventsBefore);
  });
});
