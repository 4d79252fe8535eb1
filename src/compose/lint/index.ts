// The message linter (DESIGN.md §7): brand voice, the creepy line, facts, required parts and
// channel lengths. Compile brand rules and index the catalog once; lint each message.
export { lintMessage } from './lint.js';
export { compileRules, brandRulesSchema, DEFAULT_BRAND_RULES, DEFAULT_RULES, CONTRACTION_STYLES } from './brand-rules.js';
export type { BrandRules, CompiledRules, ContractionStyle, RuleSeverity } from './brand-rules.js';
export { indexCatalog } from './catalog-index.js';
export type { CatalogIndex } from './catalog-index.js';
export { RULES, RULE_CODES } from './codes.js';
export type { RuleCode, RuleFamily, Severity } from './codes.js';
export { lintFileSchema, catalogFileSchema } from './files.js';
export type { LintFile, CatalogFile } from './files.js';
export type { CatalogProduct, LintContext, LintResult, LintableMessage, MessageProduct, Span, TextField, Violation } from './types.js';
