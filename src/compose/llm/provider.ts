// A provider for any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM,
// Ollama, llama.cpp server, LiteLLM…), with Node's fetch and a hard timeout.
import { LlmError, type ChatMessage, type LlmProvider } from './contract.js';

export interface OpenAiCompatibleOptions {
  /** Base URL ("https://api.openai.com/v1") or the full ".../chat/completions" URL. */
  url: string;
  model: string;
  /** Sent as a bearer token; local servers often need none. */
  apiKey?: string;
  /** Whole request, body included. Default 10 s: past that the template is the better message. */
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 10_000;

export function chatCompletionsUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

export function openAiCompatibleProvider(options: OpenAiCompatibleOptions): LlmProvider {
  const endpoint = chatCompletionsUrl(options.url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey !== undefined && options.apiKey !== '') headers.authorization = `Bearer ${options.apiKey}`;

  return {
    model: options.model,
    async complete(messages: readonly ChatMessage[]): Promise<string> {
      const body = JSON.stringify({
        model: options.model,
        messages,
        temperature: options.temperature ?? 0.7,
        max_tokens: options.maxTokens ?? 800,
        // JSON mode where the server supports it; the prompt asks for JSON either way.
        response_format: { type: 'json_object' },
      });
      // One signal for connect, headers and body: a server that stalls mid-answer times out too.
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(endpoint, { method: 'POST', headers, body, signal });
        const text = await response.text();
        if (!response.ok) throw new LlmError('http_error', `HTTP ${response.status}: ${text.slice(0, 200)}`);
        return contentOf(text);
      } catch (error) {
        if (error instanceof LlmError) throw error;
        if (signal.aborted) throw new LlmError('timeout', `no answer within ${timeoutMs} ms`);
        throw new LlmError('network_error', (error as Error).message);
      }
    },
  };
}

/** The first choice's message content of a chat completion. */
function contentOf(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmError('bad_response', `not JSON: ${text.slice(0, 200)}`);
  }
  const content = (json as { choices?: Array<{ message?: { content?: unknown } }> }).choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new LlmError('bad_response', 'no choices[0].message.content in the answer');
  return content;
}

/**
 * The provider configured by the environment, or null when `ATTUNE_LLM_URL` is unset (the LLM
 * is optional). `ATTUNE_LLM_MODEL` is required with it; `ATTUNE_LLM_API_KEY` and
 * `ATTUNE_LLM_TIMEOUT_MS` are optional.
 */
export function llmProviderFromEnv(env: NodeJS.ProcessEnv = process.env): LlmProvider | null {
  const url = env.ATTUNE_LLM_URL?.trim();
  if (url === undefined || url === '') return null;
  const model = env.ATTUNE_LLM_MODEL?.trim();
  if (model === undefined || model === '') throw new Error('ATTUNE_LLM_URL is set but ATTUNE_LLM_MODEL is not: name the model to use');
  try {
    new URL(chatCompletionsUrl(url));
  } catch {
    throw new Error(`ATTUNE_LLM_URL is not a URL: ${url}`);
  }
  const timeout = env.ATTUNE_LLM_TIMEOUT_MS;
  const timeoutMs = timeout === undefined || timeout === '' ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new Error(`ATTUNE_LLM_TIMEOUT_MS must be a positive whole number of milliseconds, not ${timeout}`);
  return openAiCompatibleProvider({ url, model, apiKey: env.ATTUNE_LLM_API_KEY, timeoutMs });
}
