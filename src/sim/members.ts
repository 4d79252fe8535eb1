// Members and their latent traits, stored column by column (typed arrays) so that 2.3M members
// take ~150 MB and generate in seconds. `memberAt` decodes one member into a plain object.
import { CHANNELS, CONSENT_TIERS, type Channel, type ChannelSubscriptions, type ConsentTier } from '../core/consent.js';
import { randomBeta, randomGamma, randomInt, randomNormal, weightedIndex, type Rng } from '../core/random.js';
import { APPAREL_SIZES, CATEGORY_IDS, SHOE_SIZES, STAGE_IDS, type CategoryId, type StageId } from './catalog-data.js';
import { DAY_MS, type Calendar } from './clock.js';
import { anonymousIdOf, deviceIdOf, emailOf, loyaltyIdOf, nameOf, userIdOf } from './identity.js';
import { AFFINITY_NOISE, GIFT_GIVER_AFFINITY, INTEREST_SHARES, INTERESTS, SECOND_INTEREST_ODDS, type InterestSpec } from './interests.js';
import { GIFT_SEASON_ODDS, GIFT_SEASONS, PERSONA_IDS, PERSONA_SHARES, personaSpec, type GiftSeason, type PersonaId } from './personas.js';
import { STREAMS, streamRng } from './streams.js';
import { phoneOf, ZONE_SHARES, ZONES } from './zones.js';

export const CATEGORY_COUNT = CATEGORY_IDS.length;
/** Bit of each channel in subscription masks. */
export const CHANNEL_BIT: Readonly<Record<Channel, number>> = { email: 1, sms: 2, push: 4, in_app: 8 };
export const MEMBER_FLAGS = { hasApp: 1, secondDevice: 2, birthdayStated: 4, interestsStated: 8, initiallyDormant: 16 } as const;

/** Consent tiers at enrolment: most basic, some personalized, fewer proactive. */
export const TIER_SHARES: readonly number[] = [0.7, 0.22, 0.08];
/** Population share of each local best hour (0–23): mornings, lunch, and mostly evenings. */
export const BEST_HOUR_SHARES: readonly number[] = [
  0, 0, 0, 0, 0, 0, 0.02, 0.08, 0.08, 0.04, 0.03, 0.03, 0.08, 0.05, 0.02, 0.02, 0.02, 0.03, 0.07, 0.1, 0.12, 0.1, 0.07, 0.04,
];
export const CHANNEL_ODDS = {
  emailSubscribed: 0.9,
  phoneOnFile: 0.6,
  smsGivenPhone: 0.45,
  pushGivenApp: 0.6,
  secondDevice: 0.15,
  birthdayStated: 0.55,
  interestsStated: 0.4,
} as const;
/** Preference among the channels a member is subscribed to. */
export const CHANNEL_PREFERENCE: Readonly<Record<Channel, number>> = { email: 0.5, sms: 0.2, push: 0.2, in_app: 0.1 };
/** Members not new who enrolled during the history rather than before it. */
export const ENROLLED_DURING_HISTORY = 0.12;
const YEARS_OF_PROGRAM = 5;
/** Share of members enrolling during the history who browsed anonymously first, and for how many visits. */
export const ANONYMOUS_FIRST = { share: 0.4, maxVisits: 3 } as const;
const APPAREL_SIZE_SHARES = [0.08, 0.2, 0.32, 0.24, 0.12, 0.04];

export interface MemberTable {
  seed: number;
  count: number;
  persona: Uint8Array;
  interest: Uint8Array;
  /** Progression stage at enrolment (index into STAGE_IDS), −1 for none. */
  startStage: Int8Array;
  /** count × CATEGORY_COUNT affinities, 0 … 255. */
  affinity: Uint8Array;
  priceSensitivity: Float32Array;
  engagement: Float32Array;
  visitRate: Float32Array;
  fatigueTolerance: Float32Array;
  creepSensitivity: Float32Array;
  churnHazard: Float32Array;
  /** Bit i set: shops for GIFT_SEASONS[i]. */
  giftSeasons: Uint8Array;
  bestHour: Uint8Array;
  zone: Uint8Array;
  tier: Uint8Array;
  /** Channel subscriptions at enrolment (CHANNEL_BIT mask). */
  subscriptions: Uint8Array;
  preferredChannel: Uint8Array;
  flags: Uint8Array;
  enrolledAt: Float64Array;
  /** Week a Lapsed VIP starts to decline; −1 for everyone else. */
  lapseWeek: Int16Array;
  /** Birthday as day of a non-leap year (0–364), and birth year. */
  birthDay: Uint16Array;
  birthYear: Uint16Array;
  shoeSize: Uint8Array;
  apparelSize: Uint8Array;
  anonymousVisits: Uint8Array;
  /** Rank among members of the same zone with a phone (see phoneOf); −1 for none. */
  phoneSerial: Int32Array;
}

