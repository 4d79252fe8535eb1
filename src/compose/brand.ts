// A brand's brand.json: who is speaking (name, loyalty program, postal address), the linter's
// voice rules, and the guidelines the LLM is prompted with. Validated once, compiled once.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { brandRulesSchema, compileRules, type BrandRules, type CompiledRules } from './lint/index.js';
import type { BrandFacts } from './context.js';

export const brandFileSchema = z
  .object({
    name: z.string().trim().min(1),
    /** The loyalty program's name, e.g. "Athena Circle". */
    program: z.string().trim().min(1),
    /** The brand's website. */
    url: z.url({ protocol: /^https?$/ }),
    /** Postal address printed in every email footer (CAN-SPAM requires one). */
    address: z.string().trim().min(1),
    /** BCP 47 locale for prices ("$48.00"). */
    locale: z
      .string()
      .default('en-US')
      .refine((locale) => Intl.NumberFormat.supportedLocalesOf(locale).length > 0, 'an Intl locale such as en-US'),
    /** How the brand speaks, one guideline a line: the LLM's system prompt quotes them. */
    guidelines: z.array(z.string().trim().min(1)).min(1),
    /** The linter's brand rules (docs/linter.md); the defaults when omitted. */
    rules: brandRulesSchema.default({}),
  })
  .strict();
export type BrandFile = z.input<typeof brandFileSchema>;

export interface Brand {
  facts: BrandFacts;
  locale: string;
  guidelines: readonly string[];
  ruleConfig: BrandRules;
  rules: CompiledRules;
}

/** Validates a parsed brand.json; throws with the path of the first bad field. */
export function brandFrom(input: unknown, source = 'brand.json'): Brand {
  const parsed = brandFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const file = parsed.data;
  return {
    facts: { name: file.name, program: file.program, url: file.url, address: file.address },
    locale: file.locale,
    guidelines: file.guidelines,
    ruleConfig: file.rules,
    rules: compileRules(file.rules),
  };
}

export async function loadBrand(path: string): Promise<Brand> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return brandFrom(json, path);
}
