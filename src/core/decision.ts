// The decision record: what was decided for a member, with what probability, and why — in a
// form explain/ turns into plain language and measure/ evaluates off-policy.
import type { Channel, DataClass } from './consent.js';

export type DecisionMode = 'realtime' | 'batch' | 'trigger';

export interface Reason {
  /** Stable code, e.g. `eligibility.match`, `policy.expected_value`, `guardrail.cap.weekly`. */
  code: string;
  /** Member-facing, value-first sentence ("New trail gear just arrived"); never an observation. */
  text: string;
  /** Operator-facing detail with the numbers. */
  detail: string;
  /** Data classes this reason rests on; explanations cite only classes the tier allows. */
  dataClasses: DataClass[];
}

export interface CandidateRecord {
  action: string;
  channel: Channel | null;
  probability: number;
  expectedValue: number;
}

export interface Rejection {
  action: string;
  channel: Channel | null;
  code: string;
  text: string;
}

export interface Decision {
  decisionId: string;
  profileId: string;
  decidedAt: number;
  mode: DecisionMode;
  /** An action id, `silence` or `human_outreach`. */
  action: string;
  channel: Channel | null;
  sendAt: number | null;
  /** Probability with which this action was picked, over `candidates` (they sum to 1). */
  probability: number;
  holdout: boolean;
  promotional: boolean;
  reasons: Reason[];
  candidates: CandidateRecord[];
  rejections: Rejection[];
  /** Posterior the outcome of this decision updates: `<action>|<context>`. */
  policyKey: string | null;
  modelVersion: string | null;
}
