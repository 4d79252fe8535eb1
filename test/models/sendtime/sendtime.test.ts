import { describe, expect, it } from 'vitest';
import { createRng, randomBeta, randomGamma, weightedIndex } from '../../../src/core/index.js';
import {
  DEFAULT_PRIOR, HOURS_PER_WEEK, bestHourOfWeek, channelPosteriors, describeHourOfWeek, fitChannelPriors, fitConcentration, hourShares,
  preferredChannel, smoothedHours, toLocalHours, utcOffsetMinutes,
} from '../../../src/models/sendtime/index.js';

const JUNE = Date.UTC(2026, 5, 15, 12);
const JANUARY = Date.UTC(2026, 0, 15, 12);

describe('hours of the week in the member’s time zone', () => {
  it('finds UTC offsets, daylight saving included', () => {
    expect(utcOffsetMinutes('America/New_York', JUNE)).toBe(-240);
    expect(utcOffsetMinutes('America/New_York', JANUARY)).toBe(-300);
    expect(utcOffsetMinutes('Europe/London', JANUARY)).toBe(0);
    expect(utcOffsetMinutes('Asia/Kolkata', JUNE)).toBe(330);
    expect(utcOffsetMinutes('Not/AZone', JUNE)).toBe(0);
  });

  it('moves UTC hour-of-week counts into local hours, wrapping around the week', () => {
    const local = toLocalHours({ '0': 2, '167': 1 }, 9 * 60);
    expect(local[9]).toBe(2); // Monday 00:00 UTC is Monday 09:00 in Tokyo
    expect(local[8]).toBe(1); // Sunday 23:00 UTC is Monday 08:00
    const west = toLocalHours({ '0': 1 }, -240);
    expect(describeHourOfWeek(west.indexOf(1))).toEqual({ weekday: 'Sunday', hour: 20 });
  });
});

/** Members drawing `n` observations from a Dirichlet(κ·q) hour profile. */
function dirichletMembers(kappa: number, shares: Float64Array, members: number, n: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: members }, () => {
    const p = Float64Array.from(shares, (q) => randomGamma(rng, kappa * q));
    const counts = new Float64Array(HOURS_PER_WEEK);
    for (let k = 0; k < n; k++) counts[weightedIndex(rng, p)]! += 1;
    return counts;
  });
}

describe('send-time shrinkage', () => {
  const base = new Float64Array(HOURS_PER_WEEK).fill(1);
  for (let d = 0; d < 7; d++) base[d * 24 + 19] = 12; // evenings are popular
  const shares = hourShares(base, 0);

  it('estimates the Dirichlet concentration by maximum likelihood (Minka fixed point)', () => {
    for (const kappa of [20, 80]) {
      const counts = dirichletMembers(kappa, shares, 1500, 25, kappa);
      const estimate = fitConcentration(counts.map((c) => ({ counts: c, shares })));
      expect(Math.abs(estimate - kappa) / kappa).toBeLessThan(0.15);
    }
  });

  it('follows the segment with little data and the member with much', () => {
    const prior = { shares, concentration: 30 };
    const few = new Float64Array(HOURS_PER_WEEK);
    few[8] = 1;
    expect(bestHourOfWeek(few, prior) % 24).toBe(19);
    const many = new Float64Array(HOURS_PER_WEEK);
    many[8] = 40;
    expect(bestHourOfWeek(many, prior)).toBe(8);
    const smoothed = smoothedHours(many, prior);
    expect(smoothed.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('channel preference', () => {
  const none = { delivered: 0, opened: 0, clicked: 0 };
  const priors = { email: { alpha: 2, beta: 38 }, sms: { alpha: 2, beta: 38 }, push: { alpha: 2, beta: 38 }, in_app: { alpha: 2, beta: 38 } };

  it('gives email opens no credit (privacy proxies) and push opens full credit', () => {
    const [email, , push] = channelPosteriors({ email: { delivered: 20, opened: 20, clicked: 0 }, push: { delivered: 20, opened: 10, clicked: 0 } }, priors);
    expect(email!.mean).toBeCloseTo(2 / 60, 12);
    expect(push!.mean).toBeCloseTo(12 / 60, 12);
  });

  it('prefers the best subscribed channel, and none when nothing is subscribed', () => {
    const counts = { email: { delivered: 30, opened: 20, clicked: 3 }, sms: { delivered: 30, opened: 0, clicked: 15 }, push: none };
    expect(preferredChannel(counts, { email: true, sms: true, push: false, in_app: false }, priors)?.channel).toBe('sms');
    expect(preferredChannel(counts, { email: true, sms: false, push: false, in_app: false }, priors)?.channel).toBe('email');
    expect(preferredChannel(counts, { email: false, sms: false, push: false, in_app: false }, priors)).toBeNull();
    expect(preferredChannel(null, { email: true, sms: false, push: true, in_app: false }, priors)?.channel).toBe('email');
  });

  it('fits each channel’s Beta prior by the method of moments', () => {
    const rng = createRng(11);
    const members = Array.from({ length: 3000 }, () => {
      const rate = randomBeta(rng, 3, 27); // mean 0.1, strength 30
      let clicked = 0;
      for (let k = 0; k < 40; k++) if (rng.next() < rate) clicked++;
      return { email: { delivered: 40, opened: 30, clicked } };
    });
    const fitted = fitChannelPriors(members);
    expect(fitted.email.alpha / (fitted.email.alpha + fitted.email.beta)).toBeCloseTo(0.1, 2);
    expect(Math.abs(fitted.email.alpha + fitted.email.beta - 30) / 30).toBeLessThan(0.25);
    expect(fitted.sms).toEqual(DEFAULT_PRIOR);
  });
});
