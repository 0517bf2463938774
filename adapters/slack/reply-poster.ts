/**
 * Posts the bot's replies (`chat.postMessage`, https://docs.slack.dev/reference/methods/chat.postMessage)
 * as JSON over the transport's undici Agent, one queue per channel:
 * - replies to one channel go out in order, one at a time, so a channel that hangs or is rate limited holds
 *   at most one connection and delays only its own replies, never another channel's;
 * - every call has the transport's deadline; a call that misses it is not retried (Slack may have posted
 *   it) and is logged as lost with its channel, thread and event id;
 * - a 5xx answer or a connection failure is retried, at most `maxRetries` times, after a short back-off;
 * - a 429 pauses that method for that channel only, for its Retry-After
 *   (https://docs.slack.dev/apis/web-api/rate-limits: chat.postMessage allows about one message per second
 *   per channel), then retries; a Retry-After longer than `maxRetryAfterMs` is not waited for;
 * - `drain` waits for the queues up to a bound on shutdown, and logs every reply it abandons.
 *
 * WebClient's own queue is not used for replies: on a 429 it pauses every call of the client, and with
 * its 100 concurrent calls taken by a hung channel every other reply waits.
 */
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../logger.js';
import { isTimeout } from './transport.js';

/** A message for `chat.postMessage`: channel, optional thread, and the rendered Block Kit message. */
export interface ReplyMessage {
  channel: string;
  thread_ts?: string;
  [field: string]: unknown;
}

/** What a reply answers, for the log line when it is lost. */
export interface ReplyIds {
  eventId?: string;
}

/** Options for {@link ReplyPoster}. */
export interface ReplyPosterOptions {
  /** Base URL of the Web API, ending in `/` (default Slack's own). */
  apiUrl?: string;
  /** The bot token (xoxb-...). */
  token: string;
  /** The transport's Agent (its deadlines apply to every call). */
  dispatcher: Dispatcher;
  logger: Logger;
  /** Retries after a 5xx, a connection failure or a 429 (default 2). */
  maxRetries?: number;
  /** First back-off after a 5xx or a connection failure, doubled each time (default 250 ms). */
  backoffMs?: number;
  /** Longest Retry-After waited for (default 30 s). */
  maxRetryAfterMs?: number;
  /** Most replies waiting in one channel's queue; past it a reply is dropped and logged (default 100). */
  maxQueuePerChannel?: number;
  /**
   * Most replies waiting in all channels together; past it a reply is dropped and logged (default 1,000).
   * Events are acknowledged before their reply is posted, so under a load the Web API cannot take, only this
   * bound keeps the queues (and the memory they hold) from growing with every channel that asks.
   */
  maxPending?: number;
}

interface Pending {
  channel: string;
  threadTs?: string;
  eventId?: string;
}

/** Why a reply was not posted, for the log. */
type Outcome = { ok: true } | { ok: false; reason: string; slackError?: string; status?: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in milliseconds (Slack sends whole seconds). */
function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\d+$/u.test(text.trim()) ? Number(text.trim()) * 1000 : undefined;
}

/** Posts replies with per-channel queues, deadlines, bounded retries and per-channel rate-limit pauses. */
export class ReplyPoster {
  private readonly url: string;
  private readonly token: string;
  private readonly dispatcher: Dispatcher;
  private readonly logger: Logger;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxQueue: number;
  private readonly maxPending: number;
  /** The last reply queued per channel; the next one starts after it settles. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, number>();
  /** Until when a method is paused for a channel (`method channel` -> epoch ms), after a 429. */
  private readonly pausedUntil = new Map<string, number>();
  private readonly pending = new Set<Pending>();
  /** Set by `drain` once it has logged what it abandoned: nothing more is sent or logged after. */
  private closed = false;

  constructor(options: ReplyPosterOptions) {
    this.url = `${options.apiUrl ?? 'https://slack.com/api/'}chat.postMessage`;
    this.token = options.token;
    this.dispatcher = options.dispatcher;
    this.logger = options.logger;
    this.maxRetries = options.maxRetries ?? 2;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.maxQueue = options.maxQueuePerChannel ?? 100;
    this.maxPending = options.maxPending ?? 1_000;
  }

