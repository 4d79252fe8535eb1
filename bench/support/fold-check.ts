// Does the benchmark world's fold (world-fold.ts) leave the rows real ingestion leaves? Simulates a
// small world, ingests its messages through the real path (prepareMessages + ingestMessages) into
// an in-memory SQLite store, folds the same messages, and compares member by member (by userId):
// stats, consent tier, channels, time zone and traits, plus the profile and identifier counts.
//   npx tsx bench/support/fold-check.ts [--members 400] [--weeks 20] [--seed 3] [--batch 1]
// --batch is the number of messages per ingest call: 1 is what the fold models (each message its
// own transaction); larger batches merge profiles at the batch level (src/ingest/pipeline.ts).
import { randomUUID } from 'node:crypto';
import { ingestMessages, prepareMessages } from '../../src/ingest/index.js';
import { serializeStats } from '../../src/profiles/stats.js';
import { createWorld } from '../../src/sim/index.js';
import { identifiersOfProfiles, loadProfiles, openStore } from '../../src/store/index.js';
import { numberArg } from './big-store.js';
import { featuredOf, foldMessages, simulateRange } from './world-fold.js';

const members = numberArg('members', 400);
const weeks = numberArg('weeks', 20);
const batch = numberArg('batch', 1);
const world = createWorld({ seed: numberArg('seed', 3), members, historyWeeks: weeks });
const messages = simulateRange(world, 0, members, weeks, featuredOf(world, weeks));
const folded = foldMessages(messages, randomUUID);

const store = await openStore(':memory:');
for (let k = 0; k < messages.length; k += batch) {
  const part = messages.slice(k, k + batch);
  const at = Date.parse((part[part.length - 1] as (typeof part)[number]).timestamp);
  const prepared = prepareMessages(part, at);
  if (!prepared.ok) throw new Error(`invalid simulated messages: ${JSON.stringify(prepared.issues.slice(0, 2))}`);
  await ingestMessages(store, prepared.items, at);
}
const ids = (await store.db.selectFrom('profiles').select('profile_id').execute()).map((r) => r.profile_id);
const real = await loadProfiles(store.db, ids);
const realIdentifiers = await identifiersOfProfiles(store.db, ids);
const userIdOf = new Map(realIdentifiers.filter((i) => i.type === 'userId').map((i) => [i.profileId, i.value]));
const foldedUserIdOf = new Map(folded.identifiers.filter((r) => r[0] === 'userId').map((r) => [r[2], r[1]]));
const foldedByUserId = new Map(folded.profiles.filter((p) => foldedUserIdOf.has(p[0])).map((p) => [foldedUserIdOf.get(p[0]) as string, p]));

const fields = ['stats', 'consent tier', 'channels', 'timezone', 'traits'] as const;
const differing: Record<string, number> = {};
let same = 0;
const examples: string[] = [];
for (const [profileId, record] of real) {
  const userId = userIdOf.get(profileId);
  const row = userId === undefined ? undefined : foldedByUserId.get(userId);
  if (userId === undefined || row === undefined) continue;
  const ours = [row[7], row[4], row[5], row[6], row[3]];
  const theirs = [serializeStats(record.stats), record.consent.tier, JSON.stringify(record.consent.channels), record.timezone, JSON.stringify(record.traits)];
  const bad = fields.filter((_, k) => ours[k] !== theirs[k]);
  if (bad.length === 0) same++;
  for (const f of bad) differing[f] = (differing[f] ?? 0) + 1;
  if (bad.length > 0 && examples.length < 3) examples.push(`${userId}: ${bad.map((f) => `${f} ingest ${theirs[fields.indexOf(f)]} / fold ${ours[fields.indexOf(f)]}`).join('; ')}`);
}
await store.close();
process.stdout.write(`${JSON.stringify({
  messages: messages.length, batch, profiles: { ingest: real.size, fold: folded.profiles.length },
  identifiers: { ingest: realIdentifiers.length, fold: folded.identifiers.length }, membersIdentical: same, differing,
}, null, 1)}\n${examples.join('\n')}\n`);
