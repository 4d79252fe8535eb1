// Hand-over tasks for people, and the audit log of everything people do with tasks and reviews.
import { randomUUID } from 'node:crypto';
import { chunked, parseJson } from './chunks.js';
import type { Executor } from './database.js';

export const TASK_STATES = ['open', 'claimed', 'resolved'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface Task {
  taskId: string;
  profileId: string;
  decisionId: string;
  createdAt: number;
  state: TaskState;
  priority: number;
  reasonCode: string;
  context: Record<string, unknown>;
  claimedBy: string | null;
  claimedAt: number | null;
  resolvedAt: number | null;
  outcome: string | null;
  note: string | null;
}

type TaskRow = {
  task_id: string; profile_id: string; decision_id: string; created_at: number; state: string; priority: number; reason_code: string;
  context: string; claimed_by: string | null; claimed_at: number | null; resolved_at: number | null; outcome: string | null; note: string | null;
};

function toTask(r: TaskRow): Task {
  return {
    taskId: r.task_id, profileId: r.profile_id, decisionId: r.decision_id, createdAt: Number(r.created_at), state: r.state as TaskState,
    priority: Number(r.priority), reasonCode: r.reason_code, context: parseJson(r.context, {}), claimedBy: r.claimed_by,
    claimedAt: r.claimed_at === null ? null : Number(r.claimed_at), resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    outcome: r.outcome, note: r.note,
  };
}

export async function insertTasks(db: Executor, tasks: readonly Task[]): Promise<void> {
  for (const chunk of chunked(tasks, 100)) {
    await db
      .insertInto('tasks')
      .values(chunk.map((t) => ({
        task_id: t.taskId, profile_id: t.profileId, decision_id: t.decisionId, created_at: t.createdAt, state: t.state, priority: t.priority,
        reason_code: t.reasonCode, context: JSON.stringify(t.context), claimed_by: t.claimedBy, claimed_at: t.claimedAt,
        resolved_at: t.resolvedAt, outcome: t.outcome, note: t.note,
      })))
      .execute();
  }
}

export async function getTask(db: Executor, taskId: string): Promise<Task | undefined> {
  const row = await db.selectFrom('tasks').selectAll().where('task_id', '=', taskId).executeTakeFirst();
  return row === undefined ? undefined : toTask(row);
}

export async function listTasks(db: Executor, options: { states?: readonly TaskState[]; profileId?: string; limit?: number } = {}): Promise<Task[]> {
  let query = db.selectFrom('tasks').selectAll();
  if (options.states !== undefined) query = query.where('state', 'in', [...options.states]);
  if (options.profileId !== undefined) query = query.where('profile_id', '=', options.profileId);
  const rows = await query.orderBy('priority', 'desc').orderBy('created_at').limit(options.limit ?? 100).execute();
  return rows.map(toTask);
}

/** Profiles with an open or claimed task, or a task created since `since` (no repeated hand-overs). */
export async function profilesWithRecentTasks(db: Executor, profileIds: readonly string[], since: number): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunked([...new Set(profileIds)])) {
    const rows = await db
      .selectFrom('tasks')
      .select('profile_id')
      .where('profile_id', 'in', chunk)
      .where((eb) => eb.or([eb('state', '!=', 'resolved'), eb('created_at', '>=', since)]))
      .execute();
    for (const row of rows) found.add(row.profile_id);
  }
  return found;
}

export async function updateTask(db: Executor, taskId: string, fromStates: readonly TaskState[], changes: Partial<Pick<TaskRow, 'state' | 'claimed_by' | 'claimed_at' | 'resolved_at' | 'outcome' | 'note'>>): Promise<boolean> {
  const result = await db.updateTable('tasks').set(changes).where('task_id', '=', taskId).where('state', 'in', [...fromStates]).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface AuditEntry {
  entryId: string;
  at: number;
  actor: string;
  subjectType: 'task' | 'review' | 'decision';
  subjectId: string;
  profileId: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export async function appendAudit(db: Executor, entries: ReadonlyArray<Omit<AuditEntry, 'entryId'>>): Promise<void> {
  for (const chunk of chunked(entries, 100)) {
    await db
      .insertInto('audit_log')
      .values(chunk.map((e) => ({
        entry_id: randomUUID(), at: e.at, actor: e.actor, subject_type: e.subjectType, subject_id: e.subjectId,
        profile_id: e.profileId, action: e.action, detail: JSON.stringify(e.detail),
      })))
      .execute();
  }
}

export async function auditTrail(db: Executor, subjectType: AuditEntry['subjectType'], subjectId: string): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).orderBy('at').orderBy('entry_id').execute();
  return rows.map((r) => ({
    entryId: r.entry_id, at: Number(r.at), actor: r.actor, subjectType: r.subject_type as AuditEntry['subjectType'], subjectId: r.subject_id,
    profileId: r.profile_id, action: r.action, detail: parseJson(r.detail, {}),
  }));
}
