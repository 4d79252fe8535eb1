// Just enough MIME (RFC 2045/2046) to read delivery status notifications and form posts: header
// blocks, parameters, multipart bodies, and the base64 / quoted-printable transfer encodings.

/** Header fields by lower-case name, unfolded; a repeated field keeps its first value. */
export type HeaderFields = Map<string, string>;

export interface MimePart {
  headers: HeaderFields;
  /** Decoded per Content-Transfer-Encoding, as text. */
  body: string;
}

export function parseHeaderBlock(block: string): HeaderFields {
  const headers: HeaderFields = new Map();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Splits an entity at its first empty line into header fields and body. */
export function splitEntity(text: string): { headers: HeaderFields; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (match === null) return { headers: parseHeaderBlock(text), body: '' };
  return { headers: parseHeaderBlock(text.slice(0, match.index)), body: text.slice(match.index + match[0].length) };
}

function unquote(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const end = raw.lastIndexOf('"');
  return (end > 0 ? raw.slice(1, end) : raw.slice(1)).replace(/\\(.)/g, '$1');
}

/** `multipart/report; report-type=delivery-status; boundary="x"` → the lower-case value and its parameters. */
export function headerParams(value: string | undefined): { value: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (value === undefined) return { value: '', params };
  const [first = '', ...rest] = value.split(';');
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = unquote(part.slice(eq + 1).trim());
  }
  return { value: first.trim().toLowerCase(), params };
}

/** The body parts between `--boundary` delimiter lines, preamble and epilogue dropped. */
export function multipartBodies(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      const rest = line.slice(delimiter.length);
      if (current !== undefined) parts.push(current.join('\r\n'));
      if (rest.startsWith('--')) return parts;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current !== undefined) parts.push(current.join('\r\n'));
  return parts;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

/** Every non-multipart part of a message, depth first; nested multiparts are opened, attached messages are not. */
export function leafParts(text: string, depth = 0): MimePart[] {
  const { headers, body } = splitEntity(text);
  const type = headerParams(headers.get('content-type'));
  if (type.value.startsWith('multipart/') && type.params.boundary !== undefined && depth < 10) {
    return multipartBodies(body, type.params.boundary).flatMap((part) => leafParts(part, depth + 1));
  }
  return [{ headers, body: decodeBody(body, headers.get('content-transfer-encoding')) }];
}
