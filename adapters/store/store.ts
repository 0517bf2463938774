/**
 * The store: what the server remembers (the audit log, feedback, delivery claims), behind one small
 * interface with one implementation over Kysely for both SQLite and PostgreSQL (the queries are written
 * once; open.ts picks the dialect). Every method may reject (the database down, a file not writable):
 * callers off the reply's path (audit.ts, claims.ts) turn that into a warning.
 */
import { sql, type Kysely } from 'kysely';
import { Batcher } from './batch.js';
import type { Database } from './schema.js';

/** How long an audit row may wait for others to be inserted with (ms): a few statements a second under load. */
export const AUDIT_BATCH_DELAY_MS = 50;

/** Which database a store runs on (named by `GET /healthz`). */
export type StoreKind = 'sqlite' | 'postgres';

/** Where a question was asked. */
export type ChannelKind = 'dm' | 'channel' | 'slash_command';

/** What is kept of one answered question. */
export interface AnswerRecord {
  /** A UUID, made before the reply (the feedback buttons carry it). */
  id: string;
  at: Date;
  platform: 'slack' | 'teams' | 'cli';
  /** Slack team id, Teams tenant id. */
  workspace?: string;
  channelKind: ChannelKind;
  /** Already as AUDIT_USER_IDS says (see user-ids.ts); absent with `drop`. */
  userId?: string;
  question: string;
  /** The question folded for grouping (see wording.ts). */
  questionNorm: string;
  verdict: string;
  intent: string;
  /** Each thing asked about, with its status (`in_scope`, `not_listed`, `covered`, ...). */
  items: Array<{ name: string; status: string }>;
  reportId?: string;
  periodStart?: string;
  periodEnd?: string;
  /** From the question's arrival to the reply sent (or given up on), in milliseconds. */
  latencyMs: number;
  /** Whether the platform took the reply (default true). */
  delivered?: boolean;
}

/** One person's vote on one answer. */
export interface FeedbackRecord {
  answerId: string;
  /** The voter as AUDIT_USER_IDS says (see user-ids.ts). */
  voter: string;
  platform: string;
  vote: 'up' | 'down';
  /** A one-line reason (👎 only); absent keeps a reason already given. */
  reason?: string;
  at: Date;
}

/** A filter on the log; every field optional. */
export interface LogQuery {
  since?: Date;
  verdict?: string;
  platform?: string;
  /** At most this many rows, newest first (default 1,000). */
  limit?: number;
}

/** An answered question as `audit` lists it, with the latest vote on it (if any). */
export interface LogRow extends Omit<AnswerRecord, 'questionNorm' | 'delivered'> {
  /** Whether the platform took the reply. */
  delivered: boolean;
  /** Votes on this answer: how many 👍 and 👎. */
  up: number;
  down: number;
}

/** Questions that got no answer, grouped by their folded wording. */
export interface UnansweredGroup {
  /** The folded wording they share. */
  wording: string;
  /** The most recent question as asked. */
  example: string;
  count: number;
  /** How many of them were `unknown`, had an item `not_listed`, got a 👎 (one question may count twice). */
  unknown: number;
  notListed: number;
  down: number;
  lastAt: Date;
}

/** One day of the log (UTC). */
export interface DayStats {
  day: string;
  questions: number;
  /** Questions per verdict. */
  verdicts: Record<string, number>;
  up: number;
  down: number;
  /** Share of votes that are 👎, 0..1 (0 with no votes). */
  downShare: number;
  /** Latency percentiles, milliseconds (nearest-rank). */
  p50Ms: number;
  p99Ms: number;
}

