// A synthetic retail population for understanding tests and the scoring benchmark: members of
// known behaviour (the archetype each segment should find), in every consent tier, as Segment
// messages — ingested through the real pipeline in storage tests, or folded into stats in memory
// with the same reducer (`replayStats`) for pure tests and benchmarks.
import type { ConsentTier, Product } from '../../src/core/index.js';
import { createRng, randomInt, type Rng } from '../../src/core/index.js';
import type { MemberSnapshot } from '../../src/features/index.js';
import { prepareBatch } from '../../src/ingest/index.js';
import { replayStats } from '../../src/profiles/index.js';

export const NOW = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;

export const ARCHETYPES = ['enthusiast', 'routine', 'bargain', 'lapsedVip', 'newMember', 'giftGiver', 'browser', 'dormant'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** The segment each archetype is built to land in. */
export const EXPECTED_SEGMENT: Readonly<Record<Archetype, string>> = {
  enthusiast: 'Enthusiasts',
  routine: 'Routine Buyers',
  bargain: 'Bargain Hunters',
  lapsedVip: 'Lapsed VIPs',
  newMember: 'New Members',
  giftGiver: 'Gift Givers',
  browser: 'Browsers',
  dormant: 'unknown',
};

const CATEGORIES = ['running', 'trail', 'yoga', 'swim', 'cycling'] as const;

export const CATALOG: Product[] = Array.from({ length: 40 }, (_, i) => ({
  id: `p${i}`,
  name: `${CATEGORIES[i % 5]} item ${i}`,
  category: CATEGORIES[i % 5] as string,
  price: 20 + (i % 8) * 15,
  currency: 'USD',
  inventory: i % 13 === 12 ? 0 : 50,
  sizes: i % 4 === 0 ? ['S', 'M', 'L'] : [],
  margin: 0.4,
  url: null,
}));

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Tokyo', 'Australia/Sydney', null] as const;

export interface SyntheticMember {
  userId: string;
  archetype: Archetype;
  tier: ConsentTier;
  timezone: string | null;
  /** Local hour of day the member clicks and buys at. */
  localHour: number;
  enrolledAt: number;
  messages: Array<Record<string, unknown>>;
}

export interface PopulationOptions {
  count: number;
  seed?: number | string;
  now?: number;
  /** Share of members per tier (basic, personalized, proactive). */
  tierShares?: readonly [number, number, number];
}

export function syntheticMembers(options: PopulationOptions): SyntheticMember[] {
  const rng = createRng(options.seed ?? 'attune-synthetic');
  const now = options.now ?? NOW;
  const [basic, personalized] = options.tierShares ?? [0.2, 0.4, 0.4];
  return Array.from({ length: options.count }, (_, i) => {
    const archetype = ARCHETYPES[i % ARCHETYPES.length] as Archetype;
    const u = rng.next();
    const tier: ConsentTier = u < basic ? 'basic' : u < basic + personalized ? 'personalized' : 'proactive';
    return memberOf(rng, `member-${i}`, archetype, tier, now);
  });
}

function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

function memberOf(rng: Rng, userId: string, archetype: Archetype, tier: ConsentTier, now: number): SyntheticMember {
  const timezone = ZONES[randomInt(rng, ZONES.length)] ?? null;
  const localHour = [8, 12, 19, 21][randomInt(rng, 4)] as number;
  const enrolledAt = archetype === 'newMember' ? now - between(rng, 5, 80) * DAY : now - between(rng, 760, 800) * DAY;
  const offsetHours = timezone === null ? 0 : ({ 'America/New_York': -4, 'Europe/London': 1, 'Asia/Tokyo': 9, 'Australia/Sydney': 10 } as const)[timezone];
  /** A moment on the given day at the member's local hour (UTC ms). */
  const at = (day: number): number => Math.floor(day / DAY) * DAY + ((localHour - offsetHours + 24) % 24) * 3_600_000 + randomInt(rng, 50) * 60_000;
  const messages: Array<Record<string, unknown>> = [];
  const ts = (t: number) => new Date(Math.min(t, now - 60_000)).toISOString();
  const track = (event: string, t: number, properties: Record<string, unknown> = {}) => messages.push({ type: 'track', userId, event, properties, timestamp: ts(t) });

  messages.push({ type: 'identify', userId, traits: { email: `${userId}@example.com`, ...(rng.next() < 0.5 ? { size: 'M' } : {}) }, context: timezone === null ? {} : { timezone }, timestamp: ts(enrolledAt) });
  if (tier !== 'basic') track('Consent Updated', enrolledAt + 1000, { tier });
  if (rng.next() < 0.4) track('Subscribed', enrolledAt + 2000, { channel: 'push' });

  // `basket` > 1 buys several units of the dearer products, < 1 one unit of the cheaper ones;
  // only `discount` moves the price paid away from the catalog's.
  const cheap = CATALOG.filter((p) => p.price <= 50);
  const dear = CATALOG.filter((p) => p.price >= 80);
  const order = (t: number, discount: number, basket: number) => {
    const lines = 1 + randomInt(rng, 2);
    const shelf = basket > 1.5 ? dear : basket < 1 ? cheap : CATALOG;
    const products = Array.from({ length: lines }, () => {
      const p = shelf[randomInt(rng, shelf.length)] as Product;
      return { product_id: p.id, category: p.category, name: p.name, price: Math.round(p.price * (1 - discount) * 100) / 100, quantity: Math.max(1, Math.round(basket)) };
    });
    const revenue = products.reduce((sum, p) => sum + p.price * p.quantity, 0);
    track('Order Completed', t, { order_id: `${userId}-${t}`, revenue, products });
    track('Points Earned', t + 1000, { points: Math.round(revenue) });
    if (discount > 0) track('Points Redeemed', t + 2000, { points: Math.round(revenue * 0.8) });
  };
  const months = (fromDaysAgo: number, toDaysAgo: number, everyDays: number, discount: number, basket: number, jitter = 0.3) => {
    for (let d = fromDaysAgo; d > toDaysAgo; d -= everyDays * between(rng, 1 - jitter, 1 + jitter)) order(at(now - d * DAY), discount, basket);
  };
  switch (archetype) {
    case 'enthusiast':
      months(360, 2, 14, 0, 2.2);
      break;
    case 'routine':
      months(365, 5, 30, 0, 0.5, 0.05);
      break;
    case 'bargain':
      months(360, 10, 45, 0.35, 1);
      break;
    case 'lapsedVip':
      months(720, 300, 40, 0, 3);
      break;
    case 'giftGiver':
      for (const year of [2024, 2025]) {
        for (let k = 0; k < 3; k++) order(at(Date.UTC(year, 10, 20) + randomInt(rng, 35) * DAY), 0, 1.2);
      }
      break;
    case 'browser':
      if (rng.next() < 0.3) order(at(now - between(rng, 30, 300) * DAY), 0, 1);
      break;
    case 'newMember':
      if (rng.next() < 0.5) order(at(enrolledAt + between(rng, 1, 4) * DAY), 0, 1);
      break;
    case 'dormant':
      order(at(now - between(rng, 500, 700) * DAY), 0, 0.8);
      break;
  }

  const clickRate: Record<Archetype, number> = { enthusiast: 0.6, routine: 0.08, bargain: 0.12, lapsedVip: 0.02, newMember: 0.25, giftGiver: 0.05, browser: 0.1, dormant: 0.01 };
  const start = Math.max(enrolledAt, now - 180 * DAY);
  for (let t = start + DAY; t < now - DAY; t += 7 * DAY) {
    const sent = at(t) - 3 * 3_600_000;
    track('Email Delivered', sent, { channel: 'email' });
    if (rng.next() < 0.6) track('Email Opened', sent + 60_000, {});
    if (rng.next() < clickRate[archetype]) track('Email Link Clicked', at(t) + randomInt(rng, 3) * 3_600_000, {});
  }
  const views = archetype === 'browser' ? 60 : archetype === 'enthusiast' ? 15 : 3;
  for (let v = 0; v < views; v++) {
    const p = CATALOG[randomInt(rng, CATALOG.length)] as Product;
    track('Product Viewed', now - between(rng, 1, 60) * DAY, { product_id: p.id, category: p.category, name: p.name, price: p.price });
  }
  if (rng.next() < 0.06) {
    track('Support Message', now - 3 * 3_600_000, { direction: 'inbound', text: 'This is unacceptable!!! Still no refund after 3 weeks. I want to speak to a human NOW.' });
  }
  return { userId, archetype, tier, timezone, localHour, enrolledAt, messages };
}

/** The member as a profile snapshot, folding the messages with the ingest reducer (no database). */
export function snapshotOf(member: SyntheticMember, now = NOW): MemberSnapshot {
  const prepared = prepareBatch({ batch: member.messages }, now);
  if (!prepared.ok) throw new Error(`synthetic batch invalid: ${JSON.stringify(prepared.issues)}`);
  const events = prepared.items.map((item) => ({ message: item.message, timestamp: item.timestampMs })).sort((a, b) => a.timestamp - b.timestamp);
  const pushSubscribed = member.messages.some((m) => m.event === 'Subscribed');
  return {
    profileId: `profile-${member.userId}`,
    firstSeenAt: member.enrolledAt,
    timezone: member.timezone,
    traits: (member.messages[0] as { traits: Record<string, unknown> }).traits,
    consent: { tier: member.tier, channels: { email: true, sms: false, push: pushSubscribed, in_app: true } },
    stats: replayStats(events),
  };
}
