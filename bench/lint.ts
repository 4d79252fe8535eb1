// Message linter throughput on one core: the two story emails and a mix of channels.
// Run: npx tsx bench/lint.ts   (prints messages/s; the compose target is ≥ 20,000 composed + linted /s/core)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RULES, indexCatalog, lintMessage, type CatalogProduct, type LintContext, type LintableMessage } from '../src/compose/lint/index.js';

interface ExampleFile extends LintableMessage {
  tier: LintContext['tier'];
  generated?: boolean;
  recommendation?: boolean;
}

const examples = fileURLToPath(new URL('../examples/messages/', import.meta.url));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(`${examples}${name}`, 'utf8')) as T;

const catalog = indexCatalog([...readJson<CatalogProduct[]>('catalog-running.json'), ...readJson<CatalogProduct[]>('catalog-fashion.json')]);
const running = readJson<ExampleFile>('running-5k-to-10k.json');
const dress = readJson<ExampleFile>('dress-countdown.json');

interface Case {
  message: LintableMessage;
  context: LintContext;
}

function caseOf(file: ExampleFile, overrides: Partial<LintContext> = {}): Case {
  return {
    message: file,
    context: {
      rules: DEFAULT_RULES,
      catalog,
      tier: file.tier,
      generated: file.generated ?? false,
      botSpeaking: false,
      recommendation: file.recommendation ?? false,
      ...overrides,
    },
  };
}

const sms: ExampleFile = {
  channel: 'sms',
  body: 'Stride & Trail: new Merino Trail Running Socks are in, $14 a pair. Why this? https://stride.example/why/s1 Reply STOP to opt out.',
  tier: 'basic',
  recommendation: true,
  products: [{ id: 'sock-merino-trail', name: 'Merino Trail Running Socks', price: 14 }],
};
const push: ExampleFile = {
  channel: 'push',
  subject: 'Your 10K plan, week 3',
  body: 'Stretch one run to 7K this week. The TrailLight 5L Hydration Vest ($65) carries two soft flasks. Written with AI.',
  tier: 'proactive',
  generated: true,
};
const inApp: ExampleFile = {
  channel: 'in_app',
  body: "We noticed you were looking at the Strappy Block Heel. Only 2 left, it's selling out fast! Our best price ever: $79.",
  tier: 'basic',
  products: [{ id: 'heel-strappy-block', name: 'Strappy Block Heel', price: 89 }],
};

const MIX: Case[] = [caseOf(running), caseOf(dress), caseOf(sms), caseOf(push), caseOf(inApp)];

/**
 * Lints the cases round-robin for about `seconds` and returns messages per CPU-second of this
 * process: per-core throughput that other processes on a shared machine do not distort.
 */
function throughput(cases: readonly Case[], seconds: number): number {
  let linted = 0;
  let held = 0;
  const start = process.cpuUsage();
  const budgetMicros = seconds * 1e6;
  let used = 0;
  while (used < budgetMicros) {
    for (let i = 0; i < 1000; i++) {
      const { message, context } = cases[linted % cases.length]!;
      if (!lintMessage(message, context).ok) held++;
      linted++;
    }
    const cpu = process.cpuUsage(start);
    used = cpu.user + cpu.system;
  }
  if (held > linted) throw new Error('unreachable: keeps the results alive for the optimiser');
  return linted / (used / 1e6);
}

const characters = (message: LintableMessage): number => message.body.length + (message.subject?.length ?? 0);
throughput(MIX, 1); // warm-up
console.log(`message linter: messages per CPU-second, one core (node ${process.version})`);
for (const [name, cases] of [
  [`running-5k-to-10k (${characters(running)} chars, passes)`, [caseOf(running)]],
  [`dress-countdown (${characters(dress)} chars, held)`, [caseOf(dress)]],
  ['mix: 2 emails, sms, push, in-app', MIX],
] as const) {
  console.log(`${name.padEnd(44)} ${Math.round(throughput(cases, 2)).toLocaleString('en-US')} messages/s`);
}
