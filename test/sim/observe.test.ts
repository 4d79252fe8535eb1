import { describe, expect, it } from 'vitest';
import { memberAt, newsletterTouches, observeMember, simulateWeek, weekStartMs, type Touch } from '../../src/sim/index.js';
import { tally, worldWithHistory } from './helpers.js';

const DAY_MS = 86_400_000;

describe('what the blast and rules baselines can know about members', () => {
  const world = worldWithHistory(77, 3000, 30);
  const now = world.calendar.nowMs;
  const observed = [...Array(world.members.count).keys()].map((i) => observeMember(world, i, now));

  it('shows abandoned carts with their age, for a 24-hour cart reminder', () => {
    const carts = observed.filter((m) => m.cart !== null);
    expect(carts.length).toBeGreaterThan(30);
    for (const m of carts) {
      expect(m.cart?.productIds.length).toBeGreaterThan(0);
      expect(m.cart?.updatedAt).toBeLessThan(now);
      for (const id of m.cart?.productIds ?? []) expect(world.catalog.indexById.has(id)).toBe(true);
    }
    expect(carts.some((m) => now - (m.cart?.updatedAt as number) > DAY_MS)).toBe(true);
    expect(carts.some((m) => m.cart?.checkoutStartedAt !== null)).toBe(true);
  });

  it('shows days since the last order, for a 90-day win-back', () => {
    const buyers = observed.filter((m) => m.lastOrderAt !== null);
    expect(buyers.length).toBeGreaterThan(1000);
    expect(buyers.filter((m) => (m.daysSinceLastOrder as number) >= 90).length).toBeGreaterThan(50);
    for (const m of buyers.slice(0, 100)) expect(m.daysSinceLastOrder).toBe(Math.floor((now - (m.lastOrderAt as number)) / DAY_MS));
  });

  it('shows a birthday only when the member stated it', () => {
    for (const m of observed.slice(0, 500)) {
      const truth = memberAt(world.members, m.memberIndex);
      expect(m.birthday).toBe(truth.birthdayStated ? truth.birthday : null);
    }
  });

  it('blasts the newsletter to email subscribers only, and a cart reminder works better than the blast on carts', () => {
    const week = world.calendar.historyWeeks;
    const blast = newsletterTouches(world, week);
    expect(blast.length).toBe(observed.filter((m) => m.enrolled && m.subscriptions.email).length);
    const start = weekStartMs(world.calendar, week);
    const reminders: Touch[] = observed.filter((m) => m.cart !== null && m.subscriptions.email).map((m) => ({
      memberIndex: m.memberIndex, channel: 'email', sendAt: start + 2 * DAY_MS + 18 * 3_600_000, actionId: 'cart-reminder',
      framing: 'cart_reminder', productIds: m.cart?.productIds, creepiness: 0, promotional: true, decisionId: `cart-${m.memberIndex}`,
    }));
    const carts = new Set(reminders.map((t) => t.memberIndex));
    const result = simulateWeek(world, week, [...blast, ...reminders]);
    const toCarts = (prefix: string) => tally(result.outcomes.touches.filter((o) => carts.has(o.memberIndex) && o.decisionId.startsWith(prefix)));
    const reminded = toCarts('cart-');
    const blasted = toCarts('legacy-');
    expect(reminded.delivered).toBeGreaterThan(20);
    expect(reminded.clicked / reminded.delivered).toBeGreaterThan(blasted.clicked / blasted.delivered);
  });
});
