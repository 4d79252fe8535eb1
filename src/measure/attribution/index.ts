// Multi-touch attribution: who gets credit for a conversion among the channels that touched it.
import { type HeuristicModel, type HeuristicOptions, heuristicAttribution } from './heuristic.js';
import type { Attribution, Journey } from './journey.js';
import { markovAttribution } from './markov.js';
import { type ShapleyOptions, shapleyAttribution } from './shapley.js';

export type AttributionModel = HeuristicModel | 'markov' | 'shapley';

export const attributionModels = [
  'first',
  'last',
  'linear',
  'time-decay',
  'position',
  'markov',
  'shapley',
] as const satisfies readonly AttributionModel[];

export type AttributionOptions = HeuristicOptions & ShapleyOptions;

/** Credit per channel under the chosen model. */
export function attribute(journeys: readonly Journey[], model: AttributionModel, options: AttributionOptions = {}): Attribution {
  switch (model) {
    case 'markov':
      return markovAttribution(journeys);
    case 'shapley':
      return shapleyAttribution(journeys, options);
    default:
      return heuristicAttribution(journeys, model, options);
  }
}

export type { Attribution, ChannelCredit, Journey } from './journey.js';
export { collapseRepeats } from './journey.js';
export { type HeuristicModel, type HeuristicOptions, heuristicAttribution, touchWeights } from './heuristic.js';
export { type MarkovChain, absorptionFromStart, buildMarkovChain, markovAttribution } from './markov.js';
export { type ShapleyOptions, shapleyAttribution } from './shapley.js';
