// Test helpers for the member pages and feedback routes: a server, members, and their events.
import type { ExplainDecision } from '../../../src/deliver/pages/index.js';
import { findProfileId } from '../../../src/profiles/index.js';
import { buildServer, type AttuneServer } from '../../../src/server/app.js';
import { listEvents, type Store } from '../../../src/store/index.js';
import { ingestRaw } from '../../support/ingest.js';
import { ADMIN_TOKEN, WRITE_KEY } from '../../support/server.js';

export function memberServer(store: Store, explainDecision?: ExplainDecision): Promise<AttuneServer> {
  return buildServer({
    store, logLevel: 'silent', credentials: { writeKeys: [WRITE_KEY], adminToken: ADMIN_TOKEN },
    ...(explainDecision !== undefined ? { explainDecision } : {}),
  });
}

/** Creates a member with a userId and an email address; returns the profile id. */
export async function addMember(store: Store, userId: string, email: string): Promise<string> {
  await ingestRaw(store, [{ type: 'identify', userId, traits: { email } }]);
  const profileId = await findProfileId(store.db, 'userId', userId);
  if (profileId === undefined) throw new Error('member not created');
  return profileId;
}

/** The member's events named `event`, oldest first. */
export async function eventsNamed(store: Store, profileId: string, event: string): Promise<Array<{ messageId: string; properties: Record<string, unknown>; timestamp: string }>> {
  const page = await listEvents(store.db, profileId, { limit: 1000 });
  return page.events
    .filter((e) => e.message.event === event)
    .map((e) => ({ messageId: e.message.messageId, properties: e.message.properties, timestamp: e.message.timestamp }))
    .reverse();
}

/** Structural accessibility and privacy checks every member page must pass. */
export function accessibilityProblems(html: string): string[] {
  const problems: string[] = [];
  if (!/^<!doctype html>\s*<html lang="en">/i.test(html)) problems.push('doctype and lang');
  if ((html.match(/<h1>/g) ?? []).length !== 1) problems.push('exactly one h1');
  if (!/<main>[\s\S]*<\/main>/.test(html)) problems.push('main landmark');
  if (/<script|\son[a-z]+=/i.test(html)) problems.push('scripts');
  if (/(?:src|href|action)="(?:https?:)?\/\//i.test(html)) problems.push('external resources');
  const ids = new Set([...html.matchAll(/<input [^>]*id="([^"]+)"/g)].map((m) => m[1]));
  const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
  for (const input of html.matchAll(/<input [^>]*>/g)) {
    if (/type="hidden"/.test(input[0])) continue;
    const id = /id="([^"]+)"/.exec(input[0])?.[1];
    if (id === undefined || !labelled.has(id)) problems.push(`unlabelled input ${input[0]}`);
  }
  for (const id of labelled) if (!ids.has(id)) problems.push(`label for missing input ${id}`);
  for (const ref of html.matchAll(/aria-describedby="([^"]+)"/g)) if (!html.includes(`id="${ref[1]}"`)) problems.push(`describedby ${ref[1]}`);
  return problems;
}
