import { describe, expect, it } from 'vitest';
import {
  CATEGORY_IDS, PERSONA_IDS, responseProbabilities, simulateWeek, type Framing, type PersonaId, type Touch, type TouchOutcome,
  type TouchSituation, type World,
} from '../../src/sim/index.js';
import { emails, tally, worldWithHistory } from './helpers.js';

const SEED = 404;
const MEMBERS = 3000;
const HISTORY = 8;

const afterHistory = worldWithHistory(SEED, MEMBERS, HISTORY);

/** Runs `weeks` live weeks of a fresh copy of the same world, with the touches `make` asks for. */
function live(weeks: number, make: (world: World, week: number) => Touch[]): TouchOutcome[] {
  const world = structuredClone(afterHistory);
  const outcomes: TouchOutcome[] = [];
  for (let k = 0; k < weeks; k++) outcomes.push(...simulateWeek(world, HISTORY + k, make(world, HISTORY + k)).outcomes.touches);
  return outcomes;
}

const persona = (world: World, id: PersonaId) => (i: number) => world.members.persona[i] === PERSONA_IDS.indexOf(id);

describe('how simulated members respond to touches', () => {
  it('unsubscribes and complains more when touched daily than weekly', () => {
    const weekly = tally(live(4, (world, week) => emails(world, week, [1])));
    const daily = tally(live(4, (world, week) => emails(world, week, [0, 1, 2, 3, 4, 5, 6])));
    expect(daily.unsubscribed / daily.delivered).toBeGreaterThan(3 * (weekly.unsubscribed / weekly.delivered));
    expect(daily.unsubscribed).toBeGreaterThan(5 * weekly.unsubscribed);
    expect(daily.complained + daily.negativeReplies).toBeGreaterThan(5 * (weekly.complained + weekly.negativeReplies));
    expect(daily.opened / daily.delivered).toBeLessThan(weekly.opened / weekly.delivered);
  });

  it('complains and unsubscribes more after creepy touches than after the same touches without', () => {
    const plain = tally(live(3, (world, week) => emails(world, week, [1, 4], { creepiness: 0 })));
    const creepy = tally(live(3, (world, week) => emails(world, week, [1, 4], { creepiness: 0.9 })));
    expect(creepy.complained + creepy.negativeReplies).toBeGreaterThan(3 * (plain.complained + plain.negativeReplies));
    expect(creepy.unsubscribed).toBeGreaterThan(2 * plain.unsubscribed);
  });

  it('rewards the framing that fits: "we miss you" to Lapsed VIPs, member prices to Bargain Hunters, welcome to New Members', () => {
    const compare = (id: PersonaId, right: Framing, wrong: Framing) => {
      const fits = tally(live(2, (world, week) => emails(world, week, [1], { framing: right }, persona(world, id))));
      const misfits = tally(live(2, (world, week) => emails(world, week, [1], { framing: wrong }, persona(world, id))));
      expect(fits.delivered).toBeGreaterThan(100);
      expect(fits.clicked, `${id}: ${right} vs ${wrong}`).toBeGreaterThan(1.5 * misfits.clicked);
      expect(fits.opened).toBeGreaterThan(misfits.opened);
      return { fits, misfits };
    };
    compare('Lapsed VIPs', 'we_miss_you', 'welcome');
    compare('New Members', 'welcome', 'we_miss_you');
    const bargain = compare('Bargain Hunters', 'member_price', 'new_arrivals');
    expect(bargain.fits.purchases).toBeGreaterThan(bargain.misfits.purchases);
  });

  it('clicks and buys more when the products match the member\'s interests', () => {
    const productsFor = (world: World, i: number, best: boolean): string[] => {
      const base = i * CATEGORY_IDS.length;
      const order = CATEGORY_IDS.map((_, c) => c).sort((a, b) => (world.members.affinity[base + b] as number) - (world.members.affinity[base + a] as number));
      const category = order[best ? 0 : order.length - 2] as number;
      const inStock = (world.catalog.productsByCategory[category] ?? []).filter((p) => world.catalog.products[p]?.inventory !== 0);
      return inStock.slice(0, 2).map((p) => world.catalog.products[p]?.id as string);
    };
    const send = (best: boolean) => (world: World, week: number) =>
      emails(world, week, [1, 4]).map((t) => ({ ...t, productIds: productsFor(world, t.memberIndex, best) }));
    const relevant = tally(live(2, send(true)));
    const irrelevant = tally(live(2, send(false)));
    expect(relevant.clicked).toBeGreaterThan(1.5 * irrelevant.clicked);
    expect(relevant.purchases).toBeGreaterThan(irrelevant.purchases);
  });

  it('backs off from promotions to upset members, and buys within days of a click', () => {
    const sentAt = new Map<string, number>();
    const outcomes = live(2, (world, week) => emails(world, week, [0, 3], { framing: 'member_price' }).map((t) => (sentAt.set(t.decisionId, t.sendAt), t)));
    const purchases = outcomes.filter((o) => o.purchase !== null);
    expect(purchases.length).toBeGreaterThan(10);
    for (const o of purchases) {
      const delay = (o.purchase?.at as number) - (sentAt.get(o.decisionId) as number);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThan(8 * 86_400_000);
    }
    const upset = outcomes.filter((o) => o.probabilities?.drivers.upsetPromotion === true);
    const calm = outcomes.filter((o) => o.probabilities?.drivers.upsetPromotion === false);
    expect(upset.length).toBeGreaterThan(0);
    const mean = (list: TouchOutcome[], key: 'open' | 'unsubscribe') => list.reduce((sum, o) => sum + (o.probabilities?.[key] ?? 0), 0) / list.length;
    expect(mean(upset, 'open')).toBeLessThan(mean(calm, 'open'));
    expect(mean(upset, 'unsubscribe')).toBeGreaterThan(2 * mean(calm, 'unsubscribe'));
  });

  it('suppresses touches on channels the member is not subscribed to', () => {
    const smsSubscribers = afterHistory.state.subscriptions.filter((mask) => (mask & 2) !== 0).length;
    const sms = live(1, (w, week) => emails(w, week, [1], { channel: 'sms' }));
    expect(smsSubscribers).toBeGreaterThan(100);
    expect(sms.filter((o) => o.status === 'not_subscribed')).toHaveLength(MEMBERS - smsSubscribers);
    expect(sms.filter((o) => o.status === 'not_subscribed' && (o.opened || o.probabilities !== null))).toHaveLength(0);
  });
});

