// Send time and channel over the stored members. Hour profiles are pooled per segment in local
// time (members without a time zone count as UTC); each member's own clicks and orders are
// shrunk toward their segment's profile with the empirical-Bayes strength κ. Channel priors are
// fitted on everyone whose tier lets their engagement be used; a member whose tier does not
// (basic: engagement for caps only) gets the best channel on the priors among those they
// subscribed to.
import type { Channel, DataClass } from '../core/index.js';
import { MODEL_INPUTS, channelCounts, localHours, viewOf, type MemberSnapshot } from '../features/index.js';
import type { SegmentLabel } from '../models/segments/index.js';
import {
  HOURS_PER_WEEK, bestHourOfWeek, describeHourOfWeek, fitChannelPriors, fitConcentration, hourShares, preferredChannel,
  type ChannelCounts, type ChannelPriors,
} from '../models/sendtime/index.js';

export interface SendTimeModel {
  /** Local hour-of-week shares over every member. */
  global: Float64Array;
  /** The same per segment, shrunk toward `global`. */
  bySegment: Partial<Record<SegmentLabel, Float64Array>>;
  /** κ: observations the segment profile is worth against a member's own. */
  concentration: number;
}

/** Pseudo-observations per hour: the global profile starts uniform, segment profiles start at the global one. */
const PSEUDO_PER_HOUR = 1;

export function trainSendTime(sample: readonly MemberSnapshot[], now: number, segmentOf: (member: MemberSnapshot) => SegmentLabel): SendTimeModel {
  const members = sample.map((m) => ({ counts: localHours(viewOf(m, MODEL_INPUTS.sendTime), now).counts, segment: segmentOf(m) }));
  const all = new Float64Array(HOURS_PER_WEEK);
  const sums = new Map<SegmentLabel, Float64Array>();
  for (const { counts, segment } of members) {
    const sum = sums.get(segment) ?? new Float64Array(HOURS_PER_WEEK);
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      sum[h]! += counts[h]!;
      all[h]! += counts[h]!;
    }
    sums.set(segment, sum);
  }
  const global = hourShares(all, PSEUDO_PER_HOUR);
  const bySegment: Partial<Record<SegmentLabel, Float64Array>> = {};
  for (const [segment, sum] of sums) bySegment[segment] = hourShares(sum, PSEUDO_PER_HOUR, global);
  const concentration = fitConcentration(members.map(({ counts, segment }) => ({ counts, shares: bySegment[segment] ?? global })));
  return { global, bySegment, concentration };
}

export interface BestHour {
  /** Local hour of the week, 0 = Monday 00:00 in `timezone`. */
  hourOfWeek: number;
  weekday: string;
  hour: number;
  timezone: string;
  /** The member's own clicks and orders behind it (0: the segment's profile alone). */
  observations: number;
}

export function bestHourOf(model: SendTimeModel, member: MemberSnapshot, segment: SegmentLabel, now: number): { bestHour: BestHour; basis: DataClass[] } {
  const view = viewOf(member, MODEL_INPUTS.sendTime);
  const { counts, timezone } = localHours(view, now);
  const shares = model.bySegment[segment] ?? model.global;
  let observations = 0;
  for (let h = 0; h < counts.length; h++) observations += counts[h] as number;
  const hourOfWeek = bestHourOfWeek(counts, { shares, concentration: model.concentration });
  return { bestHour: { hourOfWeek, ...describeHourOfWeek(hourOfWeek), timezone, observations }, basis: [...view.classes] };
}

export interface ChannelModel {
  priors: ChannelPriors;
}

export function trainChannels(sample: readonly MemberSnapshot[]): ChannelModel {
  const counts = sample.map((m) => channelCounts(viewOf(m, MODEL_INPUTS.channel))).filter((c): c is Partial<Record<Channel, ChannelCounts>> => c !== null);
  return { priors: fitChannelPriors(counts) };
}

export function preferredChannelOf(model: ChannelModel, member: MemberSnapshot): { preferredChannel: Channel | null; basis: DataClass[] } {
  const view = viewOf(member, MODEL_INPUTS.channel);
  if (view.channels === null) return { preferredChannel: null, basis: [] };
  const best = preferredChannel(channelCounts(view), view.channels, model.priors);
  return { preferredChannel: best?.channel ?? null, basis: [...view.classes] };
}
