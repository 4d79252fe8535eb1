// Child process of bench/decide.ts: one batch decision pass over a database, in a process of its
// own so that its peak memory is its own. Decisions only: no composer (DecideDeps.compose is
// optional; without it a message is recorded for review with no content, as runBatch would).
//   npx tsx bench/support/decide-batch.ts --db <file> --now <ms> [--page-size 2000] [--after <id>] [--before <id>] [--compose] [--wait]
// Without --after/--before it runs src/decide runBatch itself. With a profile-id range it runs
// runBatch's loop (the same calls, copied below) over that range only: a prototype of splitting
// the batch between processes, which runBatch cannot do today. Prints one JSON line.
import { createRng, type Decision } from '../../src/core/index.js';
import {
  armLookup, decideForMember, decisionSeed, loadMemberContexts, recordDecisions, runBatch, type DecideDeps, type DecisionToRecord,
} from '../../src/decide/index.js';
import { createEngine } from '../../src/engine/engine.js';
import { inTransaction, loadArms, openStore, profileIdPage, supportsRowLocks } from '../../src/store/index.js';
import { argValue, numberArg, peakRssMb } from './big-store.js';

const db = argValue('db');
if (db === undefined) throw new Error('--db is required');
const now = numberArg('now', Date.now());
const pageSize = numberArg('page-size', 2000);
const after = argValue('after');
const before = argValue('before');

/** runBatch's loop (src/decide/batch.ts) restricted to profile ids in (after, before). */
async function rangeBatch(deps: DecideDeps): Promise<{ members: number; decisions: Record<string, number> }> {
  const arms = armLookup(await loadArms(deps.store.db));
  const decisions: Record<string, number> = {};
  let members = 0;
  let cursor = after;
  for (;;) {
    const page = await profileIdPage(deps.store.db, cursor, pageSize);
    const ids = before === undefined ? page : page.filter((id) => id < before);
    if (ids.length === 0) break;
    cursor = ids[ids.length - 1];
    const decided = await inTransaction(deps.store, async (trx) => {
      const contexts = await loadMemberContexts(trx, deps, ids, now, supportsRowLocks(deps.store));
      const items: DecisionToRecord[] = [];
      for (const [profileId, context] of contexts) {
        const decision = decideForMember({
          config: deps.config, view: context.view, touches: context.touches, arms, now,
          rng: createRng(decisionSeed(profileId, now, 'batch')), mode: 'batch', recentHandover: context.recentHandover,
        });
        items.push({ decision, profile: context.profile, view: context.view });
      }
      await recordDecisions(trx, deps.config, items, deps.compose, now);
      return items.map((i) => i.decision);
    });
    members += decided.length;
    for (const d of decided as Decision[]) decisions[d.action] = (decisions[d.action] ?? 0) + 1;
    if (ids.length < page.length) break;
  }
  return { members, decisions };
}

const store = await openStore(db);
try {
  const engine = await createEngine(store);
  const deps: DecideDeps = { ...engine.decide, store };
  if (!process.argv.includes('--compose')) delete deps.compose;
  if (process.argv.includes('--wait')) {
    // Started together with another process: both begin when the parent says so.
    process.stdout.write('ready\n');
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
    process.stdin.pause();
  }
  const startedAt = Date.now();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = after === undefined && before === undefined ? await runBatch(deps, { now, pageSize }) : await rangeBatch(deps);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ result: { members: result.members, decisions: result.decisions, seconds, startedAt, endedAt: Date.now(), cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: peakRssMb() } })}\n`);
} finally {
  await store.close();
}
