// Messages composed + linted per CPU-second on one core, with cached templates: the Athena set
// across its channels, actions, variants and tiers. Also: the cost of each part of an email,
// and the alternative design (render Liquid into the MJML, then compile per message).
// Run: npx tsx bench/compose.ts   (the issue's target: ≥ 20,000 composed + linted /s/core)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mjml2html from 'mjml';
import type { Channel } from '../src/core/consent.js';
import { composeFromTemplate, contextFor, findTemplate, lintMessage, subjectOf, type ComposeRequest, type ComposeSetup } from '../src/compose/index.js';
import { createLiquid } from '../src/compose/liquid.js';
import { ATHENA_CASES, ATHENA_TEMPLATES, MAYA, athenaSetup, requestFor } from '../test/compose/fixtures.js';

const NAMES = ['Maya', 'Sam', 'Priya', 'Jonas', 'Lea', 'Tomás', 'Aiko', 'Grace'];

/** Every Athena template with every tier it is used with, for different members and decisions. */
function mixedRequests(count: number): ComposeRequest[] {
  const pairs = ATHENA_CASES.flatMap((item) => item.tiers.map((tier) => ({ item, tier })));
  return Array.from({ length: count }, (_, i) => {
    const { item, tier } = pairs[i % pairs.length]!;
    const member = { ...MAYA, identity: { ...MAYA.identity, first_name: NAMES[i % NAMES.length]! } };
    const request = requestFor(item, tier, `dec-${i}`, member);
    return { ...request, links: { ...request.links, why: `https://athena.example/why/dec-${i}`, unsubscribe: `https://athena.example/u/tok-${i}` } };
  });
}

/** Runs `work` for about `seconds` of CPU and returns operations per CPU-second of this process. */
function perCpuSecond(work: (i: number) => void, seconds: number): number {
  const start = process.cpuUsage();
  let done = 0;
  let used = 0;
  while (used < seconds * 1e6) {
    for (let i = 0; i < 200; i++) work(done++);
    const cpu = process.cpuUsage(start);
    used = cpu.user + cpu.system;
  }
  return done / (used / 1e6);
}

const format = (rate: number): string => Math.round(rate).toLocaleString('en-US').padStart(8);
const micros = (rate: number): string => `${(1e6 / rate).toFixed(0).padStart(5)} µs`;

function composeRate(setup: ComposeSetup, requests: readonly ComposeRequest[], seconds: number): number {
  let held = 0;
  const rate = perCpuSecond((i) => {
    if (composeFromTemplate(requests[i % requests.length]!, setup).held) held++;
  }, seconds);
  if (held > 0) throw new Error(`${held} Athena messages were held: the set should pass the linter`);
  return rate;
}

/** The parts of one email: context, HTML render, text render, subject render, lint. */
function emailParts(setup: ComposeSetup, request: ComposeRequest): Array<[string, number]> {
  const entry = findTemplate(setup.templates, request.action, request.framing, request.channel)!;
  const compiled = entry.variants[0]!.compiled;
  if (compiled.channel !== 'email') throw new Error('expected an email template');
  const { html, text } = setup.templates.engines;
  const context = contextFor(request, setup);
  const message = composeFromTemplate(request, setup);
  const lintable = { channel: message.channel, subject: subjectOf(message), body: message.text, products: message.products };
  const lintContext = { rules: setup.brand.rules, catalog: setup.catalog, tier: request.tier, generated: false, botSpeaking: false, recommendation: true };
  return [
    ['template context', perCpuSecond(() => contextFor(request, setup), 0.5)],
    ['Liquid → HTML (compiled MJML)', perCpuSecond(() => html.renderSync(compiled.html, context), 0.5)],
    ['Liquid → plain text', perCpuSecond(() => text.renderSync(compiled.text, context), 0.5)],
    ['Liquid → subject', perCpuSecond(() => text.renderSync(compiled.subject, context), 0.5)],
    ['lint', perCpuSecond(() => lintMessage(lintable, lintContext), 0.5)],
  ];
}

/** The other design: render Liquid into the MJML source, then compile it, for every message. */
async function renderThenCompileRate(setup: ComposeSetup, request: ComposeRequest, messages: number): Promise<number> {
  const entry = findTemplate(setup.templates, request.action, request.framing, request.channel)!;
  const file = entry.variants[0]!.file;
  const liquid = createLiquid('html');
  const source = liquid.parse(await readFile(file, 'utf8'));
  const context = contextFor(request, setup);
  const start = process.cpuUsage();
  for (let i = 0; i < messages; i++) {
    const mjml = liquid.renderSync(source, context) as string;
    await mjml2html(mjml, { validationLevel: 'skip', keepComments: false, filePath: file, includePath: ATHENA_TEMPLATES, ignoreIncludes: false });
  }
  const cpu = process.cpuUsage(start);
  return messages / ((cpu.user + cpu.system) / 1e6);
}

const setup = await athenaSetup();
const requests = mixedRequests(2_000);
composeRate(setup, requests, 1); // warm-up

console.log(`compose + lint, Athena templates cached, one core (node ${process.version}); messages per CPU-second`);
console.log(`${'mix: every template × tier × variant'.padEnd(44)} ${format(composeRate(setup, requests, 3))} /s`);
for (const channel of ['email', 'sms', 'push', 'in_app'] as Channel[]) {
  const subset = requests.filter((request) => request.channel === channel);
  const rate = composeRate(setup, subset, 1.5);
  console.log(`${`  ${channel} only (${new Set(subset.map((r) => `${r.action}/${r.framing}`)).size} templates)`.padEnd(44)} ${format(rate)} /s ${micros(rate)}`);
}

const newArrivals = requests.find((request) => request.action === 'new_arrivals' && request.tier === 'personalized')!;
console.log('\none new-arrivals email (3 products), by part:');
for (const [part, rate] of emailParts(setup, newArrivals)) console.log(`  ${part.padEnd(42)} ${format(rate)} /s ${micros(rate)}`);

const alternative = await renderThenCompileRate(setup, newArrivals, 200);
console.log(`\nrender Liquid into MJML, then compile per message: ${format(alternative)} /s ${micros(alternative)}`);
console.log(`templates compiled once at load: ${setup.templates.entries.size} templates from ${join('examples', 'athena', 'templates')}`);
