// Athena's example world for compose tests and the compose benchmark: a small catalog, members
// in each tier, signed-looking links, and one request per template the Athena set ships.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Product } from '../../src/core/catalog.js';
import type { Channel, ConsentTier } from '../../src/core/consent.js';
import { indexCatalog, loadBrand, loadTemplateSet, type ComposeRequest, type ComposeSetup, type Framing, type MemberFacts, type MessageLinks } from '../../src/compose/index.js';

export const ATHENA_DIR = fileURLToPath(new URL('../../examples/athena/', import.meta.url));
export const ATHENA_TEMPLATES = `${ATHENA_DIR}templates`;
export const ATHENA_BRAND = `${ATHENA_DIR}brand.json`;

const product = (id: string, name: string, category: string, price: number, sizes: string[], inventory: number | null = 200): Product => ({
  id,
  name,
  category,
  price,
  currency: 'USD',
  inventory,
  sizes,
  margin: 0.5,
  url: `https://athena.example/p/${id}`,
});

export const CATALOG: Product[] = [
  product('shoe-ridgeline', 'Ridgeline Trail Shoe', 'shoes', 128, ['7', '8', '9', '10', '11']),
  product('shoe-tempo', 'Tempo Road Runner', 'shoes', 140, ['7', '8', '9', '10']),
  product('sock-merino', 'Merino Running Socks', 'socks', 16, ['S', 'M', 'L']),
  product('vest-traillight', 'TrailLight 5L Hydration Vest', 'hydration', 65, ['S', 'M', 'L']),
  product('tee-airlayer', 'AirLayer Training Tee', 'apparel', 38, ['XS', 'S', 'M', 'L', 'XL']),
  product('legging-studio', 'Studio 7/8 Legging', 'apparel', 78, ['XS', 'S', 'M', 'L']),
  product('race-harbor-5k', 'Harbor Run 5K Entry', 'events', 25, [], 300),
];

export const byId = (id: string): Product => {
  const found = CATALOG.find((item) => item.id === id);
  if (found === undefined) throw new Error(`no product ${id}`);
  return found;
};

/** Facts of every class, as a profile might hold them; the composer must drop what a tier does not allow. */
export const MAYA: MemberFacts = {
  identity: { first_name: 'Maya', email: 'maya@example.com', member_since: '2021' },
  stated: { interests: ['trail running', 'yoga'], size: 'M', goal: '10K' },
  purchase: { recent_categories: ['shoes'], points: 1250 },
  engagement: { last_click_channel: 'email' },
  browsing: { viewed_product: 'Studio 7/8 Legging', viewed_seconds: 192, cart_product_ids: ['legging-studio'] },
  service: { open_ticket: 'fit question about Ridgeline' },
  inferred: { churn_risk: 0.72, predicted_need: 'socks' },
};

export const LINKS: MessageLinks = {
  unsubscribe: 'https://athena.example/u/tok-8f3a2c',
  preferences: 'https://athena.example/u/tok-8f3a2c',
  why: 'https://athena.example/why/dec-42',
};

/** A request for each template of the Athena set: which products it is about and the tiers it is used with. */
export interface AthenaCase {
  action: string;
  framing: Framing;
  channel: Channel;
  products: string[];
  tiers: ConsentTier[];
}

const ALL: ConsentTier[] = ['basic', 'personalized', 'proactive'];
const PURCHASE: ConsentTier[] = ['personalized', 'proactive'];

export const ATHENA_CASES: AthenaCase[] = [
  { action: 'welcome', framing: 'welcome', channel: 'email', products: ['tee-airlayer', 'sock-merino'], tiers: ALL },
  { action: 'new_arrivals', framing: 'new_arrivals', channel: 'email', products: ['shoe-tempo', 'tee-airlayer', 'legging-studio'], tiers: ALL },
  { action: 'we_miss_you', framing: 'we_miss_you', channel: 'email', products: ['shoe-tempo', 'legging-studio'], tiers: PURCHASE },
  { action: 'member_price', framing: 'member_price', channel: 'push', products: ['vest-traillight'], tiers: ALL },
  { action: 'replenishment', framing: 'replenishment', channel: 'email', products: ['sock-merino'], tiers: PURCHASE },
  { action: 'replenishment', framing: 'replenishment', channel: 'sms', products: ['sock-merino'], tiers: PURCHASE },
  { action: 'check_in', framing: 'check_in', channel: 'email', products: ['shoe-ridgeline'], tiers: PURCHASE },
  { action: 'check_in', framing: 'check_in', channel: 'in_app', products: ['shoe-ridgeline'], tiers: PURCHASE },
  { action: 'check_in', framing: 'no_promotion', channel: 'email', products: [], tiers: ALL },
  { action: 'check_in', framing: 'no_promotion', channel: 'in_app', products: [], tiers: ALL },
  { action: 'cart_reminder', framing: 'cart_reminder', channel: 'email', products: ['legging-studio'], tiers: ['proactive'] },
  { action: 'cart_reminder', framing: 'cart_reminder', channel: 'push', products: ['legging-studio'], tiers: ['proactive'] },
  { action: 'progression', framing: 'progression', channel: 'email', products: ['sock-merino', 'vest-traillight', 'race-harbor-5k'], tiers: PURCHASE },
];

export function requestFor(item: AthenaCase, tier: ConsentTier, variantSeed = 'dec-42', member: MemberFacts = MAYA): ComposeRequest {
  return { action: item.action, framing: item.framing, channel: item.channel, tier, member, products: item.products.map(byId), links: LINKS, variantSeed };
}

let athena: Promise<ComposeSetup> | undefined;

/** The Athena templates and brand, loaded once per test file. */
export function athenaSetup(): Promise<ComposeSetup> {
  athena ??= (async () => ({ templates: await loadTemplateSet(ATHENA_TEMPLATES), brand: await loadBrand(ATHENA_BRAND), catalog: indexCatalog(CATALOG) }))();
  return athena;
}

/** A template directory written to a temporary folder: `files` maps relative paths to contents. */
export async function templateDir(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'attune-templates-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

/** The smallest valid MJML email around some body markup. */
export const mjml = (body: string, title = 'Hello {{ member.identity.first_name | default: "there" }}'): string =>
  `<mjml><mj-head><mj-title>${title}</mj-title></mj-head><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;
