// The Athena catalog as data: categories, the product kinds in each, model names, price bands,
// margins, return rates and monthly seasonality. `catalog.ts` turns these tables into products.

export const CATEGORY_IDS = [
  'running-shoes', 'trail-shoes', 'socks', 'hydration', 'tops', 'bottoms',
  'outerwear', 'yoga', 'recovery', 'kids', 'accessories', 'gift-cards',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** Steps of a progression (see PROGRESSIONS): what a member needs next as they advance. */
export const STAGE_IDS = ['5k', '10k', 'half', 'trail', 'yoga-start', 'yoga-practice'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export interface ProductKind {
  /** Noun phrase after the model name: "Glide 4 Cushioned Running Shoe". */
  name: string;
  price: readonly [min: number, max: number];
  /** How many products of this kind the catalog carries. */
  count: number;
  /** Progression stage this kind serves, if any. */
  stage?: StageId;
  /** Shared tags make complements specific: trail shoes go with trail socks, not dress socks. */
  tags?: readonly string[];
  /** Shoes carry a model version ("Glide 4"). */
  versioned?: boolean;
  /** Fixed face values instead of a price band (gift cards). */
  faceValues?: readonly number[];
}

export interface CategorySpec {
  id: CategoryId;
  label: string;
  kinds: readonly ProductKind[];
  /** Model names combined with kinds; each (model, kind) pair is used at most once. */
  models: readonly string[];
  sizes: readonly string[];
  /** Gross margin band; null for gift cards (stored value, not merchandise). */
  margin: readonly [number, number] | null;
  /** Share of ordered units returned. */
  returnRate: number;
  /** Demand multiplier for January … December. */
  seasonality: readonly number[];
  /** Categories bought together with this one, strongest first. */
  complements: readonly CategoryId[];
}

export const SHOE_SIZES: readonly string[] = ['5', '5.5', '6', '6.5', '7', '7.5', '8', '8.5', '9', '9.5', '10', '10.5', '11', '11.5', '12', '13'];
export const APPAREL_SIZES: readonly string[] = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SOCK_SIZES = ['S', 'M', 'L', 'XL'];
const KIDS_SIZES = ['4', '5', '6', '7', '8', '10', '12', '14'];

export const CATEGORIES: readonly CategorySpec[] = [
  {
    id: 'running-shoes', label: 'Running Shoes', sizes: SHOE_SIZES, margin: [0.4, 0.5], returnRate: 0.14,
    seasonality: [1.4, 1.0, 1.2, 1.3, 1.2, 1.0, 0.9, 0.9, 1.1, 1.0, 1.1, 1.2],
    complements: ['socks', 'tops', 'bottoms', 'hydration', 'recovery'],
    models: ['Stride', 'Tempo', 'Glide', 'Pacer', 'Aurora', 'Cadence', 'Horizon', 'Zephyr', 'Meridian', 'Swift', 'Kinetic', 'Nova'],
    kinds: [
      { name: 'Everyday Running Shoe', price: [95, 125], count: 9, stage: '5k', versioned: true, tags: ['road'] },
      { name: 'Stability Running Shoe', price: [120, 150], count: 7, stage: '10k', versioned: true, tags: ['road'] },
      { name: 'Cushioned Running Shoe', price: [135, 170], count: 8, stage: 'half', versioned: true, tags: ['road', 'long'] },
      { name: 'Carbon Racing Shoe', price: [200, 250], count: 4, stage: 'half', versioned: true, tags: ['road', 'race'] },
      { name: 'Lightweight Trainer', price: [100, 130], count: 6, stage: '10k', versioned: true, tags: ['road'] },
    ],
  },
  {
    id: 'trail-shoes', label: 'Trail Shoes', sizes: SHOE_SIZES, margin: [0.4, 0.48], returnRate: 0.13,
    seasonality: [0.6, 0.6, 0.9, 1.2, 1.4, 1.4, 1.3, 1.2, 1.2, 1.0, 0.7, 0.8],
    complements: ['socks', 'hydration', 'outerwear', 'accessories'],
    models: ['Ridgeline', 'Summit', 'Switchback', 'Cairn', 'Timberline', 'Scree', 'Talus', 'Boulder'],
    kinds: [
      { name: 'Trail Running Shoe', price: [115, 150], count: 8, stage: 'trail', versioned: true, tags: ['trail'] },
      { name: 'Waterproof Trail Shoe', price: [140, 175], count: 6, stage: 'trail', versioned: true, tags: ['trail', 'wet'] },
      { name: 'Ultra Trail Shoe', price: [160, 190], count: 5, stage: 'trail', versioned: true, tags: ['trail', 'long'] },
      { name: 'Hiking Shoe', price: [120, 160], count: 5, versioned: true, tags: ['trail', 'hike'] },
    ],
  },
  {
    id: 'socks', label: 'Socks', sizes: SOCK_SIZES, margin: [0.58, 0.66], returnRate: 0.03,
    seasonality: [1.1, 0.9, 1.0, 1.0, 1.0, 0.9, 0.9, 1.0, 1.0, 1.0, 1.2, 1.6],
    complements: ['running-shoes', 'trail-shoes', 'accessories'],
    models: ['Merino', 'AirLite', 'Cushion', 'Compression', 'Everyday', 'Tab', 'Blister-Guard', 'Alpine'],
    kinds: [
      { name: 'Running Socks', price: [12, 18], count: 8, stage: '5k', tags: ['road'] },
      { name: 'Trail Running Socks', price: [14, 22], count: 6, stage: 'trail', tags: ['trail'] },
      { name: 'No-Show Socks 3-Pack', price: [18, 26], count: 5, tags: ['road'] },
      { name: 'Crew Socks 3-Pack', price: [18, 28], count: 5, tags: ['hike'] },
    ],
  },
  {
    id: 'hydration', label: 'Hydration', sizes: [], margin: [0.48, 0.56], returnRate: 0.05,
    seasonality: [0.6, 0.6, 0.8, 1.1, 1.4, 1.6, 1.7, 1.5, 1.0, 0.8, 0.6, 0.7],
    complements: ['accessories', 'trail-shoes', 'running-shoes'],
    models: ['TrailLight', 'FlowFlask', 'Stream', 'Oasis', 'Rapids', 'Canyon'],
    kinds: [
      { name: 'Insulated Bottle', price: [24, 38], count: 5, tags: ['road'] },
      { name: 'Handheld Soft Flask', price: [22, 34], count: 5, stage: '10k', tags: ['road'] },
      { name: 'Hydration Belt', price: [28, 45], count: 4, stage: '10k', tags: ['road', 'long'] },
      { name: '5L Hydration Vest', price: [65, 95], count: 4, stage: 'half', tags: ['trail', 'long'] },
      { name: '12L Hydration Vest', price: [110, 145], count: 3, stage: 'trail', tags: ['trail', 'long'] },
    ],
  },
  {
    id: 'tops', label: 'Apparel Tops', sizes: APPAREL_SIZES, margin: [0.52, 0.62], returnRate: 0.17,
    seasonality: [1.0, 0.9, 1.0, 1.1, 1.2, 1.2, 1.1, 1.0, 1.0, 0.9, 1.1, 1.4],
    complements: ['bottoms', 'socks', 'accessories'],
    models: ['Breeze', 'Element', 'Pulse', 'Drift', 'Sola', 'Vapor', 'Haven', 'Arc'],
    kinds: [
      { name: 'Running Tee', price: [28, 42], count: 8, stage: '10k', tags: ['road'] },
      { name: 'Long-Sleeve Running Top', price: [42, 60], count: 6, tags: ['road'] },
      { name: 'Training Tank', price: [25, 38], count: 6, tags: ['studio'] },
      { name: 'Merino Base Layer', price: [70, 95], count: 4, tags: ['trail', 'cold'] },
      { name: 'Quarter-Zip Pullover', price: [60, 85], count: 6, tags: ['lifestyle', 'cold'] },
      { name: 'Everyday Hoodie', price: [60, 80], count: 6, tags: ['lifestyle'] },
      { name: 'Sports Bra', price: [35, 60], count: 6, stage: 'yoga-start', tags: ['studio'] },
    ],
  },
  {
    id: 'bottoms', label: 'Apparel Bottoms', sizes: APPAREL_SIZES, margin: [0.5, 0.6], returnRate: 0.19,
    seasonality: [1.1, 0.9, 1.0, 1.1, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 1.1, 1.3],
    complements: ['tops', 'socks', 'yoga'],
    models: ['Breeze', 'Element', 'Pulse', 'Drift', 'Sola', 'Vapor', 'Haven', 'Arc'],
    kinds: [
      { name: '5" Running Shorts', price: [35, 50], count: 7, stage: '5k', tags: ['road'] },
      { name: '2-in-1 Running Shorts', price: [45, 60], count: 5, stage: 'half', tags: ['road', 'long'] },
      { name: 'Running Tights', price: [60, 90], count: 6, tags: ['road', 'cold'] },
      { name: 'High-Rise Leggings', price: [70, 98], count: 8, stage: 'yoga-practice', tags: ['studio'] },
      { name: 'Tapered Joggers', price: [65, 88], count: 6, tags: ['lifestyle'] },
      { name: 'Trail Pants', price: [75, 110], count: 4, tags: ['trail', 'hike'] },
    ],
  },
  {
    id: 'outerwear', label: 'Outerwear', sizes: APPAREL_SIZES, margin: [0.45, 0.55], returnRate: 0.15,
    seasonality: [1.4, 1.1, 0.9, 0.7, 0.5, 0.4, 0.4, 0.5, 0.9, 1.4, 1.7, 1.8],
    complements: ['accessories', 'tops', 'trail-shoes'],
    models: ['Storm', 'Nimbus', 'Tundra', 'Gale', 'Fjord', 'Squall', 'Ember'],
    kinds: [
      { name: 'Packable Wind Jacket', price: [85, 120], count: 5, stage: 'trail', tags: ['road', 'trail'] },
      { name: 'Waterproof Rain Shell', price: [140, 220], count: 5, tags: ['trail', 'wet'] },
      { name: 'Insulated Vest', price: [95, 140], count: 4, tags: ['cold', 'lifestyle'] },
      { name: 'Down Parka', price: [220, 290], count: 4, tags: ['cold', 'lifestyle'] },
      { name: 'Fleece Jacket', price: [80, 115], count: 5, tags: ['cold', 'hike'] },
    ],
  },
  {
    id: 'yoga', label: 'Yoga', sizes: [], margin: [0.5, 0.6], returnRate: 0.06,
    seasonality: [1.6, 1.2, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 1.1, 1.0, 1.0, 1.1],
    complements: ['bottoms', 'tops', 'recovery'],
    models: ['Lotus', 'Balance', 'Prana', 'Flow', 'Ground', 'Still'],
    kinds: [
      { name: '4mm Yoga Mat', price: [40, 60], count: 5, stage: 'yoga-start', tags: ['studio'] },
      { name: '6mm Pro Yoga Mat', price: [88, 120], count: 4, stage: 'yoga-practice', tags: ['studio'] },
      { name: 'Cork Yoga Block', price: [18, 26], count: 4, stage: 'yoga-start', tags: ['studio'] },
      { name: 'Yoga Strap', price: [14, 20], count: 3, stage: 'yoga-start', tags: ['studio'] },
      { name: 'Meditation Cushion', price: [45, 65], count: 3, stage: 'yoga-practice', tags: ['studio'] },
      { name: 'Mat Towel', price: [28, 40], count: 4, stage: 'yoga-practice', tags: ['studio'] },
    ],
  },
  {
    id: 'recovery', label: 'Recovery', sizes: [], margin: [0.45, 0.58], returnRate: 0.07,
    seasonality: [1.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.4],
    complements: ['running-shoes', 'yoga', 'socks'],
    models: ['Restore', 'Rebound', 'Relief', 'Reset', 'Revive'],
    kinds: [
      { name: 'Foam Roller', price: [30, 50], count: 4, stage: 'half', tags: ['road', 'long'] },
      { name: 'Massage Gun', price: [150, 220], count: 3, tags: ['long'] },
      { name: 'Recovery Slides', price: [45, 65], count: 4, stage: 'half', tags: ['road'] },
      { name: 'Compression Calf Sleeves', price: [30, 45], count: 4, tags: ['road', 'long'] },
      { name: 'Massage Ball Set', price: [18, 28], count: 3, tags: ['studio'] },
    ],
  },
  {
    id: 'kids', label: 'Kids', sizes: KIDS_SIZES, margin: [0.45, 0.55], returnRate: 0.12,
    seasonality: [0.8, 0.7, 0.9, 0.9, 0.9, 1.0, 1.3, 1.9, 1.2, 0.9, 1.0, 1.4],
    complements: ['kids', 'socks', 'accessories'],
    models: ['Sprout', 'Dash', 'Scout', 'Zoom', 'Comet', 'Pebble'],
    kinds: [
      { name: 'Kids Running Shoe', price: [55, 75], count: 6, tags: ['kids'] },
      { name: 'Kids Trail Sneaker', price: [60, 80], count: 4, tags: ['kids'] },
      { name: 'Kids Tee', price: [20, 28], count: 5, tags: ['kids'] },
      { name: 'Kids Shorts', price: [22, 30], count: 4, tags: ['kids'] },
      { name: 'Kids Rain Jacket', price: [50, 70], count: 4, tags: ['kids'] },
      { name: 'Kids Backpack', price: [35, 50], count: 3, tags: ['kids'] },
    ],
  },
  {
    id: 'accessories', label: 'Accessories', sizes: [], margin: [0.55, 0.65], returnRate: 0.06,
    seasonality: [1.0, 0.9, 1.0, 1.0, 1.1, 1.2, 1.2, 1.0, 0.9, 1.0, 1.3, 1.6],
    complements: ['outerwear', 'hydration', 'socks'],
    models: ['Trailhead', 'Daybreak', 'Lumen', 'Northside', 'Sprint', 'Coastal'],
    kinds: [
      { name: 'Running Cap', price: [25, 35], count: 5, stage: '10k', tags: ['road'] },
      { name: 'Rechargeable Headlamp', price: [40, 65], count: 4, stage: 'trail', tags: ['trail'] },
      { name: 'Touchscreen Gloves', price: [25, 40], count: 4, tags: ['cold'] },
      { name: 'Running Belt', price: [22, 32], count: 4, stage: '5k', tags: ['road'] },
      { name: 'Sport Sunglasses', price: [60, 110], count: 4, tags: ['road', 'trail'] },
      { name: 'Merino Beanie', price: [28, 38], count: 4, tags: ['cold'] },
    ],
  },
  {
    id: 'gift-cards', label: 'Gift Cards', sizes: [], margin: null, returnRate: 0,
    seasonality: [0.5, 0.7, 0.4, 0.4, 0.8, 0.8, 0.3, 0.3, 0.3, 0.4, 1.4, 4.0],
    complements: [],
    models: ['Athena'],
    kinds: [{ name: 'Gift Card', price: [25, 200], count: 5, faceValues: [25, 50, 100, 150, 200] }],
  },
];

/** Ordered stages a member advances through; the next stage's products are what they need next. */
export interface Progression {
  id: 'running' | 'yoga';
  label: string;
  stages: readonly StageId[];
}

export const PROGRESSIONS: readonly Progression[] = [
  { id: 'running', label: 'From a first 5K to 10K, a half marathon and the trails', stages: ['5k', '10k', 'half', 'trail'] },
  { id: 'yoga', label: 'From a first mat to a regular practice', stages: ['yoga-start', 'yoga-practice'] },
];

/** Overall store traffic by month (January … December): the holidays and New Year resolutions. */
export const TRAFFIC_SEASONALITY: readonly number[] = [1.15, 0.85, 0.95, 1.0, 1.05, 1.0, 0.95, 1.0, 0.95, 0.95, 1.25, 1.4];
