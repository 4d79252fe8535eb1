import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, idempotencyKeyFromMessageId, messageIdFor, type DeliveryChannel, type OutgoingMessage } from '../../src/deliver/channels/index.js';
import { closedPort, startSmtpServer, SMTP_USER, type TestSmtpServer } from './support/smtp.js';

const LONG_TOKEN = 'eyJwIjoidW5zdWJzY3JpYmUiLCJzIjoi'.repeat(6) + '.sig_Abc-123';

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: '0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21',
    channel: 'email',
    profileId: 'p-1',
    to: 'Runner@Example.com',
    subject: 'Start with 5K, build to 10K',
    html: '<p>We thought you might like these for your new running routine.</p>',
    text: 'We thought you might like these for your new running routine.',
    unsubscribeUrl: `https://attune.example/u/${LONG_TOKEN}`,
    metadata: { action: 'new_arrivals' },
    ...overrides,
  };
}

describe('email channel over SMTP', () => {
  let smtp: TestSmtpServer;
  let channel: DeliveryChannel;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    channel = createEmailChannel({ smtpUrl: smtp.url, from: '"Athena Running" <hello@athena.example>', unsubscribeMailto: 'unsubscribe@athena.example' });
  });
  afterAll(async () => {
    await channel.close();
    await smtp.close();
  });

  it('sends a multipart message with one-click unsubscribe headers and a Message-ID from the idempotency key', async () => {
    const result = await channel.send(message({ headers: { 'X-Campaign': 'spring' } }));
    expect(result).toEqual({ status: 'sent', providerId: '<attune.0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21@athena.example>' });
    const mail = smtp.received.at(-1)!;
    expect(mail.envelopeTo).toEqual(['Runner@example.com']);
    const { parsed } = mail;
    expect(parsed.from?.value).toEqual([{ name: 'Athena Running', address: 'hello@athena.example' }]);
    expect(parsed.subject).toBe('Start with 5K, build to 10K');
    expect(parsed.messageId).toBe('<attune.0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21@athena.example>');
    expect(parsed.text?.trim()).toBe('We thought you might like these for your new running routine.');
    expect(parsed.html).toContain('<p>We thought you might like these');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    // RFC 8058: the https URI for the POST, the mailto alternative, and the one-click marker.
    const unfolded = /^List-Unsubscribe:(.*(?:\r\n[ \t].*)*)/m.exec(mail.raw)![1]!.replace(/\r\n[ \t]+/g, ' ').trim();
    expect(unfolded).toBe(`<https://attune.example/u/${LONG_TOKEN}>, <mailto:unsubscribe@athena.example?subject=unsubscribe>`);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(parsed.headers.get('list')).toEqual({
      unsubscribe: { url: `https://attune.example/u/${LONG_TOKEN}`, mail: 'unsubscribe@athena.example?subject=unsubscribe' },
      'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' },
    });
    expect(parsed.headers.get('x-campaign')).toBe('spring');
  });

  it('gives a retried send the same Message-ID, so it is recognisably the same message', async () => {
    await channel.send(message({ idempotencyKey: 'decision 42/b' }));
    await channel.send(message({ idempotencyKey: 'decision 42/b' }));
    const [a, b] = smtp.received.slice(-2).map((m) => m.parsed.messageId);
    expect(a).toBe(b);
    expect(idempotencyKeyFromMessageId(a!)).toBe('decision 42/b');
    expect(messageIdFor('decision 42/b', 'athena.example')).toBe(a);
  });

  it('omits the mailto alternative when no mailbox is configured, and sends text-only mail', async () => {
    const plain = createEmailChannel({ smtpUrl: smtp.url, from: 'hello@athena.example' });
    try {
      expect((await plain.send(message({ html: undefined }))).status).toBe('sent');
      const mail = smtp.received.at(-1)!;
      expect(mail.parsed.headers.get('list')).toMatchObject({ unsubscribe: { url: `https://attune.example/u/${LONG_TOKEN}` } });
      expect(mail.raw).not.toContain('mailto:');
      expect(mail.parsed.html).toBe(false);
      expect(mail.parsed.headers.get('content-type')).toMatchObject({ value: 'text/plain' });
    } finally {
      await plain.close();
    }
  });

  it('classifies 4xx replies as retryable and 5xx replies as permanent, without logging the address', async () => {
    smtp.rejectRecipient('full@example.com', 452, 'Mailbox full@example.com is over quota, try later');
    smtp.rejectRecipient('gone@example.com', 550, 'No such user gone@example.com');
    const full = await channel.send(message({ to: 'full@example.com' }));
    expect(full).toMatchObject({ status: 'retryable', smtpCode: 452 });
    const gone = await channel.send(message({ to: 'gone@example.com' }));
    expect(gone).toMatchObject({ status: 'permanent', smtpCode: 550 });
    for (const result of [full, gone]) {
      if (result.status === 'sent') throw new Error('expected a failure');
      expect(result.reason).toMatch(/^SMTP \d{3} to RCPT/);
      expect(result.reason).not.toContain('@example.com');
    }
    // The pool keeps working after rejections.
    expect((await channel.send(message())).status).toBe('sent');
  });

  it('refuses what cannot be sent without contacting the server', async () => {
    const before = smtp.received.length;
    expect(await channel.send(message({ to: 'not-an-address' }))).toEqual({ status: 'permanent', reason: 'invalid recipient address' });
    expect(await channel.send(message({ subject: ' ' }))).toMatchObject({ status: 'permanent', reason: 'an email needs a subject' });
    expect(await channel.send(message({ channel: 'sms' }))).toMatchObject({ status: 'permanent' });
    expect(await channel.send(message({ headers: { 'List-Unsubscribe': '<https://evil.example>' } }))).toMatchObject({ status: 'permanent', reason: 'header List-Unsubscribe is set by the email channel' });
    expect(await channel.send(message({ headers: { 'X-Note': 'a\r\nBcc: victim@example.com' } }))).toMatchObject({ status: 'permanent' });
    expect(smtp.received.length).toBe(before);
  });

  it('is retryable when the connection is refused, authentication fails, or the send is aborted', async () => {
    const port = await closedPort();
    const refused = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'hello@athena.example', timeoutMs: 2000 });
    const wrongPassword = createEmailChannel({ smtpUrl: `smtp://${SMTP_USER}:wrong@127.0.0.1:${smtp.port}`, from: 'hello@athena.example' });
    try {
      expect(await refused.send(message())).toMatchObject({ status: 'retryable', reason: expect.stringContaining('ECONNREFUSED') });
      expect(await wrongPassword.send(message())).toMatchObject({ status: 'retryable', reason: expect.stringContaining('authentication failed') });
      const aborted = new AbortController();
      aborted.abort();
      expect(await channel.send(message(), aborted.signal)).toEqual({ status: 'retryable', reason: 'aborted before sending' });
    } finally {
      await refused.close();
      await wrongPassword.close();
    }
  });

  it('rejects a From address that is not an address at construction', () => {
    expect(() => createEmailChannel({ smtpUrl: smtp.url, from: 'Athena Running' })).toThrow(/ATTUNE_EMAIL_FROM/);
  });
});
