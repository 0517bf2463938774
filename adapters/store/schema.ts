/**
 * The store's tables as Kysely sees them (https://kysely.dev/docs/getting-started#types). One schema for
 * SQLite and PostgreSQL: times are ISO 8601 UTC strings (`Date#toISOString()`, always 24 characters, so
 * they sort and compare as text in both), flags are integers 0/1, lists are JSON text. The migrations in
 * migrations.ts create exactly these columns.
 */
/** One answered question (the audit log). */
export interface AuditAnswerTable {
  /** A UUID made before the reply was sent (the feedback buttons carry it). */
  id: string;
  /** When the question was answered, ISO 8601 UTC. */
  at: string;
  /** `slack`, `teams` or `cli`. */
  platform: string;
  /** Slack team id or Teams tenant id, when known. */
  workspace: string | null;
  /** `dm`, `channel` or `slash_command`. */
  channel_kind: string;
  /** The user as AUDIT_USER_IDS says: the platform's id, its salted hash, or null. */
  user_id: string | null;
  /** The question as asked (trimmed). */
  question: string;
  /** The question folded for grouping (lowercase, no accents, punctuation and mentions removed). */
  question_norm: string;
  verdict: string;
  intent: string;
  /** JSON: `[{ "name": "Amazon Connect", "status": "in_scope" }, …]`. */
  items: string;
  /** 1 when an item's status is `not_listed` (what `audit unanswered` looks for), else 0. */
  not_listed: number;
  report_id: string | null;
  period_start: string | null;
  period_end: string | null;
  /** From the question's arrival to the reply handed to the platform (or given up on), in milliseconds. */
  latency_ms: number;
  /** 1 when the platform took the reply, 0 when it refused it or did not answer in time. */
  delivered: number;
}

/** One person's vote on one answer; a second vote replaces the first (primary key answer_id, voter). */
export interface FeedbackTable {
  answer_id: string;
  /** Who voted, as AUDIT_USER_IDS says (with `drop`: a hash that is unique per answer only). */
  voter: string;
  platform: string;
  /** `up` or `down`. */
  vote: string;
  /** The optional one-line reason given with a 👎. */
  reason: string | null;
  at: string;
}

/** A delivery that some replica has taken on (Slack event_id, Teams activity id, a Share click). */
export interface DeliveryClaimTable {
  key: string;
  claimed_at: string;
  /** After this the key may be claimed again. */
  expires_at: string;
}

/** Small settings the store keeps for itself (the generated AUDIT_SALT when none is configured). */
export interface StoreMetaTable {
  key: string;
  value: string;
}

/** The whole database. */
export interface Database {
  audit_answer: AuditAnswerTable;
  feedback: FeedbackTable;
  delivery_claim: DeliveryClaimTable;
  store_meta: StoreMetaTable;
}
