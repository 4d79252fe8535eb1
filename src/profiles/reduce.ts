// How each event changes a profile's live stats. `applyMessage` updates the caller's working
// copy in place (the ingest transaction loads a fresh copy per profile and folds a batch into it).
// Counts, sums, min/max times and decayed values do not depend on arrival order; recent lists
// are ordered by event time; sessions and cart state assume events arrive roughly in order.
import { EVENTS } from '../core/index.js';
import type { SegmentMessage } from '../ingest/normalize.js';
import {
  addDecayed, bump, bumpMonth, emptyStats, hourOfWeek, isChannel, maxTime, minTime, pushRecent, pushSupportNote,
  SESSION_GAP_MS, type CartState, type ProductMention, type ProfileStats,
} from './stats.js';

type Props = Record<string, unknown>;

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

interface LineItem {
  productId: string;
  name?: string;
  category?: string;
  price?: number;
  quantity: number;
}

function lineItem(raw: unknown): LineItem | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const p = raw as Props;
  const productId = str(p.product_id) ?? str(p.productId) ?? str(p.sku) ?? str(p.id);
  if (productId === undefined) return undefined;
  const item: LineItem = { productId, quantity: Math.max(1, num(p.quantity) ?? 1) };
  const name = str(p.name);
  const category = str(p.category);
  const price = num(p.price);
  if (name !== undefined) item.name = name;
  if (category !== undefined) item.category = category;
  if (price !== undefined) item.price = price;
  return item;
}

function lineItems(properties: Props): LineItem[] {
  const products = Array.isArray(properties.products) ? properties.products : [];
  const items = products.map(lineItem).filter((item): item is LineItem => item !== undefined);
  if (items.length === 0) {
    const single = lineItem(properties);
    if (single !== undefined) items.push(single);
  }
  return items;
}

/** Order value: `revenue`, else `total`, else `value`, else the sum of its line items. */
export function orderValue(properties: Props): number {
  const stated = num(properties.revenue) ?? num(properties.total) ?? num(properties.value);
  if (stated !== undefined) return stated;
  return lineItems(properties).reduce((sum, item) => sum + (item.price ?? 0) * item.quantity, 0);
}

function mention(item: LineItem, at: number): ProductMention {
  const m: ProductMention = { productId: item.productId, at };
  if (item.name !== undefined) m.name = item.name;
  if (item.category !== undefined) m.category = item.category;
  if (item.price !== undefined) m.price = item.price;
  return m;
}

function cartOf(items: LineItem[], t: number, previous: CartState | null): CartState {
  const cartItems = items.map((i) => ({ productId: i.productId, quantity: i.quantity, price: i.price ?? null }));
  return {
    items: cartItems,
    value: cartItems.reduce((sum, i) => sum + (i.price ?? 0) * i.quantity, 0),
    updatedAt: t,
    checkoutStartedAt: previous?.checkoutStartedAt ?? null,
  };
}

function browse(s: ProfileStats, t: number): void {
  if (s.lastBrowsedAt === null || t - s.lastBrowsedAt > SESSION_GAP_MS) s.sessions += 1;
  s.lastBrowsedAt = maxTime(s.lastBrowsedAt, t);
  bumpMonth(s.monthlyViews, t);
  s.browsingDecay = addDecayed(s.browsingDecay, t);
}

function engage(s: ProfileStats, channel: string, kind: 'delivered' | 'opened' | 'clicked', t: number): void {
  if (!isChannel(channel)) return;
  const current = s.channelEngagement[channel];
  current[kind] += 1;
  if (kind === 'delivered') current.lastDeliveredAt = maxTime(current.lastDeliveredAt, t);
  else current.lastEngagedAt = maxTime(current.lastEngagedAt, t);
  // Clicks carry the send-time signal; opens are inflated by mail privacy proxies.
  if (kind === 'clicked') {
    bump(s.engagementHours, String(hourOfWeek(t)));
    s.engagementDecay = addDecayed(s.engagementDecay, t);
  } else if (kind === 'opened') {
    s.engagementDecay = addDecayed(s.engagementDecay, t, 0.25);
  }
}

function cartChange(s: ProfileStats, event: string, p: Props, t: number): void {
  const item = lineItem(p);
  if (item === undefined) return;
  const items: LineItem[] = (s.cart?.items ?? []).map((i) => ({ productId: i.productId, quantity: i.quantity, ...(i.price !== null ? { price: i.price } : {}) }));
  const existing = items.find((i) => i.productId === item.productId);
  if (event === EVENTS.productAdded) {
    if (existing) existing.quantity += item.quantity;
    else items.push(item);
  } else if (existing) {
    existing.quantity -= item.quantity;
  }
  const remaining = items.filter((i) => i.quantity > 0);
  s.cart = remaining.length > 0 ? cartOf(remaining, t, s.cart) : null;
}

