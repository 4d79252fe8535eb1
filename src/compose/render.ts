// Rendering a compiled template with a context: the only per-message templating work.
import type { Liquid, Template } from 'liquidjs';
import { tidyText } from './html-text.js';
import type { LiquidEngines } from './liquid.js';
import { toGsmFriendly } from './sms.js';
import type { CompiledTemplate } from './template-set.js';

/** A message's words, shaped by its channel. */
export type MessageContent =
  | { channel: 'email'; subject: string; html: string; text: string }
  | { channel: 'sms'; text: string }
  | { channel: 'push'; title: string; text: string }
  | { channel: 'in_app'; title?: string; text: string };

export class TemplateRenderError extends Error {
  constructor(file: string, cause: unknown) {
    super(`${file}: ${(cause as Error).message}`, { cause });
    this.name = 'TemplateRenderError';
  }
}

/** One line: subjects and titles never break. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function renderTemplate(compiled: CompiledTemplate, scope: object, engines: LiquidEngines, file: string): MessageContent {
  const render = (engine: Liquid, templates: Template[]): string => engine.renderSync(templates, scope) as string;
  try {
    switch (compiled.channel) {
      case 'email':
        return {
          channel: 'email',
          subject: oneLine(render(engines.text, compiled.subject)),
          html: render(engines.html, compiled.html),
          text: tidyText(render(engines.text, compiled.text)),
        };
      case 'sms':
        return { channel: 'sms', text: toGsmFriendly(tidyText(render(engines.text, compiled.body))) };
      case 'push':
        return { channel: 'push', title: oneLine(render(engines.text, compiled.title)), text: tidyText(render(engines.text, compiled.body)) };
      case 'in_app': {
        const text = tidyText(render(engines.text, compiled.body));
        return compiled.title === undefined ? { channel: 'in_app', text } : { channel: 'in_app', title: oneLine(render(engines.text, compiled.title)), text };
      }
    }
  } catch (error) {
    throw new TemplateRenderError(file, error);
  }
}

/** The subject a linter sees: the email subject, or the push / in-app title. */
export function subjectOf(content: MessageContent): string | undefined {
  if (content.channel === 'email') return content.subject;
  if (content.channel === 'sms') return undefined;
  return content.title;
}
