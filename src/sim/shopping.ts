// Shopping: visits (pages, searches, product views), carts, checkouts, orders, and what an order
// sets in motion (points, a cancellation, a late parcel, returns, a satisfaction survey).
import { EVENTS } from '../core/events.js';
import { randomPoisson, weightedIndex, type Rng } from '../core/random.js';
import { nextStage, type SimCatalog } from './catalog.js';
import { CATEGORY_IDS, SHOE_SIZES, STAGE_IDS, TRAFFIC_SEASONALITY, type StageId } from './catalog-data.js';
import { DAY_MS, HOUR_MS } from './clock.js';
import type { MemberWeek } from './member-week.js';
import { affinityOf, CATEGORY_COUNT } from './members.js';
import type { Sender } from './messages.js';
import { GIFT_SEASON_LIFT, personaSpec } from './personas.js';
import { activeGiftSeason, lifecycleFactor } from './seasons.js';
import { addToCart, cartOf, changeMood, clearCart, schedule } from './state.js';

export const SHOPPING = {
  /** Product views per visit beyond the first (Poisson mean); Browsers look at more. */
  viewDepth: 1.2,
  browserViewDepth: 2.5,
  searchOdds: 0.3,
  /** A viewed product is something the member needs next (a complement, the next stage). */
  needOdds: 0.25,
  /** Price-sensitive members shy away from the dear end of a category. */
  priceAversion: 0.6,
  /** Visits lift with mood: rate × (1 + moodWeight × mood). */
  moodWeight: 0.4,
  staleCartDays: 45,
  /** Points: 1 per dollar; 500 points buy $5 off. */
  pointsPerDollar: 1,
  reward: { points: 500, dollars: 5 },
  freeShippingFrom: 75,
  shipping: 7.95,
  cancelOdds: 0.015,
  lateDeliveryOdds: 0.05,
  csatOdds: 0.08,
  /** Gift cards draw this much more interest in a member's gift season. */
  giftCardSeasonLift: 4,
  moodAfterOrder: 0.05,
} as const;

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Is the middle of this week in one of the member's gift seasons? */
export function inGiftSeason(mw: MemberWeek): boolean {
  return activeGiftSeason(mw.world.members, mw.i, mw.midweekDay) >= 0;
}

/** Expected visits this week: the member's rate × season × lifecycle × gift season × mood. */
export function weeklyVisitRate(mw: MemberWeek): number {
  const { members, state } = mw.world;
  const spec = personaSpec(members.persona[mw.i] as number);
  const giftLift = inGiftSeason(mw) ? (spec.id === 'Gift Givers' ? GIFT_SEASON_LIFT.giftGiver : GIFT_SEASON_LIFT.other) : 1;
  const mood = 1 + SHOPPING.moodWeight * (state.mood[mw.i] as number);
  return (members.visitRate[mw.i] as number) * (TRAFFIC_SEASONALITY[mw.month] as number)
    * lifecycleFactor(members, state, mw.i, mw.week, mw.weekStart) * giftLift * Math.max(0, mood);
}

const productPropertiesCache = new WeakMap<SimCatalog, ReadonlyArray<Readonly<Record<string, unknown>>>>();

/** A product as Segment's e-commerce events describe it; one frozen object per product, shared by messages. */
export function productProperties(mw: MemberWeek, product: number): Readonly<Record<string, unknown>> {
  const { catalog } = mw.world;
  let cached = productPropertiesCache.get(catalog);
  if (cached === undefined) {
    cached = catalog.products.map((p) => Object.freeze({
      product_id: p.id, sku: p.id, name: p.name, category: p.category, brand: 'Athena', price: p.price, currency: p.currency, url: p.url,
    }));
    productPropertiesCache.set(catalog, cached);
  }
  const properties = cached[product];
  if (properties === undefined) throw new RangeError(`no product ${product}`);
  return properties;
}

