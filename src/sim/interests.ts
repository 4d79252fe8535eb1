// What members shop for: interest clusters that shape category affinities and, for runners and
// yogis, where they stand on a progression (a first 5K → 10K → half marathon → trails).
import type { CategoryId, StageId } from './catalog-data.js';

export interface InterestSpec {
  id: 'road_running' | 'trail_running' | 'yoga' | 'lifestyle' | 'family' | 'outdoor';
  label: string;
  share: number;
  /** Affinity 0…1 per category; unlisted categories get only the member's noise. */
  affinity: Readonly<Partial<Record<CategoryId, number>>>;
  /** Stages a member with this interest may stand on at enrolment (uniformly). */
  startStages: readonly StageId[];
}

export const INTERESTS: readonly InterestSpec[] = [
  {
    id: 'road_running', label: 'Road running', share: 0.3, startStages: ['5k', '5k', '10k', 'half'],
    affinity: { 'running-shoes': 1, socks: 0.6, tops: 0.6, bottoms: 0.5, hydration: 0.4, recovery: 0.3, accessories: 0.3 },
  },
  {
    id: 'trail_running', label: 'Trail running', share: 0.12, startStages: ['half', 'trail'],
    affinity: { 'trail-shoes': 1, hydration: 0.8, socks: 0.6, outerwear: 0.6, accessories: 0.4, 'running-shoes': 0.3 },
  },
  {
    id: 'yoga', label: 'Yoga and studio', share: 0.16, startStages: ['yoga-start', 'yoga-start', 'yoga-practice'],
    affinity: { yoga: 1, bottoms: 0.8, tops: 0.6, recovery: 0.4 },
  },
  {
    id: 'lifestyle', label: 'Athleisure', share: 0.22, startStages: [],
    affinity: { tops: 1, bottoms: 0.8, outerwear: 0.6, accessories: 0.5, 'running-shoes': 0.3, socks: 0.3 },
  },
  {
    id: 'family', label: 'Active family', share: 0.1, startStages: [],
    affinity: { kids: 1, tops: 0.5, socks: 0.4, outerwear: 0.4, accessories: 0.3 },
  },
  {
    id: 'outdoor', label: 'Outdoors and cold weather', share: 0.1, startStages: [],
    affinity: { outerwear: 1, accessories: 0.6, 'trail-shoes': 0.5, tops: 0.4, socks: 0.3, hydration: 0.3 },
  },
];

export const INTEREST_SHARES: readonly number[] = INTERESTS.map((interest) => interest.share);
/** Chance of a second interest, blended in at half weight. */
export const SECOND_INTEREST_ODDS = 0.3;
/** Uniform noise added to every category's affinity so no member is all one thing. */
export const AFFINITY_NOISE = 0.15;
/** Gift givers' extra affinity for gift cards and kids' items. */
export const GIFT_GIVER_AFFINITY: Readonly<Partial<Record<CategoryId, number>>> = { 'gift-cards': 0.6, kids: 0.2, accessories: 0.2 };
