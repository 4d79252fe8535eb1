import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { parseConfig, type AttuneConfig } from '../../src/decide/config.js';
import { decideForMember, type DecisionInput } from '../../src/decide/engine.js';
import type { Touch } from '../../src/decide/guardrails.js';
import { isInHoldout } from '../../src/decide/holdout.js';
import { buildMemberView, type MemberScores } from '../../src/decide/member-view.js';
import { bestHourAt, member, scoresFor, type MemberSpec } from '../support/members.js';

const NOW = Date.parse('2026-06-10T15:00:00Z'); // 11:00 in New York, 00:00 in Tokyo

/** One always-worthwhile promotional action, so tests isolate the rule under test. */
function config(overrides: Record<string, unknown> = {}, action: Record<string, unknown> = {}): AttuneConfig {
  return parseConfig({
    actions: [{ id: 'promo', name: 'Promo', channels: ['email', 'push'], template: 't', value: { kind: 'order' }, prior: { successes: 400, failures: 600 }, ...action }],
    holdout: { share: 0 },
    economics: { averageOrderValue: 100, margin: 0.5 },
    ...overrides,
  });
}

function decide(spec: MemberSpec, options: { config?: AttuneConfig; touches?: Touch[]; now?: number; scores?: MemberScores; seed?: number } = {}) {
  const now = options.now ?? NOW;
  const input: DecisionInput = {
    config: options.config ?? config(),
    view: buildMemberView(member(spec), options.scores, now),
    touches: options.touches ?? [],
    arms: () => undefined,
    now,
    rng: createRng(options.seed ?? 1),
    mode: 'batch',
    recentHandover: false,
    decisionId: 'd-test',
  };
  return decideForMember(input);
}

const touch = (at: string, extra: Partial<Touch> = {}): Touch => ({ decisionId: `t-${at}`, action: 'other', channel: 'email', sendAt: Date.parse(at), sentAt: Date.parse(at), promotional: true, ...extra });
const codes = (d: ReturnType<typeof decide>) => d.rejections.map((r) => r.code);

describe('guardrails', () => {
  it('contacts a member when nothing stands in the way', () => {
    const d = decide({});
    expect(d.action).toBe('promo');
    expect(d.channel).toBe('email');
    expect(d.probability).toBeGreaterThan(0.99);
  });

  it('allows one marketing touch a day and two in any 7 days, across channels', () => {
    expect(codes(decide({}, { touches: [touch('2026-06-10T20:00:00Z', { channel: 'push' })] }))).toContain('guardrail.cap.daily');
    const twoThisWeek = [touch('2026-06-05T14:00:00Z'), touch('2026-06-08T14:00:00Z', { channel: 'push' })];
    const engaged: MemberSpec = { history: [['Email Link Clicked', '2026-06-08T16:00:00Z']] };
    const d = decide(engaged, { touches: twoThisWeek });
    expect(d.action).toBe('silence');
    expect(codes(d)).toEqual(['guardrail.cap.weekly', 'guardrail.cap.weekly']);
    // A week later the window has moved on.
    expect(decide(engaged, { touches: twoThisWeek, now: Date.parse('2026-06-16T15:00:00Z') }).action).toBe('promo');
  });

  it('caps each channel and moves to the next channel', () => {
    const cfg = config({ guardrails: { maxTouchesPer7Days: 5, maxTouchesPerDay: 5, channelTouchesPer7Days: { email: 1 } } });
    const d = decide({}, { config: cfg, touches: [touch('2026-06-07T14:00:00Z')] });
    expect(d.channel).toBe('push');
    expect(codes(d)).toContain('guardrail.cap.channel');
  });

  it('respects an action’s own cool-down', () => {
    const d = decide({}, { config: config({}, { caps: { cooldownDays: 30 } }), touches: [touch('2026-05-20T14:00:00Z', { action: 'promo' })] });
    expect(codes(d)).toContain('guardrail.cooldown.action');
  });

  it('defers sends out of quiet hours in the member’s own time zone', () => {
    const newYork = decide({ timezone: 'America/New_York' }); // 11:00 local: best hour default 10 → tomorrow 10:00
    expect(new Date(newYork.sendAt as number).toISOString()).toBe('2026-06-11T14:00:00.000Z');
    const tokyo = decide({ timezone: 'Asia/Tokyo' }); // midnight local: quiet; 10:00 local = 01:00 UTC
    expect(new Date(tokyo.sendAt as number).toISOString()).toBe('2026-06-11T01:00:00.000Z');
    const learned = decide({ timezone: 'Europe/Paris' }, { scores: scoresFor({ bestHour: bestHourAt(22, 'Europe/Paris') }) });
    // 22:00 is inside quiet hours (21–08): deferred to 08:00 Paris = 06:00 UTC, not dropped.
    expect(new Date(learned.sendAt as number).toISOString()).toBe('2026-06-11T06:00:00.000Z');
  });

  it('suppresses promotions for 7 days after a complaint, for every tier', () => {
    for (const tier of ['basic', 'personalized', 'proactive'] as const) {
      const d = decide({ tier, history: [['Complaint Filed', '2026-06-06T10:00:00Z']] }, { config: config({ handover: { minIntensity: 1 } }) });
      expect(d.action, tier).not.toBe('promo');
    }
    const later = decide({ history: [['Complaint Filed', '2026-06-01T10:00:00Z']] });
    expect(later.action).toBe('promo');
  });

  it('suppresses promotions after an upset support conversation, and hands the member to a person', () => {
    const upset = decide({ tier: 'basic', history: [['Support Message', '2026-06-09T18:00:00Z', { text: 'This is the THIRD time I ask. Still no refund!!! Unacceptable.' }]] });
    expect(upset.action).toBe('human_outreach');
    expect(upset.reasons[0]?.code).toMatch(/^handover\./);
  });

  it('suppresses after an order problem only when the tier lets us read purchases', () => {
    const refunded: MemberSpec['history'] = [['Order Completed', '2026-05-01T10:00:00Z', { revenue: 80 }], ['Order Refunded', '2026-06-08T10:00:00Z', { revenue: 80 }]];
    expect(codes(decide({ tier: 'personalized', history: refunded }))).toContain('guardrail.suppressed.order_problem');
    expect(decide({ tier: 'basic', history: refunded }).action).toBe('promo');
  });

  it('pauses marketing after two ignored messages in a row', () => {
    const ignored = [touch('2026-05-28T14:00:00Z'), touch('2026-06-03T14:00:00Z')];
    const cfg = config({ guardrails: { maxTouchesPer7Days: 5, maxTouchesPerDay: 5 } });
    expect(codes(decide({}, { config: cfg, touches: ignored }))).toContain('guardrail.cooldown.ignored');
    const engaged = decide({ history: [['Email Link Clicked', '2026-06-03T16:00:00Z']] }, { config: cfg, touches: ignored });
    expect(engaged.action).toBe('promo');
  });

  it('never uses a channel the member unsubscribed from', () => {
    const d = decide({ channels: { email: false, push: false } });
    expect(d.action).toBe('silence');
    expect(codes(d)).toEqual(['eligibility.channel']);
  });
});

