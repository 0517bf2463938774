/**
 * What both chat adapters share for questionnaires sent as files: the caps, the download (one URL, a
 * deadline, a size cap, no redirects), and the words of the replies. The questionnaire logic itself is the
 * core's (src/questionnaire through src/index.ts); this module only moves bytes and phrases outcomes.
 */
import { extname } from 'node:path';
import type { Engine } from '../src/index.js';
import type { Questionnaire, QuestionnaireSummary } from '../src/questionnaire/index.js';

/**
 * The questionnaire module, loaded on the first file: it brings exceljs and the CSV libraries, which a
 * server answering questions in chat should not load at start.
 */
const core = () => import('../src/questionnaire/index.js');

/** Caps on a questionnaire sent in chat (QUESTIONNAIRE_MAX_BYTES; the row cap is the core's default). */
export interface QuestionnaireLimits {
  /** Largest file accepted, in bytes (default 5 MB). */
  maxBytes: number;
  /** Most questions answered in one file (default 2,000). */
  maxRows: number;
  /** Deadline of the download, in ms. */
  downloadTimeoutMs: number;
  /** Deadline of the upload of the answered copy, in ms. */
  uploadTimeoutMs: number;
}

/** The defaults: 5 MB, 2,000 rows, 20 s to download, 30 s to upload. */
export const DEFAULT_QUESTIONNAIRE_LIMITS: QuestionnaireLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 2000,
  downloadTimeoutMs: 20_000,
  uploadTimeoutMs: 30_000,
};

/** A file name the bot answers: .xlsx or .csv. */
export function isQuestionnaireName(name: string): boolean {
  return ['.xlsx', '.csv'].includes(extname(name).toLowerCase());
}

/** "caiq.xlsx" -> "caiq.answered.xlsx". */
export function answeredName(name: string): string {
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length) || 'questionnaire'}.answered${ext || '.csv'}`;
}

/** "5 MB", "1.2 MB", "300 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** A download that failed, with a reason a person can act on (never the URL, which may carry a token). */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
}

/** Options of {@link download}. */
export interface DownloadOptions {
  headers?: Record<string, string>;
  maxBytes: number;
  timeoutMs: number;
}

/**
 * GETs `url` with a deadline and a size cap, following no redirect (a redirect from a file host goes to a
 * sign-in page, and following it could carry the token elsewhere). Reads the body as it comes and stops at
 * `maxBytes`.
 * @throws DownloadError: an HTTP status, a redirect, an HTML page instead of a file, too large, too slow.
 */
export async function download(url: string, options: DownloadOptions): Promise<Buffer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers: options.headers, redirect: 'manual', signal });
  } catch (error) {
    if (signal.aborted) throw new DownloadError(`the download took longer than ${options.timeoutMs / 1000} s`);
    throw new DownloadError(`the download failed (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`);
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new DownloadError('the file host redirected the download (the app may lack the permission to read files)');
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new DownloadError(`the file host answered HTTP ${response.status}`);
  }
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    await response.body?.cancel();
    throw new DownloadError('the file host sent a web page instead of the file (the app may lack the permission to read files)');
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw new DownloadError(`the file is too large (${formatBytes(declared)}; at most ${formatBytes(options.maxBytes)})`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > options.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new DownloadError(`the file is too large (more than ${formatBytes(options.maxBytes)})`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (signal.aborted) throw new DownloadError(`the download took longer than ${options.timeoutMs / 1000} s`);
    throw new DownloadError('the download was cut off');
  }
  return Buffer.concat(chunks);
}

/** Runs `work` with a deadline; past it, rejects with `message` (the work itself is not cancelled). */
export async function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The outcome of reading a questionnaire: ready to answer, or a reason to give the person. */
export type OpenedQuestionnaire = { ok: true; questionnaire: Questionnaire } | { ok: false; reason: string };

/** Reads the bytes as a questionnaire with the row cap; a bad file gives the core's reason. */
export async function openForChat(bytes: Buffer, name: string, limits: QuestionnaireLimits): Promise<OpenedQuestionnaire> {
  const { openQuestionnaire, QuestionnaireError } = await core();
  try {
    return { ok: true, questionnaire: await openQuestionnaire(bytes, { file: name, maxRows: limits.maxRows }) };
  } catch (error) {
    if (error instanceof QuestionnaireError) return { ok: false, reason: error.problem };
    throw error;
  }
}

/** "Answering 240 questions of caiq.xlsx (sheet “Questions”, column B)…" */
export function acknowledgement(name: string, q: Questionnaire): string {
  const where = q.format === 'xlsx' ? `sheet “${q.location.sheet}”, ` : '';
  const header = q.location.header ? ` “${q.location.header}”` : '';
  return `Answering ${q.rowCount} question${q.rowCount === 1 ? '' : 's'} of ${name} (${where}column${header})…`;
}

/** The closing line: the counts, and which rows to check. */
export async function summaryText(name: string, summary: QuestionnaireSummary): Promise<string> {
  const { summaryLine } = await core();
  const review = summary.needsReview > 0 ? ' Rows to check before sending it back are highlighted in the Verdict to Report columns.' : '';
  return `${answeredName(name)}: ${summaryLine(summary)}${review}`;
}

/** Answers a questionnaire with the engine, yielding between rows. */
export function answerWith(engine: Engine, q: Questionnaire) {
  return q.answer((question) => engine.answer(question));
}