  /** Replies not yet posted (queued or on their way). */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Queues `message` behind the channel's earlier replies. Resolves when it is posted (true) or given up on
   * (false: the turn's record, and so the audit, says it was not delivered); never rejects: a reply that
   * could not be posted is logged at error level with its ids.
   */
  post(message: ReplyMessage, ids: ReplyIds = {}): Promise<boolean> {
    const { channel } = message;
    const entry: Pending = { channel, threadTs: message.thread_ts, eventId: ids.eventId };
    const waiting = this.queued.get(channel) ?? 0;
    if (this.closed) {
      this.logger.error({ channel, thread_ts: entry.threadTs, eventId: entry.eventId }, 'reply abandoned at shutdown');
      return Promise.resolve(false);
    }
    if (waiting >= this.maxQueue) {
      this.lost(entry, { ok: false, reason: `the channel's queue is full (${this.maxQueue} replies waiting)` });
      return Promise.resolve(false);
    }
    if (this.pending.size >= this.maxPending) {
      this.lost(entry, { ok: false, reason: `the reply queues are full (${this.maxPending} replies waiting in all channels)` });
      return Promise.resolve(false);
    }
    this.queued.set(channel, waiting + 1);
    this.pending.add(entry);
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const delivered = previous.then(async () => {
      try {
        const outcome = await this.send(message);
        if (!outcome.ok) this.lost(entry, outcome);
        return outcome.ok;
      } finally {
        this.pending.delete(entry);
        const left = (this.queued.get(channel) ?? 1) - 1;
        if (left > 0) this.queued.set(channel, left);
        else this.queued.delete(channel);
      }
    });
    // The next reply of the channel waits for this one, whatever its outcome (send() never rejects).
    const done = delivered.then(() => undefined);
    this.tails.set(channel, done);
    void done.then(() => {
      if (this.tails.get(channel) === done) this.tails.delete(channel);
    });
    return delivered;
  }

  /**
   * Waits for every queued reply, at most `timeoutMs`. Each reply still pending then is logged as
   * abandoned, with its ids, and the total; resolves with that number.
   */
  async drain(timeoutMs: number): Promise<number> {
    if (this.pending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...this.tails.values()]), timeout]);
      clearTimeout(timer);
    }
    this.closed = true;
    const abandoned = [...this.pending];
    for (const entry of abandoned) {
      this.logger.error({ channel: entry.channel, thread_ts: entry.threadTs, eventId: entry.eventId }, 'reply abandoned at shutdown');
    }
    if (abandoned.length > 0) this.logger.error({ abandoned: abandoned.length }, `shutdown: ${abandoned.length} Slack replies abandoned`);
    return abandoned.length;
  }

  private lost(entry: Pending, outcome: Exclude<Outcome, { ok: true }>): void {
    if (this.closed) return; // logged as abandoned already
    this.logger.error(
      { channel: entry.channel, thread_ts: entry.threadTs, eventId: entry.eventId, slackError: outcome.slackError, status: outcome.status },
      `could not post the reply: ${outcome.reason}`,
    );
  }

  private async send(message: ReplyMessage): Promise<Outcome> {
    const key = `chat.postMessage ${message.channel}`;
    const body = JSON.stringify({ ...message, unfurl_links: false, unfurl_media: false });
    for (let attempt = 0; ; attempt += 1) {
      if (this.closed) return { ok: false, reason: 'abandoned at shutdown' };
      const paused = (this.pausedUntil.get(key) ?? 0) - Date.now();
      if (paused > 0) await sleep(paused);
      if ((this.pausedUntil.get(key) ?? 0) <= Date.now()) this.pausedUntil.delete(key);
      let status: number;
      let headers: Record<string, string | string[] | undefined>;
      let text: string;
      try {
        const res = await request(this.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json; charset=utf-8' },
          body,
          dispatcher: this.dispatcher,
        });
        status = res.statusCode;
        headers = res.headers;
        text = await res.body.text();
      } catch (error) {
        // A missed deadline may still have been posted by Slack: not retried, or the channel could see it twice.
        if (isTimeout(error)) return { ok: false, reason: 'the Web API did not answer in time' };
        if (attempt >= this.maxRetries) return { ok: false, reason: `connection failed (${(error as { code?: string }).code ?? String(error)})` };
        await sleep(this.backoffMs * 2 ** attempt);
        continue;
      }
      if (status === 429) {
        const wait = retryAfterMs(headers['retry-after']) ?? 1000;
        if (attempt >= this.maxRetries || wait > this.maxRetryAfterMs) return { ok: false, reason: 'rate limited', status };
        this.pausedUntil.set(key, Date.now() + wait);
        this.logger.info({ channel: message.channel, retryAfterMs: wait }, 'Slack rate-limited a reply; this channel waits, the others go on');
        continue;
      }
      if (status >= 500) {
        if (attempt >= this.maxRetries) return { ok: false, reason: `the Web API answered ${status}`, status };
        await sleep(this.backoffMs * 2 ** attempt);
        continue;
      }
      let answer: { ok?: unknown; error?: unknown };
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        return { ok: false, reason: `the Web API answered ${status} with no JSON`, status };
      }
      if (answer.ok === true) return { ok: true };
      return { ok: false, reason: 'Slack refused it', slackError: typeof answer.error === 'string' ? answer.error : `http_${status}`, status };
    }
  }
}
