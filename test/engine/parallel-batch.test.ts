// The weekly batch on worker threads decides exactly as the single-threaded batch, and a
// real-time decision that slips in between a worker's read and the write does not break a cap.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EXAMPLE_CONFIG_PATH, decideAndRecord, runBatch, type DecideDeps } from '../../src/decide/index.js';
import { createEngine, type EngineOptions } from '../../src/engine/engine.js';
import { runParallelBatch } from '../../src/engine/parallel-batch.js';
import { findProfileId } from '../../src/profiles/index.js';
import { upsertProducts, type Store } from '../../src/store/index.js';
import { CATALOG } from '../compose/fixtures.js';
import { alwaysWorthConfig } from '../support/decide.js';
import { ingestRaw } from '../support/ingest.js';
import { describeEachStore } from '../support/stores.js';

const NOW = Date.parse('2026-05-04T06:00:00Z');
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const ENGINE: EngineOptions = { configPath: EXAMPLE_CONFIG_PATH, publicUrl: 'http://127.0.0.1:4000', env: {} };

/** Members of every kind: new, repeat buyers, lapsed, some who chose a richer tier, one upset. */
function members(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => {
    const userId = `member-${i}`;
    const joined = NOW - (10 + (i % 200)) * DAY;
    const events: Array<Record<string, unknown>> = [
      { type: 'identify', userId, traits: { email: `m${i}@example.com`, firstName: `M${i}` }, context: { timezone: i % 3 === 0 ? 'Europe/Paris' : 'America/New_York' }, timestamp: iso(joined) },
    ];
    if (i % 4 !== 0) events.push({ type: 'track', userId, event: 'Consent Updated', properties: { tier: i % 4 === 1 ? 'personalized' : 'proactive' }, timestamp: iso(joined + 1000) });
    for (let k = 0; k < i % 5; k++) {
      events.push({ type: 'track', userId, event: 'Order Completed', properties: { order_id: `o-${i}-${k}`, revenue: 40 + k * 15, products: [{ product_id: CATALOG[k % CATALOG.length]!.id, price: 40 }] }, timestamp: iso(joined + (k + 1) * 5 * DAY) });
    }
    if (i % 37 === 0) events.push({ type: 'track', userId, event: 'Complaint Filed', properties: { reason: 'late delivery' }, timestamp: iso(NOW - DAY) });
    return events;
  }).flat();
}

async function clearDecisions(store: Store): Promise<void> {
  for (const table of ['decisions', 'outbox', 'tasks', 'audit_log'] as const) await store.db.deleteFrom(table).execute();
}

async function decisionsByMember(store: Store) {
  const rows = await store.db.selectFrom('decisions').select(['profile_id', 'action', 'channel', 'send_at', 'probability', 'holdout']).execute();
  return new Map(rows.map((r) => [r.profile_id, { action: r.action, channel: r.channel, sendAt: Number(r.send_at), probability: Number(r.probability), holdout: Number(r.holdout) }]));
}

async function outboxStates(store: Store) {
  const rows = await store.db.selectFrom('outbox').select(['profile_id', 'state', 'action']).execute();
  return rows.map((r) => `${r.profile_id} ${r.action} ${r.state}`).sort();
}

describeEachStore('the weekly batch on worker threads', ({ store, target }) => {
  it('decides, composes and queues exactly what the single-threaded batch does', async () => {
    await upsertProducts(store().db, CATALOG);
    await ingestRaw(store(), members(160), NOW - DAY);
    const engine = await createEngine(store(), ENGINE);
    const deps: DecideDeps = { store: store(), ...engine.decide };

    const single = await runBatch(deps, { now: NOW, pageSize: 25 });
    const expected = await decisionsByMember(store());
    const expectedOutbox = await outboxStates(store());
    await clearDecisions(store());

    const pages: number[] = [];
    const parallel = await runParallelBatch(deps, { now: NOW, pageSize: 25, threads: 2, target: target().url(), engine: ENGINE, onProgress: (n) => pages.push(n) });
    expect(parallel.members).toBe(single.members);
    expect(parallel.decisions).toEqual(single.decisions);
    expect(parallel.rejections).toEqual(single.rejections);
    expect(await decisionsByMember(store())).toEqual(expected);
    expect(await outboxStates(store())).toEqual(expectedOutbox);
    expect(expectedOutbox.length).toBeGreaterThan(0);
    expect(pages.length).toBeGreaterThanOrEqual(7); // 160 members in pages of 25
  }, 60_000);

  it('decides again, at write time, for a member who got a real-time message meanwhile', async () => {
    await clearDecisions(store());
    const config = alwaysWorthConfig(); // every member is worth one promotion; at most one a day
    const deps: DecideDeps = { store: store(), config, compose: (await createEngine(store(), ENGINE)).decide.compose };
    const member = (await findProfileId(store().db, 'userId', 'member-7')) as string;
    let slipped = false;
    const summary = await runParallelBatch(deps, {
      now: NOW, pageSize: 25, threads: 2, target: target().url(), engine: ENGINE,
      onPageDecided: async (ids) => {
        if (slipped || !ids.includes(member)) return;
        slipped = true;
        const realtime = await decideAndRecord(deps, member, { mode: 'realtime', now: NOW });
        expect(realtime?.decision.action).toBe('promo');
      },
    });
    expect(slipped).toBe(true);
    const own = await store().db.selectFrom('outbox').select('decision_id').where('profile_id', '=', member).execute();
    expect(own).toHaveLength(1); // the real-time one; the batch saw it and stayed within the daily cap
    expect(summary.rejections['guardrail.cap.daily']).toBeGreaterThanOrEqual(1);
    const decided = await store().db.selectFrom('decisions').select(['action', 'mode']).where('profile_id', '=', member).execute();
    expect(decided.map((d) => d.mode).sort()).toEqual(['batch', 'realtime']);
    expect(decided.find((d) => d.mode === 'batch')?.action).not.toBe('promo');
  }, 60_000);

  it('refuses to run, writing nothing, when the workers reach another database', async () => {
    await clearDecisions(store());
    const engine = await createEngine(store(), ENGINE);
    const deps: DecideDeps = { store: store(), ...engine.decide };
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'attune-other-')), 'attune.db');
    await expect(runParallelBatch(deps, { now: NOW, threads: 2, target: elsewhere, engine: ENGINE })).rejects.toThrow(/another database/);
    expect(await store().db.selectFrom('decisions').select('decision_id').execute()).toEqual([]);
  }, 60_000);
});
