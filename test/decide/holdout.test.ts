import { describe, expect, it } from 'vitest';
import { holdoutDraw, isInHoldout } from '../../src/decide/holdout.js';

// Sequential ids are what many loyalty systems issue; the share held out must not depend on them.
describe('global holdout membership', () => {
  const share = 0.1;
  const members = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

  it.each([
    ['member-', 'default'],
    ['m', 'attune-holdout'],
    ['user_00', 'salt-2'],
    ['', 'numbers-only'],
  ])('holds out close to the configured share of sequential ids %s… (salt %s)', (prefix, salt) => {
    const ids = members(prefix, 20_000);
    const held = ids.filter((id) => isInHoldout(id, { share, salt })).length / ids.length;
    // Binomial sd at n = 20,000, p = 0.1 is 0.0021: five of them.
    expect(Math.abs(held - share)).toBeLessThan(0.0106);
  });

  it('spreads draws evenly over [0, 1)', () => {
    const bins = new Array<number>(10).fill(0);
    for (const id of members('member-', 50_000)) bins[Math.floor(holdoutDraw(id, 'default') * 10)]! += 1;
    const expected = 5_000;
    const chiSquare = bins.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(27.9); // 99.9th percentile of chi-square with 9 df
  });

  it('is stable for a profile and changes with the salt', () => {
    expect(holdoutDraw('member-7', 'a')).toBe(holdoutDraw('member-7', 'a'));
    expect(holdoutDraw('member-7', 'a')).not.toBe(holdoutDraw('member-7', 'b'));
  });
});
