/**
 * Recording what the bot answered and what people thought of it, off the reply's path: the adapters call
 * {@link AuditRecorder.answered} after the reply has been handed to the platform, and it returns at once.
 * The write happens later; if the store is down, slow or read-only, a rate-limited warning is all it
 * costs. Writes waiting for the store are bounded, so an hour-long outage cannot grow memory.
 */
import { randomBytes } from 'node:crypto';
import type { Answer } from '../../src/index.js';
import type { Logger } from '../logger.js';
import type { TurnRecord } from '../turn.js';
import type { ChannelKind, Store } from './store.js';
import { auditUserId, voterKey, type UserIdPolicy, type UserRef } from './user-ids.js';
import { RateLimitedWarning } from './warn.js';
import { questionWording } from './wording.js';

/** One answered turn, as the log takes it. */
export interface AnsweredTurn {
  /** The id the reply's feedback buttons carry. */
  answerId: string;
  platform: 'slack' | 'teams' | 'cli';
  workspace?: string;
  channelKind: ChannelKind;
  /** Who asked (the platform's ids); kept as AUDIT_USER_IDS says. */
  user?: UserRef;
  answer: Answer;
  /** From the question's arrival to the reply sent (or given up on), in milliseconds. */
  latencyMs: number;
  /** Whether the platform took the reply (default true). */
  delivered?: boolean;
}

/**
 * The channel kind of a turn, from the pipeline's `via` (Slack: `slash_command`, `example_button`,
 * `app_mention`, `direct_message`, `share`; Teams: the conversation type `personal`, `channel`, `groupChat`).
 */
export function channelKindOf(via: string | undefined): ChannelKind {
  if (via === 'slash_command' || via === 'example_button') return 'slash_command';
  if (via === 'direct_message' || via === 'personal') return 'dm';
  return 'channel';
}

/** One vote, as an adapter knows it. */
export interface Vote {
  answerId: string;
  user: UserRef;
  vote: 'up' | 'down';
  reason?: string;
}

/** Options of the recorder. */
export interface AuditRecorderOptions {
  store?: Store;
  logger: Logger;
  /** AUDIT_USER_IDS. */
  userIds: UserIdPolicy;
  /** AUDIT_SALT; absent: one generated once and kept in the store (the same for every replica). */
  salt?: string;
  /** At most this many writes wait for the store; past it new ones are dropped (and counted in a warning). */
  maxPending?: number;
  now?: () => Date;
}

/** How many hashed user ids the recorder remembers. */
const USER_ID_CACHE = 10_000;

/** The longest reason kept (one line). */
export const MAX_REASON_LENGTH = 300;

/**
 * The items of an answer as the log keeps them: `items` (name and status), or, from an Answer made before
 * `items` existed (an older JSON), derived from `matches`.
 */
export function auditItems(answer: Answer): Array<{ name: string; status: string }> {
  const items = answer.items as Answer['items'] | undefined;
  if (Array.isArray(items)) return items.map((i) => ({ name: i.name, status: i.status }));
  return answer.matches.map((m) => ({
    name: m.name,
    status: m.kind === 'service' || m.kind === 'category' ? (m.inScope ? 'in_scope' : 'not_listed') : m.inScope ? 'covered' : 'not_covered',
  }));
}

/** A reason as one line: white space collapsed, control characters removed, at most MAX_REASON_LENGTH. */
export function oneLineReason(reason: string | undefined): string | undefined {
  const line = reason?.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_REASON_LENGTH);
  return line ? line : undefined;
}

/** Writes answered turns and votes to the store, never throwing and never making the caller wait. */
export class AuditRecorder {
  private readonly warning: RateLimitedWarning;
  private readonly dropped: RateLimitedWarning;
  private readonly pending = new Set<Promise<void>>();
  private readonly maxPending: number;
  private readonly now: () => Date;
  private saltPromise: Promise<string> | undefined;
  private readonly userIds = new Map<string, string>();
  private readonly columnsOf = new WeakMap<Answer, { questionNorm: string; items: Array<{ name: string; status: string }> }>();

