// DESIGN.md §5's guarantee, tested as a property: for a member in a tier, changing data of a class
// the tier does not allow changes no decision, reason or explanation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { loadConfig, EXAMPLE_CONFIG_PATH } from '../../src/decide/config.js';
import { decideForMember } from '../../src/decide/engine.js';
import { buildMemberView, type MemberScores } from '../../src/decide/member-view.js';
import { explainDecision } from '../../src/explain/index.js';
import { member, scoresFor, type HistoryEntry } from '../support/members.js';

const NOW = Date.parse('2026-06-10T15:00:00Z');
const config = { ...loadConfig(EXAMPLE_CONFIG_PATH), holdout: { share: 0, salt: 'x', treatment: 'none' as const } };

const day = fc.integer({ min: 1, max: 400 });
const at = (daysAgo: number) => new Date(NOW - daysAgo * 86_400_000 - 3_600_000 * 5).toISOString();
const category = fc.constantFrom('running-shoes', 'trail-shoes', 'socks', 'hydration', 'yoga', 'outerwear');

const purchase = fc.oneof(
  fc.tuple(day, category, fc.integer({ min: 10, max: 400 })).map(([d, c, v]): HistoryEntry => ['Order Completed', at(d), { revenue: v, products: [{ product_id: `${c}-1`, category: c, price: v }] }]),
  day.map((d): HistoryEntry => ['Order Refunded', at(d), { revenue: 30 }]),
  day.map((d): HistoryEntry => ['Points Earned', at(d), { points: 50 }]),
);
const browsing = fc.oneof(
  fc.tuple(day, category).map(([d, c]): HistoryEntry => ['Product Viewed', at(d), { product_id: `${c}-9`, category: c }]),
  fc.tuple(fc.integer({ min: 1, max: 3 }), category).map(([d, c]): HistoryEntry => ['Checkout Started', at(d), { products: [{ product_id: `${c}-2`, price: 40 }] }]),
  day.map((d): HistoryEntry => ['page', at(d)]),
);
const engagement = fc.oneof(
  day.map((d): HistoryEntry => ['Email Delivered', at(d)]),
  day.map((d): HistoryEntry => ['Email Link Clicked', at(d)]),
);
const service = fc.oneof(
  day.map((d): HistoryEntry => ['Support Message', at(d), { text: 'Where is my order? Still waiting!!' }]),
  day.map((d): HistoryEntry => ['Complaint Filed', at(d)]),
);
const stated = day.map((d): HistoryEntry => ['Survey Answered', at(d), { survey: 'nps', score: 8 }]);
const inferredScores = fc.record({
  churnRisk: fc.double({ min: 0, max: 1, noNaN: true }),
  clv: fc.double({ min: 0, max: 5000, noNaN: true }),
  pAlive: fc.double({ min: 0, max: 1, noNaN: true }),
});

function outcome(history: HistoryEntry[], tier: 'basic' | 'personalized', scores: MemberScores, seed: number) {
  const decision = decideForMember({
    config,
    view: buildMemberView(member({ tier, history, joined: '2025-11-01T00:00:00Z' }), scores, NOW),
    touches: [],
    arms: () => undefined,
    now: NOW,
    rng: createRng(seed),
    mode: 'batch',
    recentHandover: false,
    decisionId: 'same-id',
  });
  return { decision, explanation: explainDecision(decision, tier).text };
}

describe('counterfactual consent', () => {
  const cases = [
    { tier: 'basic' as const, allowed: fc.oneof(engagement, service, stated), forbidden: fc.oneof(purchase, browsing) },
    { tier: 'personalized' as const, allowed: fc.oneof(purchase, engagement, service, stated), forbidden: browsing },
  ];
  for (const { tier, allowed, forbidden } of cases) {
    it(`a ${tier} member's decisions ignore data of classes the tier does not allow`, () => {
      fc.assert(
        fc.property(
          fc.array(allowed, { maxLength: 12 }), fc.array(forbidden, { maxLength: 10 }), fc.array(forbidden, { maxLength: 10 }),
          inferredScores, inferredScores, fc.integer(),
          (base, forbiddenA, forbiddenB, scoresA, scoresB, seed) => {
            const a = outcome([...base, ...forbiddenA], tier, scoresFor(scoresA), seed);
            const b = outcome([...base, ...forbiddenB], tier, scoresFor(scoresB), seed);
            expect(b.decision).toEqual(a.decision);
            expect(b.explanation).toBe(a.explanation);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('the property can fail: a proactive member’s decisions do depend on browsing', () => {
    const base: HistoryEntry[] = [['Order Completed', at(200), { revenue: 60 }]];
    const withCart: HistoryEntry[] = [...base, ['Checkout Started', at(1), { products: [{ product_id: 'x', price: 40 }] }]];
    const view = (history: HistoryEntry[]) => buildMemberView(member({ tier: 'proactive', history }), undefined, NOW);
    expect(view(withCart).browsing).not.toEqual(view(base).browsing);
  });
});