/** Index into the product's sizes of the one the member picks: their stated shoe or apparel size, a sock size from the shoe size; −1 when sizeless. */
function sizeIndexFor(mw: MemberWeek, product: number): number {
  const { members, catalog } = mw.world;
  const count = catalog.products[product]?.sizes.length ?? 0;
  if (count === 0) return -1;
  const shoe = members.shoeSize[mw.i] as number;
  switch (catalog.categories[catalog.categoryIndex[product] as number]?.id) {
    case 'running-shoes':
    case 'trail-shoes':
      return shoe;
    case 'tops':
    case 'bottoms':
    case 'outerwear':
      return members.apparelSize[mw.i] as number;
    case 'socks':
      return Math.floor((shoe * count) / SHOE_SIZES.length);
    default:
      // Kids' sizes: the child's, which the member does not state; fixed per member.
      return mw.i % count;
  }
}

export function sizeFor(mw: MemberWeek, product: number): string | undefined {
  return mw.world.catalog.products[product]?.sizes[sizeIndexFor(mw, product)];
}

const linePropertiesCache = new WeakMap<SimCatalog, Map<number, Readonly<Record<string, unknown>>>>();

/** A product as a cart or order line (quantity 1, the member's size); shared frozen objects per product and size. */
function lineProperties(mw: MemberWeek, product: number): Readonly<Record<string, unknown>> {
  const { catalog } = mw.world;
  let cache = linePropertiesCache.get(catalog);
  if (cache === undefined) {
    cache = new Map();
    linePropertiesCache.set(catalog, cache);
  }
  const sizeIndex = sizeIndexFor(mw, product);
  const key = product * 64 + sizeIndex + 1;
  let line = cache.get(key);
  if (line === undefined) {
    const size = catalog.products[product]?.sizes[sizeIndex];
    line = Object.freeze({ ...productProperties(mw, product), quantity: 1, ...(size !== undefined ? { size } : {}) });
    cache.set(key, line);
  }
  return line;
}

/** Scratch weights for category choice: one visit at a time, so one buffer serves them all. */
const categoryWeights = new Float64Array(CATEGORY_COUNT);

function chooseCategory(mw: MemberWeek, rng: Rng): number {
  const { catalog, members } = mw.world;
  const giftGiving = inGiftSeason(mw);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    const affinity = affinityOf(members, mw.i, c);
    const season = catalog.categories[c]?.seasonality[mw.month] ?? 1;
    const gift = giftGiving && CATEGORY_IDS[c] === 'gift-cards' ? SHOPPING.giftCardSeasonLift : 1;
    categoryWeights[c] = affinity * affinity * season * gift;
  }
  return weightedIndex(rng, categoryWeights);
}

/** A product of the category: popular ones more often, dear ones less for price-sensitive members. */
function chooseProduct(mw: MemberWeek, rng: Rng, category: number): number {
  const { catalog, members } = mw.world;
  const candidates = catalog.productsByCategory[category] ?? [];
  const aversion = SHOPPING.priceAversion * (members.priceSensitivity[mw.i] as number);
  const weight = (p: number): number => (catalog.popularity[p] as number) * (1 - aversion * (catalog.priceTier[p] as number));
  let total = 0;
  for (const p of candidates) total += weight(p);
  let r = rng.next() * total;
  for (const p of candidates) {
    r -= weight(p);
    if (r < 0) return p;
  }
  return candidates[candidates.length - 1] as number;
}

/** Something the member needs next: a complement of the last purchase or the next stage's gear; −1 if none. */
function neededProduct(mw: MemberWeek, rng: Rng): number {
  const { catalog, state } = mw.world;
  const last = state.lastPurchased[mw.i] as number;
  const stage = state.stage[mw.i] as number;
  const next = nextStage(stage >= 0 ? (STAGE_IDS[stage] as StageId) : null);
  const forStage = next === null ? [] : catalog.productsByStage[STAGE_IDS.indexOf(next)] ?? [];
  const complements = last >= 0 ? catalog.complements[last] ?? [] : [];
  const pool = complements.length > 0 && (forStage.length === 0 || rng.next() < 0.5) ? complements : forStage;
  return pool.length === 0 ? -1 : (pool[Math.floor(rng.next() * pool.length)] as number);
}

/** A product the member would pick without a prompt: something they need, or a favourite from a category they like. */
export function likelyProduct(mw: MemberWeek, rng: Rng): number {
  const need = rng.next() < 0.5 ? neededProduct(mw, rng) : -1;
  return need >= 0 ? need : chooseProduct(mw, rng, chooseCategory(mw, rng));
}

function inStock(mw: MemberWeek, product: number): boolean {
  return mw.world.catalog.products[product]?.inventory !== 0;
}

