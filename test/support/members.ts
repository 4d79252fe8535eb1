// Builds profiles from event histories without a database, for pure decision tests.
import type { ChannelSubscriptions, ConsentTier } from '../../src/core/index.js';
import type { SegmentMessage } from '../../src/ingest/index.js';
import { replayStats } from '../../src/profiles/index.js';
import type { ProfileRecord } from '../../src/store/index.js';
import type { MemberScores } from '../../src/understand/scores.js';

export type HistoryEntry = [event: string, at: string, properties?: Record<string, unknown>];

export interface MemberSpec {
  id?: string;
  tier?: ConsentTier;
  timezone?: string | null;
  channels?: Partial<ChannelSubscriptions>;
  joined?: string;
  history?: HistoryEntry[];
}

export function messageOf([event, at, properties = {}]: HistoryEntry): { message: SegmentMessage; timestamp: number } {
  const type = event === 'page' ? 'page' : 'track';
  const message: SegmentMessage = {
    messageId: `${event}-${at}`, type, properties, traits: {}, context: {}, timestamp: at, receivedAt: at,
    ...(type === 'track' ? { event } : {}),
  };
  return { message, timestamp: Date.parse(at) };
}

export function member(spec: MemberSpec = {}): ProfileRecord {
  const history = (spec.history ?? []).map(messageOf).sort((a, b) => a.timestamp - b.timestamp);
  return {
    profileId: spec.id ?? 'member-1',
    firstSeenAt: Date.parse(spec.joined ?? '2025-01-01T00:00:00Z'),
    updatedAt: 0,
    traits: {},
    consent: { tier: spec.tier ?? 'personalized', channels: { email: true, sms: false, push: true, in_app: true, ...spec.channels } },
    timezone: spec.timezone === undefined ? 'America/New_York' : spec.timezone,
    stats: replayStats(history),
  };
}

/** Full model scores with sensible defaults, for decision tests. */
export function scoresFor(partial: Partial<MemberScores> & { profileId?: string } = {}): MemberScores {
  return {
    profileId: 'member-1',
    modelVersion: 'v-test',
    scoredAt: 0,
    tier: 'proactive',
    segment: { name: 'unknown', reasons: [] },
    churnRisk: null,
    clv: null,
    pAlive: null,
    expectedPurchases: null,
    topProducts: [],
    bestHour: null,
    preferredChannel: null,
    emotionalState: { state: 'calm', intensity: 0, needsHuman: false, humanReasons: [] },
    basis: { segment: ['purchase'], churnRisk: ['purchase'], value: ['purchase'], topProducts: ['purchase'], bestHour: ['engagement'], preferredChannel: ['engagement'], emotionalState: ['service'] },
    ...partial,
  };
}

export function bestHourAt(hour: number, timezone = 'UTC'): NonNullable<MemberScores['bestHour']> {
  return { hourOfWeek: hour, weekday: 'Mon', hour, timezone, observations: 10 };
}