function emptyTable(seed: number, count: number): MemberTable {
  return {
    seed, count,
    persona: new Uint8Array(count), interest: new Uint8Array(count), startStage: new Int8Array(count),
    affinity: new Uint8Array(count * CATEGORY_COUNT), priceSensitivity: new Float32Array(count),
    engagement: new Float32Array(count), visitRate: new Float32Array(count), fatigueTolerance: new Float32Array(count),
    creepSensitivity: new Float32Array(count), churnHazard: new Float32Array(count), giftSeasons: new Uint8Array(count),
    bestHour: new Uint8Array(count), zone: new Uint8Array(count), tier: new Uint8Array(count),
    subscriptions: new Uint8Array(count), preferredChannel: new Uint8Array(count), flags: new Uint8Array(count),
    enrolledAt: new Float64Array(count), lapseWeek: new Int16Array(count), birthDay: new Uint16Array(count),
    birthYear: new Uint16Array(count), shoeSize: new Uint8Array(count), apparelSize: new Uint8Array(count),
    anonymousVisits: new Uint8Array(count), phoneSerial: new Int32Array(count),
  };
}

function drawAffinities(rng: Rng, table: MemberTable, i: number, isGiftGiver: boolean): void {
  const primary = INTERESTS[table.interest[i] as number] as InterestSpec;
  const secondary = rng.next() < SECOND_INTEREST_ODDS ? INTERESTS[weightedIndex(rng, INTEREST_SHARES)] : undefined;
  CATEGORY_IDS.forEach((category, c) => {
    const raw = (primary.affinity[category] ?? 0) + 0.5 * (secondary?.affinity[category] ?? 0)
      + (isGiftGiver ? GIFT_GIVER_AFFINITY[category] ?? 0 : 0) + AFFINITY_NOISE * rng.next();
    table.affinity[i * CATEGORY_COUNT + c] = Math.round(255 * Math.min(1, raw));
  });
}

function drawEnrolment(rng: Rng, table: MemberTable, i: number, persona: PersonaId, calendar: Calendar): void {
  const ninetyDaysBeforeNow = calendar.nowMs - 90 * DAY_MS;
  let enrolled: number;
  if (persona === 'New Members') enrolled = calendar.nowMs - rng.next() * 90 * DAY_MS;
  else if (persona !== 'Lapsed VIPs' && ninetyDaysBeforeNow > calendar.startMs && rng.next() < ENROLLED_DURING_HISTORY) {
    enrolled = calendar.startMs + rng.next() * (ninetyDaysBeforeNow - calendar.startMs);
  } else {
    // Older enrolments are rarer: the programme grew.
    enrolled = calendar.startMs - Math.pow(rng.next(), 1.5) * YEARS_OF_PROGRAM * 365 * DAY_MS;
  }
  table.enrolledAt[i] = Math.floor(enrolled / 1000) * 1000;
  table.anonymousVisits[i] = enrolled > calendar.startMs && rng.next() < ANONYMOUS_FIRST.share ? 1 + randomInt(rng, ANONYMOUS_FIRST.maxVisits) : 0;
  table.lapseWeek[i] = persona === 'Lapsed VIPs' ? Math.floor(calendar.historyWeeks * (0.25 + 0.45 * rng.next())) : -1;
}

function drawChannels(rng: Rng, table: MemberTable, i: number, hasApp: boolean, phoneSerials: Int32Array): void {
  const zone = table.zone[i] as number;
  const hasPhone = ZONES[zone]?.areaCodes != null && rng.next() < CHANNEL_ODDS.phoneOnFile;
  const serial = hasPhone ? (phoneSerials[zone] as number) : -1;
  if (hasPhone) phoneSerials[zone] = serial + 1;
  table.phoneSerial[i] = phoneOf(zone, serial) === null ? -1 : serial;
  let subscribed = 0;
  if (rng.next() < CHANNEL_ODDS.emailSubscribed) subscribed |= CHANNEL_BIT.email;
  if ((table.phoneSerial[i] as number) >= 0 && rng.next() < CHANNEL_ODDS.smsGivenPhone) subscribed |= CHANNEL_BIT.sms;
  if (hasApp && rng.next() < CHANNEL_ODDS.pushGivenApp) subscribed |= CHANNEL_BIT.push;
  if (hasApp) subscribed |= CHANNEL_BIT.in_app;
  table.subscriptions[i] = subscribed;
  const weights = CHANNELS.map((channel) => (subscribed & CHANNEL_BIT[channel] ? CHANNEL_PREFERENCE[channel] : 0));
  table.preferredChannel[i] = subscribed === 0 ? 0 : weightedIndex(rng, weights);
}

