// Plain text from the small pieces of HTML inside MJML components (<mj-text>, <mj-button>…),
// at load time, with Liquid markup kept as it is so the result is itself a Liquid template.
// Links become Markdown-style "[label](url)": readable as plain text, and the form the linter
// recognises as an unsubscribe link.

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
  mdash: '—', ndash: '–', hellip: '…', copy: '©', reg: '®', trade: '™', middot: '·', bull: '•', euro: '€', pound: '£',
};

/** Tags that start and end a paragraph, and tags that only end a line (a list item starts one: "- "). */
const PARAGRAPH_TAGS: ReadonlySet<string> = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote']);
const LINE_TAGS: ReadonlySet<string> = new Set(['br', 'tr']);
/** Elements whose content is never text. */
const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set(['style', 'script', 'head', 'title']);

interface ParsedTag {
  name: string;
  closing: boolean;
  href: string | undefined;
  /** Index just past the tag's `>`. */
  end: number;
}

/** `<name attr="…">` at `start`; quotes may hold `>` (and Liquid). Null when it is not a tag. */
function parseTag(html: string, start: number): ParsedTag | null {
  const head = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(start, start + 40));
  if (head === null) return null;
  let i = start + head[0].length;
  let quote = '';
  for (; i < html.length; i++) {
    const char = html[i]!;
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') break;
  }
  const inside = html.slice(start, i);
  const href = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(inside);
  return { name: head[2]!.toLowerCase(), closing: head[1] === '/', href: href === null ? undefined : decodeEntities(href[1] ?? href[2] ?? ''), end: i + 1 };
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Tidies rendered plain text: no spaces around line breaks, at most one blank line in a row. */
export function tidyText(text: string): string {
  return text
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text of an HTML fragment; Liquid `{{ … }}` and `{% … %}` pass through untouched. */
export function htmlToText(html: string): string {
  let out = '';
  const links: Array<{ href: string | undefined; start: number }> = [];
  let i = 0;
  const space = (): void => {
    if (out.length > 0 && !/\s/.test(out[out.length - 1]!)) out += ' ';
  };
  while (i < html.length) {
    const char = html[i]!;
    if (char === '{' && (html[i + 1] === '{' || html[i + 1] === '%')) {
      const close = html.indexOf(html[i + 1] === '{' ? '}}' : '%}', i + 2);
      const end = close < 0 ? html.length : close + 2;
      out += html.slice(i, end);
      i = end;
      continue;
    }
    if (char === '<') {
      if (html.startsWith('<!--', i)) {
        const close = html.indexOf('-->', i + 4);
        i = close < 0 ? html.length : close + 3;
        continue;
      }
      const tag = parseTag(html, i);
      if (tag !== null) {
        i = tag.end;
        if (SKIPPED_ELEMENTS.has(tag.name) && !tag.closing) {
          const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
          i = close < 0 ? html.length : html.indexOf('>', close) + 1;
        } else if (tag.name === 'a') {
          if (!tag.closing) links.push({ href: tag.href, start: out.length });
          else out = closeLink(out, links.pop());
        } else if (tag.name === 'li') {
          if (!tag.closing) out += '\n- ';
        } else if (LINE_TAGS.has(tag.name)) {
          out += '\n';
        } else if (PARAGRAPH_TAGS.has(tag.name)) {
          out += '\n\n';
        }
        continue;
      }
    }
    if (/\s/.test(char)) space();
    else if (char === '&') {
      const entity = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(i, i + 12));
      out += entity === null ? '&' : decodeEntities(entity[0]);
      i += entity === null ? 1 : entity[0].length;
      continue;
    } else out += char;
    i++;
  }
  return tidyText(out);
}

/** Rewrites the text since a link opened as "[label](href)"; a link whose label is its URL stays bare. */
function closeLink(out: string, link: { href: string | undefined; start: number } | undefined): string {
  if (link === undefined || link.href === undefined || link.href === '') return out;
  const label = out.slice(link.start).trim();
  const before = out.slice(0, link.start);
  if (label === '' || label === link.href) return `${before}${link.href}`;
  return `${before}[${label}](${link.href})`;
}
