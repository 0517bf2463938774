/**
 * The transport under Bolt's WebClient: a small `fetch` over node:http / node:https with one kept-alive
 * connection pool. WebClient (@slack/web-api 8) sends every call through `fetch`, and takes a custom one
 * in `clientOptions.fetch`; everything above the transport stays WebClient's own: the request queue,
 * retries with backoff, 429 handling (Retry-After), error types, logging.
 *
 * Why: Node's built-in fetch (undici, with WHATWG streams, Request/Response/Headers objects) costs about
 * three times the CPU of a plain `http.request` per call (~240 µs against ~75 µs per chat.postMessage on
 * loopback, measured), and a reply is posted for every question. Only what WebClient uses is implemented:
 * a string body, `redirect: 'error'` (and 'follow', by handing a redirect to the built-in fetch), an AbortSignal, and a response with status, headers,
 * text/json/arrayBuffer. Anything else (a FormData body for file uploads, `redirect: 'manual'`) goes to
 * the built-in fetch unchanged.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { STATUS_CODES } from 'node:http';
import type { webApi } from '@slack/bolt';

type FetchFunction = webApi.FetchFunction;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;

/** Options for {@link createHttpFetch}. */
export interface HttpFetchOptions {
  /** Most connections kept per host (default 50). */
  maxSockets?: number;
  /** The fetch to hand what this one does not implement (default: the built-in fetch). */
  fallback?: FetchFunction;
}

/** Headers of a response, with the two reads WebClient makes (`get`, `entries`). */
class ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

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
  readonly statusText: string;
  readonly headers: ResponseHeaders;

  constructor(
    readonly status: number,
    statusMessage: string | undefined,
    headers: IncomingHttpHeaders,
    private readonly body: Buffer,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = statusMessage ?? STATUS_CODES[status] ?? '';
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
 * A `fetch` for WebClient's `clientOptions.fetch`, with its own kept-alive pools (one for http:, one for
 * https:). Rejects as fetch does: with a TypeError on a network failure or a refused redirect, with the
 * signal's reason on abort.
 */
export function createHttpFetch(options: HttpFetchOptions = {}): FetchFunction & { destroy(): void } {
  const maxSockets = options.maxSockets ?? 50;
  const fallback = options.fallback ?? ((url, init) => globalThis.fetch(url, init as RequestInit) as unknown as Promise<FetchResponse>);
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });

  const lean = (target: string | URL, init: FetchRequestInit = {}): Promise<FetchResponse> => {
    const body = init.body;
    const url = typeof target === 'string' ? new URL(target) : target;
    const secure = url.protocol === 'https:';
    if ((body !== undefined && typeof body !== 'string') || init.redirect === 'manual' || (!secure && url.protocol !== 'http:')) {
      return fallback(target, init);
    }
    const signal = init.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const href = url.href;
    return new Promise<FetchResponse>((resolve, reject) => {
      const headers: Record<string, string | number> = { ...init.headers };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method: init.method ?? 'GET', headers, agent: secure ? httpsAgent : httpAgent });
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError'));
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      req.once('error', (error) => {
        done();
        // fetch rejects a network failure with a TypeError whose cause is the system error.
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      });
      req.once('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location !== undefined) {
          res.resume();
          done();
          // fetch's default is to follow: hand the (rare) redirect to the built-in fetch, from the start.
          if (init.redirect === 'error') reject(new TypeError('fetch failed', { cause: new Error(`redirect mode is set to error: ${status} to ${res.headers.location}`) }));
          else resolve(fallback(target, init));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => {
          done();
          resolve(new BufferedResponse(status, res.statusMessage, res.headers, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), href));
        });
        res.once('error', (error) => {
          done();
          reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
        });
      });
      req.end(body);
    });
  };
  return Object.assign(lean, {
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  });
}