function drawMember(rng: Rng, table: MemberTable, i: number, calendar: Calendar, phoneSerials: Int32Array): void {
  const p = weightedIndex(rng, PERSONA_SHARES);
  const spec = personaSpec(p);
  table.persona[i] = p;
  const interest = weightedIndex(rng, INTEREST_SHARES);
  table.interest[i] = interest;
  const stages = (INTERESTS[interest] as InterestSpec).startStages;
  table.startStage[i] = stages.length === 0 ? -1 : STAGE_IDS.indexOf(stages[randomInt(rng, stages.length)] as StageId);
  drawAffinities(rng, table, i, spec.id === 'Gift Givers');

  table.priceSensitivity[i] = randomBeta(rng, ...spec.priceSensitivity);
  table.engagement[i] = randomBeta(rng, ...spec.engagement);
  table.visitRate[i] = (spec.visitsPerWeek * randomGamma(rng, spec.visitShape)) / spec.visitShape;
  table.fatigueTolerance[i] = Math.max(0.5, (spec.fatigueTolerance * randomGamma(rng, 4)) / 4);
  table.creepSensitivity[i] = randomBeta(rng, ...spec.creepSensitivity);
  table.churnHazard[i] = spec.churnHazard * Math.exp(randomNormal(rng, 0, 0.5));

  const odds = spec.id === 'Gift Givers' ? GIFT_SEASON_ODDS.giftGiver : GIFT_SEASON_ODDS.other;
  let seasons = 0;
  odds.forEach((chance, s) => {
    if (rng.next() < chance) seasons |= 1 << s;
  });
  table.giftSeasons[i] = seasons;

  table.bestHour[i] = weightedIndex(rng, BEST_HOUR_SHARES);
  table.zone[i] = weightedIndex(rng, ZONE_SHARES);
  table.tier[i] = weightedIndex(rng, TIER_SHARES);
  const hasApp = rng.next() < spec.appShare;
  drawChannels(rng, table, i, hasApp, phoneSerials);
  let flags = hasApp ? MEMBER_FLAGS.hasApp : 0;
  if (hasApp && rng.next() < CHANNEL_ODDS.secondDevice) flags |= MEMBER_FLAGS.secondDevice;
  if (rng.next() < CHANNEL_ODDS.birthdayStated) flags |= MEMBER_FLAGS.birthdayStated;
  if (rng.next() < CHANNEL_ODDS.interestsStated) flags |= MEMBER_FLAGS.interestsStated;
  if (rng.next() < spec.dormantAtStart) flags |= MEMBER_FLAGS.initiallyDormant;
  table.flags[i] = flags;

  drawEnrolment(rng, table, i, spec.id, calendar);
  table.birthDay[i] = randomInt(rng, 365);
  const age = Math.min(80, Math.max(18, Math.round(randomNormal(rng, 38, 12))));
  table.birthYear[i] = new Date(calendar.nowMs).getUTCFullYear() - age;
  table.shoeSize[i] = Math.min(SHOE_SIZES.length - 1, Math.max(0, Math.round(randomNormal(rng, 8, 2.6))));
  table.apparelSize[i] = weightedIndex(rng, APPAREL_SIZE_SHARES);
}

/** Draws `count` members for a seed; the same seed and count give the same members. */
export function generateMembers(seed: number, count: number, calendar: Calendar): MemberTable {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`member count must be a whole number ≥ 0, got ${count}`);
  const table = emptyTable(seed, count);
  const rng = streamRng(seed, STREAMS.traits);
  const phoneSerials = new Int32Array(ZONES.length);
  for (let i = 0; i < count; i++) drawMember(rng, table, i, calendar, phoneSerials);
  return table;
}

