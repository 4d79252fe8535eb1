import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_TIERS } from '../../src/core/consent.js';
import { chooseFraming, FRAMINGS, RECENT_ORDER_DAYS, type Framing, type Situation } from '../../src/compose/index.js';
import { SEGMENT_NAMES as SEGMENTS } from '../../src/core/segments.js';

const CAMPAIGN: ReadonlySet<Framing> = new Set(['welcome', 'new_arrivals', 'we_miss_you', 'member_price']);

function situation(overrides: Partial<Situation> = {}): Situation {
  return { action: 'new_arrivals', tier: 'personalized', segment: null, emotionalState: 'calm', ...overrides };
}

describe('chooseFraming: the situation decides the words (DESIGN.md §7)', () => {
  it.each([
    ['New Members', 'welcome'],
    ['Enthusiasts', 'new_arrivals'],
    ['Lapsed VIPs', 'we_miss_you'],
    ['Bargain Hunters', 'member_price'],
  ] as const)('a %s hears %s on a campaign action', (segment, framing) => {
    const chosen = chooseFraming(situation({ segment, daysSinceLastOrder: 200 }), CAMPAIGN);
    expect(chosen.framing).toBe(framing);
    expect(chosen.reason.code).toBe('segment');
  });

  it('falls back to the action’s own framing for segments without one, or when the ideal has no template', () => {
    expect(chooseFraming(situation({ segment: 'Routine Buyers' }), CAMPAIGN)).toMatchObject({ framing: 'new_arrivals', reason: { code: 'action_default' } });
    const noWelcome = new Set<Framing>(['member_price']);
    expect(chooseFraming(situation({ action: 'member_price', segment: 'New Members' }), noWelcome).framing).toBe('member_price');
  });

  it('does not say "we miss you" to a lapsed member who ordered since the segment was scored', () => {
    const returned = chooseFraming(situation({ segment: 'Lapsed VIPs', daysSinceLastOrder: RECENT_ORDER_DAYS - 1 }), CAMPAIGN);
    expect(returned).toMatchObject({ framing: 'new_arrivals', reason: { code: 'returned_recently' } });
    const onlyMissYou = chooseFraming(situation({ action: 'we_miss_you', segment: 'Lapsed VIPs', daysSinceLastOrder: 3 }), new Set<Framing>(['we_miss_you']));
    expect(onlyMissYou.framing).toBeNull();
  });

  it('gives an upset member service words only, or nothing', () => {
    for (const emotionalState of ['frustrated', 'angry'] as const) {
      const promo = chooseFraming(situation({ segment: 'Enthusiasts', emotionalState }), CAMPAIGN);
      expect(promo).toMatchObject({ framing: null, reason: { code: 'upset_no_promotion' } });
    }
    const checkIn = chooseFraming(situation({ action: 'check_in', openComplaint: true }), new Set<Framing>(['check_in', 'no_promotion']));
    expect(checkIn).toMatchObject({ framing: 'no_promotion', reason: { code: 'upset_service_only' } });
    expect(chooseFraming(situation({ action: 'check_in', emotionalState: 'anxious' }), new Set<Framing>(['check_in', 'no_promotion'])).framing).toBe('check_in');
  });

  it('keeps triggered actions to their own framing, within what the tier allows', () => {
    const all = new Set<Framing>(FRAMINGS);
    expect(chooseFraming(situation({ action: 'replenishment', segment: 'New Members' }), all)).toMatchObject({ framing: 'replenishment', reason: { code: 'triggered' } });
    expect(chooseFraming(situation({ action: 'replenishment', tier: 'basic' }), all)).toMatchObject({ framing: null, reason: { code: 'tier_does_not_allow' } });
    expect(chooseFraming(situation({ action: 'cart_reminder', tier: 'personalized' }), all).framing).toBeNull();
    expect(chooseFraming(situation({ action: 'cart_reminder', tier: 'proactive' }), all).framing).toBe('cart_reminder');
    expect(chooseFraming(situation({ action: 'welcome', tier: 'basic' }), all).framing).toBe('welcome');
  });

  it('builds a progression only on a recent purchase the tier lets us use', () => {
    const all = new Set<Framing>(FRAMINGS);
    expect(chooseFraming(situation({ action: 'progression', recentPurchaseCategories: ['shoes'] }), all).framing).toBe('progression');
    expect(chooseFraming(situation({ action: 'progression', recentPurchaseCategories: [] }), all)).toMatchObject({ framing: null, reason: { code: 'needs_recent_purchase' } });
    expect(chooseFraming(situation({ action: 'progression', tier: 'basic', recentPurchaseCategories: ['shoes'] }), all).framing).toBeNull();
  });

  it('has no words when the action has no template for the channel', () => {
    expect(chooseFraming(situation({ action: 'replenishment' }), new Set()).reason.code).toBe('no_template');
    expect(chooseFraming(situation(), new Set()).framing).toBeNull();
  });

  it('words its reasons value-first: no numbers, dates or categories from the member’s data', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...['new_arrivals', 'we_miss_you', 'member_price', 'welcome', 'replenishment', 'check_in', 'progression', 'cart_reminder']),
        fc.constantFrom(...CONSENT_TIERS),
        fc.constantFrom(null, ...SEGMENTS),
        fc.integer({ min: 0, max: 999 }),
        (action, tier, segment, days) => {
          const chosen = chooseFraming(situation({ action, tier, segment, daysSinceLastOrder: days, recentPurchaseCategories: ['zz-category'] }), new Set(FRAMINGS));
          expect(chosen.reason.text).not.toMatch(/\d|zz-category/);
        },
      ),
    );
  });

  it('ignores purchase data for a basic member (counterfactual)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, ...SEGMENTS),
        fc.string(),
        fc.option(fc.integer({ min: 0, max: 1000 })),
        fc.option(fc.integer({ min: 0, max: 1000 })),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.array(fc.string(), { maxLength: 3 }),
        (segment, action, daysA, daysB, categoriesA, categoriesB) => {
          const base = { action, tier: 'basic' as const, segment, emotionalState: 'calm' as const };
          const a = chooseFraming({ ...base, daysSinceLastOrder: daysA, recentPurchaseCategories: categoriesA }, new Set(FRAMINGS));
          const b = chooseFraming({ ...base, daysSinceLastOrder: daysB, recentPurchaseCategories: categoriesB }, new Set(FRAMINGS));
          expect(a).toEqual(b);
        },
      ),
    );
  });
});
