// The hand-over queue: tasks for people, claimed and resolved with an audit trail.
import { z } from 'zod';
import { appendAudit, auditTrail, getTask, inTransaction, listTasks, TASK_STATES, updateTask, type Store, type Task } from '../../store/index.js';
import { HttpError } from '../errors.js';
import { defineRoute, type AnyRoute } from '../route.js';

export const TASK_OUTCOMES = ['resolved', 'no_response', 'escalated', 'not_needed'] as const;

const taskParams = z.object({ taskId: z.string().min(1) });
const agent = z.string().min(1).max(200);

function present(task: Task) {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return { ...task, createdAt: iso(task.createdAt), claimedAt: iso(task.claimedAt), resolvedAt: iso(task.resolvedAt) };
}

export function taskRoutes(store: Store): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/tasks', tag: 'tasks', auth: 'admin',
      summary: 'Hand-over tasks, most urgent first (default: open and claimed).',
      query: z.object({
        state: z.enum(TASK_STATES).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: z.object({ tasks: z.array(z.record(z.string(), z.unknown())) }),
      handler: async ({ query }) => ({
        tasks: (await listTasks(store.db, { states: query.state ? [query.state] : ['open', 'claimed'], limit: query.limit })).map(present),
      }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/tasks/:taskId', tag: 'tasks', auth: 'admin',
      summary: 'One task with its audit trail.', params: taskParams, errors: [404],
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params }) => {
        const task = await getTask(store.db, params.taskId);
        if (task === undefined) throw new HttpError(404, 'no such task');
        const trail = await auditTrail(store.db, 'task', task.taskId);
        return { ...present(task), audit: trail.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/tasks/:taskId/claim', tag: 'tasks', auth: 'admin',
      summary: 'An agent takes an open task.', params: taskParams, body: z.strictObject({ agent }), errors: [404, 409],
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params, body }) => {
        const now = Date.now();
        return inTransaction(store, async (trx) => {
          const task = await getTask(trx, params.taskId);
          if (task === undefined) throw new HttpError(404, 'no such task');
          if (!(await updateTask(trx, task.taskId, ['open'], { state: 'claimed', claimed_by: body.agent, claimed_at: now }))) {
            throw new HttpError(409, `task is ${task.state}${task.claimedBy ? ` (claimed by ${task.claimedBy})` : ''}`);
          }
          await appendAudit(trx, [{ at: now, actor: body.agent, subjectType: 'task', subjectId: task.taskId, profileId: task.profileId, action: 'claimed', detail: {} }]);
          return present((await getTask(trx, task.taskId)) as Task);
        });
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/tasks/:taskId/resolve', tag: 'tasks', auth: 'admin',
      summary: 'Close a task with its outcome; only the agent who claimed it (or anyone, if still open).',
      params: taskParams, errors: [404, 409],
      body: z.strictObject({ agent, outcome: z.enum(TASK_OUTCOMES), note: z.string().max(5000).optional() }),
      response: z.record(z.string(), z.unknown()),
      handler: async ({ params, body }) => {
        const now = Date.now();
        return inTransaction(store, async (trx) => {
          const task = await getTask(trx, params.taskId);
          if (task === undefined) throw new HttpError(404, 'no such task');
          if (task.state === 'claimed' && task.claimedBy !== body.agent) throw new HttpError(409, `task is claimed by ${task.claimedBy}`);
          if (!(await updateTask(trx, task.taskId, ['open', 'claimed'], { state: 'resolved', resolved_at: now, outcome: body.outcome, note: body.note ?? null }))) {
            throw new HttpError(409, `task is ${task.state}`);
          }
          await appendAudit(trx, [{ at: now, actor: body.agent, subjectType: 'task', subjectId: task.taskId, profileId: task.profileId, action: 'resolved', detail: { outcome: body.outcome, ...(body.note ? { note: body.note } : {}) } }]);
          return present((await getTask(trx, task.taskId)) as Task);
        });
      },
    }),
  ];
}
