// lintMessage: every outgoing message passes here before it can be queued (DESIGN.md §7).
// A pure function of the message and its context; a message that is not `ok` is held for
// human review, never sent.
import type { AnchorHits } from './anchors.js';
import { DEFAULT_RULES } from './brand-rules.js';
import { findProductMentions, unitsInStock } from './catalog-index.js';
import { checkDataClasses } from './data-classes.js';
import { checkListedProducts, checkPricesInText } from './facts.js';
import { checkLength } from './length.js';
import { checkObservation } from './observation.js';
import { checkPressure, type StockFacts } from './pressure.js';
import { ViolationReport } from './report.js';
import { checkRequiredParts } from './required.js';
import { FieldText } from './text.js';
import type { LintContext, LintResult, LintableMessage, Violation } from './types.js';
import { checkVoice } from './voice.js';

export function lintMessage(message: LintableMessage, context: LintContext): LintResult {
  const rules = context.rules ?? DEFAULT_RULES;
  const report = new ViolationReport(rules.severity);
  const body = rules.anchors.locate(new FieldText('body', message.body));
  const fields = message.subject === undefined ? [body] : [rules.anchors.locate(new FieldText('subject', message.subject)), body];
  const listed = message.products ?? [];

  let stock: StockFacts | undefined;
  const stockFacts = (): StockFacts => (stock ??= stockOf(listed.map((product) => product.id), fields, context, rules.lowStockThreshold));

  for (const hits of fields) {
    checkVoice(hits, rules, report);
    checkObservation(hits, report);
    checkPressure(hits, stockFacts, report);
    checkDataClasses(hits, context.tier, report);
    checkPricesInText(hits, context.catalog, report);
  }
  checkListedProducts(listed, context.catalog, body.field, report);
  checkRequiredParts(message.channel, body, context, rules, report);
  checkLength(message.channel, message.subject, message.body, rules, report);

  const violations = report.violations.sort(byPosition);
  return { ok: violations.every((violation) => violation.severity !== 'error'), violations };
}

/** The fewest units in stock among the products the message is about: listed or named in its text. */
function stockOf(listedIds: readonly string[], fields: readonly AnchorHits[], context: LintContext, lowStockThreshold: number): StockFacts {
  const named = fields.flatMap(({ field }) => findProductMentions(context.catalog, field.lower).map((mention) => mention.product.id));
  let lowestStock: number | null = null;
  for (const id of [...listedIds, ...named]) {
    const units = unitsInStock(context.catalog, context.inventory, id);
    if (units !== null && (lowestStock === null || units < lowestStock)) lowestStock = units;
  }
  return { lowestStock, lowStockThreshold };
}

/** Subject before body, then by where the offending text starts. */
function byPosition(a: Violation, b: Violation): number {
  if (a.field !== b.field) return a.field === 'subject' ? -1 : 1;
  return a.span[0] - b.span[0] || a.span[1] - b.span[1];
}
