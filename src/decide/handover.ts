// Human hand-over: an emotionally charged moment, or a valuable member slipping away, deserves a
// person, not a message (DESIGN.md §6). Upset members are protected whatever their tier (service
// data is used to protect); "valuable and at risk" uses only what the tier lets us read.
import type { AttuneConfig } from './config.js';
import type { MemberView } from './member-view.js';

export interface HandoverReason {
  code: 'handover.emotional' | 'handover.complaint' | 'handover.asked_for_person' | 'handover.valuable_at_risk';
  text: string;
  detail: string;
}

export function handoverReason(config: AttuneConfig, view: MemberView): HandoverReason | undefined {
  const h = config.handover;
  const p = view.protection;
  if (p.needsHuman) {
    return { code: 'handover.asked_for_person', text: 'You reached out to us, and a person from our team will follow up.', detail: 'latest support message asks for or needs a person' };
  }
  if (h.emotionalStates.includes(p.emotionalState.state as 'anxious' | 'frustrated' | 'angry') && p.emotionalState.intensity >= h.minIntensity) {
    return {
      code: 'handover.emotional',
      text: 'You recently told us something went wrong, so a person from our team will reach out.',
      detail: `emotional state ${p.emotionalState.state} at intensity ${p.emotionalState.intensity.toFixed(2)}`,
    };
  }
  if (p.daysSinceComplaint !== null && p.daysSinceComplaint < config.guardrails.suppressionDays) {
    return { code: 'handover.complaint', text: 'You recently raised a complaint, so a person from our team will follow up.', detail: `complaint ${p.daysSinceComplaint.toFixed(1)} days ago` };
  }
  const risk = valueAtRisk(view);
  if (risk !== undefined && risk.value >= h.highValue && risk.risk >= h.highRisk) {
    return {
      code: 'handover.valuable_at_risk',
      text: 'You have been with us a long time, and someone from our team wanted to check in personally.',
      detail: `${risk.source}: value ${risk.value.toFixed(0)}, risk ${risk.risk.toFixed(2)}`,
    };
  }
  return undefined;
}

/**
 * Value and risk from model scores when the member allows inferences; else from purchase history
 * (revenue, and how overdue the next order is against the member's own rhythm); else unknown.
 */
export function valueAtRisk(view: MemberView): { value: number; risk: number; source: string } | undefined {
  if (view.inferred?.clv != null && view.inferred.churnRisk != null) {
    return { value: view.inferred.clv, risk: view.inferred.churnRisk, source: 'scores' };
  }
  const p = view.purchase;
  if (p === undefined || p.orders < 2 || p.daysSinceLastOrder === null || p.daysSinceFirstOrder === null) return undefined;
  const interval = Math.max(14, (p.daysSinceFirstOrder - p.daysSinceLastOrder) / (p.orders - 1));
  const overdue = p.daysSinceLastOrder / interval;
  // Overdue by one interval: risk 0.5; by three: 0.83 (a smooth, monotone proxy, documented).
  return { value: p.revenue, risk: overdue <= 0 ? 0 : overdue / (overdue + 1), source: 'purchase history' };
}
