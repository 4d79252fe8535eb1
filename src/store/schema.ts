// Table shapes as Kysely sees them. Times are epoch milliseconds (integers) on both SQLite and
// PostgreSQL so that comparisons and arithmetic behave the same; JSON documents are stored as
// text on both, parsed and serialised only in this folder.
import type { ColumnType, Generated } from 'kysely';

export interface ProfilesTable {
  profile_id: string;
  /** Time of the earliest event known for the member. */
  first_seen_at: number;
  updated_at: number;
  /** JSON object: identify traits, newest value per key. */
  traits: string;
  consent_tier: string;
  /** JSON object: ChannelSubscriptions. */
  channels: string;
  timezone: string | null;
  /** JSON object: ProfileStats, the live rollup updated with every event. */
  stats: string;
}

export interface IdentifiersTable {
  id_type: string;
  id_value: string;
  profile_id: string;
  created_at: number;
}

export interface EventsTable {
  message_id: string;
  profile_id: string;
  type: string;
  event: string | null;
  data_class: string;
  timestamp: number;
  received_at: number;
  /** JSON object: the normalised Segment message as stored. */
  payload: string;
}

export interface MergesTable {
  merge_id: string;
  at: number;
  into_profile_id: string;
  from_profile_id: string;
  cause: string;
  message_id: string | null;
  identifier_type: string | null;
}

export interface ConsentLogTable {
  change_id: string;
  profile_id: string;
  at: number;
  source: string;
  tier_before: string;
  tier_after: string;
  channels_before: string;
  channels_after: string;
}

export interface WriteKeysTable {
  key_hash: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ProductsTable {
  product_id: string;
  name: string;
  category: string;
  price: number;
  currency: string;
  inventory: number | null;
  /** JSON array of strings. */
  sizes: string;
  margin: number | null;
  url: string | null;
  updated_at: number;
}

export interface ModelArtifactsTable {
  model: string;
  version: string;
  trained_at: number;
  window_from: number;
  window_to: number;
  /** JSON array of data classes the model reads. */
  data_classes: string;
  /** JSON: the fitted parameters. */
  params: string;
  /** JSON: what the fit achieved. */
  metrics: string;
}

export interface ProfileScoresTable {
  profile_id: string;
  model_version: string;
  scored_at: number;
  /** JSON: MemberScores. */
  scores: string;
}

export interface DecisionsTable {
  decision_id: string;
  profile_id: string;
  decided_at: number;
  mode: string;
  action: string;
  channel: string | null;
  send_at: number | null;
  probability: number;
  /** 0 or 1 (portable boolean). */
  holdout: number;
  promotional: number;
  policy_key: string | null;
  model_version: string | null;
  /** JSON arrays. */
  reasons: string;
  candidates: string;
  rejections: string;
  /** `reward`, `penalty` or `none` once learned; null before. */
  outcome: string | null;
  outcome_at: number | null;
}

export interface OutboxTable {
  decision_id: string;
  profile_id: string;
  action: string;
  channel: string;
  state: string;
  promotional: number;
  send_at: number;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  /** JSON: the composed message. */
  message: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  provider_id: string | null;
}

export interface TasksTable {
  task_id: string;
  profile_id: string;
  decision_id: string;
  created_at: number;
  state: string;
  priority: number;
  reason_code: string;
  /** JSON: what the person needs to know. */
  context: string;
  claimed_by: string | null;
  claimed_at: number | null;
  resolved_at: number | null;
  outcome: string | null;
  note: string | null;
}

export interface AuditLogTable {
  entry_id: string;
  at: number;
  actor: string;
  subject_type: string;
  subject_id: string;
  profile_id: string | null;
  action: string;
  detail: string;
}

export interface TriggersTable {
  trigger_id: string;
  profile_id: string;
  action: string;
  event_at: number;
  due_at: number;
  source_message_id: string;
  state: string;
  decision_id: string | null;
  updated_at: number;
}

export interface PolicyArmsTable {
  policy_key: string;
  successes: number;
  failures: number;
  penalties: number;
  updated_at: number;
}

export interface Database {
  profiles: ProfilesTable;
  identifiers: IdentifiersTable;
  events: EventsTable;
  merges: MergesTable;
  consent_log: ConsentLogTable;
  write_keys: WriteKeysTable;
  settings: SettingsTable;
  products: ProductsTable;
  model_artifacts: ModelArtifactsTable;
  profile_scores: ProfileScoresTable;
  decisions: DecisionsTable;
  outbox: OutboxTable;
  tasks: TasksTable;
  audit_log: AuditLogTable;
  triggers: TriggersTable;
  policy_arms: PolicyArmsTable;
}

// Re-exported so that later tables with generated columns can use them without another import.
export type { ColumnType, Generated };
