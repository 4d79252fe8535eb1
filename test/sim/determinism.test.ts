import { describe, expect, it } from 'vitest';
import { createWorld, simulateHistory, simulateWeek, streamHistory, type SimMessage, type Touch, type World } from '../../src/sim/index.js';
import { emails } from './helpers.js';

const MEMBERS = 1500;
const WEEKS = 6;

/** History, then one live week with email, SMS and push touches. */
function run(seed: number): string {
  const world = createWorld({ seed, members: MEMBERS, historyWeeks: WEEKS });
  const { messages } = simulateHistory(world);
  const touches: Touch[] = [
    ...emails(world, WEEKS, [1], { framing: 'we_miss_you' }),
    ...emails(world, WEEKS, [3], { channel: 'sms', framing: 'member_price', creepiness: 0.4 }, (i) => i % 3 === 0),
    ...emails(world, WEEKS, [5], { channel: 'push', framing: 'progression' }, (i) => i % 2 === 0),
  ];
  const live = simulateWeek(world, WEEKS, touches);
  return JSON.stringify([messages, live]);
}

function byMember(messages: readonly SimMessage[]): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const message of messages) {
    const member = message.messageId.replace(/^sim-\w+-w\d+-(m\d+)-\d+$/, '$1');
    members.set(member, [...(members.get(member) ?? []), JSON.stringify(message)]);
  }
  return members;
}

describe('the simulated world is deterministic', () => {
  it('gives byte-identical messages and outcomes for the same seed, different ones for another', () => {
    const first = run(101);
    expect(run(101)).toBe(first);
    expect(run(102)).not.toBe(first);
  });

  it('gives every message a unique, deterministic messageId', () => {
    const world = createWorld({ seed: 9, members: MEMBERS, historyWeeks: WEEKS });
    const { messages } = simulateHistory(world);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(messages.length);
    expect(messages[0]?.messageId).toMatch(/^sim-9-w0-m0-\d+$/);
  });

  it('does not depend on the chunk size: each member lives the same history', () => {
    const collect = (world: World, chunkSize: number) => [...streamHistory(world, { chunkSize })].flatMap((chunk) => chunk.messages);
    const small = byMember(collect(createWorld({ seed: 17, members: 600, historyWeeks: WEEKS }), 7));
    const large = byMember(collect(createWorld({ seed: 17, members: 600, historyWeeks: WEEKS }), 10_000));
    expect(small.size).toBeGreaterThan(500);
    expect(small).toEqual(large);
  });

  it('makes the same history as simulating its weeks one by one', () => {
    const streamed = simulateHistory(createWorld({ seed: 23, members: 800, historyWeeks: WEEKS }), { newsletter: false, chunkSize: 800 });
    const world = createWorld({ seed: 23, members: 800, historyWeeks: WEEKS });
    const weekly = Array.from({ length: WEEKS }, (_, week) => simulateWeek(world, week).messages).flat();
    expect(JSON.stringify(weekly)).toBe(JSON.stringify(streamed.messages));
  });

  it('keeps each member\'s messages in time order, starting inside the week', () => {
    const world = createWorld({ seed: 31, members: 800, historyWeeks: WEEKS });
    simulateHistory(world);
    const week = simulateWeek(world, WEEKS, emails(world, WEEKS, [0, 6]));
    const start = world.calendar.nowMs;
    for (const lines of byMember(week.messages).values()) {
      const times = lines.map((line) => Date.parse((JSON.parse(line) as SimMessage).timestamp));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // Visits start inside the week; a late visit's tail and the responses to a touch (at most three days) may run past its end.
    for (const m of week.messages) {
      expect(Date.parse(m.timestamp)).toBeGreaterThanOrEqual(start);
      expect(Date.parse(m.timestamp)).toBeLessThan(start + 10 * 86_400_000);
    }
    const pages = week.messages.filter((m) => m.type === 'page' && m.context.campaign === undefined).map((m) => Date.parse(m.timestamp));
    expect(Math.max(...pages)).toBeLessThan(start + 7 * 86_400_000);
  });

  it('can be copied with structuredClone for paired comparisons of policies', () => {
    const world = createWorld({ seed: 41, members: 500, historyWeeks: 4 });
    simulateHistory(world);
    const copy = structuredClone(world);
    const touches = emails(world, 4, [2], { framing: 'member_price' });
    expect(JSON.stringify(simulateWeek(copy, 4, touches))).toBe(JSON.stringify(simulateWeek(world, 4, touches)));
  });

  it('runs weeks in order and refuses touches outside the week or for unknown products', () => {
    const world = createWorld({ seed: 1, members: 50, historyWeeks: 2 });
    expect(() => simulateWeek(world, 1)).toThrow(/next week is 0/);
    simulateHistory(world);
    const [touch] = emails(world, 2, [1]);
    expect(() => simulateWeek(world, 2, [{ ...(touch as Touch), sendAt: world.calendar.nowMs - 1 }])).toThrow(/outside week 2/);
    expect(() => simulateWeek(world, 2, [touch as Touch, touch as Touch])).toThrow(/used twice/);
    expect(() => simulateWeek(world, 2, [{ ...(touch as Touch), productIds: ['no-such-shoe'] }])).toThrow(/no product "no-such-shoe"/);
  });
});
