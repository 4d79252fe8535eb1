// First-order Markov attribution with removal effects, solved exactly.
//
// Journeys become an absorbing Markov chain: start → channel → … → conversion | null, with
// consecutive repeats of a channel merged and each transition weighted by the number of
// journeys that took it (converting and non-converting). The probability of being absorbed in
// `conversion` from `start` solves (I − Q) x = r over the transient states (start + channels).
// Removing a channel sends every visit to it into `null`; its removal effect is the relative
// drop in conversion probability, and conversions are shared in proportion to removal effects.
import { type Attribution, type Journey, collapseRepeats, emptyAttribution, validateJourneys } from './journey.js';
import { solveLinearSystem } from './linear-solve.js';

export interface MarkovChain {
  /** Channel of each transient state after `start` (state i + 1 is channels[i]). */
  channels: string[];
  /** Transient states: start (0) and one per channel. */
  size: number;
  /** Transition probabilities between transient states, size × size, row-major. */
  transitions: Float64Array;
  /** Probability of converting next, per state. */
  toConversion: Float64Array;
  /** Expected conversion value collected on the next step, per state. */
  valueNext: Float64Array;
  totalConversions: number;
  totalValue: number;
}

/** Transition probabilities estimated from journey counts. */
export function buildMarkovChain(journeys: readonly Journey[]): MarkovChain {
  validateJourneys(journeys);
  const channels = Object.keys(emptyAttribution(journeys));
  const stateOf = new Map(channels.map((name, i) => [name, i + 1]));
  const size = channels.length + 1;
  const counts = new Float64Array(size * size);
  const conversionCounts = new Float64Array(size);
  const valueSums = new Float64Array(size);
  const outgoing = new Float64Array(size);
  let totalConversions = 0;
  let totalValue = 0;
  for (const journey of journeys) {
    const weight = journey.conversions + journey.nulls;
    if (journey.channels.length === 0 || weight === 0) continue;
    let from = 0;
    for (const channel of collapseRepeats(journey.channels)) {
      const to = stateOf.get(channel) as number;
      counts[from * size + to] = (counts[from * size + to] as number) + weight;
      outgoing[from] = (outgoing[from] as number) + weight;
      from = to;
    }
    // The journey's last channel leads to conversion or null.
    conversionCounts[from] = (conversionCounts[from] as number) + journey.conversions;
    valueSums[from] = (valueSums[from] as number) + journey.value;
    outgoing[from] = (outgoing[from] as number) + weight;
    totalConversions += journey.conversions;
    totalValue += journey.value;
  }
  const transitions = new Float64Array(size * size);
  const toConversion = new Float64Array(size);
  const valueNext = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const out = outgoing[i] as number;
    if (out === 0) continue; // never left: behaves as absorbing in null
    for (let j = 0; j < size; j++) transitions[i * size + j] = (counts[i * size + j] as number) / out;
    toConversion[i] = (conversionCounts[i] as number) / out;
    valueNext[i] = (valueSums[i] as number) / out;
  }
  return { channels, size, transitions, toConversion, valueNext, totalConversions, totalValue };
}

export interface AbsorptionFromStart {
  /** Probability that a journey from start ends in conversion. */
  conversion: number;
  /** Expected conversion value of a journey from start. */
  value: number;
}

/** Conversion probability and expected value from start, optionally with one state removed. */
export function absorptionFromStart(chain: MarkovChain, removedState?: number): AbsorptionFromStart {
  const { size, transitions } = chain;
  const system = new Float64Array(size * size);
  const conversionRhs = new Float64Array(size);
  const valueRhs = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    system[i * size + i] = 1;
    // A removed channel is a dead end: x_removed = 0.
    if (i === removedState) continue;
    for (let j = 0; j < size; j++) system[i * size + j] = (system[i * size + j] as number) - (transitions[i * size + j] as number);
    conversionRhs[i] = chain.toConversion[i] as number;
    valueRhs[i] = chain.valueNext[i] as number;
  }
  const [conversion, value] = solveLinearSystem(system, size, [conversionRhs, valueRhs]);
  return { conversion: conversion![0] as number, value: value![0] as number };
}

/**
 * Markov attribution: conversions (value) shared in proportion to each channel's removal effect
 * on the conversion probability (on the expected value). `removalEffect` is the former.
 */
export function markovAttribution(journeys: readonly Journey[]): Attribution {
  const chain = buildMarkovChain(journeys);
  const result = emptyAttribution(journeys);
  const full = absorptionFromStart(chain);
  if (full.conversion === 0) {
    for (const credit of Object.values(result)) credit.removalEffect = 0;
    return result;
  }
  const effects = chain.channels.map((_, i) => {
    const removed = absorptionFromStart(chain, i + 1);
    return {
      conversion: 1 - removed.conversion / full.conversion,
      value: full.value > 0 ? 1 - removed.value / full.value : 0,
    };
  });
  const conversionEffectSum = effects.reduce((s, e) => s + e.conversion, 0);
  const valueEffectSum = effects.reduce((s, e) => s + e.value, 0);
  chain.channels.forEach((name, i) => {
    const effect = effects[i]!;
    result[name] = {
      conversions: conversionEffectSum > 0 ? (chain.totalConversions * effect.conversion) / conversionEffectSum : 0,
      value: valueEffectSum > 0 ? (chain.totalValue * effect.value) / valueEffectSum : 0,
      removalEffect: effect.conversion,
    };
  });
  return result;
}
