// An email template is one MJML file with Liquid in it. It is compiled to HTML once, at load
// time (MJML takes milliseconds; Liquid then renders the compiled HTML in microseconds per
// message). The subject is the <mj-title>. The plain-text part is derived from the same MJML,
// also once, so the text says exactly what the HTML says — and linting the text lints the copy
// of both.
import { decodeEntities, htmlToText } from './html-text.js';

/** The three Liquid sources of an email template, ready to parse. */
export interface EmailSources {
  subject: string;
  html: string;
  text: string;
}

/** The part of MJML's parsed tree this module reads. */
interface MjmlNode {
  tagName: string;
  attributes?: Readonly<Record<string, string>>;
  children?: readonly MjmlNode[];
  content?: string;
}

/** Components that only hold other components. */
const CONTAINERS: ReadonlySet<string> = new Set(['mjml', 'mj-body', 'mj-wrapper', 'mj-section', 'mj-column', 'mj-group', 'mj-hero', 'mj-social', 'mj-navbar']);
/** Components whose HTML content is copy. */
const COPY: ReadonlySet<string> = new Set(['mj-text', 'mj-table']);
/** Components that are labelled links. */
const LINKS: ReadonlySet<string> = new Set(['mj-button', 'mj-social-element', 'mj-navbar-link']);
/** Components with no words for the plain-text part. */
const SILENT: ReadonlySet<string> = new Set(['mj-image', 'mj-divider', 'mj-spacer']);

const LIQUID_MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const ONLY_LIQUID_TAGS = /^(?:\s*\{%[\s\S]*?%\}\s*)+$/;

export class EmailTemplateError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'EmailTemplateError';
  }
}

/**
 * Compiles an MJML template. `file` is its path (for <mj-include> and messages); includes may
 * read only inside `root`, the template directory.
 */
export async function compileEmail(source: string, file: string, root: string): Promise<EmailSources> {
  // MJML takes a second to load: only when templates are compiled, not whenever compose is imported.
  const { default: mjml2html } = await import('mjml');
  const result = await mjml2html(source, { validationLevel: 'strict', keepComments: false, filePath: file, includePath: root, ignoreIncludes: false }).catch(
    (error: Error) => {
      throw new EmailTemplateError(file, `MJML: ${error.message}`);
    },
  );
  if (result.errors.length > 0) throw new EmailTemplateError(file, `MJML: ${result.errors.map((error) => error.formattedMessage).join('; ')}`);
  const html = result.html;
  if (html.includes('mj-include denied')) throw new EmailTemplateError(file, '<mj-include> may only read files inside the template directory');
  checkLiquidSurvived(source, html, file);

  const tree = result.json as MjmlNode;
  const head = tree.children?.find((node) => node.tagName === 'mj-head');
  const title = head?.children?.find((node) => node.tagName === 'mj-title')?.content?.trim();
  if (title === undefined || title === '') throw new EmailTemplateError(file, 'an email template needs an <mj-title>: it is the subject line');
  const preview = head?.children?.find((node) => node.tagName === 'mj-preview')?.content?.trim();

  const blocks: string[] = [];
  // The preview (preheader) is the first thing an inbox shows, so it opens the text part too.
  if (preview !== undefined && preview !== '') blocks.push(`${htmlToText(preview)}\n\n`);
  const body = tree.children?.find((node) => node.tagName === 'mj-body');
  if (body !== undefined) collectText(body, blocks, file);
  return { subject: decodeEntities(title), html, text: blocks.join('') };
}

/**
 * MJML silently drops anything between components that is not a component, Liquid included:
 * `{% for %}` around sections must sit in <mj-raw>. Every Liquid tag of the source must reach
 * the HTML, or the template would render something other than what its author wrote.
 */
function checkLiquidSurvived(source: string, html: string, file: string): void {
  const inHtml = countMarkup(html);
  for (const [markup, count] of countMarkup(source.replace(/<!--[\s\S]*?-->/g, ''))) {
    if ((inHtml.get(markup) ?? 0) < count) {
      throw new EmailTemplateError(file, `MJML dropped the Liquid "${markup}": put Liquid tags between components inside <mj-raw>…</mj-raw>`);
    }
  }
}

function countMarkup(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(LIQUID_MARKUP)) {
    const markup = match[0].replace(/\s+/g, ' ');
    counts.set(markup, (counts.get(markup) ?? 0) + 1);
  }
  return counts;
}

/** Appends the plain-text blocks of a component: one paragraph per copy or link component. */
function collectText(node: MjmlNode, blocks: string[], file: string): void {
  const tag = node.tagName;
  if (CONTAINERS.has(tag)) {
    for (const child of node.children ?? []) collectText(child, blocks, file);
  } else if (COPY.has(tag)) {
    blocks.push(`${htmlToText(node.content ?? '')}\n\n`);
  } else if (LINKS.has(tag)) {
    const label = htmlToText(node.content ?? '');
    const href = node.attributes?.href === undefined ? '' : decodeEntities(node.attributes.href);
    blocks.push(`${href === '' ? label : `[${label}](${href})`}\n\n`);
  } else if (tag === 'mj-raw') {
    // Liquid control tags (a loop around sections) stay inline; raw HTML contributes its text.
    const content = node.content ?? '';
    blocks.push(ONLY_LIQUID_TAGS.test(content) ? content.trim() : `${htmlToText(content)}\n\n`);
  } else if (!SILENT.has(tag)) {
    throw new EmailTemplateError(file, `<${tag}> has no plain-text form yet; use mj-text, mj-button, mj-image, mj-table, mj-social or mj-navbar`);
  }
}
