// An acknowledged event is never lost: the server is killed with SIGKILL in the middle of
// sustained ingestion, restarted on the same database, and every event that got a 200 is there.
import { expect, it } from 'vitest';
import { existingMessageIds, openStore } from '../../src/store/index.js';
import { killed, startServerProcess } from '../support/server-process.js';
import { describeEachStore } from '../support/stores.js';

const WRITE_KEY = 'wk_durability';
const env = { ATTUNE_WRITE_KEYS: WRITE_KEY, ATTUNE_ADMIN_TOKEN: 'adm_durability' };
const headers = { authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`, 'content-type': 'application/json' };

describeEachStore('durability', ({ target }) => {
  it('keeps every acknowledged event through a SIGKILL and restart', async () => {
    const server = await startServerProcess(target().url(), env);
    const acknowledged: string[] = [];
    let sequence = 0;
    let running = true;

    // Eight clients send single events and batches as fast as they can until the crash.
    const client = async (clientId: number) => {
      while (running) {
        const batch = clientId % 2 === 0;
        const messages = Array.from({ length: batch ? 50 : 1 }, () => ({
          type: 'track', messageId: `durable-${clientId}-${++sequence}`, userId: `durable-user-${sequence % 300}`,
          event: 'Order Completed', properties: { revenue: 10 },
        }));
        try {
          const response = await fetch(`${server.url}/v1/${batch ? 'batch' : 'track'}`, {
            method: 'POST', headers, body: JSON.stringify(batch ? { batch: messages } : messages[0]),
          });
          if (response.status === 200) acknowledged.push(...messages.map((m) => m.messageId));
        } catch {
          return; // connection reset by the crash: not acknowledged
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));
    await new Promise((r) => setTimeout(r, 2500));
    server.child.kill('SIGKILL');
    await killed(server.child);
    running = false;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(200);

    const restarted = await startServerProcess(target().url(), env);
    try {
      const health = await fetch(`${restarted.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      restarted.child.kill('SIGTERM');
      await killed(restarted.child);
    }
    const store = await openStore(target().url());
    try {
      const found = new Set<string>();
      for (let i = 0; i < acknowledged.length; i += 2000) {
        for (const id of await existingMessageIds(store.db, acknowledged.slice(i, i + 2000))) found.add(id);
      }
      const lost = acknowledged.filter((id) => !found.has(id));
      expect(lost).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
