// Channel preference: for each channel, a Beta posterior of the member's engagement rate per
// delivery, and the preferred channel is the subscribed one with the highest posterior mean.
//
// What counts as engagement: clicks. Email opens earn no credit — mail privacy proxies (Apple
// Mail Privacy Protection) open mail automatically, so opens say little about the reader. A push
// "open" is a tap on the notification (full credit), an in-app "open" a view (half credit).
// Purchases are not attributed to channels in the rollups, so they cannot enter here.
//
// The prior of each channel is fitted by the method of moments on the members' observed rates
// (Beta-binomial: the spread of rates beyond binomial noise), so a member with a few deliveries
// is pulled toward the channel's typical rate and one with many speaks for themselves.
import { CHANNELS, type Channel, type ChannelSubscriptions } from '../../core/index.js';

export interface ChannelCounts {
  readonly delivered: number;
  readonly opened: number;
  readonly clicked: number;
}

export interface BetaPrior {
  readonly alpha: number;
  readonly beta: number;
}

export type ChannelPriors = Readonly<Record<Channel, BetaPrior>>;

export const OPEN_CREDIT: Readonly<Record<Channel, number>> = { email: 0, sms: 0, push: 1, in_app: 0.5 };
/** With no data for a channel: a 5% engagement rate worth 20 deliveries. */
export const DEFAULT_PRIOR: BetaPrior = { alpha: 1, beta: 19 };
/** Members with fewer deliveries than this do not inform the prior's spread. */
const MIN_TRIALS = 5;
const MAX_STRENGTH = 1000;
const MIN_STRENGTH = 2;

/** Deliveries and engagements (clicks plus credited opens, never more than deliveries). */
export function engagementTrials(channel: Channel, counts: ChannelCounts): { trials: number; successes: number } {
  const credited = counts.clicked + OPEN_CREDIT[channel] * Math.max(counts.opened - counts.clicked, 0);
  const trials = Math.max(counts.delivered, 0);
  return { trials, successes: Math.min(Math.max(credited, 0), trials) };
}

/** One Beta prior per channel from many members' counts (members without a channel's data are skipped). */
export function fitChannelPriors(members: ReadonlyArray<Partial<Record<Channel, ChannelCounts>>>): ChannelPriors {
  const priors = {} as Record<Channel, BetaPrior>;
  for (const channel of CHANNELS) {
    const observed = members
      .map((m) => (m[channel] === undefined ? undefined : engagementTrials(channel, m[channel] as ChannelCounts)))
      .filter((o): o is { trials: number; successes: number } => o !== undefined && o.trials > 0);
    priors[channel] = momentPrior(observed);
  }
  return priors;
}

function momentPrior(observed: ReadonlyArray<{ trials: number; successes: number }>): BetaPrior {
  const trials = observed.reduce((sum, o) => sum + o.trials, 0);
  if (trials === 0) return DEFAULT_PRIOR;
  // Laplace-smoothed pooled rate: never exactly 0 or 1.
  const mean = (observed.reduce((sum, o) => sum + o.successes, 0) + 1) / (trials + 2);
  const informative = observed.filter((o) => o.trials >= MIN_TRIALS);
  let strength = MAX_STRENGTH;
  if (informative.length >= 2) {
    let spread = 0;
    let noise = 0;
    for (const o of informative) {
      spread += (o.successes / o.trials - mean) ** 2;
      noise += (mean * (1 - mean)) / o.trials;
    }
    const between = (spread - noise) / informative.length;
    if (between > 0) strength = Math.min(Math.max((mean * (1 - mean)) / between - 1, MIN_STRENGTH), MAX_STRENGTH);
  } else {
    strength = DEFAULT_PRIOR.alpha + DEFAULT_PRIOR.beta;
  }
  return { alpha: mean * strength, beta: (1 - mean) * strength };
}

export interface ChannelPosterior {
  readonly channel: Channel;
  readonly alpha: number;
  readonly beta: number;
  /** Posterior mean engagement rate per delivery. */
  readonly mean: number;
}

/** The posterior of every channel; a member whose engagement is unknown (null) gets the priors. */
export function channelPosteriors(counts: Partial<Record<Channel, ChannelCounts>> | null, priors: ChannelPriors): ChannelPosterior[] {
  return CHANNELS.map((channel) => {
    const prior = priors[channel];
    const own = counts?.[channel];
    const { trials, successes } = own === undefined ? { trials: 0, successes: 0 } : engagementTrials(channel, own);
    const alpha = prior.alpha + successes;
    const beta = prior.beta + trials - successes;
    return { channel, alpha, beta, mean: alpha / (alpha + beta) };
  });
}

/** The subscribed channel with the highest posterior mean (CHANNELS order on ties); null when none is subscribed. */
export function preferredChannel(
  counts: Partial<Record<Channel, ChannelCounts>> | null,
  subscriptions: ChannelSubscriptions,
  priors: ChannelPriors,
): ChannelPosterior | null {
  let best: ChannelPosterior | null = null;
  for (const posterior of channelPosteriors(counts, priors)) {
    if (subscriptions[posterior.channel] && (best === null || posterior.mean > best.mean)) best = posterior;
  }
  return best;
}
