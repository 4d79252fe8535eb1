// The LTV litmus test (DESIGN.md §8): members whose first ever order fell in the window, grouped
// by what led to it — an AI touch, a person, both, or neither — and what they were worth after:
// realised revenue over a horizon, stored CLV (BG/NBD + Gamma-Gamma from `attune train`),
// repeat purchase, 90-day retention and advocacy, each with a 95% interval and compared with
// organic first buyers. Definitions in docs/reports.md §LTV.
import { EVENTS } from '../../core/index.js';
import type { AttuneConfig } from '../../decide/index.js';
import { orderValue } from '../../profiles/index.js';
import {
  clvScores, eventDocsOfProfiles, firstOrdersBetween, sentTouchesOfProfiles, tasksOfProfiles,
  type EventDoc, type HandoverTask, type SentTouch, type Store,
} from '../../store/index.js';
import { byMember } from './members.js';
import { armSummaryOf, liftOf, meanEstimate, proportionEstimate, Sums, type Estimate, type Lift } from './stats.js';
import { dataEnd, DAY_MS, iso, reportConfig, resolveWindow, windowJson, type TimeInput } from './window.js';

/** Advocacy events (not in Segment's spec; send them with these names). */
export const ADVOCACY_EVENTS = ['Review Submitted', 'Referral Made'] as const;
export const ACQUISITION_PATHS = ['ai', 'human', 'hybrid', 'organic'] as const;
export type AcquisitionPath = (typeof ACQUISITION_PATHS)[number];

const CLICKS: readonly string[] = [EVENTS.emailLinkClicked, EVENTS.messageClicked];
/**
 * What shows a member is still a customer: buying or shopping of their own accord. Opens and
 * clicks are left out: they answer our messages, and only members who get messages can have
 * them — organic first buyers include the holdout, who get none.
 */
const RETAINED: readonly string[] = [EVENTS.orderCompleted, EVENTS.productViewed, EVENTS.productsSearched, EVENTS.productAdded, EVENTS.cartViewed, EVENTS.checkoutStarted];
const RETENTION_DAYS = 90;
/** First buyers read together (their events, touches and tasks in a few queries). */
const BUYERS_PER_BATCH = 900;

function ids(list: unknown, keys: readonly string[]): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (item === null || typeof item !== 'object') return [];
    const found = keys.map((k) => (item as Record<string, unknown>)[k]).find((v) => typeof v === 'string' || typeof v === 'number');
    return found === undefined ? [] : [String(found)];
  });
}

/** Product ids of an order (Segment's `products[]`, or a single-product order). */
export function orderProductIds(properties: Record<string, unknown>): Set<string> {
  const keys = ['product_id', 'productId', 'sku', 'id'];
  const found = ids(properties.products, keys);
  if (found.length === 0) found.push(...ids([properties], keys));
  return new Set(found);
}

export interface PathEvidence {
  firstOrderAt: number;
  orderProducts: ReadonlySet<string>;
  /** Messages sent to the member before the first order (any arm; holdout baselines are not AI). */
  touches: readonly SentTouch[];
  clicks: readonly EventDoc[];
  tasks: readonly HandoverTask[];
  /** Actions that recover an abandoned checkout (triggered by Checkout Started). */
  recoveryActions: ReadonlySet<string>;
  lookbackMs: number;
}

/**
 * AI-driven: within the lookback before the first order, an AI-chosen touch that was clicked
 * (a click after it carrying its decision id, or no decision id), recovered a cart, or
 * recommended a product the order contains. Human-assisted: a hand-over task resolved with
 * outcome `resolved` within the lookback. Both: hybrid; neither: organic.
 */
export function acquisitionPath(e: PathEvidence): AcquisitionPath {
  const since = e.firstOrderAt - e.lookbackMs;
  const ai = e.touches.some((t) => {
    if (t.holdout || t.sentAt < since || t.sentAt >= e.firstOrderAt) return false;
    if (e.recoveryActions.has(t.action)) return true;
    const clicked = e.clicks.some((c) => c.timestamp >= t.sentAt && c.timestamp <= e.firstOrderAt && (c.properties.decision_id === undefined || c.properties.decision_id === '' || c.properties.decision_id === t.decisionId));
    const message = t.message as { products?: unknown } | null | undefined;
    return clicked || ids(message?.products, ['id', 'productId', 'product_id']).some((id) => e.orderProducts.has(id));
  });
  const human = e.tasks.some((t) => t.outcome === 'resolved' && t.resolvedAt !== null && t.resolvedAt >= since && t.resolvedAt <= e.firstOrderAt);
  return ai && human ? 'hybrid' : ai ? 'ai' : human ? 'human' : 'organic';
}

class PathTally {
  members = 0;
  pending = 0;
  readonly value = new Sums();
  readonly repeat = new Sums();
  readonly retained = new Sums();
  readonly advocates = new Sums();
  readonly clv = new Sums();
}

