#!/usr/bin/env node
// Regenerates vader-lexicon.json and emoji-lexicon.json from two npm packages, so the vendored
// data can be checked and rebuilt offline from the npm registry alone:
//   cd "$(mktemp -d)" && npm pack vader-sentiment@1.1.3 emojibase-data@3.2.1 \
//     && mkdir v e && tar xzf vader-sentiment-1.1.3.tgz -C v && tar xzf emojibase-data-3.2.1.tgz -C e \
//     && node /path/to/build-lexicons.mjs v/package e/package
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [vaderDir, emojibaseDir] = process.argv.slice(2);
if (!vaderDir || !emojibaseDir) {
  console.error('usage: build-lexicons.mjs <vader-sentiment package dir> <emojibase-data package dir>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));

// vader_lexicon.txt: token TAB mean TAB std TAB raw ratings; only the mean is used.
const entries = readFileSync(join(vaderDir, 'vader_lexicon.txt'), 'utf8')
  .split('\n').filter((line) => line.trim() !== '')
  .map((line) => { const [token, mean] = line.split('\t'); return [token, Number(mean)]; });
const vader = {
  source: 'vader-sentiment@1.1.3 vader_lexicon.txt (C.J. Hutto, MIT)',
  entries,
  additions: {
    note: 'Entries of the reference lexicon missing from the 2018 file; valences recovered from vader_reference_scores.tsv (see docs/emotion.md).',
    entries: [['heart', 3.2], ['hearts', 3.3], ['flawed', -2.1]],
  },
};

// emojibase-data@3.2.1 carries the Emoji 11.0 CLDR names the reference's emoji table was built
// from. Only single-code-point forms (variation selector removed) can ever match, as in the
// reference; the emoji-test.txt "component" entries emojibase leaves out are added by name.
const data = JSON.parse(readFileSync(join(emojibaseDir, 'en', 'data.json'), 'utf8'));
const names = new Map();
const add = (emoji, name) => {
  const bare = emoji.replace(/\uFE0F/g, '');
  if ([...bare].length === 1 && !names.has(bare)) names.set(bare, name);
};
for (const entry of data) {
  for (const form of [entry, ...(entry.skins ?? [])]) {
    if (form.emoji) add(form.emoji, form.annotation);
    if (form.text) add(form.text, form.annotation);
  }
}
const components = [
  ['\u{1F3FB}', 'light skin tone'], ['\u{1F3FC}', 'medium-light skin tone'], ['\u{1F3FD}', 'medium skin tone'],
  ['\u{1F3FE}', 'medium-dark skin tone'], ['\u{1F3FF}', 'dark skin tone'],
  ['\u{1F9B0}', 'red-haired'], ['\u{1F9B1}', 'curly-haired'], ['\u{1F9B3}', 'white-haired'], ['\u{1F9B2}', 'bald'],
];
for (const [emoji, name] of components) add(emoji, name);
const emoji = {
  source: 'emojibase-data@3.2.1 (Emoji 11.0, Unicode CLDR names, MIT) plus emoji-test.txt 11.0 components',
  entries: [...names],
};

writeFileSync(join(here, 'vader-lexicon.json'), JSON.stringify(vader) + '\n');
writeFileSync(join(here, 'emoji-lexicon.json'), JSON.stringify(emoji) + '\n');
console.log(`vader-lexicon.json: ${entries.length} + ${vader.additions.entries.length} entries; emoji-lexicon.json: ${names.size} entries`);
