// Worker for bench/scoring.ts: rebuilds the models from their stored form once per thread, then
// scores ranges of the synthetic population (member i is distinct history i mod D, renamed).
import type { Product } from '../../src/core/index.js';
import type { MemberSnapshot } from '../../src/features/index.js';
import type { ModelArtifact } from '../../src/store/models.js';
import { fromArtifacts } from '../../src/understand/artifacts.js';
import { createScorer, type Scorer } from '../../src/understand/score.js';

export interface ScoringSetup {
  artifacts: ModelArtifact[];
  catalog: Product[];
  members: MemberSnapshot[];
  now: number;
}

export interface ScoringTask {
  start: number;
  end: number;
}

let setup: ScoringSetup | undefined;
let scorer: Scorer | undefined;

export function init(data: ScoringSetup): void {
  setup = data;
  scorer = createScorer(fromArtifacts(data.artifacts), data.catalog, data.now);
}

/** Scores members [start, end); returns how many and a checksum so the work cannot be skipped. */
export default function score(task: ScoringTask & { setup?: ScoringSetup }): { scored: number; checksum: number } {
  if (task.setup !== undefined) init(task.setup);
  if (setup === undefined || scorer === undefined) throw new Error('worker not initialised');
  const { members } = setup;
  let checksum = 0;
  for (let i = task.start; i < task.end; i++) {
    const base = members[i % members.length] as MemberSnapshot;
    const s = scorer({ ...base, profileId: `m${i}` });
    checksum += (s.clv ?? 0) + (s.churnRisk ?? 0) + (s.bestHour?.hourOfWeek ?? 0) + s.topProducts.length + s.segment.reasons.length;
  }
  return { scored: task.end - task.start, checksum };
}
