// One typographic apostrophe outside the GSM-7 alphabet switches a whole SMS to UCS-2, where a
// segment holds 70 characters instead of 160. Characters with a plain GSM-7 equivalent are
// replaced before the length check ("smart encoding"); anything else (an emoji, a non-Latin
// name) stays, and the linter's segment count tells the truth about it.

const GSM_EQUIVALENTS: Readonly<Record<string, string>> = {
  '‘': "'", '’': "'", '‚': "'", '′': "'",
  '“': '"', '”': '"', '„': '"', '″': '"',
  '–': '-', '—': '-', '‑': '-', '−': '-',
  '…': '...', '•': '-', '·': '-',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u200b': '',
};

const REPLACEABLE = new RegExp(`[${Object.keys(GSM_EQUIVALENTS).join('')}]`, 'g');

export function toGsmFriendly(text: string): string {
  return text.replace(REPLACEABLE, (char) => GSM_EQUIVALENTS[char] ?? char);
}
