// Synthetic world benchmark: time and memory to create 2.3M Athena members, to simulate their
// weeks, and the speed of history generation in events per second. Prints figures (all of them
// about simulated data); asserts nothing.
// Run: npx tsx bench/sim.ts [--members 2300000] [--history-members 50000] [--weeks 52] [--seed 1]
//   world:   createWorld (catalog, members' traits, memory) for --members
//   week 0:  the first history week (every existing member imported: identify + consent)
//   week 1:  an ordinary week with the legacy newsletter (streamHistory, one week)
//   week 2:  the same newsletter sent through the live API (newsletterTouches → simulateWeekChunks)
//   history: a --weeks history of --history-members members, streamed in chunks
// Memory is the peak resident set. V8 lets garbage pile up while memory is plentiful; to see the
// working set, bound the heap: NODE_OPTIONS=--max-old-space-size=1024 npx tsx bench/sim.ts
import { createWorld, newsletterTouches, simulateWeekChunks, streamHistory, type World } from '../src/sim/index.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`);
  return value;
}

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Peak resident memory so far (the figure that matters), then the current heap and typed arrays. */
function memory(): string {
  const m = process.memoryUsage();
  const peak = (process.resourceUsage().maxRSS * 1024) / MB;
  return `peak rss ${fmt(peak)} MB (heap now ${fmt(m.heapUsed / MB)} MB, typed arrays ${fmt(m.arrayBuffers / MB)} MB)`;
}

interface Run {
  messages: number;
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU time (CPU: all threads of the process, garbage collector included) of `fn`. */
function measure(fn: () => number): Run {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const messages = fn();
  const used = process.cpuUsage(cpu);
  return { messages, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function report(label: string, run: Run): void {
  console.log(
    `${label.padEnd(34)} ${fmt(run.wallMs / 1000, 1).padStart(7)} s wall  ${fmt(run.cpuMs / 1000, 1).padStart(7)} s cpu  `
    + `${fmt(run.messages).padStart(12)} messages  ${fmt(run.messages / (run.wallMs / 1000)).padStart(9)} msg/s`,
  );
}

function typedArrayBytes(world: World): number {
  const columns = [...Object.values(world.members), ...Object.values(world.state)];
  return columns.reduce((sum: number, column) => sum + (ArrayBuffer.isView(column) ? column.byteLength : 0), 0);
}

const members = option('members', 2_300_000);
const historyMembers = option('history-members', 50_000);
const weeks = option('weeks', 52);
const seed = option('seed', 1);

console.log(`Synthetic Athena world (simulated data) — Node ${process.version}, seed ${seed}`);
console.log(`start: ${memory()}`);

/** Creates the big world and simulates weeks 0–2 (see the header). */
function bigWorld(): void {
  const creation = measure(() => {
    world = createWorld({ seed, members, historyWeeks: weeks });
    return 0;
  });
  const big = world as World;
  console.log(`world: ${fmt(members)} members, ${big.catalog.products.length} products in ${fmt(creation.wallMs / 1000, 2)} s wall (${fmt(creation.cpuMs / 1000, 2)} s cpu)`);
  console.log(`       columns ${fmt(typedArrayBytes(big) / MB)} MB = ${fmt(typedArrayBytes(big) / members)} bytes/member; ${memory()}`);

  report('week 0 (import + newsletter)', measure(() => {
    let count = 0;
    for (const chunk of streamHistory(big, { weeks: 1, chunkSize: 10_000 })) count += chunk.messages.length;
    return count;
  }));
  console.log(`       ${memory()}`);
  report('week 1 (ordinary, newsletter)', measure(() => {
    let count = 0;
    for (const chunk of streamHistory(big, { weeks: 1, chunkSize: 10_000 })) count += chunk.messages.length;
    return count;
  }));
  console.log(`       ${memory()}`);
  let touches = 0;
  let delivered = 0;
  report('week 2 (live API, blast touches)', measure(() => {
    const blast = newsletterTouches(big, 2);
    touches = blast.length;
    let count = 0;
    for (const chunk of simulateWeekChunks(big, 2, blast)) {
      count += chunk.messages.length;
      delivered += chunk.outcomes.totals.touches.delivered;
    }
    return count;
  }));
  console.log(`       ${fmt(touches)} touches, ${fmt(delivered)} delivered; ${memory()}`);
  world = undefined;
}

let world: World | undefined;
if (members > 0) bigWorld();

if (historyMembers > 0 && weeks > 0) {
  const sample = createWorld({ seed, members: historyMembers, historyWeeks: weeks });
  const history = measure(() => {
    let count = 0;
    for (const chunk of streamHistory(sample)) count += chunk.messages.length;
    return count;
  });
  report(`history (${fmt(historyMembers)} members × ${weeks} weeks)`, history);
  const perMember = history.messages / historyMembers;
  const rate = history.messages / (history.wallMs / 1000);
  console.log(`       ${fmt((perMember * 52) / weeks)} messages per member-year; ${weeks} weeks of 2.3M members would make`
    + ` ${fmt((perMember * 2_300_000) / 1e6)}M messages in ~${fmt((perMember * 2_300_000) / rate / 60)} min on one core at this rate`);
  console.log(`       ${memory()}`);
}
