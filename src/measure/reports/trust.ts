// Touch outcomes counted per group, and the "borrowing from trust" test: a program whose
// engagement rises while its opt-outs or regret rise too is buying attention with goodwill.
// The test compares the later half of the window's weeks with the earlier half, touch by touch:
// flagged when engagement rose and opt-outs or regret rose, each with a 95% interval of the
// difference above zero (Welch on proportions).
import { summarizeProportion } from '../lift.js';
import { liftOf, ratio, type Lift } from './stats.js';

/** What followed a group's touches. `regretted` = opted out, complained or replied upset. */
export class TouchCounts {
  touches = 0;
  engaged = 0;
  optedOut = 0;
  complained = 0;
  regretted = 0;

  add(other: Omit<TouchCounts, 'add' | 'rates'>): void {
    this.touches += other.touches;
    this.engaged += other.engaged;
    this.optedOut += other.optedOut;
    this.complained += other.complained;
    this.regretted += other.regretted;
  }

  rates(): TouchRates {
    return {
      touches: this.touches,
      engagementRate: ratio(this.engaged, this.touches),
      optOutRate: ratio(this.optedOut, this.touches),
      complaintRate: ratio(this.complained, this.touches),
      regretRate: ratio(this.regretted, this.touches),
    };
  }
}

export interface TouchRates {
  touches: number;
  /** Share of touches opened or clicked within the follow-up time. */
  engagementRate: number | null;
  /** Share followed by an unsubscribe. */
  optOutRate: number | null;
  /** Share followed by a spam report or a complaint. */
  complaintRate: number | null;
  /** Interaction regret: share followed by an unsubscribe, a spam report or complaint, or an upset reply. */
  regretRate: number | null;
}

export interface TrustCheck {
  program: string;
  earlier: TouchRates & { weeks: [string, string] | null };
  later: TouchRates & { weeks: [string, string] | null };
  /** Later minus earlier, per touch. */
  engagement: Lift | null;
  optOut: Lift | null;
  regret: Lift | null;
  borrowingFromTrust: boolean;
}

const rose = (lift: Lift | null): boolean => lift?.absCI != null && lift.absCI[0] > 0;

function proportionLift(earlier: number, later: number, earlierN: number, laterN: number): Lift | null {
  if (earlierN < 2 || laterN < 2) return null;
  return liftOf(summarizeProportion({ n: earlierN, successes: earlier }), summarizeProportion({ n: laterN, successes: later }));
}

/**
 * The test for one program from its touch counts per week (week start → counts), weeks in the
 * earlier half of the window against the later half.
 */
export function trustCheck(program: string, weeks: ReadonlyMap<number, TouchCounts>, weekStarts: readonly number[], label: (weekStart: number) => string): TrustCheck {
  const half = Math.floor(weekStarts.length / 2);
  const periods = [weekStarts.slice(0, half), weekStarts.slice(half)].map((starts) => {
    const total = new TouchCounts();
    for (const start of starts) {
      const counts = weeks.get(start);
      if (counts !== undefined) total.add(counts);
    }
    const span: [string, string] | null = starts.length === 0 ? null : [label(starts[0] as number), label(starts[starts.length - 1] as number)];
    return { total, span };
  }) as [{ total: TouchCounts; span: [string, string] | null }, { total: TouchCounts; span: [string, string] | null }];
  const [a, b] = [periods[0].total, periods[1].total];
  const engagement = proportionLift(a.engaged, b.engaged, a.touches, b.touches);
  const optOut = proportionLift(a.optedOut, b.optedOut, a.touches, b.touches);
  const regret = proportionLift(a.regretted, b.regretted, a.touches, b.touches);
  return {
    program,
    earlier: { ...a.rates(), weeks: periods[0].span },
    later: { ...b.rates(), weeks: periods[1].span },
    engagement, optOut, regret,
    borrowingFromTrust: rose(engagement) && (rose(optOut) || rose(regret)),
  };
}
