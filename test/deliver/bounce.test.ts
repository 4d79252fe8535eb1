import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bounceEvents, messageIdFor, parseBounce } from '../../src/deliver/channels/index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('bounce parser', () => {
  it('reads a Postfix DSN: recipients with action and status, and the decision behind the original message', () => {
    const report = parseBounce(fixture('postfix-dsn.eml'));
    expect(report).toEqual({
      recipients: [
        { address: 'gone@example.net', action: 'failed', status: '5.1.1', permanent: true, diagnostic: '550 5.1.1 <address>: Recipient address rejected: User unknown' },
        { address: 'slow@example.net', action: 'delayed', status: '4.4.1', permanent: false, diagnostic: 'connect to mx.example.net: Connection timed out' },
      ],
      originalMessageId: '<attune.0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21@athena.example>',
      idempotencyKey: '0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21',
      reportId: '<20260601091403.4Zb1Q@mx.athena.example>',
    });
    expect(messageIdFor('0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21', 'athena.example')).toBe(report!.originalMessageId);
  });

  it('opens nested multiparts, base64 status parts and returned full messages', () => {
    const report = parseBounce(fixture('nested-dsn.eml'));
    expect(report?.recipients).toEqual([{ address: 'full@example.org', action: 'failed', status: '5.2.2', permanent: true, diagnostic: '552 5.2.2 Mailbox full' }]);
    expect(report?.idempotencyKey).toBe('decision 42/b');
  });

  it('is undefined for messages that are not delivery reports, and leaves out foreign Message-IDs', () => {
    expect(parseBounce('From: a@b.example\r\nSubject: Out of office\r\n\r\nI am away.')).toBeUndefined();
    const foreign = fixture('postfix-dsn.eml').replace('<attune.0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21@athena.example>', '<CAF=xyz@mail.gmail.com>');
    const report = parseBounce(foreign);
    expect(report?.originalMessageId).toBe('<CAF=xyz@mail.gmail.com>');
    expect(report?.idempotencyKey).toBeUndefined();
  });

  it('turns failed recipients into Email Bounced events with stable ids; delays are not bounces', () => {
    const report = parseBounce(fixture('postfix-dsn.eml'))!;
    const events = bounceEvents(report);
    expect(events).toEqual([{
      member: { email: 'gone@example.net' },
      event: 'Email Bounced',
      messageId: expect.stringMatching(/^bounce-[A-Za-z0-9_-]{27}$/),
      properties: { channel: 'email', status: '5.1.1', permanent: true, decision_id: '0b7c6a5e-1d2f-4c3b-9a8e-7f6d5c4b3a21', reason: '550 5.1.1 <address>: Recipient address rejected: User unknown' },
    }]);
    expect(bounceEvents(parseBounce(fixture('postfix-dsn.eml'))!)[0]!.messageId).toBe(events[0]!.messageId);
  });
});
