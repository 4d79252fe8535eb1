import { describe, expect, it } from 'vitest';
import type { ConsentTier } from '../../../src/core/consent.js';
import { FOOTER, flagged, lint } from './support.js';

const mentions = (body: string, tier: ConsentTier) => flagged('creepy.forbidden-data-class', body, { tier });

describe('creepy.forbidden-data-class', () => {
  it('browsing references: held for basic and personalized, allowed for proactive', () => {
    const body = 'You looked at these boots, and they are still in your cart.';
    expect(mentions(body, 'basic')).toEqual(['You looked at', 'still in your cart']);
    expect(mentions(body, 'personalized')).toEqual(['You looked at', 'still in your cart']);
    expect(mentions(body, 'proactive')).toEqual([]);
  });

  it('purchase history: held for basic, allowed for personalized', () => {
    const body = 'Since you bought trail shoes, here are socks for your recent purchase.';
    expect(mentions(body, 'basic')).toEqual(['you bought', 'your recent purchase']);
    expect(mentions(body, 'personalized')).toEqual([]);
  });

  it('engagement: held for basic only', () => {
    const body = 'You opened our last email, so here is more.';
    expect(mentions(body, 'basic')).toEqual(['You opened our last email']);
    expect(mentions(body, 'personalized')).toEqual([]);
  });

  it('inferred predictions: held unless proactive', () => {
    const body = 'We predict you might be about to need new shoes.';
    expect(mentions(body, 'personalized')).toEqual(['We predict', 'you might be about to']);
    expect(mentions(body, 'proactive')).toEqual([]);
    expect(mentions("You're running low on socks.", 'basic')).toEqual(["You're running low"]);
  });

  it('service data is never used to sell below proactive', () => {
    expect(mentions('About your recent complaint: here is 10% off.', 'personalized')).toEqual(['your recent complaint']);
  });

  it('does not flag stated preferences, first orders or "you might like"', () => {
    const clean = ['You told us you love trail running.', 'Get 10% off your first order.', 'You might like these for your new running routine.', 'Looking at the next six weeks, here is a plan.'];
    for (const body of clean) expect(mentions(body, 'basic'), body).toEqual([]);
  });
});

describe('creepy.sensitive-inference', () => {
  const sensitive = (body: string) => flagged('creepy.sensitive-inference', body, { tier: 'proactive' });

  it('flags inferences about health, money, pregnancy, grief, religion and sexuality', () => {
    expect(sensitive("Since you're expecting, here are comfy flats.")).toEqual(["you're expecting"]);
    expect(sensitive('Baby on the way? Shop the nursery.')).toEqual(['Baby on the way']);
    expect(sensitive('After your loss, treat yourself gently.')).toEqual(['After your loss']);
    expect(sensitive('Struggling with money? Try our budget picks.')).toEqual(['Struggling with money']);
    expect(sensitive('Managing your diabetes is easier with these socks.')).toEqual(['Managing your diabetes']);
    expect(sensitive('As a Christian, you will love this gift.')).toEqual(['As a Christian']);
    expect(sensitive('Celebrate your coming out with us.')).toEqual(['your coming out']);
  });

  it('the message names the topic', () => {
    const [violation] = lint({ body: `Since you're expecting, relax.${FOOTER}` }).result.violations;
    expect(violation?.code).toBe('creepy.sensitive-inference');
    expect(violation?.message).toContain('a pregnancy');
  });

  it('does not flag ordinary copy that uses the same words', () => {
    const clean = [
      'Support your recovery after long runs.',
      "You're expecting a great race, so here is a plan.",
      'Our loss-leader sale ends Sunday.',
      'Keep your shoes in good condition.',
      'Join the church-hall fun run on Saturday.',
    ];
    for (const body of clean) expect(sensitive(body), body).toEqual([]);
  });
});
