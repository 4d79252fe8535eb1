// Speak (DESIGN.md §7): framing by situation, consent-filtered template contexts, Liquid + MJML
// templates with A/B variants, the optional LLM composer, and the linter every message passes.
export { chooseFraming, FRAMINGS, FRAMING_NEEDS, FRAMING_PURPOSE, RECENT_ORDER_DAYS } from './framing.js';
export type { Framing, FramingChoice, FramingReason, FramingReasonCode, Segment, Situation } from './framing.js';
export { allowedMemberFacts, buildTemplateContext, CONTACT_FIELDS, formatPrice, productFacts } from './context.js';
export type { BrandFacts, ContextInput, FactValue, MemberFacts, MessageLinks, ProductFacts, TemplateContext } from './context.js';
export { brandFileSchema, brandFrom, loadBrand } from './brand.js';
export type { Brand, BrandFile } from './brand.js';
export { findTemplate, framingsFor, loadTemplateSet, pickVariant, templateId } from './template-set.js';
export type { CompiledTemplate, TemplateEntry, TemplateSet, TemplateVariant } from './template-set.js';
export { renderTemplate, subjectOf, TemplateRenderError } from './render.js';
export type { MessageContent } from './render.js';
export { composeFromTemplate, contextFor, lintContent, TemplateNotFoundError } from './compose.js';
export type { ComposeOutcome, ComposeRequest, ComposeSetup, ComposedMessage, LintFacts } from './compose.js';
export { composeMessage, generateMessage, parseCopy } from './llm/generate.js';
export type { GeneratedCopy } from './llm/generate.js';
export { buildPrompt, promptFacts } from './llm/prompt.js';
export { chatCompletionsUrl, DEFAULT_LLM_TIMEOUT_MS, llmProviderFromEnv, openAiCompatibleProvider } from './llm/provider.js';
export type { OpenAiCompatibleOptions } from './llm/provider.js';
export { FALLBACK_REASONS, LlmError } from './llm/contract.js';
export type { ChatMessage, FallbackReason, GenerationFallback, LlmProvider } from './llm/contract.js';
export * from './lint/index.js';
export { createDecisionComposer, memberFacts, pickProducts } from './for-decision.js';
export type { DecisionComposerOptions, DecisionLinks } from './for-decision.js';
