import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runAttune } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('attune run', ({ target }) => {
  it('decides for every member and prints a summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-run-'));
    const events = join(dir, 'events.jsonl');
    const now = Date.parse('2026-05-04T12:00:00Z');
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ type: 'identify', userId: `run-${i}`, traits: { email: `run${i}@example.com` }, timestamp: new Date(now - (i % 2 === 0 ? 5 : 200) * 86_400_000).toISOString() }));
    lines.push(JSON.stringify({ type: 'track', userId: 'run-1', event: 'Support Message', properties: { text: 'Nobody answers. I want to talk to a real person NOW!!!' }, timestamp: new Date(now - 3_600_000).toISOString() }));
    writeFileSync(events, lines.join('\n'));
    expect(runAttune(['import', 'events', events, '--db', target().url()]).status).toBe(0);

    const result = runAttune(['run', '--db', target().url(), '--now', new Date(now).toISOString(), '--json']);
    expect(result.status, result.stderr).toBe(0);
    const { batch, learned, triggers } = JSON.parse(result.stdout);
    expect(batch.members).toBe(40);
    expect(Object.values(batch.decisions as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(40);
    expect(batch.handovers).toBe(1);
    expect(batch.decisions.welcome_email).toBeGreaterThan(0);
    expect(learned.learned).toBe(0);
    expect(triggers.created).toBe(0);

    const bad = runAttune(['run', '--db', target().url(), '--now', 'yesterday']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--now: must be an ISO-8601 date-time');
  });
});
