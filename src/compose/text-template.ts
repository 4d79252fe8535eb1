// Templates for SMS, push and in-app messages: Liquid text with an optional front matter
// holding the title (push needs one, in-app may have one, SMS has none):
//
//   ---
//   title: Circle pricing on {{ products[0].name }}
//   ---
//   The body…
import type { Channel } from '../core/consent.js';

export interface TextSources {
  title: string | undefined;
  body: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function parseTextTemplate(source: string, channel: Exclude<Channel, 'email'>, file: string): TextSources {
  const match = FRONT_MATTER.exec(source);
  const fields = new Map<string, string>();
  for (const line of match?.[1]?.split(/\r?\n/) ?? []) {
    if (line.trim() === '') continue;
    const field = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (field === null) throw new Error(`${file}: front matter lines are "key: value"; got "${line}"`);
    if (field[1] !== 'title') throw new Error(`${file}: unknown front matter key "${field[1]}" (only "title")`);
    fields.set(field[1], field[2]!.trim());
  }
  const title = fields.get('title');
  if (channel === 'push' && (title === undefined || title === '')) throw new Error(`${file}: a push template needs a "title:" in its front matter`);
  if (channel === 'sms' && title !== undefined) throw new Error(`${file}: an SMS has no title`);
  const body = source.slice(match?.[0].length ?? 0).trim();
  if (body === '') throw new Error(`${file}: the message body is empty`);
  return { title, body };
}
