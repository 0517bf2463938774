import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';

/**
 * A small stand-in for Slack on 127.0.0.1: the Web API methods the adapter calls (`auth.test`,
 * `chat.postMessage`, `chat.postEphemeral`, ...) under `/api/`, and `response_url`s under `/response/`.
 * It records every call, in order, and can be told to fail the next call of a method with a Slack error.
 */
export interface RecordedCall {
  /** The Web API method ("chat.postMessage"), or "response_url". */
  method: string;
  /** The call's arguments; JSON-valued form fields (blocks) are parsed. For response_url: the JSON posted. */
  args: Record<string, unknown>;
  /** The bearer token the call carried (Web API only). */
  token?: string;
  /** For response_url: the path's id. */
  responseId?: string;
  /** When the call arrived (performance.now(), for latency figures; never for assertions). */
  at?: number;
}

/** A file the stand-in holds for files.info and the download (see {@link SlackStandIn.addFile}). */
export interface StandInFile {
  id: string;
  name: string;
  bytes: Buffer;
  filetype?: string;
  /** What files.info reports as url_private_download; default the stand-in's own download path. */
  urlPrivateDownload?: string;
  /** What files.info reports as size; default the bytes' length. */
  size?: number;
}

/** A file the bot uploaded with files.uploadV2: the bytes posted to the upload URL, and how it was completed. */
export interface StandInUpload {
  fileId: string;
  filename: string;
  /** The file's bytes (the `body` part of the multipart upload, or the raw body). */
  bytes: Buffer;
  /** files.completeUploadExternal's arguments (channel_id, thread_ts, initial_comment, files), once called. */
  completed?: Record<string, unknown>;
}

/** The bot identity auth.test reports. */
export const STANDIN_BOT = { userId: 'UBOT0001', botId: 'BBOT0001', teamId: 'T0TEST01' } as const;

export interface SlackStandIn {
  /** Base URL for SLACK_API_URL, ending in "/api/". */
  apiUrl: string;
  /** A response_url on the stand-in, e.g. for a slash command or a button click. */
  responseUrl(id: string): string;
  /** Every call so far, in arrival order. */
  calls: RecordedCall[];
  /** Calls of one method. */
  callsTo(method: string): RecordedCall[];
  /** The next call of `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  /** From now on, `chat.postMessage` to `channel` is recorded and never answered (until `reset`). */
  hangChannel(channel: string): void;
  /** The next `chat.postMessage` to `channel` answers 429 with `Retry-After: seconds`. */
  rateLimitNext(channel: string, seconds: number): void;
  /** The next call of `method` answers this HTTP status (e.g. 503), with no JSON. */
  statusNext(method: string, status: number): void;
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode). */
  socketUrl?: string;
  /** Waits until `predicate(calls)` holds (polling), or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Holds a file for files.info and GET of its url_private_download (which needs the bot token). */
  addFile(file: StandInFile): void;
  /** The URL files.info gives for a held file. */
  downloadUrl(id: string): string;
  /** Files uploaded through files.getUploadURLExternal, the upload URL and files.completeUploadExternal. */
  uploads: StandInUpload[];
  /** Forgets recorded calls. */
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The content of the first part of a multipart/form-data body (files.uploadV2 posts the file as one part). */
function firstPart(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(delimiter);
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd);
  return headersEnd < 0 || end < 0 ? body : body.subarray(headersEnd + 4, end);
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Options: `record: false` keeps no calls (load runs), answering just the same. */
export interface StandInOptions {
  record?: boolean;
}

