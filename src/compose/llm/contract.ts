// The optional LLM composer's vocabulary: chat messages, the provider interface, and why a
// generation fell back to the template.

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** Anything that answers chat messages with text: an OpenAI-compatible endpoint, or a test double. */
export interface LlmProvider {
  readonly model: string;
  /** The assistant's reply; throws `LlmError` on timeout, HTTP or network failure. */
  complete(messages: readonly ChatMessage[]): Promise<string>;
}

export const FALLBACK_REASONS = [
  /** Generation was asked for, but no provider is configured (ATTUNE_LLM_URL unset). */
  'no_provider',
  /** The brand has no `_generated/<channel>` layout to put generated copy in. */
  'no_layout',
  'timeout',
  /** The endpoint answered with a non-2xx status. */
  'http_error',
  'network_error',
  /** The HTTP answer was not a chat completion. */
  'bad_response',
  /** The completion was not the JSON object asked for. */
  'invalid_json',
  /** JSON, but not `{subject, body}` strings of sensible length. */
  'invalid_output',
  /** The layout failed to render the copy. */
  'render_error',
  /** The copy failed the linter: the same rules as every template. */
  'lint',
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

export interface GenerationFallback {
  reason: FallbackReason;
  /** Specifics for logs and reviewers: a status code, a parse error, the lint codes. */
  detail: string;
}

export class LlmError extends Error {
  constructor(
    readonly reason: Extract<FallbackReason, 'timeout' | 'http_error' | 'network_error' | 'bad_response'>,
    message: string,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}
