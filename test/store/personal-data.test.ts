// Erasure and export walk PERSONAL_DATA_TABLES; this proves the list is complete: every table
// with a profile column is in it, and every other table is declared free of personal data.
import { expect, it } from 'vitest';
import { NON_PERSONAL_TABLES, PERSONAL_DATA_TABLES } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('personal-data registry', ({ store }) => {
  it('lists every table that holds a profile id, and only real columns', async () => {
    const tables = await store().db.introspection.getTables();
    const registered = new Map(PERSONAL_DATA_TABLES.map((t) => [t.table, t.columns]));
    for (const table of tables) {
      const profileColumns = table.columns.map((c) => c.name).filter((name) => name === 'profile_id' || name.endsWith('_profile_id'));
      if (profileColumns.length > 0) {
        expect(registered.get(table.name), `${table.name} holds ${profileColumns.join(', ')} but is not in PERSONAL_DATA_TABLES`).toBeDefined();
        expect([...(registered.get(table.name) ?? [])].sort()).toEqual(profileColumns.sort());
      } else {
        expect(NON_PERSONAL_TABLES, `${table.name} is in neither list`).toContain(table.name);
      }
    }
    for (const { table } of PERSONAL_DATA_TABLES) expect(tables.map((t) => t.name)).toContain(table);
  });
});
