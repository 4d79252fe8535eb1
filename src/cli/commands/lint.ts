// `attune lint FILE.json [--catalog CATALOG.json] [--rules RULES.json] [--json]`: lints one
// message as the pipeline would before queueing it. Exit code 0 when ok, 1 when the message
// would be held for review, 2 for bad input.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  brandRulesSchema,
  catalogFileSchema,
  compileRules,
  indexCatalog,
  lintFileSchema,
  lintMessage,
  type LintResult,
  type LintFile,
} from '../../compose/lint/index.js';
import { CliError, parseOptions, printJson } from '../run.js';

const optionsSchema = z.object({
  catalog: z.string().min(1).optional(),
  rules: z.string().min(1).optional(),
  json: z.boolean().default(false),
});

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('Lint a message (brand voice, creepy line, facts, required parts, length) before it is queued.')
    .argument('<file>', 'message JSON: {channel, subject?, body, tier, generated?, bot?, recommendation?, products?}')
    .option('--catalog <path>', 'catalog JSON: a list of products {id, name, price, currency?, inventory?, …}; without it the catalog is empty')
    .option('--rules <path>', 'brand rules JSON (docs/linter.md); the defaults when omitted')
    .option('--json', 'print {ok, violations} as JSON')
    .action((file: string, rawOptions: unknown) => {
      const options = parseOptions(optionsSchema, rawOptions);
      const message = readJsonFile(file, lintFileSchema);
      const catalog = options.catalog === undefined ? [] : readJsonFile(options.catalog, catalogFileSchema);
      const rules = options.rules === undefined ? undefined : readJsonFile(options.rules, brandRulesSchema);
      const result = lintMessage(message, {
        rules: compileRules(rules),
        catalog: indexCatalog(catalog),
        tier: message.tier,
        generated: message.generated,
        botSpeaking: message.bot,
        recommendation: message.recommendation,
      });
      if (options.json) printJson(toOutput(message, result));
      else printReadable(file, message, result);
      process.exitCode = result.ok ? 0 : 1;
    });
}

/** Reads and validates a JSON file; every problem becomes a CliError (exit code 2) naming the field. */
function readJsonFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${path}: ${fieldName(issue.path)}: ${issue.message}`);
  throw new CliError(problems.join('\n'));
}

/** `products[0].price` from zod's ['products', 0, 'price']. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

function excerptOf(message: LintFile, field: 'subject' | 'body', [start, end]: [number, number]): string {
  return (field === 'subject' ? message.subject ?? '' : message.body).slice(start, end);
}

function toOutput(message: LintFile, result: LintResult) {
  return {
    ok: result.ok,
    violations: result.violations.map((violation) => ({
      code: violation.code,
      rule: violation.rule,
      severity: violation.severity,
      message: violation.message,
      field: violation.field,
      span: violation.span,
      excerpt: excerptOf(message, violation.field, violation.span),
    })),
  };
}

function printReadable(file: string, message: LintFile, result: LintResult): void {
  const errors = result.violations.filter((violation) => violation.severity === 'error').length;
  const warnings = result.violations.length - errors;
  const lines = [`${file}: ${result.ok ? 'ok' : 'held for human review'} (${errors} errors, ${warnings} warnings)`];
  for (const violation of result.violations) {
    const [start, end] = violation.span;
    lines.push(`  ${violation.severity} ${violation.code} ${violation.field}[${start}-${end}] ${JSON.stringify(excerptOf(message, violation.field, violation.span))}`);
    lines.push(`    ${violation.message}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
