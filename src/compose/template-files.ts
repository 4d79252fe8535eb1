// The layout of a template directory, read once at load time:
//
//   <action>/<framing>.<channel>.<variant>.mjml     email (MJML with Liquid; the subject is <mj-title>)
//   <action>/<framing>.<channel>.<variant>.liquid   sms, push, in_app (Liquid; push/in-app title in front matter)
//   _partials/…                                     MJML partials for <mj-include>
//   _generated/<channel>.(mjml|liquid)              layouts that wrap LLM-written copy
//
// Names are strict so a typo fails the load instead of silently never being used.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANNELS, type Channel } from '../core/consent.js';
import { FRAMINGS, type Framing } from './framing.js';

export interface TemplateFile {
  action: string;
  framing: Framing;
  channel: Channel;
  variant: string;
  path: string;
}

export interface GeneratedLayoutFile {
  channel: Channel;
  path: string;
}

export interface TemplateDirectory {
  templates: TemplateFile[];
  generated: GeneratedLayoutFile[];
}

const ACTION_NAME = /^[a-z][a-z0-9_]*$/;
const VARIANT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export const extensionFor = (channel: Channel): string => (channel === 'email' ? 'mjml' : 'liquid');

/** Files that are documentation or editor litter, not templates. */
const ignored = (name: string): boolean => name.startsWith('.') || name.endsWith('.md');

function isFraming(name: string): name is Framing {
  return (FRAMINGS as readonly string[]).includes(name);
}

function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

export class TemplateFileError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'TemplateFileError';
  }
}

/** Reads `<framing>.<channel>.<variant>.<ext>`; throws on anything else. */
export function parseTemplateName(action: string, name: string, path: string): TemplateFile {
  const parts = name.split('.');
  const [framing, channel, variant, extension] = parts;
  if (parts.length !== 4 || framing === undefined || channel === undefined || variant === undefined) {
    throw new TemplateFileError(path, 'expected <framing>.<channel>.<variant>.<mjml|liquid>, e.g. new_arrivals.email.a.mjml');
  }
  if (!isFraming(framing)) throw new TemplateFileError(path, `unknown framing "${framing}" (one of ${FRAMINGS.join(', ')})`);
  if (!isChannel(channel)) throw new TemplateFileError(path, `unknown channel "${channel}" (one of ${CHANNELS.join(', ')})`);
  if (!VARIANT_NAME.test(variant)) throw new TemplateFileError(path, `variant "${variant}" should be lower-case letters, digits, "-" or "_"`);
  if (extension !== extensionFor(channel)) throw new TemplateFileError(path, `${channel} templates end in .${extensionFor(channel)}`);
  return { action, framing, channel, variant, path };
}

export async function readTemplateDirectory(root: string): Promise<TemplateDirectory> {
  const templates: TemplateFile[] = [];
  const generated: GeneratedLayoutFile[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (ignored(entry.name) || entry.name === '_partials') continue;
    if (!entry.isDirectory()) throw new TemplateFileError(path, 'templates live in a folder per action');
    if (entry.name === '_generated') {
      generated.push(...(await readGeneratedLayouts(path)));
      continue;
    }
    if (!ACTION_NAME.test(entry.name)) throw new TemplateFileError(path, 'an action folder is named in lower_snake_case');
    for (const name of await readdir(path)) {
      if (!ignored(name)) templates.push(parseTemplateName(entry.name, name, join(path, name)));
    }
  }
  return { templates, generated };
}

async function readGeneratedLayouts(folder: string): Promise<GeneratedLayoutFile[]> {
  const layouts: GeneratedLayoutFile[] = [];
  for (const name of await readdir(folder)) {
    if (ignored(name)) continue;
    const path = join(folder, name);
    const [channel, extension, ...rest] = name.split('.');
    if (channel === undefined || !isChannel(channel) || rest.length > 0 || extension !== extensionFor(channel)) {
      throw new TemplateFileError(path, 'expected <channel>.<mjml|liquid>, e.g. email.mjml or push.liquid');
    }
    layouts.push({ channel, path });
  }
  return layouts;
}

export const readSource = (path: string): Promise<string> => readFile(path, 'utf8');
