// A touch meets a member: delivery, then open, click (with a visit), purchase within days,
// unsubscribe, complaint or angry reply as the response model decides, and what it leaves behind
// in the member's memory (pressure, mood, a lapsed member won back).
import { CHANNELS } from '../core/consent.js';
import { EVENTS } from '../core/events.js';
import { createRng, hashString, randomNormal, type Rng } from '../core/random.js';
import { nextStage } from './catalog.js';
import { CATEGORIES, STAGE_IDS, type StageId } from './catalog-data.js';
import { awakeAfter, DAY_MS, HOUR_MS, localHourOf, MINUTE_MS } from './clock.js';
import { identifyAt } from './enrolment.js';
import { app, backOffice, browser, hasApp, type MemberWeek } from './member-week.js';
import { affinityOf, CATEGORY_COUNT, CHANNEL_BIT, MEMBER_FLAGS } from './members.js';
import type { Sender } from './messages.js';
import type { Touch, TouchOutcome } from './outcomes.js';
import { personaSpec, PERSONA_IDS } from './personas.js';
import { RESPONSE_PARAMS, responseProbabilities, type TouchSituation } from './response-model.js';
import { birthdayDistanceDays, isLapsing } from './seasons.js';
import { inGiftSeason, likelyProduct, nextOrderId, orderSubtotal, visit } from './shopping.js';
import { addPressure, cartOf, changeMood, isUpset, pressureAt, schedule } from './state.js';
import { STREAMS, mixSeed } from './streams.js';
import { supportText } from './support-texts.js';

export const RELEVANCE = {
  /** Relevance of a touch that features no products. */
  generic: 0.4,
  weights: { affinity: 0.5, need: 0.25, season: 0.15, price: 0.1 },
  /** Featuring what the member just bought halves its relevance. */
  justBought: 0.5,
} as const;

export const TOUCH_EFFECTS = {
  mood: { perFeltCreepiness: -0.3, perPressure: -0.05, complaint: -0.3, serviceFollowUp: 0.3 },
  /** Chance that a click on a welcome-back message ends a dormancy or a decline. */
  winBack: 0.6,
  /** Chance that a purchase after a click takes the second most relevant product too. */
  secondItem: 0.3,
  /** Delay from click to purchase: minHours + Exponential(meanDays), at most maxDays. */
  purchaseDelay: { minHours: 0.25, meanDays: 1.2, maxDays: 6 },
  /** Median minutes from delivery to open (log-normal, σ = 1, at most 3 days), nights skipped. */
  openDelayMinutes: { email: 180, sms: 4, push: 8, in_app: 1440 },
  /** Median hours from delivery to an unsubscribe, complaint or reply without an open. */
  reactionDelayHours: 6,
} as const;

/** Catalog indices of a touch's products (validated by the week before any touch is applied). */
function productIndices(mw: MemberWeek, touch: Touch): number[] {
  return (touch.productIds ?? []).map((id) => mw.world.catalog.indexById.get(id) as number);
}

/** Peak of each category's seasonality: a category is fully in season at its peak month. */
const SEASON_PEAK = CATEGORIES.map((category) => Math.max(...category.seasonality));

/** Does the member need the product now: in their cart, a complement of the last purchase, the next stage's gear? */
function isNeeded(mw: MemberWeek, product: number, nextStageIndex: number): boolean {
  const { catalog, state } = mw.world;
  const last = state.lastPurchased[mw.i] as number;
  return cartOf(state, mw.i).includes(product)
    || (last >= 0 && (catalog.complements[last] ?? []).includes(product))
    || (nextStageIndex >= 0 && catalog.stageIndex[product] === nextStageIndex);
}