export function nextOrderId(mw: MemberWeek): string {
  const seq = (mw.world.state.orderSeq[mw.i] as number) + 1;
  mw.world.state.orderSeq[mw.i] = seq;
  return `${mw.userId}-o${seq}`;
}

export function orderSubtotal(mw: MemberWeek, products: readonly number[]): number {
  return round2(products.reduce((sum, p) => sum + (mw.world.catalog.products[p]?.price ?? 0), 0));
}

/** How a visit came about: organically, from a message click (lands on a product), or before joining. */
export interface VisitOptions {
  /** Product the visit opens on; −1 or absent for a category page. */
  landing?: number;
  /**
   * No checkout: visits before enrolment (no account yet) and visits from a click (whether the
   * click leads to a purchase is the response model's call).
   */
  browseOnly?: boolean;
}

export function visit(mw: MemberWeek, rng: Rng, start: number, sender: Sender, options: VisitOptions = {}): void {
  const landing = options.landing ?? -1;
  const { world, i, log, totals } = mw;
  const { catalog, state } = world;
  const spec = personaSpec(world.members.persona[i] as number);
  let t = start;
  const step = (): number => (t += (15 + rng.next() * 90) * 1000);
  totals.sessions += 1;

  const cart = cartOf(state, i);
  if (cart.length > 0 && t - (state.cartUpdatedAt[i] as number) > SHOPPING.staleCartDays * DAY_MS) {
    for (const p of cart) log.track(step(), sender, EVENTS.productRemoved, lineProperties(mw, p));
    clearCart(state, i);
  }

  const category = landing >= 0 ? (catalog.categoryIndex[landing] as number) : chooseCategory(mw, rng);
  const label = catalog.categories[category]?.label ?? 'Home';
  const landingProduct = catalog.products[landing];
  if (landingProduct !== undefined) {
    log.page(t, sender, landingProduct.name, { path: `/p/${landingProduct.id}`, url: landingProduct.url, title: `${landingProduct.name} | Athena` });
  } else {
    const path = `/c/${CATEGORY_IDS[category]}`;
    log.page(t, sender, label, { path, url: `https://athena.example${path}`, title: `${label} | Athena` });
  }
  if (landing < 0 && rng.next() < SHOPPING.searchOdds) {
    const example = chooseProduct(mw, rng, category);
    const query = rng.next() < 0.5 ? label.toLowerCase() : (catalog.products[example]?.name ?? label).toLowerCase();
    log.track(step(), sender, EVENTS.productsSearched, { query });
  }

  const depth = spec.id === 'Browsers' ? SHOPPING.browserViewDepth : SHOPPING.viewDepth;
  let viewed = landing;
  const views = 1 + randomPoisson(rng, landing >= 0 ? depth / 2 : depth);
  for (let v = 0; v < views; v++) {
    if (v > 0 || landing < 0) {
      const need = rng.next() < SHOPPING.needOdds ? neededProduct(mw, rng) : -1;
      viewed = need >= 0 ? need : chooseProduct(mw, rng, category);
    }
    log.track(step(), sender, EVENTS.productViewed, productProperties(mw, viewed));
    totals.productViews += 1;
  }

  if (viewed >= 0 && inStock(mw, viewed) && rng.next() < spec.addToCart && addToCart(state, i, viewed, t)) {
    log.track(step(), sender, EVENTS.productAdded, lineProperties(mw, viewed));
    totals.cartAdds += 1;
  }
  if (options.browseOnly === true || cartOf(state, i).length === 0 || rng.next() >= spec.checkout) return;
  // On the way to checkout, members add what goes with their cart (socks with shoes).
  const extras = randomPoisson(rng, spec.extraItems);
  const complements = catalog.complements[cartOf(state, i)[0] as number] ?? [];
  for (let k = 0; k < Math.min(extras, complements.length); k++) {
    const extra = complements[k] as number;
    if (inStock(mw, extra) && addToCart(state, i, extra, t)) {
      log.track(step(), sender, EVENTS.productAdded, lineProperties(mw, extra));
      totals.cartAdds += 1;
    }
  }
  const items = cartOf(state, i);
  const value = orderSubtotal(mw, items);
  log.track(step(), sender, EVENTS.checkoutStarted, { value, currency: 'USD', products: items.map((p) => lineProperties(mw, p)) });
  state.checkoutStartedAt[i] = t;
  totals.checkouts += 1;
  if (rng.next() < spec.complete) placeOrder(mw, rng, step(), items, { orderId: nextOrderId(mw), redeemPoints: true });
}

