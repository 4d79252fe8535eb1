import { describe, expect, it } from 'vitest';
import { createWorld, PERSONA_IDS, simulateHistory, type PersonaId, type SimMessage } from '../../src/sim/index.js';

const MEMBERS = 4000;
const world = createWorld({ seed: 2024, members: MEMBERS, historyWeeks: 52 });
const { messages, totals } = simulateHistory(world);

const personaOf = (userId: string | undefined): PersonaId | undefined =>
  userId === undefined ? undefined : PERSONA_IDS[world.members.persona[Number(userId.slice(4)) - 1] as number];
const membersOf = (persona: PersonaId) => world.members.persona.filter((p) => PERSONA_IDS[p] === persona).length;
const orders = messages.filter((m): m is Extract<SimMessage, { type: 'track' }> => m.type === 'track' && m.event === 'Order Completed');
const ordersPerMember = (persona: PersonaId, from = 0, to = Infinity) =>
  orders.filter((m) => personaOf(m.userId) === persona && Date.parse(m.timestamp) >= from && Date.parse(m.timestamp) < to).length / membersOf(persona);

describe('a simulated year of Athena (simulated figures)', () => {
  it('has plausible orders per member per year, order values and returns', () => {
    expect(totals.orders / MEMBERS).toBeGreaterThan(1.5);
    expect(totals.orders / MEMBERS).toBeLessThan(4);
    expect(totals.revenue / totals.orders).toBeGreaterThan(60);
    expect(totals.revenue / totals.orders).toBeLessThan(200);
    expect(totals.refunds / totals.orders).toBeGreaterThan(0.05);
    expect(totals.refunds / totals.orders).toBeLessThan(0.25);
    expect(totals.cancellations).toBeGreaterThan(0);
  });

  it('has newsletter open rates of 15–35 % and click rates of 1–5 %, with few unsubscribes and spam reports', () => {
    const t = totals.touches;
    expect(t.opened / t.delivered).toBeGreaterThan(0.15);
    expect(t.opened / t.delivered).toBeLessThan(0.35);
    expect(t.clicked / t.delivered).toBeGreaterThan(0.01);
    expect(t.clicked / t.delivered).toBeLessThan(0.05);
    expect(t.unsubscribed / t.delivered).toBeGreaterThan(0.0003);
    expect(t.unsubscribed / t.delivered).toBeLessThan(0.004);
    expect(t.complained / t.delivered).toBeLessThan(0.001);
    expect(t.attributedOrders).toBeGreaterThan(0);
  });

  it('lets the personas show through behaviour', () => {
    expect(ordersPerMember('Enthusiasts')).toBeGreaterThan(3 * ordersPerMember('Browsers'));
    expect(ordersPerMember('Routine Buyers')).toBeGreaterThan(ordersPerMember('Browsers'));
    const views = (persona: PersonaId) => messages.filter((m) => m.type === 'track' && m.event === 'Product Viewed' && personaOf(m.userId) === persona).length;
    expect(views('Browsers') / membersOf('Browsers')).toBeGreaterThan(views('Routine Buyers') / membersOf('Routine Buyers'));
    // Lapsed VIPs buy like enthusiasts early in the year, then decline.
    const third = (k: number) => world.calendar.startMs + (k * 52 * 7 * 86_400_000) / 3;
    expect(ordersPerMember('Lapsed VIPs', third(0), third(1))).toBeGreaterThan(2 * ordersPerMember('Lapsed VIPs', third(2), third(3)));
  });

  it('makes gift givers spike in the holidays, and outerwear sell in winter', () => {
    const inMonths = (m: SimMessage, months: number[]) => months.includes(new Date(m.timestamp).getUTCMonth());
    const giftOrders = orders.filter((m) => personaOf(m.userId) === 'Gift Givers');
    const holidayShare = giftOrders.filter((m) => inMonths(m, [10, 11])).length / giftOrders.length;
    expect(holidayShare).toBeGreaterThan(0.3);
    const outerwear = (months: number[]) =>
      orders.filter((m) => inMonths(m, months)).flatMap((m) => m.properties.products as Array<{ category: string }>).filter((p) => p.category === 'outerwear').length;
    expect(outerwear([10, 11, 0])).toBeGreaterThan(2 * outerwear([5, 6, 7]));
  });

  it('lets some members browse anonymously before they join, and abandons carts', () => {
    const anonymousPages = messages.filter((m) => m.type === 'page' && m.userId === undefined);
    expect(anonymousPages.length).toBeGreaterThan(100);
    expect(messages.some((m) => m.type === 'page' && m.name === 'Join Athena Rewards')).toBe(true);
    const carts = [...Array(MEMBERS).keys()].filter((i) => (world.state.cart[i * 3] as number) >= 0).length;
    expect(carts / MEMBERS).toBeGreaterThan(0.01);
    expect(totals.checkouts).toBeGreaterThan(totals.orders);
  });

  it('hears from members: support messages, complaints, NPS and CSAT answers', () => {
    expect(totals.supportMessages / MEMBERS).toBeGreaterThan(0.05);
    expect(totals.complaints).toBeGreaterThan(10);
    const surveys = messages.filter((m): m is Extract<SimMessage, { type: 'track' }> => m.type === 'track' && m.event === 'Survey Answered');
    expect(new Set(surveys.map((m) => m.properties.survey))).toEqual(new Set(['nps', 'csat']));
  });
});
