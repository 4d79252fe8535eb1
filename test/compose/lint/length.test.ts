import { describe, expect, it } from 'vitest';
import { lint } from './support.js';

const sms = (body: string, brand = {}) => lint({ channel: 'sms', body }, { brand });

describe('length.sms-segments', () => {
  it('allows 2 GSM-7 segments by default (306 characters) and marks the overflow', () => {
    expect(sms('a'.repeat(306)).codes).toEqual([]);
    const result = sms('a'.repeat(310));
    expect(result.codes).toEqual(['length.sms-segments']);
    expect(result.result.violations[0]!.span).toEqual([306, 310]);
  });

  it('one segment is 160 GSM-7 characters; extension characters count twice', () => {
    expect(sms('a'.repeat(160), { smsMaxSegments: 1 }).codes).toEqual([]);
    expect(sms('a'.repeat(161), { smsMaxSegments: 1 }).codes).toEqual(['length.sms-segments']);
    const result = sms(`${'a'.repeat(158)}€`, { smsMaxSegments: 1 }); // € is 2 septets: 160 in all
    expect(result.codes).toEqual([]);
    expect(sms(`${'a'.repeat(159)}€`, { smsMaxSegments: 1 }).result.violations[0]!.span).toEqual([159, 160]);
  });

  it('any character outside GSM-7 switches to UCS-2: 70 per segment', () => {
    expect(sms(`${'a'.repeat(69)}✓`, { smsMaxSegments: 1 }).codes).toEqual([]);
    const result = sms(`${'a'.repeat(70)}✓`, { smsMaxSegments: 1 });
    expect(result.codes).toEqual(['length.sms-segments']);
    expect(result.result.violations[0]!.message).toContain('UCS-2');
  });

  it('does not apply to other channels', () => {
    expect(lint({ channel: 'in_app', body: 'a'.repeat(400) }).codes).toEqual([]);
  });
});

describe('push limits', () => {
  it('flags a title over 50 and a body over 150 characters, marking the overflow', () => {
    const result = lint({ channel: 'push', subject: 't'.repeat(55), body: 'b'.repeat(151) });
    expect(result.codes).toEqual(['length.push-title', 'length.push-body']);
    expect(result.result.violations.map((violation) => [violation.field, violation.span])).toEqual([
      ['subject', [50, 55]],
      ['body', [150, 151]],
    ]);
  });

  it('uses configured limits', () => {
    expect(lint({ channel: 'push', subject: 'Week 3', body: 'b'.repeat(151) }, { brand: { pushBodyMaxChars: 200 } }).codes).toEqual([]);
  });
});