/** One member decoded: latent traits (what the world knows) and identifiers (what Attune can learn). */
export interface Member {
  index: number;
  userId: string;
  loyaltyId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  timezone: string;
  deviceIds: string[];
  /** The browser cookie id of the first visit. */
  firstAnonymousId: string;
  persona: PersonaId;
  interest: InterestSpec['id'];
  categoryAffinity: Record<CategoryId, number>;
  priceSensitivity: number;
  engagement: number;
  visitsPerWeek: number;
  fatigueTolerance: number;
  creepSensitivity: number;
  churnHazard: number;
  giftSeasons: Array<GiftSeason['id']>;
  bestHour: number;
  consentTier: ConsentTier;
  subscriptionsAtEnrolment: ChannelSubscriptions;
  preferredChannel: Channel;
  hasApp: boolean;
  enrolledAt: string;
  lapseWeek: number | null;
  /** YYYY-MM-DD. The member tells Athena only when `birthdayStated`. */
  birthday: string;
  birthdayStated: boolean;
  interestsStated: boolean;
  shoeSize: string;
  apparelSize: string;
  anonymousVisitsBeforeEnrolment: number;
}

export function birthdayOf(table: MemberTable, i: number): string {
  const date = new Date(Date.UTC(2001, 0, 1 + (table.birthDay[i] as number)));
  return `${table.birthYear[i]}-${date.toISOString().slice(5, 10)}`;
}

function deviceIdsOf(table: MemberTable, i: number): string[] {
  const flags = table.flags[i] as number;
  if ((flags & MEMBER_FLAGS.hasApp) === 0) return [];
  const devices = (flags & MEMBER_FLAGS.secondDevice) !== 0 ? 2 : 1;
  return Array.from({ length: devices }, (_, d) => deviceIdOf(table.seed, i, d));
}

export function affinityOf(table: MemberTable, i: number, category: number): number {
  return (table.affinity[i * CATEGORY_COUNT + category] as number) / 255;
}

export function memberAt(table: MemberTable, i: number): Member {
  if (!Number.isInteger(i) || i < 0 || i >= table.count) throw new RangeError(`no member ${i} (the world has ${table.count})`);
  const name = nameOf(table.seed, i);
  const flags = table.flags[i] as number;
  const subscriptions = table.subscriptions[i] as number;
  const lapseWeek = table.lapseWeek[i] as number;
  return {
    index: i,
    userId: userIdOf(i),
    loyaltyId: loyaltyIdOf(i),
    ...name,
    email: emailOf(table.seed, i, name),
    phone: phoneOf(table.zone[i] as number, table.phoneSerial[i] as number),
    timezone: (ZONES[table.zone[i] as number] as { id: string }).id,
    deviceIds: deviceIdsOf(table, i),
    firstAnonymousId: anonymousIdOf(table.seed, i, 0),
    persona: PERSONA_IDS[table.persona[i] as number] as PersonaId,
    interest: (INTERESTS[table.interest[i] as number] as InterestSpec).id,
    categoryAffinity: Object.fromEntries(CATEGORY_IDS.map((c, k) => [c, affinityOf(table, i, k)])) as Record<CategoryId, number>,
    priceSensitivity: table.priceSensitivity[i] as number,
    engagement: table.engagement[i] as number,
    visitsPerWeek: table.visitRate[i] as number,
    fatigueTolerance: table.fatigueTolerance[i] as number,
    creepSensitivity: table.creepSensitivity[i] as number,
    churnHazard: table.churnHazard[i] as number,
    giftSeasons: GIFT_SEASONS.filter((_, s) => ((table.giftSeasons[i] as number) & (1 << s)) !== 0).map((s) => s.id),
    bestHour: table.bestHour[i] as number,
    consentTier: CONSENT_TIERS[table.tier[i] as number] as ConsentTier,
    subscriptionsAtEnrolment: Object.fromEntries(CHANNELS.map((c) => [c, (subscriptions & CHANNEL_BIT[c]) !== 0])) as ChannelSubscriptions,
    preferredChannel: CHANNELS[table.preferredChannel[i] as number] as Channel,
    hasApp: (flags & MEMBER_FLAGS.hasApp) !== 0,
    enrolledAt: new Date(table.enrolledAt[i] as number).toISOString(),
    lapseWeek: lapseWeek < 0 ? null : lapseWeek,
    birthday: birthdayOf(table, i),
    birthdayStated: (flags & MEMBER_FLAGS.birthdayStated) !== 0,
    interestsStated: (flags & MEMBER_FLAGS.interestsStated) !== 0,
    shoeSize: SHOE_SIZES[table.shoeSize[i] as number] as string,
    apparelSize: APPAREL_SIZES[table.apparelSize[i] as number] as string,
    anonymousVisitsBeforeEnrolment: table.anonymousVisits[i] as number,
  };
}
