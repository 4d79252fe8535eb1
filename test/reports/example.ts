// A small synthetic brand for trying the reports: 30 weeks of business as usual (a weekly
// newsletter to everyone), then 30 weeks of weekly Attune decisions under the Athena example's
// holdout rule, with opens, clicks, orders, opt-outs, angry support messages, hand-overs,
// surveys and reviews drawn from a seeded generator. Everything in it is simulated.
//
//   npx tsx test/reports/example.ts example.db [members] [weeks]
//   npx attune report pilot --db example.db        (the example attune.config.json is the default)
//
// docs/reports.md shows the reports of this database; test/reports/html.test.ts uses a smaller one.
import { createRng, type Rng } from '../../src/core/random.js';
import { EXAMPLE_CONFIG_PATH, isInHoldout, loadConfig } from '../../src/decide/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { DAY, HOUR, T0, World } from './world.js';

const WEEK = 7 * DAY;
const athena = loadConfig(EXAMPLE_CONFIG_PATH);

interface Segment {
  name: string;
  /** Chance of an organic order in a week. */
  weeklyOrder: number;
  /** The policy's probabilities (they sum to 1) of each candidate for this segment. */
  policy: ReadonlyArray<[action: string, channel: 'email' | 'push' | null, probability: number, expectedValue: number]>;
}

const SEGMENTS: readonly Segment[] = [
  { name: 'Champions', weeklyOrder: 0.05, policy: [['new_arrivals_email', 'email', 0.5, 1.9], ['member_price_push', 'push', 0.2, 1.4], ['silence', null, 0.3, 0]] },
  { name: 'Loyal', weeklyOrder: 0.03, policy: [['new_arrivals_email', 'email', 0.45, 1.2], ['member_price_push', 'push', 0.15, 0.9], ['silence', null, 0.4, 0]] },
  { name: 'New', weeklyOrder: 0.015, policy: [['welcome_email', 'email', 0.4, 0.7], ['silence', null, 0.6, 0]] },
  { name: 'At Risk', weeklyOrder: 0.01, policy: [['we_miss_you_email', 'email', 0.35, 0.6], ['silence', null, 0.65, 0]] },
  { name: 'Hibernating', weeklyOrder: 0.004, policy: [['we_miss_you_email', 'email', 0.2, 0.2], ['silence', null, 0.8, 0]] },
];

/** The framing the composer writes each action in. */
const FRAMING: Record<string, string> = { new_arrivals_email: 'new_arrivals', member_price_push: 'member_price', welcome_email: 'welcome', we_miss_you_email: 'we_miss_you' };
const PRODUCTS = ['trail-vest', 'road-shoe', 'merino-tee', 'rain-shell', 'socks-3pk'];
const ANGRY = 'This is the third time my order is late. Unacceptable!!! I want to speak to a manager.';

const ADVICE = 'Hi, which trail shoe would suit a wide foot? I have never ordered from you before.';

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)] as T;
/** Members with an order so far (reset by each build). */
const buyers = new Set<string>();

function order(w: World, rng: Rng, id: string, at: number, product = pick(rng, PRODUCTS)): void {
  buyers.add(id);
  w.order(id, at, Math.round((25 + 120 * rng.next()) * 100) / 100, [product]);
  if (rng.next() < 0.25) w.track(id, 'Survey Answered', at + 3 * DAY, { survey: 'csat', score: 1 + Math.floor(5 * rng.next() ** 0.6) });
  if (rng.next() < 0.1) w.track(id, 'Review Submitted', at + 10 * DAY, { product_id: product, rating: 4 + Math.round(rng.next()) });
}

/** One member's weeks before and after Attune went live (at T0). */
function member(w: World, rng: Rng, index: number, weeks: number): void {
  const id = `m${String(index).padStart(5, '0')}`;
  const holdout = isInHoldout(id, athena.holdout);
  const segment = SEGMENTS[index % SEGMENTS.length] as Segment;
  const firstSeen = T0 - weeks * WEEK - Math.floor(rng.next() * 600 * DAY);
  w.member(id, firstSeen, { segment: segment.name, clv: Math.round(segment.weeklyOrder * 52 * 80 * (0.5 + rng.next())) });
  // Half the members bought before the data starts; the rest have not bought yet.
  if (rng.next() < 0.5) {
    w.order(id, firstSeen + Math.floor(rng.next() * 30 * DAY), 60);
    buyers.add(id);
  }
  let unsubscribed = false;
  for (let week = -weeks; week < weeks; week++) {
    const start = T0 + week * WEEK;
    if (rng.next() < segment.weeklyOrder) order(w, rng, id, start + Math.floor(rng.next() * WEEK));
    if (rng.next() < 0.003) {
      const at = start + 2 * DAY + 14 * HOUR;
      w.track(id, 'Support Message', at, { text: ANGRY, direction: 'inbound', channel: 'chat' });
      // Once Attune is live, most upset members are handed to a person within hours.
      if (week >= 0 && rng.next() < 0.75) {
        const decisionId = w.decision(id, at + HOUR, 'human_outreach', { holdout });
        w.task(id, at + 2 * HOUR, { decisionId, resolvedAt: at + DAY, emotionalState: { state: 'angry', intensity: 0.6 + 0.4 * rng.next() } });
      }
    }
    // Once live, a first-time shopper who asks for advice is helped by a person, and often buys.
    if (week >= 0 && !buyers.has(id) && rng.next() < 0.01) {
      const at = start + 3 * DAY + 11 * HOUR;
      w.track(id, 'Support Message', at, { text: ADVICE, direction: 'inbound', channel: 'chat' });
      const decisionId = w.decision(id, at + HOUR, 'human_outreach', { holdout });
      w.task(id, at + 2 * HOUR, { decisionId, resolvedAt: at + 5 * HOUR, emotionalState: { state: 'calm', intensity: 0.1 } });
      if (rng.next() < 0.6) order(w, rng, id, at + DAY + Math.floor(rng.next() * 4 * DAY));
    }
    if (rng.next() < 0.004) w.track(id, 'Survey Answered', start + 4 * DAY, { survey: 'nps', score: Math.min(10, Math.floor(11 * rng.next() ** 0.5)) });
    if (week < 0) {
      // Business as usual: the Tuesday newsletter.
      if (unsubscribed) continue;
      const sent = start + DAY + 15 * HOUR;
      w.track(id, 'Email Delivered', sent, { campaign_id: 'newsletter' });
      if (rng.next() < 0.18) {
        w.track(id, 'Email Opened', sent + 3 * HOUR, { campaign_id: 'newsletter' });
        if (rng.next() < 0.12) {
          w.track(id, 'Email Link Clicked', sent + 3 * HOUR + 60_000, { campaign_id: 'newsletter' });
          if (rng.next() < 0.15) order(w, rng, id, sent + DAY);
        }
      }
      if (rng.next() < 0.004) {
        w.track(id, 'Unsubscribed', sent + 4 * HOUR, { channel: 'email' });
        unsubscribed = true;
      }
      continue;
    }
    if (decide(w, rng, id, unsubscribed ? null : segment, holdout, start + 9 * HOUR, week === weeks - 1)) unsubscribed = true;
  }
}

