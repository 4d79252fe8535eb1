import { describe, expect, it } from 'vitest';
import { CONSENT_TIERS } from '../../src/core/consent.js';
import { normalizeEmail, normalizePhone } from '../../src/identity/index.js';
import { createWorld, memberAt, PERSONAS, PERSONA_IDS } from '../../src/sim/index.js';

describe('Athena members', () => {
  const world = createWorld({ seed: 5, members: 40_000, historyWeeks: 52 });
  const { members } = world;
  const share = (count: number) => count / members.count;

  it('follow the persona shares of issue 3', () => {
    for (const [p, spec] of PERSONAS.entries()) {
      const count = members.persona.filter((persona) => persona === p).length;
      expect(share(count)).toBeGreaterThan(spec.share - 0.01);
      expect(share(count)).toBeLessThan(spec.share + 0.01);
    }
  });

  it('are mostly basic, some personalized, fewer proactive', () => {
    const counts = CONSENT_TIERS.map((_, t) => members.tier.filter((tier) => tier === t).length);
    expect(share(counts[0] as number)).toBeGreaterThan(0.6);
    expect(counts[0]).toBeGreaterThan(counts[1] as number);
    expect(counts[1]).toBeGreaterThan(counts[2] as number);
    expect(share(counts[2] as number)).toBeGreaterThan(0.03);
  });

  it('live in valid IANA zones, mostly North American, with some in Europe and Asia-Pacific', () => {
    const zones = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const tz = memberAt(members, i).timezone;
      zones.set(tz, (zones.get(tz) ?? 0) + 1);
    }
    for (const tz of zones.keys()) expect(() => new Intl.DateTimeFormat('en-US', { timeZone: tz })).not.toThrow();
    const american = [...zones].filter(([tz]) => tz.startsWith('America/') || tz.startsWith('Pacific/')).reduce((sum, [, n]) => sum + n, 0);
    expect(american / 5000).toBeGreaterThan(0.8);
    expect(zones.get('Europe/London')).toBeGreaterThan(100);
    expect(zones.size).toBeGreaterThanOrEqual(12);
  });

  it('have unique, valid emails and phones that Attune would accept as identifiers', () => {
    const emails = new Set<string>();
    const phones = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const m = memberAt(members, i);
      expect(normalizeEmail(m.email)).toBe(m.email);
      expect(m.email).toMatch(/@example\.(com|net|org)$/);
      emails.add(m.email);
      if (m.phone !== null) {
        expect(normalizePhone(m.phone)).toBe(m.phone);
        expect(m.phone).toMatch(/^\+1\d{3}555\d{4}$/);
        phones.add(m.phone);
      }
    }
    expect(emails.size).toBe(3000);
    expect(phones.size).toBeGreaterThan(1200);
    const all = new Set<string>();
    for (let i = 0; i < members.count; i++) {
      const m = memberAt(members, i);
      if (m.phone !== null) all.add(m.phone);
    }
    expect(all.size).toBe([...Array(members.count).keys()].filter((i) => (members.phoneSerial[i] as number) >= 0).length);
  });

  it('carry the traits a policy needs and a member accessor that decodes them', () => {
    const m = memberAt(members, 123);
    expect(PERSONA_IDS).toContain(m.persona);
    expect(m.userId).toBe('ath-00000124');
    expect(m.bestHour).toBeGreaterThanOrEqual(0);
    expect(m.bestHour).toBeLessThan(24);
    expect(Object.keys(m.categoryAffinity)).toHaveLength(12);
    expect(m.birthday).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const stated = [...Array(members.count).keys()].filter((i) => memberAt(members, i).birthdayStated).length;
    expect(share(stated)).toBeGreaterThan(0.5);
    expect(share(stated)).toBeLessThan(0.6);
    const newMembers = [...Array(members.count).keys()].filter((i) => members.persona[i] === PERSONA_IDS.indexOf('New Members'));
    for (const i of newMembers.slice(0, 200)) expect(world.calendar.nowMs - (members.enrolledAt[i] as number)).toBeLessThan(90 * 86_400_000);
  });

  it('keep 2.3M members in well under 2 GB: a few hundred bytes each', () => {
    const bytes = Object.values(members).reduce((sum, column) => sum + (ArrayBuffer.isView(column) ? column.byteLength : 0), 0)
      + Object.values(world.state).reduce((sum, column) => sum + (ArrayBuffer.isView(column) ? column.byteLength : 0), 0);
    expect(bytes / members.count).toBeLessThan(250);
  });

  it('are the same for the same seed', () => {
    const again = createWorld({ seed: 5, members: 1000, historyWeeks: 52 });
    for (const i of [0, 1, 500, 999]) expect(memberAt(again.members, i)).toEqual(memberAt(members, i));
    const other = createWorld({ seed: 6, members: 1000, historyWeeks: 52 });
    expect(memberAt(other.members, 1)).not.toEqual(memberAt(members, 1));
  });
});
