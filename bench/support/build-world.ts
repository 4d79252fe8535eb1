// Builds (or finds) the cached benchmark world database in a process of its own, so that the
// benchmarks that need it do not count the build's worker threads in their peak memory.
//   npx tsx bench/support/build-world.ts --members 2300000 [--weeks 52] [--seed 1] [--db postgres://…]
import { argValue, ensureWorldStore, numberArg } from './big-store.js';

const key = { members: numberArg('members', 2_300_000), weeks: numberArg('weeks', 52), seed: numberArg('seed', 1) };
const world = await ensureWorldStore(key, (line) => process.stdout.write(`${line}\n`), argValue('db'));
process.stdout.write(`${JSON.stringify({ world: { target: world.built ? 'built' : 'cached', info: world.info } })}\n`);
