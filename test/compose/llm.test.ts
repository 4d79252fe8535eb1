// The optional LLM composer against a real HTTP server speaking the chat-completions API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletionsUrl, composeMessage, llmProviderFromEnv, openAiCompatibleProvider, type ComposeSetup } from '../../src/compose/index.js';
import { ATHENA_CASES, athenaSetup, byId, requestFor } from './fixtures.js';

type Handler = (body: ChatRequest, response: ServerResponse) => void;

interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string };
}

let server: Server;
let baseUrl: string;
let handler: Handler;
const received: Array<{ body: ChatRequest; authorization: string | undefined }> = [];

function reply(content: string): Handler {
  return (_body, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
  };
}

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.statusCode = 404;
        response.end();
        return;
      }
      const body = JSON.parse(raw) as ChatRequest;
      received.push({ body, authorization: request.headers.authorization });
      handler(body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function setupWithLlm(timeoutMs = 2_000): Promise<ComposeSetup> {
  const base = await athenaSetup();
  return { ...base, llm: openAiCompatibleProvider({ url: baseUrl, model: 'athena-writer', apiKey: 'sk-test', timeoutMs }) };
}

const NEW_ARRIVALS = ATHENA_CASES.find((item) => item.action === 'new_arrivals')!;
const MEMBER_PRICE = ATHENA_CASES.find((item) => item.action === 'member_price')!;

const GOOD_EMAIL = JSON.stringify({
  subject: 'New gear for your next run',
  body: 'Three new pieces just landed.\n\nThe Tempo Road Runner is $140.00, light and quick.\nThe AirLayer Training Tee keeps you cool on warm days.',
});

describe('the LLM composer', () => {
  it('uses good output: AI-written, disclosed, linted clean, wrapped in the brand layout', async () => {
    handler = reply(GOOD_EMAIL);
    const message = await composeMessage({ ...requestFor(NEW_ARRIVALS, 'personalized'), generate: true }, await setupWithLlm());
    expect(message).toMatchObject({ channel: 'email', generated: true, held: false, templateId: '_generated/email', variant: 'generated', subject: 'New gear for your next run' });
    expect(message.fallback).toBeUndefined();
    expect(message.lint.violations).toEqual([]);
    expect(message.text).toContain('Hi Maya,\n\nThree new pieces just landed.\n\nThe Tempo Road Runner is $140.00, light and quick.');
    expect(message.text).toContain('written with AI');
    expect(message.text).toContain('[Unsubscribe](https://athena.example/u/tok-8f3a2c)');
    expect(message.channel === 'email' && message.html).toContain('<p>Three new pieces just landed.</p>');
  });

  it('accepts the JSON inside a code fence, and disclosure fits a push', async () => {
    handler = reply('```json\n{"subject": "Member price on the vest", "body": "The TrailLight 5L Hydration Vest is $65.00 for members."}\n```');
    const message = await composeMessage({ ...requestFor(MEMBER_PRICE, 'basic'), generate: true }, await setupWithLlm());
    expect(message).toMatchObject({ channel: 'push', generated: true, held: false, title: 'Member price on the vest' });
    expect(message.text).toBe('The TrailLight 5L Hydration Vest is $65.00 for members. (Written with AI. Why this? Tap to see.)');
  });

  it('prompts with the brand guidelines, the framing and only the allowed facts', async () => {
    handler = reply(GOOD_EMAIL);
    received.length = 0;
    const products = [byId('shoe-tempo'), byId('tee-airlayer')];
    await composeMessage({ ...requestFor(NEW_ARRIVALS, 'personalized'), products, generate: true }, await setupWithLlm());
    const [{ body, authorization }] = received as [(typeof received)[number]];
    expect(authorization).toBe('Bearer sk-test');
    expect(body.model).toBe('athena-writer');
    expect(body.response_format).toEqual({ type: 'json_object' });
    const prompt = body.messages.map((message) => message.content).join('\n');
    expect(prompt).toContain('Sound like a friendly coach');
    expect(prompt).toContain('share what is new in the things they enjoy');
    expect(prompt).toContain('18 words or fewer');
    expect(prompt).toContain('"beach body"');
    // Allowed for a personalized member: stated and purchase facts, catalog facts.
    expect(prompt).toContain('trail running');
    expect(prompt).toContain('1250');
    expect(prompt).toContain('Tempo Road Runner');
    // Forbidden classes (browsing, service, inferred), identity and the signed links never leave.
    for (const secret of ['Studio 7/8 Legging', '192', 'fit question', '0.72', 'predicted_need', 'churn', 'Maya', 'maya@example.com', 'tok-8f3a2c', 'dec-42']) {
      expect(prompt, secret).not.toContain(secret);
    }
  });

  it('tells the model how much room the push layout leaves', async () => {
    handler = reply('{"subject": "x", "body": "y"}');
    received.length = 0;
    await composeMessage({ ...requestFor(MEMBER_PRICE, 'basic'), generate: true }, await setupWithLlm());
    const system = received[0]!.body.messages[0]!.content;
    // 150 characters minus " (Written with AI. Why this? Tap to see.)" = 109; title 50.
    expect(system).toContain('the notification title at most 50 characters; the body at most 109 characters');
  });

  it.each([
    ['creepy copy', reply('{"subject": "Still thinking about it?", "body": "We noticed you were looking at the Tempo Road Runner for 3 minutes. Only 2 left!"}'), 'lint', /creepy\.still-thinking.*creepy\.observed-behaviour|creepy\./],
    ['an invented price', reply('{"subject": "New in", "body": "The Tempo Road Runner is $99.00 this week."}'), 'lint', /fact\.price-mismatch/],
    ['prose instead of JSON', reply('Sure! Here is a lovely email about running shoes.'), 'invalid_json', /Unexpected token|not valid JSON|JSON/],
    ['JSON of the wrong shape', reply('{"subject": 42, "text": "hi"}'), 'invalid_output', /subject|body/],
    ['a server error', (_body: ChatRequest, response: ServerResponse) => ((response.statusCode = 500), response.end('{"error":"overloaded"}')), 'http_error', /HTTP 500/],
    ['a non-completion answer', (_body: ChatRequest, response: ServerResponse) => response.end('{"ok":true}'), 'bad_response', /choices/],
  ] as const)('falls back to the template on %s', async (_name, serverHandler, reason, detail) => {
    handler = serverHandler;
    const message = await composeMessage({ ...requestFor(NEW_ARRIVALS, 'personalized'), generate: true }, await setupWithLlm());
    expect(message.generated).toBe(false);
    expect(message.templateId).toBe('new_arrivals/new_arrivals.email');
    expect(message.held).toBe(false);
    expect(message.fallback?.reason).toBe(reason);
    expect(message.fallback?.detail).toMatch(detail);
  });

  it('falls back when generated SMS copy would not fit the brand\'s segments', async () => {
    handler = reply(JSON.stringify({ subject: '', body: 'Fresh socks are ready for you. '.repeat(12) }));
    const replenishment = ATHENA_CASES.find((item) => item.channel === 'sms')!;
    const message = await composeMessage({ ...requestFor(replenishment, 'personalized'), generate: true }, await setupWithLlm());
    expect(message).toMatchObject({ channel: 'sms', generated: false, held: false, fallback: { reason: 'lint', detail: 'length.sms-segments' } });
  });

  it('falls back to the template when the endpoint is too slow', async () => {
    handler = (body, response) => setTimeout(() => reply(GOOD_EMAIL)(body, response), 1_000);
    const started = Date.now();
    const message = await composeMessage({ ...requestFor(NEW_ARRIVALS, 'personalized'), generate: true }, await setupWithLlm(150));
    expect(Date.now() - started).toBeLessThan(900);
    expect(message).toMatchObject({ generated: false, fallback: { reason: 'timeout', detail: 'no answer within 150 ms' } });
  });

  it('falls back when nothing listens at the URL', async () => {
    const setup = { ...(await athenaSetup()), llm: openAiCompatibleProvider({ url: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2_000 }) };
    const message = await composeMessage({ ...requestFor(NEW_ARRIVALS, 'personalized'), generate: true }, setup);
    expect(message.fallback?.reason).toBe('network_error');
  });

  it('falls back when the brand has no layout for the channel', async () => {
    handler = reply(GOOD_EMAIL);
    const base = await setupWithLlm();
    const setup = { ...base, templates: { ...base.templates, generated: new Map() } };
    const message = await composeMessage({ ...requestFor(NEW_ARRIVALS, 'personalized'), generate: true }, setup);
    expect(message.fallback).toEqual({ reason: 'no_layout', detail: 'the template set has no _generated/email layout' });
  });
});

describe('configuration from the environment', () => {
  it('is off without ATTUNE_LLM_URL and needs a model with it', () => {
    expect(llmProviderFromEnv({})).toBeNull();
    expect(() => llmProviderFromEnv({ ATTUNE_LLM_URL: 'http://localhost:11434/v1' })).toThrow(/ATTUNE_LLM_MODEL/);
    expect(() => llmProviderFromEnv({ ATTUNE_LLM_URL: 'not a url', ATTUNE_LLM_MODEL: 'm' })).toThrow(/not a URL/);
    expect(() => llmProviderFromEnv({ ATTUNE_LLM_URL: 'http://x/v1', ATTUNE_LLM_MODEL: 'm', ATTUNE_LLM_TIMEOUT_MS: '2s' })).toThrow(/ATTUNE_LLM_TIMEOUT_MS/);
    expect(llmProviderFromEnv({ ATTUNE_LLM_URL: 'http://x/v1', ATTUNE_LLM_MODEL: 'llama3.1', ATTUNE_LLM_API_KEY: 'k' })?.model).toBe('llama3.1');
  });

  it('accepts a base URL or the full chat-completions URL', () => {
    expect(chatCompletionsUrl('https://api.example/v1/')).toBe('https://api.example/v1/chat/completions');
    expect(chatCompletionsUrl('https://api.example/v1/chat/completions')).toBe('https://api.example/v1/chat/completions');
  });
});
