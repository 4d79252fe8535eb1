import { expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import { runAttune } from '../support/cli.js';
import { basic } from '../support/server.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('attune keys', ({ target }) => {
  it('creates a write key that authenticates ingestion, lists it without the secret, and revokes it', async () => {
    const created = runAttune(['keys', 'create', '--name', 'web shop', '--db', target().url(), '--json']);
    expect(created.status, created.stderr).toBe(0);
    const { writeKey } = JSON.parse(created.stdout) as { writeKey: string };
    expect(writeKey).toMatch(/^wk_/);

    const listed = runAttune(['keys', 'list', '--db', target().url(), '--json']);
    expect(listed.stdout).toContain('web shop');
    expect(listed.stdout).not.toContain(writeKey);

    const send = async () => {
      const store = await openStore(target().url());
      const server = await buildServer({ store, credentials: { writeKeys: [], adminToken: 'a' }, logLevel: 'silent' });
      try {
        const response = await server.app.inject({
          method: 'POST', url: '/v1/track', headers: { authorization: basic(writeKey), 'content-type': 'application/json' },
          payload: JSON.stringify({ userId: 'key-user', event: 'Product Viewed' }),
        });
        return response.statusCode;
      } finally {
        await server.close();
        await store.close();
      }
    };
    expect(await send()).toBe(200);
    expect(runAttune(['keys', 'revoke', writeKey, '--db', target().url()]).status).toBe(0);
    expect(await send()).toBe(401);
    const again = runAttune(['keys', 'revoke', writeKey, '--db', target().url()]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('no active write key matches');
  });
});
