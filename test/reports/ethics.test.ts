// Ethical health on a two-week world worked out by hand: what followed each AI touch within
// 48 hours, silence, charged moments and whether a person took them, hand-over sentiment, NPS.
import { beforeAll, describe, expect, it } from 'vitest';
import { ethicsReport, TouchCounts, trustCheck, type EthicsReport } from '../../src/measure/reports/index.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, HOUR, idsOf, T0, testConfig, World } from './world.js';

const WINDOW = { from: T0, to: T0 + 14 * DAY };
const ANGRY = 'Stop sending me these emails, this is ridiculous and annoying!';
const [P1, P2, P3, P4, P5, P6, P7, P8, S1, S2, M1, M2, M3] = idsOf('treated', 13) as string[] as [string, string, string, string, string, string, string, string, string, string, string, string, string];
const [H1, H2] = idsOf('holdout', 2) as [string, string];

describeEachStore('ethical health report', ({ store }) => {
  let report: EthicsReport;
  beforeAll(async () => {
    const w = new World();
    for (const id of [P1, P2, P3, P4, P5, P6, P7, P8, S1, S2, M1, M2, M3, H1, H2]) w.member(id, T0 - 100 * DAY, [P1, P2].includes(id) ? { segment: 'Loyal' } : undefined);
    const week1 = T0 + DAY;
    const week2 = T0 + 8 * DAY;
    for (const id of [P1, P2, P3, P4]) w.decision(id, week1, 'promo', { sentAt: week1 });
    for (const id of [P5, P6, P7, P8]) w.decision(id, week2, 'promo', { sentAt: week2 });
    w.track(P1, 'Email Opened', week1 + 2 * HOUR);
    w.track(P2, 'Unsubscribed', week1 + 10 * HOUR);
    w.track(P3, 'Support Message', week1 + 5 * HOUR, { text: ANGRY, direction: 'inbound' });
    w.track(P4, 'Unsubscribed', week1 + 60 * HOUR); // after the 48-hour follow-up
    w.track(P5, 'Email Opened', week2 + HOUR);
    w.track(P5, 'Email Link Clicked', week2 + 2 * HOUR);
    w.track(P6, 'Email Marked as Spam', week2 + HOUR);
    w.track(P6, 'Support Message', week2 + 2 * HOUR, { text: ANGRY, direction: 'inbound' });
    w.track(P7, 'Support Message', week2 + 3 * HOUR, { text: 'Thanks, looks great!', direction: 'inbound' });
    // A holdout member's business-as-usual message is not an AI touch.
    w.decision(H1, week1, 'promo', { sentAt: week1 });
    w.track(H1, 'Unsubscribed', week1 + HOUR);
    w.decision(S1, week1, 'silence');
    w.decision(S2, week1, 'silence');
    w.decision(M1, week1, 'human_outreach');
    w.decision(S1, week2, 'silence');
    w.decision(S2, week2, 'silence');
    w.decision(H2, week1, 'silence');
    w.decision(H2, week2, 'silence');
    // Charged moments: M1 complains twice (one moment) and gets a person; M3 already had one; M2 does not.
    w.track(M1, 'Complaint Filed', T0 + 2 * DAY);
    w.track(M1, 'Complaint Filed', T0 + 2 * DAY + 4 * HOUR);
    w.task(M1, T0 + 2 * DAY + 3 * HOUR, { emotionalState: { state: 'frustrated', intensity: 0.6 } });
    w.task(M3, T0 - DAY);
    w.track(M3, 'Support Message', T0 + 3 * DAY, { text: ANGRY, direction: 'inbound' });
    w.track(M2, 'Support Message', T0 + 9 * DAY, { text: ANGRY, direction: 'inbound' });
    w.task(M2, T0 + 12 * DAY, { emotionalState: { state: 'angry', intensity: 0.9 } }); // three days later: too late
    w.track(S1, 'Survey Answered', T0 + 2 * DAY, { survey: 'nps', score: 10 });
    w.track(S2, 'Survey Answered', T0 + 3 * DAY, { survey: 'nps', score: 9 });
    w.track(P8, 'Survey Answered', T0 + 4 * DAY, { survey: 'nps', score: 3 });
    w.track(P8, 'Survey Answered', T0 + 9 * DAY, { survey: 'enps', score: 7 });
    await w.save(store());
    report = await ethicsReport(store(), { ...WINDOW, config: testConfig });
  });

  it('counts what followed AI touches within 48 hours', () => {
    expect(report.overall).toMatchObject({ touches: 8, engagementRate: 2 / 8, optOutRate: 1 / 8, complaintRate: 1 / 8, regretRate: 3 / 8 });
    const [w1, w2] = report.weeks;
    expect(w1).toMatchObject({ week: '2025-03-03', touches: 4, engagementRate: 1 / 4, optOutRate: 1 / 4, complaintRate: 0, regretRate: 2 / 4 });
    expect(w2).toMatchObject({ week: '2025-03-10', touches: 4, engagementRate: 1 / 4, optOutRate: 0, complaintRate: 1 / 4, regretRate: 1 / 4 });
    expect(report.actions).toEqual([{ action: 'promo', touches: 8, engagementRate: 2 / 8, optOutRate: 1 / 8, complaintRate: 1 / 8, regretRate: 3 / 8 }]);
  });

  it('measures silence among AI decisions only', () => {
    expect(report.weeks[0]).toMatchObject({ decisions: 7, silenceRate: 2 / 7, humanOutreachRate: 1 / 7 });
    expect(report.weeks[1]).toMatchObject({ decisions: 6, silenceRate: 2 / 6 });
  });

  it('finds charged moments and whether a person took them', () => {
    // Week 1: M1 (task within 48 h), M3 (task already open), P3's angry reply (nobody). Week 2: M2, P6.
    expect(report.weeks[0]).toMatchObject({ chargedMoments: 3, handedToPersonShare: 2 / 3 });
    expect(report.weeks[1]).toMatchObject({ chargedMoments: 2, handedToPersonShare: 0 });
    expect(report.overall.handedToPerson.value).toBeCloseTo(2 / 5, 12);
  });

  it('reports the sentiment at hand-over and NPS', () => {
    expect(report.weeks[0]).toMatchObject({ handoffs: 1, handoffIntensity: 0.6, handoffStates: { frustrated: 1 } });
    expect(report.weeks[1]).toMatchObject({ handoffs: 1, handoffIntensity: 0.9, handoffStates: { angry: 1 } });
    expect(report.weeks[0]?.nps).toMatchObject({ n: 3 });
    expect(report.weeks[0]?.nps.value).toBeCloseTo(100 / 3, 9);
    expect(report.overall.enps).toMatchObject({ n: 1, value: 0 });
  });

  it('breaks the numbers down by segment', () => {
    const loyal = report.segments.find((s) => s.segment === 'Loyal');
    expect(loyal).toMatchObject({ touches: 2, optOutRate: 1 / 2, decisions: 2 });
    expect(report.segments.find((s) => s.segment === 'unscored')).toMatchObject({ touches: 6, decisions: 11 });
  });

  it('skips the segment breakdown when asked', async () => {
    const plain = await ethicsReport(store(), { ...WINDOW, config: testConfig, segments: false });
    expect(plain.segments.map((s) => [s.segment, s.touches, s.decisions])).toEqual([['unscored', 8, 13]]);
    expect(plain.weeks).toEqual(report.weeks);
  });
});

