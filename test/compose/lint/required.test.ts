import { describe, expect, it } from 'vitest';
import { lint } from './support.js';

const codes = (body: string, options: Parameters<typeof lint>[1] = {}, channel: 'email' | 'sms' | 'push' | 'in_app' = 'email') =>
  lint({ body, channel }, options).codes.filter((code) => code.startsWith('required.'));

describe('required.unsubscribe-link', () => {
  it('flags an email without an unsubscribe link, at the end of the body', () => {
    const body = 'Hello. Unsubscribe anytime.';
    const result = lint({ body });
    expect(result.codes).toEqual(['required.unsubscribe-link']);
    expect(result.result.violations[0]!.span).toEqual([body.length, body.length]);
  });

  it('accepts the placeholder, an unsubscribe URL, or a link with the text Unsubscribe', () => {
    for (const body of ['Bye. {{ unsubscribe_url }}', 'Unsubscribe: https://b.example/u/unsubscribe?m=1', '<a href="https://b.example/u/1">Unsubscribe</a>', '[Unsubscribe](https://b.example/u/1)']) {
      expect(codes(body), body).toEqual([]);
    }
  });

  it('is not required on other channels', () => {
    expect(codes('Reply STOP to opt out.', {}, 'sms')).toEqual([]);
  });
});

describe('required.why-link', () => {
  const unsubscribe = '\n{{unsubscribe_url}}';

  it('flags a recommendation without a "Why this?" link', () => {
    expect(codes(`You might like these.${unsubscribe}`, { recommendation: true })).toEqual(['required.why-link']);
  });

  it('accepts {{why_url}}, a /why/ URL or the words "Why this?"', () => {
    for (const body of ['{{why_url}}', 'https://b.example/why/abc', 'Why this? Tap for details.', 'https://b.example/why?m=2']) {
      expect(codes(body + unsubscribe, { recommendation: true }), body).toEqual([]);
    }
  });

  it('is not required when the message is not a recommendation', () => {
    expect(codes(`Happy birthday!${unsubscribe}`)).toEqual([]);
  });

  it('a URL that merely contains "why" does not count', () => {
    expect(codes(`https://b.example/whyus${unsubscribe}`, { recommendation: true })).toEqual(['required.why-link']);
  });
});

describe('required.ai-disclosure', () => {
  const body = 'Here is your six-week plan.\n{{unsubscribe_url}}';

  it('flags generated copy and a speaking bot without a disclosure', () => {
    expect(codes(body, { generated: true })).toEqual(['required.ai-disclosure']);
    expect(codes(body, { botSpeaking: true })).toEqual(['required.ai-disclosure']);
    expect(codes(body)).toEqual([]);
  });

  it('accepts the default wording, in any case', () => {
    expect(codes(`${body}\nThis email was written with AI.`, { generated: true })).toEqual([]);
    expect(codes(`Hi, I'm Stride's AI assistant. ${body}`, { botSpeaking: true })).toEqual([]);
    expect(codes(`${body}\nAI-generated, reviewed by our team.`, { generated: true })).toEqual([]);
  });

  it('accepts only the brand wording when configured, and suggests it', () => {
    const brand = { aiDisclosurePhrases: ['Drafted by our robot'] };
    expect(codes(`${body}\nWritten with AI.`, { generated: true, brand })).toEqual(['required.ai-disclosure']);
    expect(codes(`${body}\nDrafted by our robot.`, { generated: true, brand })).toEqual([]);
    expect(lint({ body }, { generated: true, brand }).result.violations[0]!.message).toContain('Drafted by our robot');
  });
});
