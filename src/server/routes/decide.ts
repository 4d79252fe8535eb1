// Real-time decisions, decision records and their plain-language explanations.
import { z } from 'zod';
import { CHANNELS, type Decision } from '../../core/index.js';
import { decideAndRecord, type DecideDeps } from '../../decide/index.js';
import { explainDecision } from '../../explain/index.js';
import { findProfileId, LOOKUP_ID_TYPES } from '../../profiles/index.js';
import { getDecision, getOutboxEntry, getProfile } from '../../store/index.js';
import { HttpError } from '../errors.js';
import { defineRoute, type AnyRoute } from '../route.js';

const decideBody = z.strictObject({
  idType: z.enum(LOOKUP_ID_TYPES),
  id: z.string().min(1).max(512),
  context: z
    .strictObject({
      /** Only these channels (an app asking what to show in-app now). */
      channels: z.array(z.enum(CHANNELS)).min(1).optional(),
      /** Only these actions. */
      actions: z.array(z.string().min(1)).min(1).optional(),
    })
    .default({}),
});

const reasonSchema = z.object({ code: z.string(), text: z.string() });
const decisionResponse = z.object({
  decisionId: z.string(),
  action: z.string(),
  channel: z.string().nullable(),
  sendAt: z.string().nullable(),
  probability: z.number(),
  holdout: z.boolean(),
  reasons: z.array(reasonSchema),
  explanation: z.string(),
});

function present(decision: Decision, explanation: string) {
  return {
    decisionId: decision.decisionId,
    action: decision.action,
    channel: decision.channel,
    sendAt: decision.sendAt === null ? null : new Date(decision.sendAt).toISOString(),
    probability: decision.probability,
    holdout: decision.holdout,
    reasons: decision.reasons.map((r) => ({ code: r.code, text: r.detail || r.text })),
    explanation,
  };
}

export function decideRoutes(deps: DecideDeps): AnyRoute[] {
  const { store, config } = deps;
  return [
    defineRoute({
      method: 'POST', url: '/v1/decide', tag: 'decide', auth: 'admin',
      summary: 'Decide the next best action for one member now; a message is queued at once and counts against the caps.',
      body: decideBody, response: decisionResponse, errors: [404],
      handler: async ({ body }) => {
        const profileId = await findProfileId(store.db, body.idType, body.id);
        if (profileId === undefined) throw new HttpError(404, `no profile with ${body.idType} ${JSON.stringify(body.id)}`);
        const unknown = (body.context.actions ?? []).filter((a) => !config.actions.some((c) => c.id === a));
        if (unknown.length > 0) throw new HttpError(400, 'invalid body', [{ path: 'context.actions', message: `unknown action(s): ${unknown.join(', ')}` }]);
        const result = await decideAndRecord(deps, profileId, {
          mode: 'realtime',
          ...(body.context.actions ? { only: body.context.actions } : {}),
          ...(body.context.channels ? { channels: body.context.channels } : {}),
        });
        if (result === undefined) throw new HttpError(404, 'profile not found');
        return present(result.decision, explainDecision(result.decision, result.view.tier).text);
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/decisions/:decisionId', tag: 'decide', auth: 'admin',
      summary: 'A decision record: candidates with their probabilities, reasons, rejections, and its message state.',
      params: z.object({ decisionId: z.string().min(1) }), errors: [404],
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params }) => {
        const decision = await getDecision(store.db, params.decisionId);
        if (decision === undefined) throw new HttpError(404, 'no such decision');
        const message = await getOutboxEntry(store.db, decision.decisionId);
        return {
          ...decision,
          decidedAt: new Date(decision.decidedAt).toISOString(),
          sendAt: decision.sendAt === null ? null : new Date(decision.sendAt).toISOString(),
          message: message === undefined ? null : { state: message.state, channel: message.channel, attempts: message.attempts, lastError: message.lastError },
        };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/decisions/:decisionId/why', tag: 'decide', auth: 'admin',
      summary: '"Why was this recommended?" in plain language, citing only data the member’s current tier allows.',
      params: z.object({ decisionId: z.string().min(1) }), errors: [404],
      response: z.object({ decisionId: z.string(), action: z.string(), explanation: z.string(), dataClasses: z.array(z.string()) }),
      handler: async ({ params }) => {
        const decision = await getDecision(store.db, params.decisionId);
        if (decision === undefined) throw new HttpError(404, 'no such decision');
        const profile = await getProfile(store.db, decision.profileId);
        if (profile === undefined) throw new HttpError(404, 'the member no longer exists');
        const explanation = explainDecision(decision, profile.consent.tier);
        return { decisionId: decision.decisionId, action: decision.action, explanation: explanation.text, dataClasses: explanation.dataClasses };
      },
    }),
  ];
}
