// Each member's memory, which the weeks change: subscriptions, cart, last order, mood, contact
// pressure, dormancy, and events scheduled for later (a return, a late parcel, a purchase a
// message led to). Columns like the traits; scheduled events are sparse, in a map.
import { DAY_MS } from './clock.js';
import { MEMBER_FLAGS, type MemberTable } from './members.js';

/** Products a cart holds at most (one unit each). */
export const CART_SLOTS = 3;
/** Time constants of the two contact-pressure counters: "touches in the last 7 / 30 days". */
export const PRESSURE_WINDOWS_DAYS = [7, 30] as const;
/** Mood a member drifts back to, and how much of the gap closes each week. */
export const MOOD = { baseline: 0.2, weeklyRecovery: 0.25 } as const;
/** Days a complaint keeps a member upset. */
export const UPSET_DAYS = 30;

export type ScheduledEvent =
  | { kind: 'order'; at: number; products: number[]; touch: { decisionId: string; actionId: string; channel: string } | null; orderId: string }
  | { kind: 'cancel'; at: number; orderId: string; total: number }
  | { kind: 'refund'; at: number; orderId: string; products: number[] }
  | { kind: 'late_delivery'; at: number; orderId: string; daysLate: number }
  | { kind: 'csat'; at: number; orderId: string; late: boolean };

export interface MemberState {
  /** Channel subscriptions now (CHANNEL_BIT mask). */
  subscriptions: Uint8Array;
  /** 1 once the member's identify (enrolment or import) has been sent. */
  identified: Uint8Array;
  /** 1 while the member has drifted away (visits rarely until won back). */
  dormant: Uint8Array;
  /** 1 once a message won a dormant or lapsing member back: their decline stops. */
  wonBack: Uint8Array;
  /** −1 (upset) … 1 (delighted). */
  mood: Float32Array;
  /** Current progression stage (index into STAGE_IDS), −1 for none. */
  stage: Int8Array;
  orders: Uint16Array;
  /** Orders numbered per member, cancelled ones included: the order id suffix. */
  orderSeq: Uint16Array;
  lastOrderAt: Float64Array;
  /** Product index of the last order's first item, −1 for none. */
  lastPurchased: Int16Array;
  /** CART_SLOTS product indices per member, −1 for an empty slot. */
  cart: Int16Array;
  cartUpdatedAt: Float64Array;
  checkoutStartedAt: Float64Array;
  points: Int32Array;
  pressure7: Float32Array;
  pressure30: Float32Array;
  pressureAt: Float64Array;
  lastComplaintAt: Float64Array;
  /** Delivered touches in a row the member did not open. */
  ignoredStreak: Uint8Array;
  scheduled: Map<number, ScheduledEvent[]>;
}

export function createState(members: MemberTable): MemberState {
  const n = members.count;
  const nan = () => new Float64Array(n).fill(Number.NaN);
  const state: MemberState = {
    subscriptions: members.subscriptions.slice(),
    identified: new Uint8Array(n),
    dormant: new Uint8Array(n),
    wonBack: new Uint8Array(n),
    mood: new Float32Array(n).fill(MOOD.baseline),
    stage: members.startStage.slice(),
    orders: new Uint16Array(n),
    orderSeq: new Uint16Array(n),
    lastOrderAt: nan(),
    lastPurchased: new Int16Array(n).fill(-1),
    cart: new Int16Array(n * CART_SLOTS).fill(-1),
    cartUpdatedAt: nan(),
    checkoutStartedAt: nan(),
    points: new Int32Array(n),
    pressure7: new Float32Array(n),
    pressure30: new Float32Array(n),
    pressureAt: new Float64Array(n),
    lastComplaintAt: nan(),
    ignoredStreak: new Uint8Array(n),
    scheduled: new Map(),
  };
  for (let i = 0; i < n; i++) state.dormant[i] = (members.flags[i] as number) & MEMBER_FLAGS.initiallyDormant ? 1 : 0;
  return state;
}

export function cartOf(state: MemberState, i: number): number[] {
  const items: number[] = [];
  for (let s = 0; s < CART_SLOTS; s++) {
    const product = state.cart[i * CART_SLOTS + s] as number;
    if (product >= 0) items.push(product);
  }
  return items;
}

/** Adds a product to the cart; false when it is full or the product is already in it. */
export function addToCart(state: MemberState, i: number, product: number, at: number): boolean {
  let free = -1;
  for (let s = 0; s < CART_SLOTS; s++) {
    const slot = state.cart[i * CART_SLOTS + s] as number;
    if (slot === product) return false;
    if (slot < 0 && free < 0) free = s;
  }
  if (free < 0) return false;
  state.cart[i * CART_SLOTS + free] = product;
  state.cartUpdatedAt[i] = at;
  return true;
}

export function clearCart(state: MemberState, i: number): void {
  state.cart.fill(-1, i * CART_SLOTS, (i + 1) * CART_SLOTS);
  state.cartUpdatedAt[i] = Number.NaN;
  state.checkoutStartedAt[i] = Number.NaN;
}

/** Decayed touch counts as of `at` (the member's "touches in the last 7 and 30 days"). */
export function pressureAt(state: MemberState, i: number, at: number): { last7: number; last30: number } {
  const ageDays = Math.max(0, (at - (state.pressureAt[i] as number)) / DAY_MS);
  return {
    last7: (state.pressure7[i] as number) * Math.exp(-ageDays / PRESSURE_WINDOWS_DAYS[0]),
    last30: (state.pressure30[i] as number) * Math.exp(-ageDays / PRESSURE_WINDOWS_DAYS[1]),
  };
}

/** Counts one more touch at `at`. */
export function addPressure(state: MemberState, i: number, at: number): void {
  const now = pressureAt(state, i, at);
  state.pressure7[i] = now.last7 + 1;
  state.pressure30[i] = now.last30 + 1;
  state.pressureAt[i] = at;
}

export function isUpset(state: MemberState, i: number, at: number): boolean {
  return (state.mood[i] as number) < -0.3 || at - (state.lastComplaintAt[i] as number) < UPSET_DAYS * DAY_MS;
}

export function changeMood(state: MemberState, i: number, by: number): void {
  state.mood[i] = Math.max(-1, Math.min(1, (state.mood[i] as number) + by));
}

export function schedule(state: MemberState, i: number, event: ScheduledEvent): void {
  const list = state.scheduled.get(i);
  if (list === undefined) state.scheduled.set(i, [event]);
  else list.push(event);
}

const NOTHING_DUE: readonly ScheduledEvent[] = Object.freeze([]);

/** Removes and returns the member's scheduled events due before `until`, earliest first. */
export function takeDue(state: MemberState, i: number, until: number): readonly ScheduledEvent[] {
  const list = state.scheduled.get(i);
  if (list === undefined) return NOTHING_DUE;
  const due = list.filter((event) => event.at < until).sort((a, b) => a.at - b.at);
  if (due.length === 0) return NOTHING_DUE;
  const rest = list.filter((event) => event.at >= until);
  if (rest.length === 0) state.scheduled.delete(i);
  else state.scheduled.set(i, rest);
  return due;
}
