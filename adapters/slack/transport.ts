/**
 * The HTTP transport for everything the Slack adapter sends: one undici Agent (Node's own HTTP client:
 * kept-alive connection pools per origin) whose every call has a deadline. Slack's Web API client
 * (@slack/web-api 8, under Bolt) takes it as `clientOptions.fetch`, and Bolt's `respond()` (response_url
 * posts) uses the same function; replies themselves go through reply-poster.ts on the same Agent.
 *
 * Deadlines (https://undici.nodejs.org/#/docs/api/Dispatcher?id=parameter-dispatchoptions): connecting,
 * waiting for the response headers and each wait for body bytes are each bounded by `timeoutMs`, so a
 * server that accepts a connection and never answers (a hung Web API, a `SLACK_API_URL` pointing at the
 * wrong service) fails the call instead of holding it, and its socket, for ever.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { webApi } from '@slack/bolt';

type FetchFunction = webApi.FetchFunction;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;

/** Options for {@link createSlackTransport}. */
export interface SlackTransportOptions {
  /** Deadline of each phase of a call (connect, response headers, each body chunk), in milliseconds. */
  timeoutMs: number;
  /** Most connections kept per origin (default 50). */
  connections?: number;
}

/** The Agent and a `fetch` over it. */
export interface SlackTransport {
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  /** A WHATWG-style fetch for WebClient and Bolt's respond(). */
  readonly fetch: FetchFunction;
  /** Closes every kept-alive connection; calls still running fail. */
  destroy(): Promise<void>;
}

/** Undici error codes of a missed deadline. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** True when `error` (or its cause, as fetch wraps it) is a missed deadline of this transport. */
export function isTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; name?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth += 1) {
    if (typeof e.code === 'string' && TIMEOUT_CODES.has(e.code)) return true;
    if (e.name === 'TimeoutError') return true;
  }
  return false;
}

/** Headers of a response, with the reads WebClient makes (`get`, `entries`). */
class ResponseHeaders {
  constructor(private readonly raw: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name)!];
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A fully read response (Slack's answers are small JSON documents). */
class BufferedResponse implements FetchResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: ResponseHeaders;

  constructor(
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: Buffer,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new ResponseHeaders(headers);
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8')) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.body;
    return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
  }
}

/**
 * Builds the transport. Its `fetch` rejects as fetch does: a TypeError whose cause is undici's error on a
 * network failure or a missed deadline, the signal's reason on abort. A body that is not a string (a
 * FormData file upload) goes to the built-in fetch, with the same deadline for the whole call.
 */
export function createSlackTransport({ timeoutMs, connections = 50 }: SlackTransportOptions): SlackTransport {
  const dispatcher = new Agent({
    connections,
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  /** The built-in fetch, with the same deadline for the whole call, for what this one does not do itself. */
  const builtIn = (target: string | URL, init: FetchRequestInit) => {
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    return globalThis.fetch(target, { ...(init as RequestInit), signal }) as unknown as Promise<FetchResponse>;
  };

  const fetch = async (target: string | URL, init: FetchRequestInit = {}): Promise<FetchResponse> => {
    const body = init.body;
    if (body !== undefined && typeof body !== 'string') return builtIn(target, init);
    const url = typeof target === 'string' ? target : target.href;
    try {
      const res = await request(url, {
        method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init.headers as Record<string, string> | undefined,
        body,
        signal: init.signal ?? undefined,
        dispatcher,
      });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      // fetch follows a redirect unless told otherwise (WebClient says 'error'); Slack's answers do not
      // redirect, so the rare one goes to the built-in fetch, from the start.
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location !== undefined) {
        if (init.redirect === 'error') throw new Error(`redirect mode is set to error: ${res.statusCode}`);
        if (init.redirect !== 'manual') return await builtIn(target, init);
      }
      return new BufferedResponse(res.statusCode, res.headers, bytes, url);
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
  };

  return { dispatcher, timeoutMs, fetch, destroy: () => dispatcher.destroy() };
}
