// The reference VADER is Python. Its scores depend on Python's exact string and rounding
// semantics, which differ from JavaScript's defaults in ways that change results:
// - `str.split()` / `str.strip()` use Python's whitespace set (not JS `\s`);
// - `len()` counts code points, not UTF-16 units;
// - `str.isupper()` is true when there is a cased character and none is lowercase/titlecase;
// - `round()` rounds the exact binary value, ties to even (JS `toFixed` ties away from zero).

/** Characters Python's `str.isspace()` accepts (whitespace bidi classes and category Zs). */
const PYTHON_WHITESPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WHITESPACE_RUN = new RegExp(`[${PYTHON_WHITESPACE}]+`, 'u');
const EDGE_WHITESPACE = new RegExp(`^[${PYTHON_WHITESPACE}]+|[${PYTHON_WHITESPACE}]+$`, 'gu');

/** `string.punctuation`: the 32 ASCII punctuation characters. */
const ASCII_PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

const LOWERCASE_OR_TITLECASE = /[\p{Lowercase}\p{Lt}]/u;
const UPPERCASE = /\p{Uppercase}/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** Python `text.split()`: split on whitespace runs, dropping empty pieces. */
export function splitWords(text: string): string[] {
  return text.split(WHITESPACE_RUN).filter((piece) => piece.length > 0);
}

/** Python `text.strip()`. */
export function stripWhitespace(text: string): string {
  return text.replace(EDGE_WHITESPACE, '');
}

/** Python `token.strip(string.punctuation)`. */
export function stripPunctuation(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && ASCII_PUNCTUATION.has(token[start]!)) start++;
  while (end > start && ASCII_PUNCTUATION.has(token[end - 1]!)) end--;
  return token.slice(start, end);
}

/** Python `len(text)`: the number of code points. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    // a high surrogate followed by a low one is a single code point
    if (unit >= 0xd800 && unit <= 0xdbff && k + 1 < text.length) {
      const next = text.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        k++;
      }
    }
  }
  return length;
}

/** Python `text.isupper()`. */
export function isUpper(text: string): boolean {
  if (!NON_ASCII.test(text)) {
    let hasUpper = false;
    for (let k = 0; k < text.length; k++) {
      const unit = text.charCodeAt(k);
      if (unit >= 97 && unit <= 122) return false;
      if (unit >= 65 && unit <= 90) hasUpper = true;
    }
    return hasUpper;
  }
  return UPPERCASE.test(text) && !LOWERCASE_OR_TITLECASE.test(text);
}

/**
 * Python `round(value, digits)` for digits in 1..15: the decimal nearest to the exact binary
 * value, ties to even. A decimal tie is only representable when value · 2^(digits+1) is an odd
 * integer (the 5^digits part of the denominator must cancel), which is tested exactly.
 */
export function roundHalfEven(value: number, digits: number): number {
  const halfStep = value * 2 ** (digits + 1);
  if (Number.isInteger(halfStep) && halfStep % 2 !== 0) {
    const scaled = value * 10 ** digits; // exact: k + 0.5 with a small k
    const lower = Math.floor(scaled);
    const even = lower % 2 === 0 ? lower : lower + 1;
    return even / 10 ** digits;
  }
  // toFixed rounds the exact binary value; away from a tie that is the nearest decimal
  return Number(value.toFixed(digits));
}
