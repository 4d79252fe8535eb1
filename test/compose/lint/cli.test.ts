// `attune lint` end to end, through a test-only entry that registers just this command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/shared-data.js';

const entry = join(projectRoot, 'test', 'compose', 'lint', 'cli-entry.ts');
const example = (name: string) => join(projectRoot, 'examples', 'messages', name);

function attuneLint(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, 'lint', ...args], { cwd: projectRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'attune-lint-')), name);
  writeFileSync(path, content);
  return path;
}

describe('attune lint', () => {
  it('exits 0 with ok:true for the runner email', () => {
    const run = attuneLint(example('running-5k-to-10k.json'), '--catalog', example('catalog-running.json'), '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, violations: [] });
  });

  it('exits 1 with the creepy-line codes and spans for the dress email', () => {
    const run = attuneLint(example('dress-countdown.json'), '--catalog', example('catalog-fashion.json'), '--json');
    expect(run.status).toBe(1);
    const output = JSON.parse(run.stdout) as { ok: boolean; violations: Array<{ code: string; span: [number, number]; field: string; excerpt: string; message: string }> };
    expect(output.ok).toBe(false);
    const codes = new Set(output.violations.map((violation) => violation.code));
    for (const code of ['creepy.observed-duration', 'creepy.exact-time', 'creepy.countdown', 'creepy.invented-scarcity', 'creepy.forbidden-data-class', 'creepy.still-thinking']) {
      expect(codes.has(code), code).toBe(true);
    }
    const duration = output.violations.find((violation) => violation.code === 'creepy.observed-duration')!;
    expect(duration.field).toBe('body');
    expect(duration.excerpt).toBe('three minutes and twelve seconds');
    expect(duration.message.length).toBeGreaterThan(20);
  });

  it('without --catalog the catalog is empty, so listed products are unknown', () => {
    const run = attuneLint(example('running-5k-to-10k.json'), '--json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations.map((violation: { code: string }) => violation.code)).toEqual(['fact.unknown-product', 'fact.unknown-product', 'fact.unknown-product']);
  });

  it('applies brand rules from --rules', () => {
    const rules = tempFile('rules.json', JSON.stringify({ maxWordsPerSentence: 8 }));
    const run = attuneLint(example('running-5k-to-10k.json'), '--catalog', example('catalog-running.json'), '--rules', rules, '--json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations.every((violation: { code: string }) => violation.code === 'voice.sentence-too-long')).toBe(true);
  });

  it('prints a readable report without --json', () => {
    const run = attuneLint(example('dress-countdown.json'), '--catalog', example('catalog-fashion.json'));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('held for human review');
    expect(run.stdout).toContain('creepy.exact-time body[');
  });

  it('exits 2 with a clear error for invalid JSON, a bad field, or a missing file', () => {
    const broken = attuneLint(tempFile('broken.json', '{"channel": "email",'), '--json');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/is not valid JSON/);

    const bad = attuneLint(tempFile('bad.json', JSON.stringify({ channel: 'fax', body: 'Hi', tier: 'basic', products: [{ id: 'a', name: 'A', price: 'ten' }] })), '--json');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/channel: Invalid option/);
    expect(bad.stderr).toMatch(/products\[0\]\.price: /);

    const typo = attuneLint(tempFile('typo.json', JSON.stringify({ channel: 'email', body: 'Hi', tier: 'basic', recomendation: true })), '--json');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/recomendation/);

    const rules = attuneLint(example('running-5k-to-10k.json'), '--rules', tempFile('rules.json', JSON.stringify({ severity: { 'voice.shouting': 'off' } })));
    expect(rules.status).toBe(2);
    expect(rules.stderr).toMatch(/severity/);

    const missing = attuneLint(join(tmpdir(), 'no-such-message.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});