export interface OrderOptions {
  orderId: string;
  /** Organic checkouts may spend points; orders a message led to keep the price it quoted. */
  redeemPoints: boolean;
  /** UTM of the message that led to the order. */
  campaign?: Sender['campaign'];
}

/** Places an order and schedules what follows it. Returns the revenue (after any points discount). */
export function placeOrder(mw: MemberWeek, rng: Rng, at: number, products: readonly number[], options: OrderOptions): number {
  const { world, i, log, totals } = mw;
  const { state, members, catalog } = world;
  const sender: Sender = { userId: mw.userId, ...(options.campaign !== undefined ? { campaign: options.campaign } : {}) };
  const subtotal = orderSubtotal(mw, products);
  const { reward } = SHOPPING;
  const redeem = options.redeemPoints && (state.points[i] as number) >= reward.points && subtotal > reward.dollars
    && rng.next() < 0.25 + 0.5 * (members.priceSensitivity[i] as number);
  if (redeem) {
    log.track(at, sender, EVENTS.pointsRedeemed, { points: reward.points, order_id: options.orderId, reward: `$${reward.dollars} off` });
    state.points[i] = (state.points[i] as number) - reward.points;
  }
  const discount = redeem ? reward.dollars : 0;
  const revenue = round2(subtotal - discount);
  const shipping = subtotal >= SHOPPING.freeShippingFrom ? 0 : SHOPPING.shipping;
  log.track(at, sender, EVENTS.orderCompleted, {
    order_id: options.orderId, affiliation: 'Athena Online', subtotal, discount, shipping, revenue, total: round2(revenue + shipping),
    currency: 'USD', products: products.map((p) => lineProperties(mw, p)),
  });
  totals.orders += 1;
  totals.revenue += revenue;
  state.orders[i] = Math.min(65535, (state.orders[i] as number) + 1);
  state.lastOrderAt[i] = at;
  state.lastPurchased[i] = products[0] ?? -1;
  clearCart(state, i);
  advanceStage(mw, products);
  changeMood(state, i, SHOPPING.moodAfterOrder);

  if (rng.next() < SHOPPING.cancelOdds) {
    schedule(state, i, { kind: 'cancel', at: at + (1 + 2 * rng.next()) * HOUR_MS, orderId: options.orderId, total: revenue });
    return revenue;
  }
  const points = Math.floor(revenue * SHOPPING.pointsPerDollar);
  log.track(at + 1000, sender, EVENTS.pointsEarned, { points, order_id: options.orderId, reason: 'purchase' });
  state.points[i] = (state.points[i] as number) + points;
  const late = rng.next() < SHOPPING.lateDeliveryOdds;
  if (late) {
    schedule(state, i, { kind: 'late_delivery', at: at + (5 + 3 * rng.next()) * DAY_MS, orderId: options.orderId, daysLate: 2 + Math.floor(5 * rng.next()) });
  }
  const returned = products.filter((p) => rng.next() < (catalog.categories[catalog.categoryIndex[p] as number]?.returnRate ?? 0));
  if (returned.length > 0) schedule(state, i, { kind: 'refund', at: at + (12 + 16 * rng.next()) * DAY_MS, orderId: options.orderId, products: returned });
  if (rng.next() < SHOPPING.csatOdds) schedule(state, i, { kind: 'csat', at: at + (6 + 4 * rng.next()) * DAY_MS, orderId: options.orderId, late });
  return revenue;
}

/** Buying the next stage's gear moves the member along their progression (or starts one). */
function advanceStage(mw: MemberWeek, products: readonly number[]): void {
  const { state, catalog } = mw.world;
  const current = state.stage[mw.i] as number;
  const next = nextStage(current >= 0 ? (STAGE_IDS[current] as StageId) : null);
  for (const p of products) {
    const stage = catalog.stageIndex[p] as number;
    if (stage < 0) continue;
    const id = STAGE_IDS[stage] as StageId;
    const starts = current < 0 && (id === '5k' || id === 'yoga-start');
    if (id === next || starts) state.stage[mw.i] = stage;
  }
}
