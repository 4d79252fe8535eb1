// `attune train` end to end on both stores: a seeded synthetic population ingested through the
// real pipeline, models fitted and stored as versioned artifacts, every profile scored, scores on
// the profile API, paged reads for the decision engine, and erasure of scores.
import { beforeAll, expect, it } from 'vitest';
import { findProfileId } from '../../src/profiles/index.js';
import {
  artifactsOfVersion, countProfiles, eraseMember, getProfile, getScores, inTransaction, latestModelVersion, listScores, upsertProducts, writeScores,
} from '../../src/store/index.js';
import { loadScorer, trainAndScore, type MemberScores, type TrainSummary } from '../../src/understand/index.js';
import { runAttune } from '../support/cli.js';
import { ingestRaw } from '../support/ingest.js';
import { adminHeaders, testServer } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';
import { CATALOG, EXPECTED_SEGMENT, NOW, syntheticMembers, type SyntheticMember } from './synthetic.js';

describeEachStore('attune train', ({ store, target }) => {
  let members: SyntheticMember[];
  let summary: TrainSummary;
  const scoresOf = new Map<string, MemberScores>();

  beforeAll(async () => {
    members = syntheticMembers({ count: 240, seed: 'train-test' });
    const messages = members.flatMap((m) => m.messages);
    for (let i = 0; i < messages.length; i += 2000) await ingestRaw(store(), messages.slice(i, i + 2000), NOW);
    await upsertProducts(store().db, CATALOG);
    summary = await trainAndScore(store(), { now: NOW, seed: 3, pageSize: 50 });
    for (const m of members) {
      const profileId = (await findProfileId(store().db, 'userId', m.userId)) as string;
      scoresOf.set(m.userId, (await getScores(store().db, profileId)) as MemberScores);
    }
  });

  it('stores one versioned artifact per model, with parameters, metrics, window and data classes', async () => {
    const version = await latestModelVersion(store().db);
    expect(version).toBe(summary.version);
    const artifacts = await artifactsOfVersion(store().db, version as string);
    expect(artifacts.map((a) => a.model).sort()).toEqual(['affinity', 'channel', 'churn', 'clv', 'emotion', 'segments', 'sendTime']);
    const byModel = new Map(artifacts.map((a) => [a.model, a]));
    expect(byModel.get('clv')?.dataClasses).toEqual(['purchase']);
    expect(byModel.get('emotion')?.dataClasses).toEqual(['service']);
    expect(byModel.get('segments')?.dataClasses).toEqual(['identity', 'purchase', 'engagement', 'browsing']);
    expect(byModel.get('clv')?.params).toMatchObject({ purchase: { r: expect.any(Number), alpha: expect.any(Number), a: expect.any(Number), b: expect.any(Number) } });
    const churn = byModel.get('churn')!;
    expect(churn.metrics.holdoutAuc).toBeGreaterThan(0.8);
    expect(churn.window.to).toBe(Date.UTC(2026, 5, 1));
    expect(churn.metrics.cutoff).toBe(Date.UTC(2026, 2, 1));
    expect(summary.trainingMembers).toBe(240);
  });

  it('scores every profile with the run’s version, in pages', async () => {
    const profiles = await countProfiles(store().db);
    expect(summary.scored).toBe(profiles);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listScores(store().db, { limit: 64, ...(after !== undefined ? { after } : {}) });
      seen.push(...page.scores.map((s) => s.profileId));
      after = page.next;
    } while (after !== undefined);
    expect(seen).toHaveLength(profiles);
    expect([...seen].sort()).toEqual(seen);
    for (const s of scoresOf.values()) expect(s.modelVersion).toBe(summary.version);
  });

  it('finds the behaviour each member was built with, from what their tier allows', () => {
    let right = 0;
    let total = 0;
    for (const m of members) {
      const segment = scoresOf.get(m.userId)!.segment;
      if (m.tier === 'basic') {
        expect(segment.name).toBe('unknown');
        continue;
      }
      if (m.tier === 'personalized' && m.archetype === 'browser') {
        expect(segment.name).not.toBe('Browsers'); // browsing is hidden from this tier
        continue;
      }
      total++;
      if (segment.name === EXPECTED_SEGMENT[m.archetype]) right++;
    }
    expect(right / total).toBeGreaterThan(0.85);
    expect(summary.segments.shares.unknown).toBeGreaterThan(0.2);
    const named = summary.segments.views.flatMap((v) => v.clusters.map((c) => c.name));
    expect(new Set(named)).toEqual(new Set(['Enthusiasts', 'Routine Buyers', 'Bargain Hunters', 'Lapsed VIPs', 'Gift Givers', 'Browsers', 'unknown']));
  });

  it('gives value, risk, products, send time, channel and emotional state, each from allowed classes', () => {
    const enthusiast = members.find((m) => m.archetype === 'enthusiast' && m.tier === 'proactive' && m.timezone !== null)!;
    const s = scoresOf.get(enthusiast.userId)!;
    expect(s.churnRisk).toBeLessThan(0.2);
    expect(s.clv).toBeGreaterThan(500);
    expect(s.pAlive).toBeGreaterThan(0.8);
    expect(s.topProducts.length).toBe(5);
    expect(s.bestHour).toMatchObject({ timezone: enthusiast.timezone, hour: enthusiast.localHour });
    expect(s.preferredChannel).not.toBeNull();
    const lapsed = members.filter((m) => m.archetype === 'lapsedVip' && m.tier !== 'basic').map((m) => scoresOf.get(m.userId)!.churnRisk as number);
    expect(Math.min(...lapsed)).toBeGreaterThan(0.5);
    const basic = scoresOf.get(members.find((m) => m.tier === 'basic' && m.archetype === 'enthusiast')!.userId)!;
    expect(basic).toMatchObject({ churnRisk: null, clv: null, pAlive: null, segment: { name: 'unknown' } });
    expect(basic.basis.topProducts.every((c) => c === 'stated')).toBe(true);
    const upset = members.filter((m) => m.messages.some((msg) => msg.event === 'Support Message'));
    expect(upset.length).toBeGreaterThan(0);
    for (const m of upset) expect(scoresOf.get(m.userId)!.emotionalState).toMatchObject({ needsHuman: true, state: 'angry' });
  });

  it('scores the same at decision time from the stored artifacts', async () => {
    const scorer = await loadScorer(store().db, NOW);
    for (const m of members.slice(0, 40)) {
      const profileId = (await findProfileId(store().db, 'userId', m.userId)) as string;
      expect(scorer!((await getProfile(store().db, profileId))!)).toEqual(scoresOf.get(m.userId));
    }
  });

  it('shows scores on the profile API with the model version, and null before scoring', async () => {
    const server = await testServer(store());
    try {
      const m = members[0] as SyntheticMember;
      const body = (await server.app.inject({ method: 'GET', url: `/v1/profiles/userId/${m.userId}`, headers: adminHeaders })).json();
      expect(body.scores).toMatchObject({ modelVersion: summary.version, scoredAt: new Date(NOW).toISOString(), segment: { name: expect.any(String) } });
      for (const key of ['churnRisk', 'clv', 'pAlive', 'topProducts', 'bestHour', 'preferredChannel', 'emotionalState']) expect(body.scores).toHaveProperty(key);
      await ingestRaw(store(), [{ type: 'identify', userId: 'latecomer', traits: { email: 'late@example.com' } }], NOW);
      const late = (await server.app.inject({ method: 'GET', url: '/v1/profiles/userId/latecomer', headers: adminHeaders })).json();
      expect(late.scores).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('erasure removes the member’s scores', async () => {
    const profileId = (await findProfileId(store().db, 'userId', (members[1] as SyntheticMember).userId)) as string;
    expect(await getScores(store().db, profileId)).toBeDefined();
    const deleted = await inTransaction(store(), (trx) => eraseMember(trx, profileId));
    expect(deleted.profile_scores).toBe(1);
    expect(await getScores(store().db, profileId)).toBeUndefined();
  });

  it('runs as `attune train --json`, retraining under a new version and dropping scores of profiles that are gone', async () => {
    const leftover = { ...(scoresOf.get((members[2] as SyntheticMember).userId) as MemberScores), profileId: 'merged-away', modelVersion: 'older' };
    await writeScores(store().db, [leftover]);
    const result = runAttune(['train', '--db', target().url(), '--json', '--now', '2026-06-22T12:00:00Z', '--seed', '3']);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as TrainSummary;
    expect(json.version).toBe('2026-06-22T12:00:00.000Z');
    expect(json.scored).toBe(json.profiles);
    expect(json.models).toHaveLength(7);
    expect(Object.values(json.segments.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(json.staleScoresRemoved).toBe(1);
    expect(await getScores(store().db, 'merged-away')).toBeUndefined();
  });
});
