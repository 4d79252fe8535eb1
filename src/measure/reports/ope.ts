// Off-policy evaluation from the decision log: what would other policies have earned on the same
// members and moments, judged from the logged candidates, their probabilities and the learned
// outcomes — with the IPS / SNIPS / doubly robust estimators of src/measure/ope.
//
// A row is an AI decision with a real choice (two or more candidates). Its reward is the outcome
// the learning step recorded: +1 reward (an order within the reward window), −penalty for regret,
// 0 otherwise; silence earns 0 by the engine's own convention (its expected value is the
// baseline). Contact decisions not yet learned have no reward: the window ends at the first of
// them, so that recent silences are not kept while their contact twins are dropped.
import type { CandidateRecord } from '../../core/index.js';
import { createRng } from '../../core/random.js';
import { decisionLogPage, firstUnlearnedDecision, type Store } from '../../store/index.js';
import { estimatePolicyValue, fitRewardModel, type LoggedInteraction, type OffPolicyEstimates } from '../ope/index.js';
import { iso, resolveWindow, windowJson, type TimeInput } from './window.js';

export const TARGET_POLICIES = {
  logged: 'the logging policy itself (sanity check: every estimator should return the logged mean reward)',
  uniform: 'uniform at random over each decision\'s candidates',
  silence: 'always silence where silence was a candidate (else the top expected-value candidate)',
  topEv: 'always the candidate with the highest expected value (no exploration)',
} as const;
export type TargetPolicy = keyof typeof TARGET_POLICIES;

interface LogRow {
  action: string;
  propensity: number;
  reward: number;
  candidates: CandidateRecord[];
}

function topEv(candidates: readonly CandidateRecord[]): string {
  return candidates.reduce((best, c) => (c.expectedValue > best.expectedValue ? c : best)).action;
}

/** The target policy's probability of each candidate of a row. */
export function targetDistribution(policy: TargetPolicy, row: Pick<LogRow, 'candidates'>): Map<string, number> {
  const { candidates } = row;
  switch (policy) {
    case 'logged':
      return new Map(candidates.map((c) => [c.action, c.probability]));
    case 'uniform':
      return new Map(candidates.map((c) => [c.action, 1 / candidates.length]));
    case 'silence':
      return new Map([[candidates.some((c) => c.action === 'silence') ? 'silence' : topEv(candidates), 1]]);
    case 'topEv':
      return new Map([[topEv(candidates), 1]]);
  }
}

export interface OpeOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** At most this many decisions (a uniform reservoir sample beyond; default 100,000). */
  maxRows?: number;
  bootstrap?: number;
  seed?: number;
  /** What a regret outcome costs, in orders (default 1: reward −1). */
  penalty?: number;
}

export interface OpeReport {
  report: 'ope';
  window: { from: string; to: string };
  /** Decisions used are those made before this time (the first contact decision without a learned outcome). */
  settledUntil: string;
  /** AI decisions read, those with a real choice (≥ 2 candidates), and those used (a sample when more than maxRows). */
  rows: { read: number; withChoice: number; used: number; sampled: boolean };
  penalty: number;
  loggedValue: number | null;
  policies: Array<{ policy: TargetPolicy; description: string } & Omit<OffPolicyEstimates, 'n'>>;
}

const PAGE = 5000;

export async function opeReport(store: Store, options: OpeOptions = {}): Promise<OpeReport> {
  const window = await resolveWindow(store, options);
  const maxRows = options.maxRows ?? 100_000;
  const penalty = options.penalty ?? 1;
  const settledUntil = (await firstUnlearnedDecision(store.db, window)) ?? window.to;
  const settled = { from: window.from, to: settledUntil };
  const rng = createRng(options.seed ?? 1);
  const rows: LogRow[] = [];
  let read = 0;
  let withChoice = 0;
  for (let after: string | undefined; ;) {
    const page = await decisionLogPage(store.db, settled, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]?.decisionId;
    for (const d of page) {
      read += 1;
      // Probabilities of the candidates sum to 1 and only positive ones are logged: below 1 means a real choice.
      if (!(d.probability > 0 && d.probability < 1)) continue;
      withChoice += 1;
      // Reservoir sampling (Algorithm R): every row is kept with probability maxRows / rows seen.
      const slot = rows.length < maxRows ? rows.length : Math.floor(rng.next() * withChoice);
      if (slot >= maxRows) continue;
      const reward = d.outcome === 'reward' ? 1 : d.outcome === 'penalty' ? -penalty : 0;
      rows[slot] = { action: d.action, propensity: d.probability, reward, candidates: JSON.parse(d.candidatesJson) as CandidateRecord[] };
    }
  }
  const base = {
    report: 'ope' as const, window: windowJson(window), settledUntil: iso(settledUntil),
    rows: { read, withChoice, used: rows.length, sampled: withChoice > maxRows }, penalty,
  };
  if (rows.length === 0) return { ...base, loggedValue: null, policies: [] };

  const logs: LoggedInteraction[] = rows.map((r) => ({ action: r.action, position: null, reward: r.reward, propensity: r.propensity }));
  const model = fitRewardModel(logs, 'action');
  const policies = (Object.keys(TARGET_POLICIES) as TargetPolicy[]).map((policy) => {
    const distributions = rows.map((r) => targetDistribution(policy, r));
    const { n: _n, ...estimates } = estimatePolicyValue(
      {
        rewards: logs.map((l) => l.reward),
        weights: rows.map((r, i) => (distributions[i]?.get(r.action) ?? 0) / r.propensity),
        predictedRewards: logs.map((l) => model.predict(l.action, null)),
        directValue: distributions.map((dist) => [...dist].reduce((sum, [action, p]) => sum + p * model.predict(action, null), 0)),
      },
      { replicates: options.bootstrap ?? 500, rng: createRng(options.seed ?? 1) },
    );
    return { policy, description: TARGET_POLICIES[policy], ...estimates };
  });
  return { ...base, loggedValue: logs.reduce((s, l) => s + l.reward, 0) / logs.length, policies };
}