/** Starts the stand-in on 127.0.0.1 on an ephemeral port. */
export async function startSlackStandIn({ record = true }: StandInOptions = {}): Promise<SlackStandIn> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, string>();
  const hung = new Set<string>();
  const rateLimited = new Map<string, number>();
  const statuses = new Map<string, number>();
  const files = new Map<string, StandInFile>();
  const uploads: StandInUpload[] = [];
  let ts = 1_700_000_000;
  let base = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const bytes = await readBody(req);
      const raw = bytes.toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // url_private_download: the bytes with the bot token, else a redirect to sign-in as Slack does.
      if (url.pathname.startsWith('/files-pri/')) {
        const id = url.pathname.split('/')[2] ?? '';
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (record) calls.push({ method: 'file_download', args: { id }, token });
        const file = files.get(id);
        if (!token || !file) {
          res.writeHead(302, { location: `${base}/signin` }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length }).end(file.bytes);
        return;
      }
      if (url.pathname.startsWith('/upload/')) {
        const fileId = decodeURIComponent(url.pathname.slice('/upload/'.length));
        const upload = uploads.find((u) => u.fileId === fileId);
        if (record) calls.push({ method: 'file_upload', args: { fileId, length: bytes.length } });
        if (!upload) {
          res.writeHead(404).end();
          return;
        }
        upload.bytes = firstPart(bytes, req.headers['content-type']);
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${upload.bytes.length}`);
        return;
      }
      res.setHeader('content-type', 'application/json');
      if (url.pathname.startsWith('/response/')) {
        // A response_url whose id starts with "hang" is recorded and never answered.
        if (url.pathname.startsWith('/response/hang')) {
          if (record) calls.push({ method: 'response_url', responseId: url.pathname.slice('/response/'.length), args: parseArgs(raw, req.headers['content-type']) });
          return;
        }
        if (record) calls.push({ method: 'response_url', responseId: url.pathname.slice('/response/'.length), args: parseArgs(raw, req.headers['content-type']) });
        res.end(JSON.stringify({ ok: true }));
        return;
      }
      if (!url.pathname.startsWith('/api/')) {
        res.statusCode = 404;
        res.end(JSON.stringify({ ok: false, error: 'unknown_path' }));
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const call: RecordedCall = { method, args: parseArgs(raw, req.headers['content-type']), token, at: performance.now() };
      if (record) calls.push(call);
      const channel = typeof call.args.channel === 'string' ? call.args.channel : undefined;
      if (method === 'chat.postMessage' && channel !== undefined && hung.has(channel)) return;
      const retryAfter = channel !== undefined && method === 'chat.postMessage' ? rateLimited.get(channel) : undefined;
      if (retryAfter !== undefined) {
        rateLimited.delete(channel!);
        res.writeHead(429, { 'retry-after': String(retryAfter) }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const status = statuses.get(method);
      if (status !== undefined) {
        statuses.delete(method);
        res.writeHead(status).end('upstream trouble');
        return;
      }
      const failure = failures.get(method);
      if (failure) {
        failures.delete(method);
        res.end(JSON.stringify({ ok: false, error: failure }));
        return;
      }
      switch (method) {
        case 'auth.test':
          res.end(JSON.stringify({ ok: true, url: 'https://example.invalid/', team: 'Test', user: 'compliance-bot', team_id: STANDIN_BOT.teamId, user_id: STANDIN_BOT.userId, bot_id: STANDIN_BOT.botId }));
          return;
        case 'apps.connections.open':
          res.end(JSON.stringify(handle.socketUrl ? { ok: true, url: handle.socketUrl } : { ok: false, error: 'no_socket_url' }));
          return;
        case 'chat.postMessage':
          ts += 1;
          res.end(JSON.stringify({ ok: true, channel: call.args.channel, ts: `${ts}.000100` }));
          return;
        case 'files.info': {
          const file = files.get(String(call.args.file));
          if (!file) {
            res.end(JSON.stringify({ ok: false, error: 'file_not_found' }));
            return;
          }
          const info = { id: file.id, name: file.name, title: file.name, filetype: file.filetype ?? file.name.split('.').pop(), size: file.size ?? file.bytes.length, mode: 'hosted', url_private_download: file.urlPrivateDownload ?? `${base}/files-pri/${file.id}/download/${encodeURIComponent(file.name)}` };
          res.end(JSON.stringify({ ok: true, file: info }));
          return;
        }
        case 'files.getUploadURLExternal': {
          const fileId = `F0UP${String(uploads.length + 1).padStart(4, '0')}`;
          uploads.push({ fileId, filename: String(call.args.filename), bytes: Buffer.alloc(0) });
          res.end(JSON.stringify({ ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId }));
          return;
        }
        case 'files.completeUploadExternal': {
          const list = (Array.isArray(call.args.files) ? call.args.files : []) as Array<{ id?: string; title?: string }>;
          for (const f of list) {
            const upload = uploads.find((u) => u.fileId === f.id);
            if (upload) upload.completed = call.args;
          }
          res.end(JSON.stringify({ ok: true, files: list.map((f) => ({ id: f.id, title: f.title })) }));
          return;
        }
        default:
          res.end(JSON.stringify({ ok: true }));
      }
    })().catch(() => {
      res.statusCode = 500;
      res.end(JSON.stringify({ ok: false, error: 'standin_failure' }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;

  const handle: SlackStandIn = {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext: (method, error) => void failures.set(method, error),
    hangChannel: (channel) => void hung.add(channel),
    rateLimitNext: (channel, seconds) => void rateLimited.set(channel, seconds),
    statusNext: (method, status) => void statuses.set(method, status),
    async waitFor(predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`Slack stand-in: condition not met within ${timeoutMs} ms; calls: ${JSON.stringify(calls.map((c) => c.method))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    addFile: (file) => void files.set(file.id, file),
    downloadUrl: (id) => `${base}/files-pri/${id}/download/${encodeURIComponent(files.get(id)?.name ?? id)}`,
    uploads,
    reset: () => {
      calls.splice(0, calls.length);
      hung.clear();
      rateLimited.clear();
      statuses.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return handle;
}