/**
 * One weekly decision: silence for the holdout and for members who opted out (segment null); for
 * the rest, a draw from the segment's policy, logged with its probability. True when the member opted out.
 */
function decide(w: World, rng: Rng, id: string, segment: Segment | null, holdout: boolean, at: number, last: boolean): boolean {
  if (holdout || segment === null) {
    w.decision(id, at, 'silence', { holdout, policyKey: null });
    return false;
  }
  const candidates = segment.policy.map(([action, channel, probability, expectedValue]) => ({ action, channel, probability, expectedValue }));
  let u = rng.next();
  const chosen = candidates.find((c) => (u -= c.probability) < 0) ?? (candidates[candidates.length - 1] as (typeof candidates)[number]);
  if (chosen.action === 'silence') {
    w.decision(id, at, 'silence', { probability: chosen.probability, candidates, holdout: false, policyKey: null });
    return false;
  }
  const sentAt = at + Math.floor(rng.next() * HOUR);
  const email = chosen.channel === 'email';
  const props = { campaign_id: chosen.action, channel: chosen.channel };
  const product = pick(rng, PRODUCTS);
  let outcome: 'reward' | 'penalty' | 'none' = 'none';
  const events: Array<[string, number, Record<string, unknown>]> = [[email ? 'Email Delivered' : 'Message Delivered', sentAt + 5_000, props]];
  if (rng.next() < 0.3) {
    events.push([email ? 'Email Opened' : 'Message Opened', sentAt + 2 * HOUR, props]);
    if (rng.next() < 0.2) {
      events.push([email ? 'Email Link Clicked' : 'Message Clicked', sentAt + 2 * HOUR + 60_000, props]);
      if (rng.next() < 0.3) outcome = 'reward';
    }
  }
  if (rng.next() < 0.004) {
    events.push(['Unsubscribed', sentAt + 5 * HOUR, props]);
    outcome = 'penalty';
  } else if (rng.next() < 0.001) {
    events.push(['Email Marked as Spam', sentAt + 6 * HOUR, props]);
    outcome = 'penalty';
  }
  const decisionId = w.decision(id, at, chosen.action, {
    channel: chosen.channel, probability: chosen.probability, candidates, holdout: false, promotional: true, sentAt, sendAt: at,
    policyKey: `${chosen.action}|segment:${segment.name}`, message: { channel: chosen.channel, subject: 'For you', framing: FRAMING[chosen.action], products: [{ id: product }] },
    // The last week's outcomes are not learned yet (the learning step waits for the reward window).
    ...(last ? {} : { outcome }),
  });
  for (const [event, t, p] of events) w.track(id, event, t, { ...p, decision_id: decisionId });
  if (outcome === 'reward') {
    order(w, rng, id, sentAt + DAY, product);
  }
  return events.some(([event]) => event === 'Unsubscribed');
}

/** Builds the example brand into an open store (seeded: the same members give the same data). */
export async function buildExample(store: Store, options: { members?: number; weeks?: number; seed?: number } = {}): Promise<void> {
  const rng = createRng(options.seed ?? 20250303);
  const w = new World();
  buyers.clear();
  for (let i = 0; i < (options.members ?? 2000); i++) member(w, rng, i, options.weeks ?? 30);
  await w.save(store);
}

if (process.argv[1]?.endsWith('example.ts')) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: npx tsx test/reports/example.ts FILE.db [members]\n');
    process.exit(2);
  }
  const store = await openStore(file);
  try {
    await buildExample(store, { members: Number(process.argv[3] ?? 2000), weeks: Number(process.argv[4] ?? 30) });
  } finally {
    await store.close();
  }
  process.stdout.write(`wrote ${file}\n`);
}
