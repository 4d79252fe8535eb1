// Joining Athena Rewards. Members who joined before the history are imported at its start (an
// identify with their traits and consent). Members who join during it may first browse
// anonymously; at sign-up an identify ties that browser's anonymous id to the new userId.
import { CHANNELS, CONSENT_TIERS } from '../core/consent.js';
import { EVENTS } from '../core/events.js';
import { APPAREL_SIZES, CATEGORY_IDS, SHOE_SIZES } from './catalog-data.js';
import { DAY_MS, HOUR_MS } from './clock.js';
import { browser, type MemberWeek } from './member-week.js';
import { emailOf, loyaltyIdOf, nameOf } from './identity.js';
import { affinityOf, birthdayOf, CHANNEL_BIT, MEMBER_FLAGS } from './members.js';
import { visit } from './shopping.js';
import { STREAMS, streamRng } from './streams.js';
import { phoneOf, ZONES } from './zones.js';

/** Anonymous visits before joining happen within this many days before sign-up. */
export const ANONYMOUS_VISIT_WINDOW_DAYS = 14;

/** The moment the member's identify is sent: sign-up, or the history's start (spread over its first hour) for earlier members. */
export function identifyAt(mw: MemberWeek): number {
  const { calendar, members } = mw.world;
  const enrolledAt = members.enrolledAt[mw.i] as number;
  return enrolledAt >= calendar.startMs ? enrolledAt : calendar.startMs + (mw.i % 3600) * 1000;
}

/** Is there nothing for this member to do this week before they join? (Most not-yet-members.) */
export function beforeAnyActivity(mw: MemberWeek): boolean {
  if (mw.world.state.identified[mw.i] === 1) return false;
  return identifyAt(mw) - ANONYMOUS_VISIT_WINDOW_DAYS * DAY_MS >= mw.weekEnd;
}

/** What the member told Athena at sign-up: identity, and the stated birthday, interests and sizes some give. */
function traitsOf(mw: MemberWeek): Record<string, unknown> {
  const { members, seed } = mw.world;
  const i = mw.i;
  const name = nameOf(seed, i);
  const flags = members.flags[i] as number;
  const traits: Record<string, unknown> = {
    email: emailOf(seed, i, name),
    firstName: name.firstName,
    lastName: name.lastName,
    name: `${name.firstName} ${name.lastName}`,
    loyaltyId: loyaltyIdOf(i),
    createdAt: new Date(members.enrolledAt[i] as number).toISOString(),
    timezone: (ZONES[mw.zone] as { id: string }).id,
  };
  const phone = phoneOf(members.zone[i] as number, members.phoneSerial[i] as number);
  if (phone !== null) traits.phone = phone;
  if ((flags & MEMBER_FLAGS.birthdayStated) !== 0) traits.birthday = birthdayOf(members, i);
  if ((flags & MEMBER_FLAGS.interestsStated) !== 0) {
    const ranked = CATEGORY_IDS.map((id, c) => ({ id, affinity: affinityOf(members, i, c) })).sort((a, b) => b.affinity - a.affinity);
    traits.favoriteCategories = ranked.slice(0, 2).map((entry) => entry.id);
    traits.sizes = { shoe: SHOE_SIZES[members.shoeSize[i] as number], apparel: APPAREL_SIZES[members.apparelSize[i] as number] };
  }
  return traits;
}

/** Anonymous first visits and the sign-up (or import) that fall in this week. */
export function enrolmentWeek(mw: MemberWeek): void {
  const { world, i, log, totals } = mw;
  if (world.state.identified[i] === 1) return;
  const joinAt = identifyAt(mw);
  const firstVisits = streamRng(world.seed, STREAMS.firstVisits, i);
  const count = world.members.anonymousVisits[i] as number;
  for (let k = 0; k < count; k++) {
    const at = joinAt - HOUR_MS - firstVisits.next() * (ANONYMOUS_VISIT_WINDOW_DAYS * DAY_MS - HOUR_MS);
    if (at >= mw.weekStart && at < mw.weekEnd) visit(mw, mw.rng, at, browser(mw, false), { browseOnly: true });
  }
  if (joinAt < mw.weekStart || joinAt >= mw.weekEnd) return;

  const signedUpOnline = (world.members.enrolledAt[i] as number) >= world.calendar.startMs;
  const cookie = browser(mw, false);
  if (signedUpOnline) log.page(joinAt - 60_000, cookie, 'Join Athena Rewards', { path: '/rewards/join', url: 'https://athena.example/rewards/join' });
  log.identify(joinAt, { userId: mw.userId, ...cookie }, traitsOf(mw));
  const subscriptions = world.members.subscriptions[i] as number;
  log.track(joinAt, { userId: mw.userId }, EVENTS.consentUpdated, {
    tier: CONSENT_TIERS[world.members.tier[i] as number],
    channels: Object.fromEntries(CHANNELS.map((channel) => [channel, (subscriptions & CHANNEL_BIT[channel]) !== 0])),
  });
  world.state.identified[i] = 1;
  totals.enrolments += 1;
}
