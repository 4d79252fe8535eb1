// docs/events.md must describe the vocabulary the code enforces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EVENT_DATA_CLASS, MESSAGE_DATA_CLASS, TRAIT_DATA_CLASS } from '../../src/core/index.js';
import { projectRoot } from '../support/shared-data.js';

const doc = readFileSync(join(projectRoot, 'docs', 'events.md'), 'utf8');

it('lists every event and message type with its data class', () => {
  for (const [name, dataClass] of [...Object.entries(EVENT_DATA_CLASS), ...Object.entries(MESSAGE_DATA_CLASS)]) {
    expect(doc, name).toContain(`| \`${name}\` | ${dataClass} |`);
  }
});

it('lists every declared trait under its data class', () => {
  for (const [trait, dataClass] of Object.entries(TRAIT_DATA_CLASS)) {
    const row = doc.split('\n').find((line) => line.startsWith(`| ${dataClass} |`));
    expect(row, `${dataClass} row`).toBeDefined();
    expect(row, trait).toContain(`\`${trait}\``);
  }
});
