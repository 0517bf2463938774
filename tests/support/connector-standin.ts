/**
 * A stand-in for the Bot Connector service, on 127.0.0.1 only: it plays the two endpoints a bot replies
 * through (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
 * `POST /v3/conversations/{conversationId}/activities/{activityId}` (reply to an activity) and
 * `POST /v3/conversations/{conversationId}/activities` (send to a conversation), and
 * `PUT /v3/conversations/{conversationId}/activities/{activityId}` (update an activity in place, as a card
 * redrawn after a click is), and records each call.
 * It also plays OneDrive for files (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4):
 * `GET /files/{id}` serves a file a person "sent" (its downloadUrl), `PUT /upload/{id}` takes the bot's upload
 * to the URL a file consent returns.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity replied to (POST), or updated (PUT), for the endpoints with an activity id. */
  replyToId?: string;
  headers: IncomingHttpHeaders;
  /** The activity the bot sent, parsed. */
  activity: Record<string, unknown>;
}

/** A running stand-in. */
export interface ConnectorStandIn {
  /** `http://127.0.0.1:PORT/`: the serviceUrl to put on incoming activities. */
  readonly url: string;
  readonly port: number;
  /** Every call received, in order (empty when started with `record: false`). */
  readonly calls: ConnectorCall[];
  /** How many activities were received, recorded or not. */
  readonly received: number;
  /**
   * HTTP status to answer activities with from now on (200 by default); e.g. 403 to play a refused reply, or
   * `'hang'` to take each activity (it is recorded) and never answer: a connector that hung.
   */
  respondWith(status: number | 'hang'): void;
  /** Resolves once `count` calls have been received (or rejects after `timeoutMs`). */
  waitForCalls(count: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  /** Holds a file a person sends; returns its downloadUrl. */
  addFile(id: string, bytes: Buffer): string;
  /** The uploadUrl Teams would return in a file consent for `id`. */
  uploadUrl(id: string): string;
  /** What the bot PUT to each upload URL: its bytes and Content-Range. */
  readonly uploads: Map<string, { bytes: Buffer; contentRange?: string }>;
  /** Forgets the calls received so far. */
  reset(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/u;

/** Starts a stand-in on 127.0.0.1 and an ephemeral port. `record: false` keeps no calls (for load runs). */
export async function startConnectorStandIn(options: { record?: boolean } = {}): Promise<ConnectorStandIn> {
  const record = options.record ?? true;
  const calls: ConnectorCall[] = [];
  const waiters = new Set<() => void>();
  let status: number | 'hang' = 200;
  /** Activities taken and never answered, ended at close. */
  const hung = new Set<ServerResponse>();
  let counter = 0;
  let received = 0;
  const files = new Map<string, Buffer>();
  const uploads = new Map<string, { bytes: Buffer; contentRange?: string }>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const file = /^\/files\/([^/]+)$/u.exec(path);
      if (file && req.method === 'GET') {
        const bytes = files.get(decodeURIComponent(file[1]!));
        if (!bytes) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
        return;
      }
      const upload = /^\/upload\/([^/]+)$/u.exec(path);
      if (upload && req.method === 'PUT') {
        const id = decodeURIComponent(upload[1]!);
        uploads.set(id, { bytes: Buffer.concat(chunks), contentRange: req.headers['content-range'] });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id, name: id }));
        for (const wake of waiters) wake();
        return;
      }
      const match = ROUTE.exec(path);
      const update = req.method === 'PUT' && match?.[2] !== undefined;
      if ((req.method !== 'POST' && !update) || !match) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
        return;
      }
      let activity: Record<string, unknown> = {};
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      received += 1;
      if (record) {
        calls.push({
          method: req.method ?? 'POST',
          path,
          conversationId: decodeURIComponent(match[1] ?? ''),
          replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
          headers: req.headers,
          activity,
        });
        for (const wake of waiters) wake();
      }
      if (status === 'hang') {
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return;
      }
      if (status >= 400) {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'refused by the stand-in' } }));
        return;
      }
      counter += 1;
      // An update keeps the activity's id; a new activity gets one of the stand-in's.
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: update ? decodeURIComponent(match[2]!) : `standin-${counter}` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    calls,
    get received() {
      return received;
    },
    respondWith(next) {
      status = next;
    },
    waitForCalls(count, timeoutMs = 5_000) {
      if (calls.length >= count) return Promise.resolve(calls.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`connector stand-in: expected ${count} calls, got ${calls.length}`));
        }, timeoutMs);
        const check = () => {
          if (calls.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(calls.slice());
        };
        waiters.add(check);
      });
    },
    addFile(id, bytes) {
      files.set(id, bytes);
      return `http://127.0.0.1:${port}/files/${encodeURIComponent(id)}`;
    },
    uploadUrl: (id) => `http://127.0.0.1:${port}/upload/${encodeURIComponent(id)}`,
    uploads,
    reset() {
      calls.length = 0;
      received = 0;
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
