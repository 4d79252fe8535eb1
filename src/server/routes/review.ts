// The review queue: messages the linter held (or whose action asks for a person) wait here to be
// approved, edited (and linted again) or rejected. Nothing leaves it unless its words pass the
// linter; every step is audited.
import { z } from 'zod';
import type { LintFacts, LintResult, MessageContent } from '../../compose/index.js';
import { outboxMessageSchema, type OutboxMessage } from '../../deliver/outbox-message.js';
import { appendAudit, auditTrail, getOutboxEntry, inTransaction, listOutbox, transitionOutbox, type OutboxEntry, type Store } from '../../store/index.js';
import { HttpError } from '../errors.js';
import { defineRoute, type AnyRoute } from '../route.js';

export type Relint = (content: MessageContent, facts: LintFacts) => LintResult;

const params = z.object({ decisionId: z.string().min(1) });
const reviewer = z.string().min(1).max(200);

function parsed(entry: OutboxEntry): OutboxMessage {
  const result = outboxMessageSchema.safeParse(entry.message);
  if (!result.success) throw new HttpError(409, 'this message was never written (see its hold reason); reject it');
  return result.data;
}

function present(entry: OutboxEntry) {
  return { decisionId: entry.decisionId, profileId: entry.profileId, action: entry.action, channel: entry.channel, state: entry.state, sendAt: new Date(entry.sendAt).toISOString(), message: entry.message };
}

function errorsOf(lint: LintResult) {
  return lint.violations.filter((v) => v.severity === 'error').map((v) => ({ code: v.code, message: v.message, field: v.field, span: v.span }));
}

export function reviewRoutes(store: Store, relint: Relint): AnyRoute[] {
  async function held(trx: Parameters<typeof getOutboxEntry>[0], decisionId: string): Promise<OutboxEntry> {
    const entry = await getOutboxEntry(trx, decisionId);
    if (entry === undefined) throw new HttpError(404, 'no such message');
    if (entry.state !== 'review') throw new HttpError(409, `message is ${entry.state}, not in review`);
    return entry;
  }

  async function release(decisionId: string, actor: string, action: 'approved' | 'edited', message: OutboxMessage, note?: string) {
    const now = Date.now();
    return inTransaction(store, async (trx) => {
      await held(trx, decisionId);
      const { violations: _previous, ...clean } = message;
      await transitionOutbox(trx, decisionId, ['review'], 'queued', { message: clean, lastError: null }, now);
      const entry = (await getOutboxEntry(trx, decisionId)) as OutboxEntry;
      await appendAudit(trx, [{ at: now, actor, subjectType: 'review', subjectId: decisionId, profileId: entry.profileId, action, detail: note ? { note } : {} }]);
      return present(entry);
    });
  }

  return [
    defineRoute({
      method: 'GET', url: '/v1/review', tag: 'review', auth: 'admin',
      summary: 'Messages held for a person: failed the linter, or their action requires review.',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.object({ messages: z.array(z.record(z.string(), z.unknown())) }),
      handler: async ({ query }) => ({ messages: (await listOutbox(store.db, { states: ['review'], limit: query.limit })).map(present) }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/review/:decisionId', tag: 'review', auth: 'admin',
      summary: 'One held message with its audit trail.', params, errors: [404],
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params: p }) => {
        const entry = await getOutboxEntry(store.db, p.decisionId);
        if (entry === undefined) throw new HttpError(404, 'no such message');
        return { ...present(entry), audit: (await auditTrail(store.db, 'review', p.decisionId)).map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/review/:decisionId/approve', tag: 'review', auth: 'admin',
      summary: 'Send the held message as it is — only if its words pass the linter now.', params, errors: [404, 409],
      body: z.strictObject({ reviewer, note: z.string().max(2000).optional() }),
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params: p, body }) => {
        const message = parsed(await held(store.db, p.decisionId));
        const lint = relint(message.content as MessageContent, factsOf(message));
        if (!lint.ok) throw new HttpError(409, 'the message still fails the linter: edit it or reject it', errorsOf(lint).map((v) => ({ path: `${v.field}.${v.code}`, message: v.message })));
        return release(p.decisionId, body.reviewer, 'approved', message, body.note);
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/review/:decisionId/edit', tag: 'review', auth: 'admin',
      summary: 'Replace the words; they are linted again and queued only if they pass.', params, errors: [404, 409],
      body: z.strictObject({ reviewer, subject: z.string().min(1).max(300).optional(), text: z.string().min(1).max(50_000), html: z.string().min(1).max(500_000).optional() }),
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params: p, body }) => {
        const message = parsed(await held(store.db, p.decisionId));
        const content = { ...message.content, text: body.text, ...(body.subject !== undefined ? { subject: body.subject } : {}), ...(body.html !== undefined ? { html: body.html } : {}) };
        const lint = relint(content as MessageContent, factsOf(message));
        if (!lint.ok) throw new HttpError(400, 'the edited message fails the linter; nothing was changed', errorsOf(lint).map((v) => ({ path: `${v.field}.${v.code}`, message: v.message })));
        return release(p.decisionId, body.reviewer, 'edited', { ...message, content });
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/review/:decisionId/reject', tag: 'review', auth: 'admin',
      summary: 'Never send this message.', params, errors: [404, 409],
      body: z.strictObject({ reviewer, reason: z.string().min(1).max(2000) }),
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params: p, body }) => {
        const now = Date.now();
        return inTransaction(store, async (trx) => {
          const entry = await held(trx, p.decisionId);
          await transitionOutbox(trx, p.decisionId, ['review'], 'rejected', { lastError: `rejected by ${body.reviewer}: ${body.reason}` }, now);
          await appendAudit(trx, [{ at: now, actor: body.reviewer, subjectType: 'review', subjectId: p.decisionId, profileId: entry.profileId, action: 'rejected', detail: { reason: body.reason } }]);
          return present((await getOutboxEntry(trx, p.decisionId)) as OutboxEntry);
        });
      },
    }),
  ];
}

function factsOf(message: OutboxMessage): LintFacts {
  return { tier: message.tier, generated: message.generated ?? false, products: message.products ?? [] };
}