/** Relevance of each product to the member now, 0 … 1 (docs/simulation.md, "Relevance"). */
export function productRelevance(mw: MemberWeek, products: readonly number[]): number[] {
  const { catalog, members, state } = mw.world;
  let strongest = 0;
  for (let c = 0; c < CATEGORY_COUNT; c++) strongest = Math.max(strongest, affinityOf(members, mw.i, c));
  const stage = state.stage[mw.i] as number;
  const next = nextStage(stage >= 0 ? (STAGE_IDS[stage] as StageId) : null);
  const nextIndex = next === null ? -1 : STAGE_IDS.indexOf(next);
  const w = RELEVANCE.weights;
  return products.map((p) => {
    const category = catalog.categoryIndex[p] as number;
    const affinity = strongest > 0 ? affinityOf(members, mw.i, category) / strongest : 0;
    const season = (catalog.categories[category]?.seasonality[mw.month] ?? 1) / (SEASON_PEAK[category] ?? 1);
    const price = 1 - (members.priceSensitivity[mw.i] as number) * (catalog.priceTier[p] as number);
    const r = w.affinity * affinity + w.need * (isNeeded(mw, p, nextIndex) ? 1 : 0) + w.season * season + w.price * price;
    return p === state.lastPurchased[mw.i] ? r * RELEVANCE.justBought : r;
  });
}

export function situationOf(mw: MemberWeek, touch: Touch, relevance: number): TouchSituation {
  const { members, state, catalog } = mw.world;
  const i = mw.i;
  const pressure = pressureAt(state, i, touch.sendAt);
  const persona = PERSONA_IDS[members.persona[i] as number] ?? 'Routine Buyers';
  const stage = state.stage[i] as number;
  const daysSince = (from: number): number => (Number.isNaN(from) ? Infinity : (touch.sendAt - from) / DAY_MS);
  const cartAge = cartOf(state, i).length === 0 ? Infinity : daysSince(state.cartUpdatedAt[i] as number);
  const birthdayStated = ((members.flags[i] as number) & MEMBER_FLAGS.birthdayStated) !== 0;
  return {
    persona,
    channel: touch.channel,
    engagement: members.engagement[i] as number,
    priceSensitivity: members.priceSensitivity[i] as number,
    creepSensitivity: members.creepSensitivity[i] as number,
    isPreferredChannel: CHANNELS[members.preferredChannel[i] as number] === touch.channel,
    localHour: localHourOf(mw.zone, touch.sendAt),
    bestHour: members.bestHour[i] as number,
    touchesLast7Days: pressure.last7 + 1,
    touchesLast30Days: pressure.last30 + 1,
    fatigueTolerance: members.fatigueTolerance[i] as number,
    creepiness: touch.creepiness,
    promotional: touch.promotional,
    relevance,
    tenureDays: daysSince(members.enrolledAt[i] as number),
    daysSinceLastOrder: daysSince(state.lastOrderAt[i] as number),
    orders: state.orders[i] as number,
    cartAgeDays: cartAge,
    birthdayDistanceDays: birthdayStated ? birthdayDistanceDays(members, i, touch.sendAt) : Infinity,
    hasNextStage: nextStage(stage >= 0 ? (STAGE_IDS[stage] as StageId) : null) !== null,
    inGiftSeason: inGiftSeason(mw),
    upset: isUpset(state, i, touch.sendAt),
    dormant: state.dormant[i] === 1,
    lapsing: isLapsing(members, state, i, mw.week),
    mood: state.mood[i] as number,
    ignoredStreak: state.ignoredStreak[i] as number,
    clickToPurchase: personaSpec(members.persona[i] as number).clickToPurchase,
  };
}

function undelivered(touch: Touch, status: TouchOutcome['status']): TouchOutcome {
  return {
    decisionId: touch.decisionId, memberIndex: touch.memberIndex, channel: touch.channel, status, opened: false, clicked: false,
    unsubscribed: false, complained: false, negativeReply: false, purchase: null, probabilities: null,
  };
}

/** A reaction delay: log-normal around the median (σ = 1), at most three days. */
function delayMinutes(rng: Rng, median: number): number {
  return Math.min(3 * 24 * 60, median * Math.exp(randomNormal(rng, 0, 1)));
}

/**
 * Delivers one touch and plays out the member's response. The draws come from a stream seeded by
 * the decision id, in a fixed order, so the same touch meets the same luck under any policy.
 */