export interface PathResult {
  path: AcquisitionPath;
  /** First buyers in the window on this path. */
  members: number;
  /** Of them, those whose horizon has not ended by the end of the stored data (left out of the rates). */
  pending: number;
  realisedValue: Estimate;
  /** Stored CLV (52-week expected revenue) of the members who have scores. */
  predictedClv: Estimate;
  repeatRate: Estimate;
  retention90d: Estimate;
  advocacyRate: Estimate;
  /** This path minus organic (Welch). */
  vsOrganic: { realisedValue: Lift | null; repeatRate: Lift | null; retention90d: Lift | null } | null;
}

export interface LtvReport {
  report: 'ltv';
  window: { from: string; to: string };
  lookbackDays: number;
  horizonDays: number;
  observedUntil: string;
  paths: PathResult[];
}

export interface LtvOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** How long before the first order a touch or a person counts (default 30 days). */
  lookbackDays?: number;
  /** Value, repeat and advocacy are counted this long from the first order (default 180 days). */
  horizonDays?: number;
  config?: AttuneConfig;
}

export async function ltvReport(store: Store, options: LtvOptions = {}): Promise<LtvReport> {
  const window = await resolveWindow(store, options);
  const config = reportConfig(options.config);
  const lookbackDays = options.lookbackDays ?? 30;
  const horizonDays = options.horizonDays ?? 180;
  const lookbackMs = lookbackDays * DAY_MS;
  const horizonMs = horizonDays * DAY_MS;
  const observedUntil = (await dataEnd(store)) ?? window.to;
  const recoveryActions = new Set(config.actions.filter((a) => a.trigger?.event === EVENTS.checkoutStarted).map((a) => a.id));
  const tallies = new Map(ACQUISITION_PATHS.map((p) => [p, new PathTally()]));

  const firstBuyers = await firstOrdersBetween(store.db, window, EVENTS.orderCompleted);
  for (let start = 0; start < firstBuyers.length; start += BUYERS_PER_BATCH) {
    const buyers = firstBuyers.slice(start, start + BUYERS_PER_BATCH);
    const members = buyers.map((b) => b.profileId);
    const earliest = Math.min(...buyers.map((b) => b.at)) - lookbackMs;
    const latest = Math.max(...buyers.map((b) => b.at));
    const events = byMember(await eventDocsOfProfiles(store.db, members, { from: earliest, to: latest + horizonMs }, [...new Set([...RETAINED, ...CLICKS, ...ADVOCACY_EVENTS])]));
    const touches = byMember(await sentTouchesOfProfiles(store.db, members, { from: earliest, to: latest }));
    const tasks = byMember(await tasksOfProfiles(store.db, members, latest + 1));
    const clv = await clvScores(store, members);
    for (const { profileId, at } of buyers) {
      const own = events.get(profileId) ?? [];
      const first = own.find((e) => e.event === EVENTS.orderCompleted && e.timestamp === at);
      const path = acquisitionPath({
        firstOrderAt: at, orderProducts: orderProductIds(first?.properties ?? {}), touches: touches.get(profileId) ?? [],
        clicks: own.filter((e) => CLICKS.includes(e.event)), tasks: tasks.get(profileId) ?? [], recoveryActions, lookbackMs,
      });
      const tally = tallies.get(path) as PathTally;
      tally.members += 1;
      const score = clv.get(profileId);
      if (score !== undefined) tally.clv.add(score);
      if (at + horizonMs > observedUntil) {
        tally.pending += 1;
        continue;
      }
      const after = own.filter((e) => e.timestamp >= at && e.timestamp < at + horizonMs);
      const orders = after.filter((e) => e.event === EVENTS.orderCompleted);
      tally.value.add(orders.reduce((sum, o) => sum + orderValue(o.properties), 0));
      tally.repeat.add(orders.length > 1 ? 1 : 0);
      tally.retained.add(after.some((e) => RETAINED.includes(e.event) && e.timestamp >= at + RETENTION_DAYS * DAY_MS) ? 1 : 0);
      tally.advocates.add(after.some((e) => (ADVOCACY_EVENTS as readonly string[]).includes(e.event)) ? 1 : 0);
    }
  }

  const organic = tallies.get('organic') as PathTally;
  const versus = (kind: 'mean' | 'proportion', mine: Sums, theirs: Sums) =>
    mine.n >= 2 && theirs.n >= 2 ? liftOf(armSummaryOf(kind, theirs), armSummaryOf(kind, mine)) : null;
  return {
    report: 'ltv',
    window: windowJson(window),
    lookbackDays,
    horizonDays,
    observedUntil: iso(observedUntil),
    paths: ACQUISITION_PATHS.map((path): PathResult => {
      const t = tallies.get(path) as PathTally;
      return {
        path,
        members: t.members,
        pending: t.pending,
        realisedValue: meanEstimate(t.value),
        predictedClv: meanEstimate(t.clv),
        repeatRate: proportionEstimate(t.repeat.n, t.repeat.sumY),
        retention90d: proportionEstimate(t.retained.n, t.retained.sumY),
        advocacyRate: proportionEstimate(t.advocates.n, t.advocates.sumY),
        vsOrganic: path === 'organic' ? null : {
          realisedValue: versus('mean', t.value, organic.value),
          repeatRate: versus('proportion', t.repeat, organic.repeat),
          retention90d: versus('proportion', t.retained, organic.retained),
        },
      };
    }),
  };
}
