// A brand's templates, loaded, compiled and parsed once: MJML to HTML, every Liquid source to
// liquidjs templates. Composing then only renders. Every problem — a bad name, invalid MJML,
// a Liquid syntax error, an unknown filter — fails the load, not a send.
import type { Template } from 'liquidjs';
import { hashString } from '../core/random.js';
import type { Channel } from '../core/consent.js';
import { compileEmail } from './email.js';
import type { Framing } from './framing.js';
import { createEngines, parseTemplate, type LiquidEngines } from './liquid.js';
import { readSource, readTemplateDirectory, type TemplateFile } from './template-files.js';
import { parseTextTemplate } from './text-template.js';

export type CompiledTemplate =
  | { channel: 'email'; subject: Template[]; html: Template[]; text: Template[] }
  | { channel: 'sms'; body: Template[] }
  | { channel: 'push'; title: Template[]; body: Template[] }
  | { channel: 'in_app'; title: Template[] | undefined; body: Template[] };

export interface TemplateVariant {
  /** "a", "b", …: recorded with every message so results can be compared per variant. */
  name: string;
  file: string;
  compiled: CompiledTemplate;
}

export interface TemplateEntry {
  /** `<action>/<framing>.<channel>`, e.g. "new_arrivals/new_arrivals.email". */
  id: string;
  action: string;
  framing: Framing;
  channel: Channel;
  /** Sorted by name, so a seed picks the same variant on every machine. */
  variants: readonly TemplateVariant[];
}

export interface TemplateSet {
  root: string;
  engines: LiquidEngines;
  entries: ReadonlyMap<string, TemplateEntry>;
  /** Layouts for LLM-written copy, by channel. */
  generated: ReadonlyMap<Channel, TemplateVariant>;
}

export const templateId = (action: string, framing: Framing, channel: Channel): string => `${action}/${framing}.${channel}`;

export function findTemplate(set: TemplateSet, action: string, framing: Framing, channel: Channel): TemplateEntry | undefined {
  return set.entries.get(templateId(action, framing, channel));
}

/** Framings an action has words for on a channel: what `chooseFraming` may pick from. */
export function framingsFor(set: TemplateSet, action: string, channel: Channel): ReadonlySet<Framing> {
  const framings = new Set<Framing>();
  for (const entry of set.entries.values()) if (entry.action === action && entry.channel === channel) framings.add(entry.framing);
  return framings;
}

/**
 * The variant for a seed (e.g. the decision id): deterministic, and spread evenly because the
 * hash mixes in the template id (so one seed does not put a member in "a" everywhere).
 */
export function pickVariant(entry: TemplateEntry, seed: string): TemplateVariant {
  return entry.variants[hashString(`${entry.id}|${seed}`) % entry.variants.length]!;
}

async function compileFile(path: string, channel: Channel, root: string, engines: LiquidEngines): Promise<CompiledTemplate> {
  const source = await readSource(path);
  try {
    if (channel === 'email') {
      const email = await compileEmail(source, path, root);
      return { channel, subject: parseTemplate(engines.text, email.subject), html: parseTemplate(engines.html, email.html), text: parseTemplate(engines.text, email.text) };
    }
    const text = parseTextTemplate(source, channel, path);
    const body = parseTemplate(engines.text, text.body);
    const title = text.title === undefined ? undefined : parseTemplate(engines.text, text.title);
    if (channel === 'sms') return { channel, body };
    if (channel === 'push') return { channel, title: title!, body }; // parseTextTemplate requires a push title
    return { channel, title, body };
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.startsWith(path) ? message : `${path}: ${message}`, { cause: error });
  }
}

export async function loadTemplateSet(root: string): Promise<TemplateSet> {
  const engines = createEngines();
  const directory = await readTemplateDirectory(root);
  const grouped = new Map<string, TemplateFile[]>();
  for (const file of directory.templates) {
    const id = templateId(file.action, file.framing, file.channel);
    grouped.set(id, [...(grouped.get(id) ?? []), file]);
  }

  const entries = new Map<string, TemplateEntry>();
  for (const [id, files] of grouped) {
    const sorted = [...files].sort((a, b) => a.variant.localeCompare(b.variant));
    const variants = await Promise.all(
      sorted.map(async (file) => ({ name: file.variant, file: file.path, compiled: await compileFile(file.path, file.channel, root, engines) })),
    );
    const first = sorted[0]!;
    entries.set(id, { id, action: first.action, framing: first.framing, channel: first.channel, variants });
  }

  const generated = new Map<Channel, TemplateVariant>();
  for (const layout of directory.generated) {
    generated.set(layout.channel, { name: 'generated', file: layout.path, compiled: await compileFile(layout.path, layout.channel, root, engines) });
  }
  return { root, engines, entries, generated };
}