describe('the response model (pure)', () => {
  const base: TouchSituation = {
    persona: 'Routine Buyers', channel: 'email', engagement: 0.3, priceSensitivity: 0.5, creepSensitivity: 0.5, isPreferredChannel: true,
    localHour: 19.5, bestHour: 19, touchesLast7Days: 1, touchesLast30Days: 3, fatigueTolerance: 2.5, creepiness: 0,
    promotional: true, relevance: 0.5, tenureDays: 400, daysSinceLastOrder: 30, orders: 3, cartAgeDays: Infinity,
    birthdayDistanceDays: Infinity, hasNextStage: false, inGiftSeason: false, upset: false, dormant: false, lapsing: false,
    mood: 0.2, ignoredStreak: 0, clickToPurchase: 0.12,
  };
  const p = (change: Partial<TouchSituation>, framing: Framing = 'new_arrivals') => responseProbabilities(framing, { ...base, ...change });

  it('lowers opens away from the best hour and raises SMS opt-outs in quiet hours', () => {
    expect(p({ localHour: 4 }).open).toBeLessThan(p({}).open);
    expect(p({ channel: 'sms', localHour: 23 }).unsubscribe).toBeGreaterThan(p({ channel: 'sms', localHour: 19.5 }).unsubscribe);
  });

  it('raises unsubscribe and complaint risk with pressure and creepiness, and lowers opens', () => {
    const pushed = p({ touchesLast7Days: 10, touchesLast30Days: 35 });
    expect(pushed.unsubscribe).toBeGreaterThan(3 * p({}).unsubscribe);
    expect(pushed.complaint).toBeGreaterThan(2 * p({}).complaint);
    expect(pushed.open).toBeLessThan(p({}).open);
    expect(p({ creepiness: 1, creepSensitivity: 0.8 }).complaint).toBeGreaterThan(10 * p({}).complaint);
    expect(p({ touchesLast7Days: 2, touchesLast30Days: 8 }).drivers.pressure).toBe(0);
  });

  it('makes relevant content clicked and bought more', () => {
    expect(p({ relevance: 0.9 }).clickGivenOpen).toBeGreaterThan(2 * p({ relevance: 0.2 }).clickGivenOpen);
    expect(p({ relevance: 0.9 }).purchaseGivenClick).toBeGreaterThan(p({ relevance: 0.2 }).purchaseGivenClick);
  });

  it('fits framings to situations: a cart needs a cart, a birthday a stated birthday, a check-in a recent order', () => {
    expect(p({ cartAgeDays: 1 }, 'cart_reminder').drivers.framingFit).toBeGreaterThan(0.5);
    expect(p({}, 'cart_reminder').drivers.framingFit).toBeLessThan(0);
    expect(p({ birthdayDistanceDays: 2 }, 'birthday').drivers.framingFit).toBeGreaterThan(0.5);
    expect(p({}, 'birthday').drivers.framingFit).toBeLessThan(0);
    expect(p({ upset: true }, 'service_follow_up').drivers.framingFit).toBeGreaterThan(0.5);
    expect(p({ daysSinceLastOrder: 120 }, 'replenishment').drivers.framingFit).toBeGreaterThan(p({ daysSinceLastOrder: 10 }, 'replenishment').drivers.framingFit);
    expect(p({ daysSinceLastOrder: 7 }, 'check_in').drivers.framingFit).toBeGreaterThan(0.5);
    expect(p({ upset: true }).drivers.upsetPromotion).toBe(true);
  });
});