describe('policy', () => {
  it('stays silent when contact costs more than it is worth', () => {
    const cheap = config({ economics: { averageOrderValue: 10, margin: 0.2, fatigueCostPerTouch: 3 } }, { prior: { successes: 2, failures: 998 } });
    const d = decide({}, { config: cheap });
    expect(d.action).toBe('silence');
    expect(d.reasons[0]?.code).toBe('policy.silence');
    expect(d.candidates.find((c) => c.action === 'silence')?.probability).toBeGreaterThan(0.999);
  });

  it('logs the probability of the chosen action; candidate probabilities sum to 1', () => {
    const uncertain = config({}, { prior: { successes: 1, failures: 30 } });
    for (let seed = 0; seed < 50; seed++) {
      const d = decide({}, { config: uncertain, seed });
      const total = d.candidates.reduce((sum, c) => sum + c.probability, 0);
      expect(total).toBeCloseTo(1, 9);
      expect(d.probability).toBeGreaterThan(0);
      expect(d.probability).toBeLessThanOrEqual(1);
      expect(d.candidates.find((c) => c.action === d.action)?.probability).toBe(d.probability);
    }
  });

  it('hands a valuable member at risk to a person (from purchase history when scores are not allowed)', () => {
    const loyal: MemberSpec['history'] = Array.from({ length: 8 }, (_, i) => ['Order Completed', `2025-0${i + 1}-15T10:00:00Z`, { revenue: 150 }] as [string, string, Record<string, unknown>]);
    const d = decide({ tier: 'personalized', history: loyal }, { config: config({ handover: { highValue: 1000, highRisk: 0.7 } }) });
    expect(d.action).toBe('human_outreach');
    expect(d.reasons[0]?.code).toBe('handover.valuable_at_risk');
    expect(decide({ tier: 'basic', history: loyal }, { config: config({ handover: { highValue: 1000, highRisk: 0.7 } }) }).action).toBe('promo');
  });
});

describe('global holdout', () => {
  it('is stable for a member and close to the configured share', () => {
    const holdout = { share: 0.1, salt: 'athena' };
    const ids = Array.from({ length: 20_000 }, (_, i) => `profile-${i}`);
    const first = ids.map((id) => isInHoldout(id, holdout));
    expect(ids.map((id) => isInHoldout(id, holdout))).toEqual(first);
    const share = first.filter(Boolean).length / ids.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
  });

  it('gives holdout members no AI-chosen action, and records it', () => {
    const cfg = config({ holdout: { share: 0.5, salt: 's' } });
    const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
    for (const id of ids) {
      const d = decide({ id }, { config: cfg });
      expect(d.holdout).toBe(isInHoldout(id, cfg.holdout));
      if (d.holdout) expect(d.action).toBe('silence');
    }
  });
});