export function applyTouch(mw: MemberWeek, touch: Touch): TouchOutcome {
  const { world, i, log, totals } = mw;
  const { state, members, catalog } = world;
  totals.touches.sent += 1;
  const bit = CHANNEL_BIT[touch.channel];
  if (state.identified[i] === 0 || identifyAt(mw) > touch.sendAt) return (totals.touches.suppressed += 1), undelivered(touch, 'not_enrolled');
  if (((state.subscriptions[i] as number) & bit) === 0) return (totals.touches.suppressed += 1), undelivered(touch, 'not_subscribed');

  const rng = createRng(mixSeed(world.seed, STREAMS.touch, i, hashString(touch.decisionId)));
  // Uniforms drawn first, in a fixed order: each decision compares its own draw to its probability.
  const uBounce = rng.next();
  const uOpen = rng.next();
  const uClick = rng.next();
  const uBuy = rng.next();
  const uUnsub = rng.next();
  const uComplain = rng.next();
  const uReply = rng.next();
  const uWinBack = rng.next();
  const sender = backOffice(mw);
  const { decisionId, actionId } = touch;
  // Segment's email spec names the message email_id; other channels' feedback names it message_id.
  const props = touch.channel === 'email'
    ? { email_id: decisionId, campaign_id: actionId, campaign_name: actionId, decision_id: decisionId, action_id: actionId }
    : { channel: touch.channel, message_id: decisionId, campaign_id: actionId, decision_id: decisionId, action_id: actionId };
  const deliveredAt = touch.sendAt + Math.floor(1000 + rng.next() * 20_000);
  if (touch.channel === 'email' && uBounce < RESPONSE_PARAMS.emailBounce) {
    log.track(deliveredAt, sender, EVENTS.emailBounced, { ...props, reason: 'mailbox unavailable' });
    totals.touches.bounced += 1;
    return undelivered(touch, 'bounced');
  }

  const products = productIndices(mw, touch);
  const relevances = productRelevance(mw, products);
  const relevance = relevances.length === 0 ? RELEVANCE.generic : relevances.reduce((a, b) => a + b, 0) / relevances.length;
  const probabilities = responseProbabilities(touch.framing, situationOf(mw, touch, relevance));
  const d = probabilities.drivers;
  addPressure(state, i, touch.sendAt);
  const isEmail = touch.channel === 'email';
  log.track(deliveredAt, sender, isEmail ? EVENTS.emailDelivered : EVENTS.messageDelivered, props);
  totals.touches.delivered += 1;
  const outcome = undelivered(touch, 'delivered');
  outcome.probabilities = probabilities;

  const openedAt = awakeAfter(mw.zone, deliveredAt, delayMinutes(rng, TOUCH_EFFECTS.openDelayMinutes[touch.channel]) * MINUTE_MS);
  outcome.opened = uOpen < probabilities.open;
  state.ignoredStreak[i] = outcome.opened ? 0 : Math.min(255, (state.ignoredStreak[i] as number) + 1);
  if (outcome.opened) {
    log.track(openedAt, sender, isEmail ? EVENTS.emailOpened : EVENTS.messageOpened, props);
    totals.touches.opened += 1;
    if ((touch.framing === 'service_follow_up' || touch.framing === 'no_promotion') && !touch.promotional && isUpset(state, i, touch.sendAt)) {
      changeMood(state, i, TOUCH_EFFECTS.mood.serviceFollowUp);
    }
  }
  const reactedAt = outcome.opened ? openedAt + (1 + 4 * rng.next()) * MINUTE_MS : deliveredAt + delayMinutes(rng, TOUCH_EFFECTS.reactionDelayHours * 60) * MINUTE_MS;

  outcome.clicked = outcome.opened && uClick < probabilities.clickGivenOpen;
  if (outcome.clicked) {
    const clickedAt = openedAt + (10 + 170 * rng.next()) * 1000;
    log.track(clickedAt, sender, isEmail ? EVENTS.emailLinkClicked : EVENTS.messageClicked, { ...props, link_url: 'https://athena.example/' });
    totals.touches.clicked += 1;
    // The member lands on the most relevant product in stock and buys it (maybe with the next) or another they like.
    const ranked = products.map((p, k) => ({ p, r: relevances[k] as number }))
      .filter(({ p }) => catalog.products[p]?.inventory !== 0)
      .sort((a, b) => b.r - a.r)
      .map(({ p }) => p);
    const campaign: Sender['campaign'] = { source: 'athena', medium: touch.channel, name: touch.actionId, content: touch.decisionId };
    const viaApp = (touch.channel === 'push' || touch.channel === 'in_app') && hasApp(mw);
    const visitor = viaApp ? app(mw, rng, campaign) : browser(mw, true, campaign);
    visit(mw, rng, clickedAt + 5000, visitor, { landing: ranked[0] ?? -1, browseOnly: true });
    const bought = ranked.length > 0 ? ranked.slice(0, ranked.length > 1 && rng.next() < TOUCH_EFFECTS.secondItem ? 2 : 1) : [likelyProduct(mw, rng)];
    if (uBuy < probabilities.purchaseGivenClick && bought.every((p) => catalog.products[p]?.inventory !== 0)) {
      const delay = TOUCH_EFFECTS.purchaseDelay;
      const wait = Math.min(delay.maxDays * DAY_MS, delay.minHours * HOUR_MS - Math.log(1 - rng.next()) * delay.meanDays * DAY_MS);
      const at = awakeAfter(mw.zone, clickedAt, wait);
      const orderId = nextOrderId(mw);
      schedule(state, i, { kind: 'order', at, products: bought, orderId, touch: { decisionId: touch.decisionId, actionId: touch.actionId, channel: touch.channel } });
      outcome.purchase = { orderId, at, revenue: orderSubtotal(mw, bought) };
    }
    if ((state.dormant[i] === 1 || isLapsing(members, state, i, mw.week)) && d.framingFit > 0 && uWinBack < TOUCH_EFFECTS.winBack) {
      state.dormant[i] = 0;
      state.wonBack[i] = 1;
    }
  }

  changeMood(state, i, TOUCH_EFFECTS.mood.perFeltCreepiness * d.felt + TOUCH_EFFECTS.mood.perPressure * d.pressure);
  outcome.unsubscribed = uUnsub < probabilities.unsubscribe;
  if (outcome.unsubscribed) {
    log.track(reactedAt, sender, EVENTS.unsubscribed, { ...props, channel: touch.channel });
    state.subscriptions[i] = (state.subscriptions[i] as number) & ~bit;
    totals.unsubscribes[touch.channel] += 1;
    totals.touches.unsubscribed += 1;
  }
  outcome.complained = uComplain < probabilities.complaint;
  if (outcome.complained) {
    if (isEmail) {
      log.track(reactedAt + 1000, sender, EVENTS.emailMarkedAsSpam, props);
      state.subscriptions[i] = (state.subscriptions[i] as number) & ~CHANNEL_BIT.email;
      totals.spamReports += 1;
    } else {
      const reason = d.felt > 0.3 ? 'creepy_message' : d.upsetPromotion ? 'promotion_while_unresolved' : 'too_many_messages';
      log.track(reactedAt + 1000, sender, EVENTS.complaintFiled, { ...props, reason, channel: touch.channel });
      totals.complaints += 1;
    }
    state.lastComplaintAt[i] = reactedAt;
    changeMood(state, i, TOUCH_EFFECTS.mood.complaint);
    totals.touches.complained += 1;
  }
  outcome.negativeReply = uReply < probabilities.negativeReply;
  if (outcome.negativeReply) {
    const kind = d.felt > 0.3 ? 'creepy' : d.upsetPromotion ? 'upsetPromotion' : 'tooMany';
    const text = supportText(rng, kind);
    log.track(reactedAt + 2000, sender, EVENTS.supportMessage, { text, direction: 'inbound', channel: touch.channel, in_reply_to: touch.decisionId });
    totals.supportMessages += 1;
    totals.touches.negativeReplies += 1;
  }
  return outcome;
}
