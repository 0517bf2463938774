/**
 * How a Bot Connector client retries a reply.
 *
 * botbuilder's ConnectorClient is an Azure REST client (botbuilder-stdlib's ServiceClientContext over
 * @azure/core-client), whose pipeline carries core-rest-pipeline's `defaultRetryPolicy`: 3 retries with
 * exponential back-off from 1 s (up to 64 s, jittered) on 5xx/408 responses and on connection errors
 * (ECONNREFUSED, ENOTFOUND, ...), and Retry-After on 429/503 however long (see
 * @typespec/ts-http-runtime's exponentialRetryStrategy and throttlingRetryStrategy, which core-rest-pipeline
 * 1.24 re-exports). A reply to a dead loopback serviceUrl therefore held the incoming request for several
 * seconds, the apology sent after it as long again: 12.5 s in all. The Bot Framework expects the bot's
 * HTTP answer within 15 s (https://learn.microsoft.com/azure/bot-service/bot-builder-howto-long-operations-guidance),
 * so a reply must fail well within that.
 *
 * This replaces that policy, in the same pipeline phase, with a bounded one: a few quick retries of
 * transient failures (authenticated mode: the real Bot Connector), or none (local mode: a loopback
 * emulator that refused a connection will refuse the retry too).
 */

/**
 * Retry settings: how many retries, the first delay, the most any one delay (or a Retry-After) may be, and
 * the deadline of each attempt (core-rest-pipeline's `request.timeout`; 0 there means none, its default).
 */
export interface RetrySettings {
  maxRetries: number;
  delayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/**
 * Authenticated mode: the real connector's transient failures are retried, within ~2 s of waiting; each
 * attempt has 4 s, so a reply gives up within about 14 s, inside the Bot Framework's 15 s.
 */
export const CONNECTOR_RETRY: RetrySettings = { maxRetries: 2, delayMs: 300, maxDelayMs: 1_500, timeoutMs: 4_000 };
/** Local mode: no retries, and a loopback emulator has 4 s to take a reply. */
export const NO_RETRY: RetrySettings = { maxRetries: 0, delayMs: 0, maxDelayMs: 0, timeoutMs: 4_000 };

/** The parts of core-rest-pipeline's request, response and policy this module uses (its types are not ours to import). */
interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
interface PipelineRequest {
  abortSignal?: AbortSignal;
  /** Milliseconds before the attempt is aborted; 0: never. */
  timeout?: number;
}
type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;
interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}
interface Pipeline {
  addPolicy(policy: PipelinePolicy, options?: { phase?: 'Serialize' | 'Retry' | 'Sign' | 'Deserialize' }): void;
  removePolicy(options: { name?: string; phase?: string }): PipelinePolicy[];
}

/** Name of core-rest-pipeline's retry policy (`defaultRetryPolicyName`). */
const DEFAULT_RETRY_POLICY = 'defaultRetryPolicy';
export const BOUNDED_RETRY_POLICY = 'complianceBotBoundedRetry';

/** Connection failures worth one more try against a real service (the same set core-rest-pipeline retries, minus name lookups). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);
const isTransientStatus = (status: number) => status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);

/** A retry policy that gives up after `maxRetries` and never waits longer than `maxDelayMs` at a time. */
export function boundedRetryPolicy(settings: RetrySettings): PipelinePolicy {
  return {
    name: BOUNDED_RETRY_POLICY,
    async sendRequest(request, next) {
      if (!request.timeout && settings.timeoutMs > 0) request.timeout = settings.timeoutMs;
      for (let attempt = 0; ; attempt += 1) {
        let wait: number;
        try {
          const response = await next(request);
          if (attempt >= settings.maxRetries || !isTransientStatus(response.status)) return response;
          const retryAfter = retryAfterMs(response.headers.get('retry-after'));
          // A Retry-After longer than we may wait: give up now rather than hold the request.
          if (retryAfter !== undefined && retryAfter > settings.maxDelayMs) return response;
          wait = retryAfter ?? backoff(settings, attempt);
        } catch (error) {
          // Our own deadline, not the caller's abort: say so, as a timeout. Not retried: the connector may
          // have taken the reply before it stopped answering, and a second one would post it twice.
          if (isAbort(error) && request.timeout && !request.abortSignal?.aborted) throw new ConnectorDeadlineError(request.timeout);
          const code = (error as { code?: unknown }).code;
          if (attempt >= settings.maxRetries || typeof code !== 'string' || !TRANSIENT_CODES.has(code)) throw error;
          wait = backoff(settings, attempt);
        }
        await sleep(wait, request.abortSignal);
      }
    },
  };
}

/**
 * Raised when one attempt to reach the Bot Connector got no answer within its deadline (`timeoutMs`).
 * `code` is ETIMEDOUT, as a socket timeout's would be, so the adapter logs it as a reply lost.
 */
export class ConnectorDeadlineError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(readonly timeoutMs: number) {
    super(`the Bot Connector did not answer within ${timeoutMs} ms`);
    this.name = 'ConnectorDeadlineError';
  }
}

/** core-rest-pipeline ends a request at `request.timeout` by aborting it: an AbortError. */
const isAbort = (error: unknown) => (error as { name?: unknown } | null)?.name === 'AbortError';

/**
 * Swaps the client's retry policy for {@link boundedRetryPolicy}. `client` is a botframework-connector
 * ConnectorClient; its core-client ServiceClient (with the pipeline) is a private field of
 * botbuilder-stdlib's ServiceClientContext, hence the structural access. A client of another shape is
 * left as it is.
 */
export function boundConnectorRetries(client: unknown, settings: RetrySettings): boolean {
  const pipeline = (client as { client?: { pipeline?: Partial<Pipeline> } } | null)?.client?.pipeline;
  if (typeof pipeline?.removePolicy !== 'function' || typeof pipeline.addPolicy !== 'function') return false;
  pipeline.removePolicy({ name: DEFAULT_RETRY_POLICY });
  pipeline.removePolicy({ name: BOUNDED_RETRY_POLICY });
  pipeline.addPolicy(boundedRetryPolicy(settings), { phase: 'Retry' });
  return true;
}

function backoff(settings: RetrySettings, attempt: number): number {
  const base = Math.min(settings.maxDelayMs, settings.delayMs * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/** Retry-After in ms: seconds or an HTTP date (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after). */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/u.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
