// Collects violations, applying the brand's severity for each rule (or dropping disabled ones).
import { RULES, type RuleCode } from './codes.js';
import type { RuleSeverity } from './brand-rules.js';
import type { Span, TextField, Violation } from './types.js';

export class ViolationReport {
  readonly violations: Violation[] = [];

  constructor(private readonly severity: Readonly<Record<RuleCode, RuleSeverity>>) {}

  /** False when the brand turned the rule off: callers skip the work of checking it. */
  enabled(code: RuleCode): boolean {
    return this.severity[code] !== 'off';
  }

  add(code: RuleCode, field: TextField, span: Span, message: string): void {
    const severity = this.severity[code];
    if (severity === 'off') return;
    this.violations.push({ code, rule: RULES[code].family, severity, message, field, span });
  }
}

/** Quotes matched text in a message, shortened so a long match stays readable. */
export function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine}"`;
}
