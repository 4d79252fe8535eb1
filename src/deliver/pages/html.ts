// The frame of every member page: plain semantic HTML with one inline stylesheet, no scripts,
// no cookies, nothing loaded from elsewhere. Pages must work in any browser a member has, with
// or without JavaScript, and must not track the people who use them.
import { createHash } from 'node:crypto';

export interface HtmlPage {
  status: number;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Markup that is already safe: made by the `html` template or a constant of this folder. */
export class Html {
  constructor(readonly value: string) {}
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number | Html | readonly Html[]>): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const text = value instanceof Html ? value.value : Array.isArray(value) ? value.map((v: Html) => v.value).join('') : escapeHtml(String(value));
    out += text + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

// Body text #1b1b1b and links #0b4f8a on white: contrast above 7:1 (WCAG AAA); the focus ring is
// thick and dark enough to see on every control.
const STYLE = `
body{margin:0;background:#fff;color:#1b1b1b;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main,footer{max-width:40rem;margin:0 auto;padding:1.5rem 1.25rem}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
a{color:#0b4f8a}
fieldset{border:1px solid #767676;border-radius:.5rem;margin:1.25rem 0;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.choice{margin:.75rem 0}.choice label{font-weight:600;margin-left:.4rem}
.uses{margin:.25rem 0 0 1.9rem;padding-left:1rem;color:#333}
input[type=radio],input[type=checkbox]{width:1.15rem;height:1.15rem;vertical-align:-.15rem}
button{font:inherit;font-weight:600;color:#fff;background:#0b4f8a;border:2px solid #0b4f8a;border-radius:.4rem;padding:.55rem 1.1rem;cursor:pointer}
button.secondary{color:#0b4f8a;background:#fff}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.status{border-left:.35rem solid #1e6b34;background:#eef6f0;padding:.6rem .9rem}
footer{color:#4a4a4a;font-size:.9rem;border-top:1px solid #d0d0d0}
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** Response headers of every member page: nothing external may load, nothing may frame it, nothing is cached or indexed, and the token in the URL is never sent on as a Referer. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
};

export function layout(title: string, body: Html, status = 200): HtmlPage {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
<footer><p>This page sets no cookies, runs no scripts and loads nothing from anywhere else.</p></footer>
</body>
</html>
`;
  return { status, html: page.value };
}