describeEachStore('ethical health report without segments', ({ store }) => {
  it('keeps hand-overs of scored members out of the breakdown it was asked to skip', async () => {
    const [scored] = idsOf('treated', 1, 'seg') as [string];
    const w = new World();
    w.member(scored, T0 - 100 * DAY, { segment: 'Loyal' });
    w.decision(scored, T0 + DAY, 'promo', { sentAt: T0 + DAY });
    w.task(scored, T0 + 2 * DAY, { emotionalState: { state: 'angry', intensity: 0.8 } });
    await w.save(store());
    const row = (r: EthicsReport) => r.segments.map((s) => [s.segment, s.touches, s.decisions, s.handoffs]);
    expect(row(await ethicsReport(store(), { ...WINDOW, config: testConfig }))).toEqual([['Loyal', 1, 1, 1]]);
    expect(row(await ethicsReport(store(), { ...WINDOW, config: testConfig, segments: false }))).toEqual([['unscored', 1, 1, 1]]);
  });
});

describe('borrowing from trust', () => {
  const counts = (touches: number, engaged: number, optedOut: number, regretted = optedOut) =>
    Object.assign(new TouchCounts(), { touches, engaged, optedOut, complained: 0, regretted });
  const label = (t: number) => String(t);

  it('flags a program whose engagement and opt-outs both rise beyond chance', () => {
    const weeks = new Map([[1, counts(2000, 200, 4)], [2, counts(2000, 220, 6)], [3, counts(2000, 400, 40)], [4, counts(2000, 420, 44)]]);
    const check = trustCheck('promo', weeks, [1, 2, 3, 4], label);
    expect(check.earlier).toMatchObject({ touches: 4000, weeks: ['1', '2'] });
    expect(check.engagement?.absLift).toBeCloseTo(820 / 4000 - 420 / 4000, 12);
    expect(check.borrowingFromTrust).toBe(true);
  });

  it('does not flag engagement that rises while opt-outs stay flat', () => {
    const weeks = new Map([[1, counts(2000, 200, 10)], [2, counts(2000, 200, 10)], [3, counts(2000, 400, 10)], [4, counts(2000, 400, 11)]]);
    expect(trustCheck('promo', weeks, [1, 2, 3, 4], label).borrowingFromTrust).toBe(false);
  });

  it('does not flag noise: a small rise on few touches', () => {
    const weeks = new Map([[1, counts(20, 2, 0)], [2, counts(20, 5, 1)]]);
    expect(trustCheck('promo', weeks, [1, 2], label).borrowingFromTrust).toBe(false);
  });
});