/** The store's interface: the server's only way to the database. */
export interface Store {
  readonly kind: StoreKind;
  /** Applies pending migrations (idempotent; safe for two replicas at once). */
  migrate(): Promise<void>;
  recordAnswer(record: AnswerRecord): Promise<void>;
  /** Records a vote; a second vote of the same voter on the same answer replaces the first. */
  recordFeedback(record: FeedbackRecord): Promise<void>;
  /**
   * Claims a delivery id for `ttlMs`: true for the one caller that got it (first, or after it expired),
   * false for every other, across processes. One atomic statement: an insert that conflicts loses.
   */
  claim(key: string, ttlMs: number, now?: Date): Promise<boolean>;
  /** The log, newest first. */
  queryLog(query?: LogQuery): Promise<LogRow[]>;
  /** Unanswered questions (unknown, not listed, or voted 👎) since a time, most frequent first. */
  unanswered(since?: Date, limit?: number): Promise<UnansweredGroup[]>;
  /** Per UTC day since a time, oldest first. */
  stats(since?: Date): Promise<DayStats[]>;
  /** Deletes answers and feedback older than `before`, and expired claims; returns rows deleted. */
  purge(before: Date, now?: Date): Promise<number>;
  /** The value of a store setting, inserting `fallback` if none is there yet (first writer wins). */
  setting(key: string, fallback: string): Promise<string>;
  close(): Promise<void>;
}

/** A claim waiting for its batch: the key and its times (ISO 8601). */
interface PendingClaim {
  key: string;
  claimedAt: string;
  expiresAt: string;
}

/**
 * A Store over a Kysely instance of either dialect. `migrate` is given by open.ts (it knows the schema);
 * `usable`, when given, runs before every statement and throws when the database can no longer be used
 * although the driver would not notice (SQLite: STORE_FILE deleted or replaced under the open file).
 */
export class KyselyStore implements Store {
  constructor(
    readonly kind: StoreKind,
    private readonly database: Kysely<Database>,
    private readonly migrator: (db: Kysely<Database>) => Promise<void>,
    private readonly usable?: () => void,
  ) {}

  /** The database, once `usable` has said it still is. */
  private get db(): Kysely<Database> {
    this.usable?.();
    return this.database;
  }

  async migrate(): Promise<void> {
    await this.migrator(this.db);
  }

  /**
   * Answers recorded within {@link AUDIT_BATCH_DELAY_MS} of each other are inserted together (batch.ts): no
   * reply waits for its audit row.
   */
  private readonly answers = new Batcher<AnswerRecord>({
    delayMs: AUDIT_BATCH_DELAY_MS,
    writeMany: async (records) => {
      await this.insertAnswers(records);
      return [];
    },
    writeOne: (record) => this.insertAnswers([record]),
  });

  /** Claims made in the same event-loop turn go to the database in one statement (batch.ts), each with its outcome. */
  private readonly claims = new Batcher<PendingClaim, boolean>({
    writeMany: (claims) => this.insertClaims(claims),
    writeOne: async (claim) => (await this.insertClaims([claim]))[0]!,
  });

  recordAnswer(r: AnswerRecord): Promise<void> {
    return this.answers.add(r);
  }

