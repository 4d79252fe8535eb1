// The composition root: everything the loop needs besides storage, assembled once from the
// configuration and the environment — used by `attune serve`, `attune run` and `attune demo`.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDecisionComposer, indexCatalog, lintContent, llmProviderFromEnv, loadBrand, loadTemplateSet,
  type Brand, type ComposeSetup, type LintFacts, type LintResult, type MessageContent, type TemplateSet,
} from '../compose/index.js';
import type { Product } from '../core/index.js';
import { loadConfig, resolveConfigPath, type AttuneConfig, type DecideDeps } from '../decide/index.js';
import { messageLinks, publicBaseUrl } from '../deliver/pages/index.js';
import { tokenSignerFor } from '../deliver/tokens.js';
import { explainStoredDecision } from '../explain/index.js';
import { listProducts, scoresOfProfiles, type Store } from '../store/index.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE_TEMPLATES = join(projectRoot, 'examples', 'athena', 'templates');
export const EXAMPLE_BRAND = join(projectRoot, 'examples', 'athena', 'brand.json');

export interface EngineOptions {
  /** attune.config.json; default: $ATTUNE_CONFIG, ./attune.config.json, the Athena example. */
  configPath?: string;
  /** Template directory; default: $ATTUNE_TEMPLATES or the Athena templates. */
  templatesDir?: string;
  /** Brand file; default: $ATTUNE_BRAND or the Athena brand. */
  brandPath?: string;
  /** Base URL of the member pages in links; default: $ATTUNE_PUBLIC_URL or the config's brand.baseUrl. */
  publicUrl?: string;
  /** Write copy with the LLM provider when ATTUNE_LLM_URL is set. */
  generate?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface Engine {
  config: AttuneConfig;
  /** What the decision engine needs besides the store. */
  decide: Omit<DecideDeps, 'store'>;
  explainDecision: typeof explainStoredDecision;
  /** Reloads the catalog (after an upsert); composition uses the new prices from then on. */
  refreshCatalog(): Promise<void>;
  /** Lints words as composition does, against the current brand rules and catalog (review edits). */
  relint(content: MessageContent, facts: LintFacts): LintResult;
}

export async function createEngine(store: Store, options: EngineOptions = {}): Promise<Engine> {
  const env = options.env ?? process.env;
  const config = loadConfig(resolveConfigPath(options.configPath));
  const templates: TemplateSet = await loadTemplateSet(options.templatesDir ?? env.ATTUNE_TEMPLATES ?? EXAMPLE_TEMPLATES);
  const brand: Brand = await loadBrand(options.brandPath ?? env.ATTUNE_BRAND ?? EXAMPLE_BRAND);
  const llm = llmProviderFromEnv(env);
  const signer = await tokenSignerFor(store, env);
  const baseUrl = publicBaseUrl(options.publicUrl ?? env.ATTUNE_PUBLIC_URL ?? config.brand.baseUrl);

  let current: { setup: ComposeSetup; products: readonly Product[] };
  const refreshCatalog = async () => {
    const products = await listProducts(store.db);
    current = { products, setup: { templates, brand, catalog: indexCatalog(products), llm } };
  };
  await refreshCatalog();

  const compose = createDecisionComposer({
    current: () => current,
    links: (message) => messageLinks(signer, baseUrl, message),
    generate: options.generate ?? llm !== null,
  });
  return {
    config,
    decide: { config, compose, loadScores: (db, ids) => scoresOfProfiles(db, ids) },
    explainDecision: explainStoredDecision,
    refreshCatalog,
    relint: (content, facts) => lintContent(content, facts, current.setup),
  };
}
