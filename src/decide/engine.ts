// The next best action for one member (DESIGN.md §6): holdout and protection first, then
// eligibility → guardrails → policy (Thompson, with silence always a candidate) → timing and
// channel, ending in a decision record with its probability and reasons. Pure: everything it
// reads is passed in, so the same inputs and random seed always give the same decision.
import { randomUUID } from 'node:crypto';
import type { Channel, DataClass } from '../core/index.js';
import type { Rng } from '../core/random.js';
import type { ActionConfig, AttuneConfig } from './config.js';
import { classesRead, ineligibility } from './eligibility.js';
import { guardrailRefusal, type Touch } from './guardrails.js';
import { handoverReason } from './handover.js';
import { isInHoldout } from './holdout.js';
import type { MemberView } from './member-view.js';
import { choose, type Candidate } from './policy.js';
import { nextSendTime } from './timing.js';
import type { CandidateRecord, Decision, DecisionMode, Reason, Rejection } from '../core/decision.js';

/** Learned outcome counts of one action in one context (`<action>|<context>`). */
export interface ArmStats {
  successes: number;
  failures: number;
  penalties: number;
}

export interface DecisionInput {
  config: AttuneConfig;
  view: MemberView;
  touches: readonly Touch[];
  arms: (policyKey: string) => ArmStats | undefined;
  now: number;
  rng: Rng;
  mode: DecisionMode;
  /** An open hand-over task, or one within `handover.repeatAfterDays`. */
  recentHandover: boolean;
  /** Restrict to these actions (an event trigger re-evaluating its action, or the caller's request). */
  only?: readonly string[];
  /** Restrict to these channels (e.g. an app asking what to show in-app now). */
  channels?: readonly Channel[];
  decisionId?: string;
}

const SILENCE = 'silence';
const HUMAN = 'human_outreach';

/** The context an action's posterior is learned in: the member's segment, else their tier. */
export function contextKey(view: MemberView): string {
  return view.segment !== undefined ? `segment:${view.segment.name}` : `tier:${view.tier}`;
}

/** What one success of the action is worth for this member, from the data the tier allows. */
function successValue(config: AttuneConfig, action: ActionConfig, view: MemberView): number {
  const e = config.economics;
  const orderValue = view.purchase?.averageOrderValue ?? e.averageOrderValue;
  switch (action.value.kind) {
    case 'order':
      return orderValue * e.margin;
    case 'retention':
      return memberValue(config, view) * (action.value.amount ?? 0.2);
    case 'service':
      return action.value.amount ?? e.serviceValue;
  }
}

/** What keeping the member is worth: CLV when inferences are allowed, else history, else the default. */
function memberValue(config: AttuneConfig, view: MemberView): number {
  const e = config.economics;
  if (view.inferred?.clv != null) return view.inferred.clv * e.margin;
  if (view.purchase !== undefined && view.purchase.orders > 0) return Math.max(view.purchase.revenue * 0.5, (view.purchase.averageOrderValue ?? 0) * 2) * e.margin;
  return e.averageOrderValue * 2 * e.margin;
}

function contactCost(config: AttuneConfig, action: ActionConfig, view: MemberView, touches: readonly Touch[], arm: ArmStats | undefined, now: number): number {
  const e = config.economics;
  const recent = touches.filter((t) => t.promotional && Math.abs(now - t.sendAt) < 7 * 86_400_000).length;
  const trials = arm === undefined ? 0 : arm.successes + arm.failures;
  const regretRate = (e.regretPrior.events + (arm?.penalties ?? 0)) / (e.regretPrior.touches + trials);
  const fatigue = action.promotional ? e.fatigueCostPerTouch * (1 + recent) : 0;
  return fatigue + regretRate * memberValue(config, view) * e.regretCostShare;
}

function reason(code: string, text: string, detail: string, dataClasses: DataClass[] = []): Reason {
  return { code, text, detail, dataClasses };
}

function channelOrder(action: ActionConfig, view: MemberView): Channel[] {
  const preferred = view.sendTime?.preferredChannel;
  return [...action.channels].sort((a, b) => Number(b === preferred) - Number(a === preferred));
}

function base(input: DecisionInput): Omit<Decision, 'action' | 'channel' | 'sendAt' | 'probability' | 'promotional' | 'reasons' | 'candidates' | 'policyKey'> {
  return {
    decisionId: input.decisionId ?? randomUUID(),
    profileId: input.view.profileId,
    decidedAt: input.now,
    mode: input.mode,
    holdout: isInHoldout(input.view.profileId, input.config.holdout),
    rejections: [],
    modelVersion: input.view.modelVersion,
  };
}

function certain(input: DecisionInput, action: string, reasons: Reason[], extra: Partial<Decision> = {}): Decision {
  return {
    ...base(input),
    action,
    channel: null,
    sendAt: null,
    probability: 1,
    promotional: false,
    reasons,
    candidates: [{ action, channel: null, probability: 1, expectedValue: 0 }],
    policyKey: null,
    ...extra,
  };
}