function trackEvent(s: ProfileStats, event: string, p: Props, t: number): void {
  switch (event) {
    case EVENTS.orderCompleted: {
      const items = lineItems(p);
      const value = orderValue(p);
      for (const item of items) {
        if (item.category !== undefined) bump(s.categoryCounts, item.category, item.quantity);
        s.recentProducts = pushRecent(s.recentProducts, mention(item, t));
        s.itemsPurchased += item.quantity;
      }
      s.orders += 1;
      s.revenue += value;
      s.firstOrderAt = minTime(s.firstOrderAt, t);
      s.lastOrderAt = maxTime(s.lastOrderAt, t);
      bumpMonth(s.monthlyOrders, t);
      bumpMonth(s.monthlyRevenue, t, value);
      bump(s.orderHours, String(hourOfWeek(t)));
      s.purchaseDecay = addDecayed(s.purchaseDecay, t);
      // A completed order empties the cart it came from.
      if (s.cart !== null && s.cart.updatedAt <= t) s.cart = null;
      return;
    }
    case EVENTS.orderRefunded:
      s.refunds += 1;
      s.refundedAmount += orderValue(p);
      s.lastOrderProblemAt = maxTime(s.lastOrderProblemAt, t);
      return;
    case EVENTS.orderCancelled:
      s.cancellations += 1;
      s.lastOrderProblemAt = maxTime(s.lastOrderProblemAt, t);
      return;
    case EVENTS.pointsEarned: {
      const points = num(p.points) ?? 0;
      s.pointsBalance += points;
      s.pointsEarned += points;
      bumpMonth(s.monthlyPoints, t, points);
      return;
    }
    case EVENTS.pointsRedeemed: {
      const points = num(p.points) ?? 0;
      s.pointsBalance -= points;
      s.pointsRedeemed += points;
      return;
    }
    case EVENTS.emailDelivered:
      engage(s, 'email', 'delivered', t);
      s.emailsDelivered += 1;
      s.lastEmailDeliveredAt = maxTime(s.lastEmailDeliveredAt, t);
      return;
    case EVENTS.emailOpened:
      engage(s, 'email', 'opened', t);
      s.emailsOpened += 1;
      s.lastEmailOpenedAt = maxTime(s.lastEmailOpenedAt, t);
      bumpMonth(s.monthlyEmailOpens, t);
      return;
    case EVENTS.emailLinkClicked:
      engage(s, 'email', 'clicked', t);
      s.emailsClicked += 1;
      s.lastEmailClickedAt = maxTime(s.lastEmailClickedAt, t);
      bumpMonth(s.monthlyEmailClicks, t);
      return;
    case EVENTS.emailBounced:
      s.emailsBounced += 1;
      return;
    case EVENTS.messageDelivered:
      return engage(s, str(p.channel) ?? '', 'delivered', t);
    case EVENTS.messageOpened:
      return engage(s, str(p.channel) ?? '', 'opened', t);
    case EVENTS.messageClicked:
      return engage(s, str(p.channel) ?? '', 'clicked', t);
    case EVENTS.unsubscribed:
      s.unsubscribes += 1;
      return;
    case EVENTS.emailMarkedAsSpam:
      s.spamComplaints += 1;
      return;
    case EVENTS.complaintFiled:
      s.complaints += 1;
      s.lastComplaintAt = maxTime(s.lastComplaintAt, t);
      return;
    case EVENTS.supportMessage: {
      const direction = p.direction === 'outbound' ? 'outbound' : 'inbound';
      s.supportMessages += 1;
      s.lastSupportMessageAt = maxTime(s.lastSupportMessageAt, t);
      s.recentSupportMessages = pushSupportNote(s.recentSupportMessages, { at: t, direction, text: str(p.text) ?? str(p.body) ?? '' });
      return;
    }
    case EVENTS.surveyAnswered: {
      const survey = (str(p.survey) ?? str(p.survey_type) ?? 'survey').toLowerCase();
      const score = num(p.score) ?? num(p.rating) ?? num(p.value);
      if (score === undefined) return;
      const tally = s.surveys[survey];
      s.surveys[survey] = tally === undefined
        ? { count: 1, sum: score, last: score, lastAt: t }
        : { count: tally.count + 1, sum: tally.sum + score, last: t >= tally.lastAt ? score : tally.last, lastAt: Math.max(tally.lastAt, t) };
      return;
    }
    case EVENTS.productViewed: {
      const item = lineItem(p);
      browse(s, t);
      s.productViews += 1;
      if (item?.category !== undefined) bump(s.viewedCategories, item.category);
      if (item !== undefined) s.recentlyViewed = pushRecent(s.recentlyViewed, mention(item, t));
      return;
    }
    case EVENTS.productsSearched:
      browse(s, t);
      s.searches += 1;
      return;
    case EVENTS.productAdded:
    case EVENTS.productRemoved:
      browse(s, t);
      return cartChange(s, event, p, t);
    case EVENTS.cartViewed:
    case EVENTS.checkoutStarted: {
      const items = lineItems(p);
      browse(s, t);
      if (items.length > 0) s.cart = cartOf(items, t, s.cart);
      if (s.cart !== null && event === EVENTS.checkoutStarted) s.cart.checkoutStartedAt = t;
      return;
    }
    default:
      return;
  }
}

/** Applies one stored message to a working copy of a profile's stats (in place). */
export function applyMessage(stats: ProfileStats, message: SegmentMessage, timestampMs: number): void {
  switch (message.type) {
    case 'track':
      return trackEvent(stats, message.event ?? '', message.properties, timestampMs);
    case 'page':
    case 'screen':
      browse(stats, timestampMs);
      stats.pageViews += 1;
      return;
    default:
      return;
  }
}

/** Stats rebuilt from a member's whole history (after a merge), events in time order. */
export function replayStats(events: ReadonlyArray<{ message: SegmentMessage; timestamp: number }>): ProfileStats {
  const stats = emptyStats();
  for (const event of events) applyMessage(stats, event.message, event.timestamp);
  return stats;
}