  private async insertAnswers(records: AnswerRecord[]): Promise<void> {
    await this.db
      .insertInto('audit_answer')
      .values(
        records.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          platform: r.platform,
          workspace: r.workspace ?? null,
          channel_kind: r.channelKind,
          user_id: r.userId ?? null,
          question: r.question,
          question_norm: r.questionNorm,
          verdict: r.verdict,
          intent: r.intent,
          items: JSON.stringify(r.items),
          not_listed: r.items.some((i) => i.status === 'not_listed') ? 1 : 0,
          report_id: r.reportId ?? null,
          period_start: r.periodStart ?? null,
          period_end: r.periodEnd ?? null,
          latency_ms: Math.max(0, Math.round(r.latencyMs)),
          delivered: r.delivered === false ? 0 : 1,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async recordFeedback(r: FeedbackRecord): Promise<void> {
    const at = r.at.toISOString();
    await this.db
      .insertInto('feedback')
      .values({ answer_id: r.answerId, voter: r.voter, platform: r.platform, vote: r.vote, reason: r.reason ?? null, at })
      .onConflict((oc) =>
        oc.columns(['answer_id', 'voter']).doUpdateSet((eb) => ({
          vote: eb.ref('excluded.vote'),
          at: eb.ref('excluded.at'),
          // A reason belongs to a 👎: a change to 👍 clears it, a 👎 without one keeps the one given.
          reason: r.vote === 'up' ? null : r.reason !== undefined ? eb.ref('excluded.reason') : eb.ref('feedback.reason'),
        })),
      )
      .execute();
  }

  claim(key: string, ttlMs: number, now = new Date()): Promise<boolean> {
    return this.claims.add({ key, claimedAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() });
  }

  /**
   * One statement for several claims: a new key inserts; a key whose claim has expired is taken over; a live
   * one is left alone and is not returned. Both SQLite (3.35+) and PostgreSQL (9.5+) do this atomically. A key
   * asked twice in one batch is sent once: the first asker gets the database's outcome, the others lose.
   */
  private async insertClaims(claims: PendingClaim[]): Promise<boolean[]> {
    const first = new Map<string, PendingClaim>();
    for (const c of claims) if (!first.has(c.key)) first.set(c.key, c);
    const rows = await this.db
      .insertInto('delivery_claim')
      .values([...first.values()].map((c) => ({ key: c.key, claimed_at: c.claimedAt, expires_at: c.expiresAt })))
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet((eb) => ({ claimed_at: eb.ref('excluded.claimed_at'), expires_at: eb.ref('excluded.expires_at') }))
          .where('delivery_claim.expires_at', '<=', (eb) => eb.ref('excluded.claimed_at')),
      )
      .returning('key')
      .execute();
    const won = new Set(rows.map((r) => r.key));
    return claims.map((c) => first.get(c.key) === c && won.has(c.key));
  }

  async queryLog(q: LogQuery = {}): Promise<LogRow[]> {
    let query = this.db
      .selectFrom('audit_answer as a')
      .selectAll('a')
      .select((eb) => [
        eb.selectFrom('feedback as f').whereRef('f.answer_id', '=', 'a.id').where('f.vote', '=', 'up').select(eb.fn.countAll().as('n')).as('up'),
        eb.selectFrom('feedback as f').whereRef('f.answer_id', '=', 'a.id').where('f.vote', '=', 'down').select(eb.fn.countAll().as('n')).as('down'),
      ])
      .orderBy('a.at', 'desc')
      .orderBy('a.id')
      .limit(q.limit ?? 1000);
    if (q.since) query = query.where('a.at', '>=', q.since.toISOString());
    if (q.verdict) query = query.where('a.verdict', '=', q.verdict);
    if (q.platform) query = query.where('a.platform', '=', q.platform);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      platform: r.platform as LogRow['platform'],
      ...(r.workspace !== null ? { workspace: r.workspace } : {}),
      channelKind: r.channel_kind as ChannelKind,
      ...(r.user_id !== null ? { userId: r.user_id } : {}),
      question: r.question,
      verdict: r.verdict,
      intent: r.intent,
      items: JSON.parse(r.items) as LogRow['items'],
      ...(r.report_id !== null ? { reportId: r.report_id } : {}),
      ...(r.period_start !== null ? { periodStart: r.period_start } : {}),
      ...(r.period_end !== null ? { periodEnd: r.period_end } : {}),
      latencyMs: Number(r.latency_ms),
      delivered: Number(r.delivered) !== 0,
      up: Number(r.up ?? 0),
      down: Number(r.down ?? 0),
    }));
  }

  async unanswered(since?: Date, limit = 200): Promise<UnansweredGroup[]> {
    const from = (since ?? new Date(0)).toISOString();
    // One grouped scan of the answers since `from` (index audit_answer_at), joined to the 👎 votes; the
    // grouping and counting happen in the database, so 10,000 rows cost one query, not 10,000.
    const rows = await this.db
      .selectFrom('audit_answer as a')
      .leftJoin(
        (eb) => eb.selectFrom('feedback').where('vote', '=', 'down').select('answer_id').groupBy('answer_id').as('d'),
        (join) => join.onRef('d.answer_id', '=', 'a.id'),
      )
      .where('a.at', '>=', from)
      .where((eb) => eb.or([eb('a.verdict', '=', 'unknown'), eb('a.not_listed', '=', 1), eb('d.answer_id', 'is not', null)]))
      .groupBy('a.question_norm')
      .select((eb) => [
        'a.question_norm as wording',
        eb.fn.countAll().as('count'),
        eb.fn.sum(eb.case().when('a.verdict', '=', 'unknown').then(1).else(0).end()).as('unknown'),
        eb.fn.sum('a.not_listed').as('not_listed'),
        eb.fn.sum(eb.case().when('d.answer_id', 'is not', null).then(1).else(0).end()).as('down'),
        eb.fn.max('a.at').as('last_at'),
      ])
      .orderBy('count', 'desc')
      .orderBy('last_at', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    // The newest wording as asked, for each group: one more query over the same rows' keys.
    const examples = await this.db
      .selectFrom('audit_answer')
      .select(['question_norm', 'question', 'at'])
      .where('at', '>=', from)
      .where('question_norm', 'in', rows.map((r) => r.wording))
      .orderBy('at', 'desc')
      .execute();
    const example = new Map<string, string>();
    for (const e of examples) if (!example.has(e.question_norm)) example.set(e.question_norm, e.question);
    return rows.map((r) => ({
      wording: r.wording,
      example: example.get(r.wording) ?? r.wording,
      count: Number(r.count),
      unknown: Number(r.unknown ?? 0),
      notListed: Number(r.not_listed ?? 0),
      down: Number(r.down ?? 0),
      lastAt: new Date(String(r.last_at)),
    }));
  }

  async stats(since?: Date): Promise<DayStats[]> {
    const from = (since ?? new Date(0)).toISOString();
    const day = sql<string>`substr(a.at, 1, 10)`;
    const answers = await this.db
      .selectFrom('audit_answer as a')
      .where('a.at', '>=', from)
      .select((eb) => [day.as('day'), 'a.verdict', eb.fn.countAll().as('n')])
      .groupBy([day, 'a.verdict'])
      .execute();
    const votes = await this.db
      .selectFrom('feedback as f')
      .innerJoin('audit_answer as a', 'a.id', 'f.answer_id')
      .where('a.at', '>=', from)
      .select((eb) => [day.as('day'), 'f.vote', eb.fn.countAll().as('n')])
      .groupBy([day, 'f.vote'])
      .execute();
    // Percentiles need the sorted latencies of each day; one ordered scan of a small integer column.
    const latencies = await this.db
      .selectFrom('audit_answer as a')
      .where('a.at', '>=', from)
      .select([day.as('day'), 'a.latency_ms'])
      .orderBy('a.latency_ms')
      .execute();

    const days = new Map<string, DayStats>();
    const get = (d: string) => {
      let s = days.get(d);
      if (!s) days.set(d, (s = { day: d, questions: 0, verdicts: {}, up: 0, down: 0, downShare: 0, p50Ms: 0, p99Ms: 0 }));
      return s;
    };
    for (const r of answers) {
      const s = get(r.day);
      s.questions += Number(r.n);
      s.verdicts[r.verdict] = Number(r.n);
    }
    for (const r of votes) {
      const s = get(r.day);
      if (r.vote === 'up') s.up = Number(r.n);
      else if (r.vote === 'down') s.down = Number(r.n);
    }
    const byDay = new Map<string, number[]>();
    for (const r of latencies) {
      const list = byDay.get(r.day) ?? [];
      list.push(Number(r.latency_ms));
      byDay.set(r.day, list);
    }
    for (const [d, list] of byDay) {
      const s = get(d);
      s.p50Ms = percentile(list, 0.5);
      s.p99Ms = percentile(list, 0.99);
    }
    for (const s of days.values()) s.downShare = s.up + s.down > 0 ? s.down / (s.up + s.down) : 0;
    return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  async purge(before: Date, now = new Date()): Promise<number> {
    const cutoff = before.toISOString();
    const results = await Promise.all([
      this.db.deleteFrom('feedback').where('at', '<', cutoff).executeTakeFirst(),
      this.db.deleteFrom('audit_answer').where('at', '<', cutoff).executeTakeFirst(),
      this.db.deleteFrom('delivery_claim').where('expires_at', '<=', now.toISOString()).executeTakeFirst(),
    ]);
    return results.reduce((n, r) => n + Number(r.numDeletedRows), 0);
  }

  async setting(key: string, fallback: string): Promise<string> {
    await this.db.insertInto('store_meta').values({ key, value: fallback }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await this.db.selectFrom('store_meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    return row.value;
  }

  async close(): Promise<void> {
    await Promise.all([this.answers.settled(), this.claims.settled()]);
    return this.database.destroy();
  }
}

/** Nearest-rank percentile of an ascending list (0 for an empty one). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}
