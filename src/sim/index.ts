// The synthetic retail world of the example brand Athena (docs/simulation.md). Pure: it makes
// Segment messages and consumes deliveries; wiring to a database goes through the real ingest path.
export { createWorld, worldMember, DEFAULT_HISTORY_WEEKS, DEFAULT_START, type World, type WorldOptions } from './world.js';
export { simulateWeek, simulateWeekChunks, DEFAULT_CHUNK_SIZE, type WeekChunk, type WeekOutcomes, type WeekResult } from './week.js';
export {
  simulateHistory, streamHistory, newsletterTouches, featuredProducts, LEGACY_NEWSLETTER, DEFAULT_HISTORY_CHUNK,
  type HistoryChunk, type HistoryOptions,
} from './history.js';
export { observeMember, type ObservedCart, type ObservedMember } from './observe.js';
export { buildCatalog, type SimCatalog } from './catalog.js';
export { CATEGORIES, CATEGORY_IDS, PROGRESSIONS, type CategoryId, type CategorySpec } from './catalog-data.js';
export { memberAt, type Member, type MemberTable } from './members.js';
export { PERSONAS, PERSONA_IDS, type PersonaId, type PersonaSpec } from './personas.js';
export { FRAMINGS, FRAMING_FIT, RESPONSE_PARAMS, responseProbabilities, type Framing, type ResponseProbabilities, type TouchSituation } from './response-model.js';
export type { Touch, TouchOutcome, TouchStatus, TouchTotals, WeekTotals } from './outcomes.js';
export type { SimMessage, SimIdentify, SimPage, SimTrack } from './messages.js';
export { weekStartMs, WEEK_MS, type Calendar } from './clock.js';