  constructor(private readonly options: AuditRecorderOptions) {
    this.warning = new RateLimitedWarning(options.logger, 'audit: could not write to the store (the reply was sent; this record is lost)');
    this.dropped = new RateLimitedWarning(options.logger, 'audit: too many writes waiting for the store; dropped one');
    this.maxPending = options.maxPending ?? 1_000;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The turn pipeline's `onTurn` (adapters/turn.ts): records an answered turn, with whether its reply was
   * delivered (`sent`: the asker may never have seen an answer the log holds). Help and a failed answer are
   * not answers to keep. Returns at once.
   */
  turn(record: TurnRecord): void {
    if (!record.answer || record.failed || record.answer.intent === 'help') return;
    const workspace = record.workspace;
    this.answered({
      answerId: record.answerId,
      platform: record.platform,
      ...(workspace ? { workspace } : {}),
      channelKind: channelKindOf(record.via),
      ...(record.user ? { user: { platform: record.platform, workspace, user: record.user } } : {}),
      answer: record.answer,
      latencyMs: record.latencyMs,
      delivered: record.sent,
    });
  }

  /** Records an answered question; returns at once. */
  answered(turn: AnsweredTurn): void {
    const at = this.now();
    this.enqueue(async () => {
      const salt = await this.salt();
      const { answer } = turn;
      await this.options.store!.recordAnswer({
        id: turn.answerId,
        at,
        platform: turn.platform,
        ...(turn.workspace ? { workspace: turn.workspace } : {}),
        channelKind: turn.channelKind,
        ...(() => {
          const userId = this.userId(salt, turn.user);
          return userId ? { userId } : {};
        })(),
        question: answer.question,
        ...this.answerColumns(answer),
        verdict: answer.verdict,
        intent: answer.intent,
        reportId: answer.report.id,
        periodStart: answer.report.periodStart,
        periodEnd: answer.report.periodEnd,
        latencyMs: Math.max(0, turn.latencyMs),
        delivered: turn.delivered !== false,
      });
    });
  }

  /** Records a vote (a second vote of the same user on the same answer replaces the first); returns at once. */
  voted(vote: Vote): void {
    const at = this.now();
    this.enqueue(async () => {
      const salt = await this.salt();
      const reason = vote.vote === 'down' ? oneLineReason(vote.reason) : undefined;
      await this.options.store!.recordFeedback({
        answerId: vote.answerId,
        voter: voterKey(this.options.userIds, salt, vote.user, vote.answerId),
        platform: vote.user.platform,
        vote: vote.vote,
        ...(reason ? { reason } : {}),
        at,
      });
    });
  }

  /**
   * The audit user id of `user`, remembered: the same few people ask again and again, and a salted HMAC for
   * every row was a twentieth of recording it. At most {@link USER_ID_CACHE} ids are kept (then it starts over).
   */
  private userId(salt: string, user: UserRef | undefined): string | undefined {
    if (!user || this.options.userIds !== 'hash') return auditUserId(this.options.userIds, salt, user);
    const key = `${salt}\u0000${user.platform}\u0000${user.workspace ?? ''}\u0000${user.user}`;
    let id = this.userIds.get(key);
    if (id === undefined) {
      if (this.userIds.size >= USER_ID_CACHE) this.userIds.clear();
      id = auditUserId('hash', salt, user)!;
      this.userIds.set(key, id);
    }
    return id;
  }

  /**
   * The columns that depend on the Answer alone, made once per Answer: the engines hand out the same Answer
   * object for a question asked again the same day.
   */
  private answerColumns(answer: Answer): { questionNorm: string; items: Array<{ name: string; status: string }> } {
    let columns = this.columnsOf.get(answer);
    if (!columns) {
      columns = { questionNorm: questionWording(answer.question), items: auditItems(answer) };
      this.columnsOf.set(answer, columns);
    }
    return columns;
  }

  /** Writes started and not yet finished. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Resolves when every write started so far has finished (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private enqueue(write: () => Promise<void>): void {
    if (!this.options.store) return;
    if (this.pending.size >= this.maxPending) {
      this.dropped.warn(undefined, { pending: this.pending.size });
      return;
    }
    const p: Promise<void> = Promise.resolve()
      .then(write)
      .catch((error: unknown) => this.warning.warn(error, { store: this.options.store?.kind }))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /**
   * AUDIT_SALT, or the store's own (generated by the first replica to need one, then shared). Asked of the
   * store on the first write, after migrations; if that fails the write fails with it and the next asks
   * again, so no record is ever hashed with a salt other replicas do not have.
   */
  private salt(): Promise<string> {
    if (this.options.salt) return Promise.resolve(this.options.salt);
    if (this.options.userIds === 'keep' || !this.options.store) return Promise.resolve('');
    this.saltPromise ??= this.options.store.setting('audit_salt', randomBytes(32).toString('hex'));
    this.saltPromise.catch(() => (this.saltPromise = undefined));
    return this.saltPromise;
  }
}
