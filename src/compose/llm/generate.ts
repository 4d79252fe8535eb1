// The optional LLM composer. The model writes the copy ({subject, body}); the brand's
// `_generated/<channel>` layout wraps it with the greeting, links and the AI disclosure; the
// result passes the same linter as every template. Anything short of a clean, passing message
// — no layout, a timeout, an HTTP error, bad JSON, a lint failure — falls back to the template,
// and the message records why.
import { z } from 'zod';
import { composeFromTemplate, contextFor, finishMessage, type ComposeRequest, type ComposeSetup, type ComposedMessage } from '../compose.js';
import type { TemplateContext } from '../context.js';
import { renderTemplate, type MessageContent } from '../render.js';
import type { TemplateSet, TemplateVariant } from '../template-set.js';
import { buildPrompt, type CopyLimits } from './prompt.js';
import { LlmError, type FallbackReason, type LlmProvider } from './contract.js';

/** What the layout receives as `generated`. */
export interface GeneratedCopy {
  subject: string;
  body: string;
  /** The body's non-empty lines: the email layout prints one paragraph each. */
  paragraphs: string[];
}

const copySchema = z.object({
  subject: z.string().max(200).default(''),
  body: z.string().trim().min(1).max(4000),
});

const GSM_SINGLE = 160;
const GSM_PART = 153;
/** Guidance only (the linter has no limit for these): what fits an inbox line and an in-app card. */
const EMAIL_SUBJECT_CHARS = 70;
const IN_APP_TITLE_CHARS = 50;
const IN_APP_BODY_CHARS = 300;

class Fallback extends Error {
  constructor(
    readonly reason: FallbackReason,
    detail: string,
  ) {
    super(detail);
  }
}

/** Reads the model's answer: a JSON object, possibly inside a ```json fence. */
export function parseCopy(answer: string): GeneratedCopy {
  const unfenced = answer.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  let json: unknown;
  try {
    json = JSON.parse(unfenced);
  } catch (error) {
    throw new Fallback('invalid_json', `${(error as Error).message}: ${answer.slice(0, 120)}`);
  }
  const parsed = copySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Fallback('invalid_output', `${issue.path.join('.') || '(answer)'}: ${issue.message}`);
  }
  const { subject, body } = parsed.data;
  const paragraphs = body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return { subject: subject.trim(), body, paragraphs };
}

function render(layout: TemplateVariant, context: TemplateContext, copy: GeneratedCopy, templates: TemplateSet): MessageContent {
  try {
    return renderTemplate(layout.compiled, { ...context, generated: copy }, templates.engines, layout.file);
  } catch (error) {
    throw new Fallback('render_error', (error as Error).message);
  }
}

/**
 * Room left for the model's words: the channel limit minus what the layout itself adds,
 * measured by rendering the layout around a one-character copy (so separators count).
 */
function limitsFor(layout: TemplateVariant, context: TemplateContext, setup: ComposeSetup): CopyLimits {
  const rules = setup.brand.rules;
  const probe = render(layout, context, { subject: 'x', body: 'x', paragraphs: ['x'] }, setup.templates);
  const bodyOverhead = probe.text.length - 1;
  switch (probe.channel) {
    case 'push':
      return { subjectChars: rules.pushTitleMaxChars - (probe.title.length - 1), bodyChars: rules.pushBodyMaxChars - bodyOverhead };
    case 'sms': {
      const budget = rules.smsMaxSegments === 1 ? GSM_SINGLE : GSM_PART * rules.smsMaxSegments;
      return { subjectChars: null, bodyChars: budget - bodyOverhead };
    }
    case 'in_app':
      return { subjectChars: IN_APP_TITLE_CHARS, bodyChars: IN_APP_BODY_CHARS - bodyOverhead };
    case 'email':
      return { subjectChars: EMAIL_SUBJECT_CHARS, bodyChars: null };
  }
}

async function generate(request: ComposeRequest, setup: ComposeSetup, provider: LlmProvider): Promise<ComposedMessage> {
  const layout = setup.templates.generated.get(request.channel);
  if (layout === undefined) throw new Fallback('no_layout', `the template set has no _generated/${request.channel} layout`);
  const context = contextFor(request, setup);
  const limits = limitsFor(layout, context, setup);
  if ((limits.bodyChars ?? 1) <= 0) throw new Fallback('no_layout', `the _generated/${request.channel} layout leaves no room for copy`);

  let answer: string;
  try {
    answer = await provider.complete(buildPrompt({ brand: setup.brand, framing: request.framing, channel: request.channel, context, limits }));
  } catch (error) {
    if (error instanceof LlmError) throw new Fallback(error.reason, error.message);
    throw new Fallback('network_error', (error as Error).message);
  }
  const copy = parseCopy(answer);
  const message = finishMessage(render(layout, context, copy, setup.templates), { templateId: `_generated/${request.channel}`, variant: 'generated', generated: true }, request, setup);
  if (message.held) {
    const codes = [...new Set(message.lint.violations.filter((violation) => violation.severity === 'error').map((violation) => violation.code))];
    throw new Fallback('lint', codes.join(', '));
  }
  return message;
}

/** LLM-written copy when it is clean; otherwise the template, with the reason recorded in `fallback`. */
export async function generateMessage(request: ComposeRequest, setup: ComposeSetup, provider: LlmProvider): Promise<ComposedMessage> {
  try {
    return await generate(request, setup, provider);
  } catch (error) {
    if (!(error instanceof Fallback)) throw error;
    return { ...composeFromTemplate(request, setup), fallback: { reason: error.reason, detail: error.message } };
  }
}

/**
 * Composes a message: the template, or — when the request asks for generation and a provider
 * is configured — LLM copy that passed the linter, falling back to the template otherwise.
 */
export async function composeMessage(request: ComposeRequest, setup: ComposeSetup): Promise<ComposedMessage> {
  if (request.generate !== true) return composeFromTemplate(request, setup);
  if (setup.llm === undefined || setup.llm === null) {
    return { ...composeFromTemplate(request, setup), fallback: { reason: 'no_provider', detail: 'ATTUNE_LLM_URL is not set' } };
  }
  return generateMessage(request, setup, setup.llm);
}
