// The member export (privacy: a member's right of access) returns every row held about the
// member with the JSON documents parsed — scores, decisions, messages, tasks and audit entries
// included — so that what the member receives is their data, not escaped JSON text.
import { expect, it } from 'vitest';
import { appendAudit, exportMember, insertConsentChanges, PERSONAL_DATA_TABLES, PERSONAL_JSON_COLUMNS } from '../../src/store/index.js';
import { ingestRaw } from '../support/ingest.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, T0, World } from '../reports/world.js';

/** A string column value that is itself a JSON object or array left unparsed. */
function unparsedJson(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

describeEachStore('member export', ({ store }) => {
  it('lists only real columns of registered tables as JSON columns', async () => {
    const tables = new Map((await store().db.introspection.getTables()).map((t) => [t.name, t.columns.map((c) => c.name)]));
    const registered = new Set(PERSONAL_DATA_TABLES.map((t) => t.table));
    for (const [table, columns] of Object.entries(PERSONAL_JSON_COLUMNS)) {
      expect(registered, `${table} is not a personal-data table`).toContain(table);
      for (const column of columns) expect(tables.get(table), `${table}.${column}`).toContain(column);
    }
  });

  it('returns the member\'s rows of every table with JSON columns parsed, stored scores included', async () => {
    const id = 'export-me';
    const w = new World();
    w.member(id, T0 - 30 * DAY, { segment: 'Loyal', clv: 123.5 });
    w.track(id, 'Email Opened', T0 + DAY, { campaign_id: 'spring' });
    const decisionId = w.decision(id, T0, 'promo', { sentAt: T0 + 2 * 3_600_000, message: { channel: 'email', subject: 'New in', framing: 'new_arrivals' } });
    w.task(id, T0 + DAY, { emotionalState: { state: 'frustrated', intensity: 0.7 } });
    await w.save(store());
    await insertConsentChanges(store().db, [{
      profileId: id, at: T0, source: 'api',
      before: { tier: 'basic', channels: { email: true, sms: false, push: false, in_app: false } },
      after: { tier: 'proactive', channels: { email: true, sms: false, push: true, in_app: true } },
    }]);
    await appendAudit(store().db, [{ at: T0, actor: 'agent@brand.example', subjectType: 'decision', subjectId: decisionId, profileId: id, action: 'viewed', detail: { why: 'check' } }]);
    // Someone else's rows stay out of the export.
    await ingestRaw(store(), [{ type: 'identify', userId: 'someone-else', traits: { email: 'else@example.com' } }]);

    const exported = await exportMember(store().db, id);
    const scores = exported.profile_scores as Array<{ scores: unknown }>;
    expect(scores).toHaveLength(1);
    expect(scores[0]?.scores).toMatchObject({ segment: { name: 'Loyal' }, clv: 123.5 });
    expect((exported.decisions as Array<{ candidates: unknown; reasons: unknown }>)[0]).toMatchObject({ candidates: [{ action: 'promo' }], reasons: [] });
    expect((exported.outbox as Array<{ message: unknown }>)[0]?.message).toEqual({ channel: 'email', subject: 'New in', framing: 'new_arrivals' });
    expect((exported.tasks as Array<{ context: unknown }>)[0]?.context).toMatchObject({ emotionalState: { state: 'frustrated' } });
    expect((exported.consent_log as Array<{ channels_after: unknown }>)[0]?.channels_after).toMatchObject({ push: true });
    expect((exported.audit_log as Array<{ detail: unknown }>)[0]?.detail).toEqual({ why: 'check' });
    expect((exported.events as Array<{ payload: { properties: unknown } }>)[0]?.payload.properties).toEqual({ campaign_id: 'spring' });
    for (const [table, rows] of Object.entries(exported)) {
      for (const row of rows as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) expect(unparsedJson(value), `${table}.${column} is JSON text`).toBe(false);
      }
    }
    expect(JSON.stringify(exported)).not.toContain('someone-else');
  });
});
