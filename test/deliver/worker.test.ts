import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeChannels, createEmailChannel, type DeliveryChannels } from '../../src/deliver/channels/index.js';
import { backoffMs, deliverDue, type DeliveryWorkerOptions } from '../../src/deliver/worker.js';
import { decideAndRecord } from '../../src/decide/index.js';
import { updateConsent } from '../../src/consent/index.js';
import { findProfileId } from '../../src/profiles/index.js';
import { getOutboxEntry, transitionOutbox } from '../../src/store/index.js';
import { alwaysWorthConfig, plainComposer } from '../support/decide.js';
import { ingestRaw } from '../support/ingest.js';
import { describeEachStore } from '../support/stores.js';
import { closedPort, SMTP_PASS, SMTP_USER, startSmtpServer, type TestSmtpServer } from './support/smtp.js';

const T0 = Date.parse('2026-04-01T12:00:00Z');
const config = alwaysWorthConfig();

describeEachStore('delivery worker', ({ store }) => {
  let smtp: TestSmtpServer;
  let channels: DeliveryChannels;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    channels = { email: createEmailChannel({ smtpUrl: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${smtp.port}`, from: 'Athena <hello@athena.example>' }) };
  });
  afterAll(async () => {
    await closeChannels(channels);
    await smtp.close();
  });

  const worker = (now: number, extra: Partial<DeliveryWorkerOptions> = {}): DeliveryWorkerOptions => ({ store: store(), config, channels, now: () => now, random: () => 0.5, ...extra });

  async function queued(userId: string, email: string): Promise<{ profileId: string; decisionId: string; due: number }> {
    await ingestRaw(store(), [{ type: 'identify', userId, traits: { email, timezone: 'UTC' }, context: { timezone: 'UTC' } }], T0);
    const profileId = (await findProfileId(store().db, 'userId', userId)) as string;
    const result = await decideAndRecord({ store: store(), config, compose: plainComposer }, profileId, { mode: 'realtime', now: T0 });
    expect(result?.decision.action).toBe('promo');
    return { profileId, decisionId: result!.decision.decisionId, due: (result!.decision.sendAt as number) + 60_000 };
  }
  const sentTo = (email: string) => smtp.received.filter((m) => m.envelopeTo.includes(email));

  it('sends a queued email with one-click unsubscribe headers and marks it sent', async () => {
    const { decisionId, due } = await queued('mail-1', 'mail1@example.com');
    const summary = await deliverDue(worker(due));
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    const [mail] = sentTo('mail1@example.com');
    expect(mail?.parsed.subject).toBe('Promo');
    expect(mail?.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(mail?.raw).toContain('/u/test-');
    expect(mail?.parsed.text?.trim()).toBe('New things arrived.');
    expect((await getOutboxEntry(store().db, decisionId))?.state).toBe('sent');
    // A second pass sends nothing again.
    await deliverDue(worker(due + 60_000));
    expect(sentTo('mail1@example.com')).toHaveLength(1);
  });

  it('sends nothing to a member who opted out after the message was queued', async () => {
    const { profileId, decisionId, due } = await queued('optout', 'optout@example.com');
    await updateConsent(store(), profileId, { channels: { email: false } }, 'api');
    await deliverDue(worker(due));
    expect(sentTo('optout@example.com')).toHaveLength(0);
    expect(await getOutboxEntry(store().db, decisionId)).toMatchObject({ state: 'suppressed', lastError: 'unsubscribed from email' });
  });

  it('suppresses a queued message when the member lowers their tier or complains before it goes', async () => {
    await ingestRaw(store(), [{ type: 'track', userId: 'lowers', event: 'Consent Updated', properties: { tier: 'personalized' } }], T0);
    const lowered = await queued('lowers', 'lowers@example.com');
    await updateConsent(store(), lowered.profileId, { tier: 'basic' }, 'api');
    const complained = await queued('complains', 'complains@example.com');
    await ingestRaw(store(), [{ type: 'track', userId: 'complains', event: 'Complaint Filed', timestamp: new Date(T0 + 1000).toISOString() }], T0 + 1000);
    await deliverDue(worker(complained.due));
    expect((await getOutboxEntry(store().db, complained.decisionId))?.state).toBe('suppressed');
    expect(sentTo('complains@example.com')).toHaveLength(0);
    expect(await getOutboxEntry(store().db, lowered.decisionId)).toMatchObject({ state: 'suppressed', lastError: 'consent tier lowered to basic after the message was written' });
  });

  it('defers a send that falls in the member’s quiet hours instead of dropping it', async () => {
    const { decisionId, due } = await queued('night', 'night@example.com');
    const night = Math.max(due, Date.parse('2026-04-01T23:30:00Z'));
    const quietConfig = alwaysWorthConfig({ guardrails: { quietHours: { start: '21:00', end: '08:00' } } });
    const summary = await deliverDue(worker(night, { config: quietConfig }));
    expect(summary.deferred).toBeGreaterThanOrEqual(1);
    expect(await getOutboxEntry(store().db, decisionId)).toMatchObject({ state: 'queued', nextAttemptAt: Date.parse('2026-04-02T08:00:00Z') });
  });

  it('retries with exponential backoff and jitter, then dead-letters after the last attempt', async () => {
    const { decisionId, due } = await queued('flaky', 'flaky@example.com');
    const down = { email: createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from: 'hello@athena.example' }) };
    let now = due;
    try {
      for (let attempt = 1; attempt <= 3; attempt++) {
        await deliverDue(worker(now, { channels: down, maxAttempts: 3, baseBackoffMs: 1000 }));
        const entry = await getOutboxEntry(store().db, decisionId);
        expect(entry?.attempts).toBe(attempt);
        if (attempt < 3) {
          expect(entry?.state).toBe('queued');
          expect(entry?.nextAttemptAt).toBe(now + backoffMs(attempt, 1000, 6 * 3_600_000, () => 0.5));
          now = entry!.nextAttemptAt;
        } else {
          expect(entry?.state).toBe('dead');
        }
      }
    } finally {
      await closeChannels(down);
    }
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('fails permanently on a 5xx reply for the recipient', async () => {
    smtp.rejectRecipient('nobody@example.com', 550, 'No such user');
    const { decisionId, due } = await queued('gone', 'nobody@example.com');
    await deliverDue(worker(due));
    expect(await getOutboxEntry(store().db, decisionId)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('takes over a message whose worker died mid-attempt once its lease expires', async () => {
    const { decisionId, due } = await queued('orphan', 'orphan@example.com');
    // A worker claimed it and died: the row stays in `sending` with a lease.
    await transitionOutbox(store().db, decisionId, ['queued'], 'sending', { leaseUntil: due + 30_000 }, due);
    await deliverDue(worker(due + 10_000));
    expect(sentTo('orphan@example.com')).toHaveLength(0);
    await deliverDue(worker(due + 31_000));
    expect(sentTo('orphan@example.com')).toHaveLength(1);
    expect((await getOutboxEntry(store().db, decisionId))?.state).toBe('sent');
  });
});
