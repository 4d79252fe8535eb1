// Emotionally charged moments and whether a person took them (DESIGN.md §8). A moment is a
// complaint, or an inbound support message that reads frustrated or angry (at the hand-over
// intensity) or asks for a person; a member's charged events within the follow-up time of the
// moment's first belong to it. It was handed to a person when a hand-over task was open at
// that time or was created within the follow-up time after it.
import { EVENTS } from '../../core/index.js';
import { assessMessage } from '../../models/emotion/index.js';
import { eventDocsBetween, tasksOfProfiles, type EventDoc, type Executor, type HandoverTask, type TimeWindow } from '../../store/index.js';
import { byMember } from './members.js';

export interface ChargedMoment {
  profileId: string;
  at: number;
  /** What made it charged: `complaint`, `frustrated`, `angry` or `asked_for_person`. */
  cause: string;
  handed: boolean;
}

export interface MomentRules {
  /** Minimum intensity of frustration or anger (the hand-over rule's). */
  minIntensity: number;
  followUpMs: number;
}

/** Why an event is a charged moment, or undefined when it is not one. */
export function chargeOf(event: EventDoc, minIntensity: number): string | undefined {
  if (event.event === EVENTS.complaintFiled) return 'complaint';
  const text = event.properties.text;
  if (event.event !== EVENTS.supportMessage || event.properties.direction === 'outbound' || typeof text !== 'string') return undefined;
  const assessed = assessMessage(text);
  if ((assessed.state === 'frustrated' || assessed.state === 'angry') && assessed.intensity >= minIntensity) return assessed.state;
  return assessed.needsHuman ? 'asked_for_person' : undefined;
}

/** A person had the member at `at`: a task open then, or created within `followUpMs` after. */
export function handedToPerson(tasks: readonly HandoverTask[], at: number, followUpMs: number): boolean {
  return tasks.some((t) => (t.createdAt <= at && (t.resolvedAt === null || t.resolvedAt >= at)) || (t.createdAt > at && t.createdAt <= at + followUpMs));
}

/** The charged moments of a member, from their events in time order. */
export function momentsOf(events: readonly EventDoc[], tasks: readonly HandoverTask[], rules: MomentRules): ChargedMoment[] {
  const moments: ChargedMoment[] = [];
  let openedAt = -Infinity;
  for (const event of events) {
    const cause = chargeOf(event, rules.minIntensity);
    if (cause === undefined || event.timestamp < openedAt + rules.followUpMs) continue;
    openedAt = event.timestamp;
    moments.push({ profileId: event.profileId, at: event.timestamp, cause, handed: handedToPerson(tasks, event.timestamp, rules.followUpMs) });
  }
  return moments;
}

/** Every charged moment in the window (complaints and support messages are rare enough to read whole). */
export async function chargedMoments(db: Executor, window: TimeWindow, rules: MomentRules): Promise<ChargedMoment[]> {
  const events = byMember(await eventDocsBetween(db, window, [EVENTS.complaintFiled, EVENTS.supportMessage]));
  const candidates = [...events.keys()];
  const tasks = byMember(await tasksOfProfiles(db, candidates, window.to + rules.followUpMs));
  return candidates.flatMap((id) => momentsOf(events.get(id) ?? [], tasks.get(id) ?? [], rules));
}
