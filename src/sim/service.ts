// Customer service and feedback: scheduled consequences of orders (cancellations, late parcels
// with frustrated or angry messages and complaints, refunds, satisfaction surveys, and purchases
// a message led to), plus questions and NPS answers that come unprompted.
import { EVENTS } from '../core/events.js';
import { randomNormal, type Rng } from '../core/random.js';
import { backOffice, type MemberWeek } from './member-week.js';
import { productProperties, placeOrder, sizeFor } from './shopping.js';
import { changeMood, type ScheduledEvent } from './state.js';
import { supportText } from './support-texts.js';

export const SERVICE = {
  /** Weekly chance of an unprompted question, and of answering the quarterly NPS survey. */
  questionOdds: 0.004,
  npsOdds: 0.003,
  /** After a late parcel: the member writes in; the message is angry; a complaint is filed (angry / not). */
  lateContactOdds: 0.6,
  lateAngryOdds: 0.35,
  lateComplaintOdds: { angry: 0.5, frustrated: 0.15 },
  mood: { lateDelivery: -0.35, angry: -0.2, refund: -0.05 },
} as const;

const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

/** Carries out one scheduled event at its time. */
export function runScheduled(mw: MemberWeek, rng: Rng, event: ScheduledEvent): void {
  const { log, totals } = mw;
  const state = mw.world.state;
  const sender = backOffice(mw);
  switch (event.kind) {
    case 'order': {
      const campaign = event.touch === null ? undefined
        : { source: 'athena' as const, medium: event.touch.channel, name: event.touch.actionId, content: event.touch.decisionId };
      const revenue = placeOrder(mw, rng, event.at, event.products, { orderId: event.orderId, redeemPoints: false, ...(campaign ? { campaign } : {}) });
      if (event.touch !== null) {
        totals.touches.attributedOrders += 1;
        totals.touches.attributedRevenue += revenue;
      }
      return;
    }
    case 'cancel':
      log.track(event.at, sender, EVENTS.orderCancelled, { order_id: event.orderId, total: event.total, currency: 'USD', reason: 'customer_request' });
      totals.cancellations += 1;
      return;
    case 'refund': {
      const products = event.products.map((p) => ({ ...productProperties(mw, p), quantity: 1 }));
      const total = Math.round(event.products.reduce((sum, p) => sum + (mw.world.catalog.products[p]?.price ?? 0), 0) * 100) / 100;
      log.track(event.at, sender, EVENTS.orderRefunded, { order_id: event.orderId, total, currency: 'USD', products, reason: 'return' });
      totals.refunds += 1;
      totals.refundedAmount += total;
      changeMood(state, mw.i, SERVICE.mood.refund);
      return;
    }
    case 'late_delivery':
      return lateDelivery(mw, rng, event.at, event.orderId, event.daysLate);
    case 'csat': {
      const mood = state.mood[mw.i] as number;
      const score = clamp(Math.round(4.3 + 1.2 * mood - (event.late ? 1.5 : 0) + randomNormal(rng, 0, 0.7)), 1, 5);
      log.track(event.at, sender, EVENTS.surveyAnswered, { survey: 'csat', score, order_id: event.orderId });
      totals.surveys += 1;
      return;
    }
  }
}

function lateDelivery(mw: MemberWeek, rng: Rng, at: number, orderId: string, daysLate: number): void {
  const { log, totals } = mw;
  const state = mw.world.state;
  changeMood(state, mw.i, SERVICE.mood.lateDelivery);
  if (rng.next() >= SERVICE.lateContactOdds) return;
  const angry = rng.next() < SERVICE.lateAngryOdds;
  if (angry) changeMood(state, mw.i, SERVICE.mood.angry);
  const text = supportText(rng, angry ? 'lateAngry' : 'lateFrustrated', { order: orderId, days: String(daysLate) });
  log.track(at, backOffice(mw), EVENTS.supportMessage, { text, direction: 'inbound', channel: 'chat', order_id: orderId });
  totals.supportMessages += 1;
  if (rng.next() < (angry ? SERVICE.lateComplaintOdds.angry : SERVICE.lateComplaintOdds.frustrated)) {
    log.track(at + 5 * 60_000, backOffice(mw), EVENTS.complaintFiled, { reason: 'late_delivery', order_id: orderId, text });
    totals.complaints += 1;
    state.lastComplaintAt[mw.i] = at;
  }
}

/** Unprompted contact this week: a question to support, an NPS answer. */
export function organicService(mw: MemberWeek, at: (rng: Rng) => number): void {
  const { rng, log, totals, world } = mw;
  if (rng.next() < SERVICE.questionOdds) {
    const last = world.state.lastPurchased[mw.i] as number;
    const product = last >= 0 ? last : mw.i % world.catalog.products.length;
    const text = supportText(rng, 'question', {
      product: world.catalog.products[product]?.name ?? 'shoes',
      size: sizeFor(mw, product) ?? 'medium',
    });
    log.track(at(rng), backOffice(mw), EVENTS.supportMessage, { text, direction: 'inbound', channel: 'chat' });
    totals.supportMessages += 1;
  }
  if (rng.next() < SERVICE.npsOdds) {
    const score = clamp(Math.round(7.5 + 3 * (world.state.mood[mw.i] as number) + randomNormal(rng, 0, 1.5)), 0, 10);
    log.track(at(rng), backOffice(mw), EVENTS.surveyAnswered, { survey: 'nps', score });
    totals.surveys += 1;
  }
}