export function decideForMember(input: DecisionInput): Decision {
  const { config, view, now } = input;
  const start = base(input);
  const handover = input.recentHandover || input.only !== undefined ? undefined : handoverReason(config, view);

  // Protection comes first, for every member (holdout included): an upset member gets a person.
  if (handover !== undefined && handover.code !== 'handover.valuable_at_risk') {
    return certain(input, HUMAN, [reason(handover.code, handover.text, handover.detail, ['service'])]);
  }
  if (start.holdout) {
    const baseline = config.holdout.treatment === 'business_as_usual' ? config.holdout.baseline : undefined;
    const holdoutReason = reason('holdout', 'Nothing was chosen for you this time.', `global holdout (${(config.holdout.share * 100).toFixed(0)}% of members)`);
    if (baseline === undefined) return certain(input, SILENCE, [holdoutReason]);
    const action = config.actions.find((a) => a.id === baseline.action) as ActionConfig;
    const sendAt = nextSendTime(now, view.timezone, config.timing.defaultHour, config.guardrails.quietHours);
    const refusal = guardrailRefusal(config, action, baseline.channel, view, input.touches, sendAt, now);
    if (refusal !== undefined) return certain(input, SILENCE, [holdoutReason, reason(`guardrail.${refusal.code}`, 'We are giving you a break from messages.', refusal.text)]);
    return certain(input, action.id, [holdoutReason, reason('holdout.baseline', action.why, 'business-as-usual baseline')], { channel: baseline.channel, sendAt, promotional: action.promotional });
  }
  if (handover !== undefined) {
    return certain(input, HUMAN, [reason(handover.code, handover.text, handover.detail, view.inferred ? ['inferred'] : ['purchase'])]);
  }

  const rejections: Rejection[] = [];
  const eligible: Array<{ action: ActionConfig; channel: Channel; sendAt: number }> = [];
  const bestHour = view.sendTime?.bestHour ?? config.timing.defaultHour;
  for (const action of config.actions) {
    if (input.only !== undefined && !input.only.includes(action.id)) continue;
    if (action.trigger !== undefined && input.only === undefined) continue; // triggered actions are decided by their trigger
    const why = ineligibility(action, view);
    if (why !== undefined) {
      rejections.push({ action: action.id, channel: null, code: why.code, text: why.text });
      continue;
    }
    const sendAt = nextSendTime(now, view.timezone, bestHour, config.guardrails.quietHours);
    for (const channel of channelOrder(action, view).filter((c) => input.channels === undefined || input.channels.includes(c))) {
      const refusal = guardrailRefusal(config, action, channel, view, input.touches, sendAt, now);
      if (refusal === undefined) {
        eligible.push({ action, channel, sendAt });
        break;
      }
      rejections.push({ action: action.id, channel, code: `guardrail.${refusal.code}`, text: refusal.text });
    }
  }

  const context = contextKey(view);
  const candidates: Candidate[] = eligible.map(({ action }) => {
    const key = `${action.id}|${context}`;
    const arm = input.arms(key);
    return {
      key,
      alpha: action.prior.successes + (arm?.successes ?? 0),
      beta: action.prior.failures + (arm?.failures ?? 0),
      value: successValue(config, action, view),
      cost: contactCost(config, action, view, input.touches, arm, now),
    };
  });
  const choice = choose(candidates, input.rng);
  const candidateRecords: CandidateRecord[] = [
    ...choice.scored.map((s, i) => ({ action: (eligible[i] as (typeof eligible)[number]).action.id, channel: (eligible[i] as (typeof eligible)[number]).channel, probability: s.probability, expectedValue: s.expectedValue })),
    { action: SILENCE, channel: null, probability: choice.silenceProbability, expectedValue: 0 },
  ].filter((c) => c.probability > 0);
  const fallback = view.modelVersion === null
    ? [reason('fallback.no_scores', '', 'no model scores for this member yet: segment unknown, default send hour, history-based value')]
    : [];

  if (choice.chosen < 0) {
    const why = eligible.length === 0
      ? reason(rejections.length > 0 ? 'silence.nothing_allowed' : 'silence.no_actions', 'We are giving you a break from messages.', rejections.length > 0 ? `${rejections.length} action/channel options refused or ineligible` : 'no actions configured')
      : reason('policy.silence', 'Nothing we could send right now seemed worth your attention.', `silence won: ${choice.scored.map((s) => `${s.key} EV ${s.expectedValue.toFixed(2)}`).join(', ')}`);
    return { ...start, action: SILENCE, channel: null, sendAt: null, probability: choice.probability, promotional: false, reasons: [why, ...fallback], candidates: candidateRecords, rejections, policyKey: null };
  }

  const picked = eligible[choice.chosen] as (typeof eligible)[number];
  const scored = choice.scored[choice.chosen] as (typeof choice.scored)[number];
  const reasons: Reason[] = [
    reason('eligibility.match', picked.action.why, `eligible: ${picked.action.eligibility.conditions.length} condition(s)${view.segment ? `, segment ${view.segment.name}` : ''}`, classesRead(picked.action)),
    reason('policy.expected_value', '', `expected value ${scored.expectedValue.toFixed(2)} (success ${(scored.alpha / (scored.alpha + scored.beta) * 100).toFixed(1)}% × ${scored.value.toFixed(2)} − contact cost ${scored.cost.toFixed(2)}), chosen with probability ${choice.probability.toFixed(3)}`),
    reason('timing.send_at', '', `send at ${new Date(picked.sendAt).toISOString()} (${view.timezone ?? 'UTC'}, hour ${bestHour}${view.sendTime?.bestHour != null ? ' learned' : ' default'})`),
    ...fallback,
  ];
  return {
    ...start,
    action: picked.action.id,
    channel: picked.channel,
    sendAt: picked.sendAt,
    probability: choice.probability,
    promotional: picked.action.promotional,
    reasons,
    candidates: candidateRecords,
    rejections,
    policyKey: scored.key,
  };
}
