/**
 * Questionnaires sent as files in a Teams personal chat (the app manifest's `supportsFiles: true`): the file
 * arrives as an attachment of type `application/vnd.microsoft.teams.file.download.info` with a pre-signed
 * `downloadUrl`; the bot acknowledges, answers every row, and offers the filled copy through the file consent
 * flow: a FileConsentCard, then, when the person accepts, a PUT of the bytes to the `uploadUrl` Teams returns
 * in the `fileConsent/invoke`, then a FileInfoCard linking the uploaded file.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4
 */
import { randomUUID } from 'node:crypto';
import type { Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import type { Engine } from '../../src/index.js';
import type { Logger } from '../logger.js';
import {
  DEFAULT_QUESTIONNAIRE_LIMITS,
  DownloadError,
  acknowledgement,
  answerWith,
  answeredName,
  download,
  formatBytes,
  isQuestionnaireName,
  openForChat,
  summaryText,
  type QuestionnaireLimits,
} from '../questionnaire.js';
import { isLoopbackServiceUrl } from './loopback.js';

/** The attachment type of a file a person sent in a personal chat. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
/** The card asking the person's consent before the bot uploads a file to their OneDrive. */
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
/** The card showing a file the bot uploaded. */
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/**
 * Hosts Teams' file URLs live on (OneDrive for Business / SharePoint Online, commercial and sovereign clouds).
 * https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges
 */
const FILE_HOSTS = [/\.sharepoint\.com$/i, /\.sharepoint-df\.com$/i, /\.sharepoint\.us$/i, /\.sharepoint\.de$/i, /\.sharepoint\.cn$/i];

/** What the file flow needs. */
export interface TeamsFileOptions {
  engine: Engine;
  logger: Logger;
  limits?: QuestionnaireLimits;
  /** Local mode: file URLs must be on loopback (the emulator or the tests' stand-in), never elsewhere. */
  local: boolean;
  /** How long an answered copy waits for the person's consent (default 30 min). */
  pendingTtlMs?: number;
}

/** A copy waiting for consent. */
interface Pending {
  name: string;
  bytes: Buffer;
  expires: number;
}

/** Most copies held at once, waiting for consent; the oldest goes first. */
const MAX_PENDING = 50;

/** A file attachment of a message: its name and where to download it from. */
export interface SentFile {
  name: string;
  downloadUrl: string | undefined;
}

/** The files a message carries (Teams' download-info attachments), in order. */
export function sentFiles(activity: { attachments?: Attachment[] }): SentFile[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === FILE_DOWNLOAD_INFO)
    .map((a) => {
      const content = (a.content ?? {}) as { downloadUrl?: unknown };
      return { name: a.name ?? 'file', downloadUrl: typeof content.downloadUrl === 'string' ? content.downloadUrl : undefined };
    });
}

/** The consent invoke's value (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4#invoke-activity-when-the-user-accepts-the-file). */
interface ConsentValue {
  type?: string;
  action?: 'accept' | 'decline';
  context?: { key?: string };
  uploadInfo?: { name?: string; uploadUrl?: string; contentUrl?: string; uniqueId?: string; fileType?: string };
}

/** Questionnaires in Teams: answers a file message, and completes the upload when the person consents. */
export class TeamsQuestionnaires {
  private readonly pending = new Map<string, Pending>();
  private readonly limits: QuestionnaireLimits;
  private readonly ttlMs: number;

  constructor(private readonly options: TeamsFileOptions) {
    this.limits = options.limits ?? DEFAULT_QUESTIONNAIRE_LIMITS;
    this.ttlMs = options.pendingTtlMs ?? 30 * 60_000;
  }

  /** Whether a URL Teams gave may be fetched or written: HTTPS on SharePoint's hosts, or loopback in local mode. */
  isFileUrl(url: string): boolean {
    if (this.options.local) return isLoopbackServiceUrl(url);
    try {
      const u = new URL(url);
      return u.protocol === 'https:' && !u.username && !u.password && FILE_HOSTS.some((h) => h.test(u.hostname));
    } catch {
      return false;
    }
  }

  /**
   * Answers a message that carries files. Returns false when it carries none (the caller answers its text).
   * Never throws for a bad file: the person is told why in one line.
   */
  async answerFileMessage(context: TurnContext): Promise<boolean> {
    const files = sentFiles(context.activity);
    if (files.length === 0) return false;
    const file = files.find((f) => isQuestionnaireName(f.name));
    if (!file) {
      await context.sendActivity(`I answer security questionnaires sent as an .xlsx workbook or a .csv file; ${files.map((f) => f.name).join(', ')} is neither.`);
      return true;
    }
    if (!file.downloadUrl || !this.isFileUrl(file.downloadUrl)) {
      this.options.logger.warn({ file: file.name }, 'refused a Teams file whose download URL is not on a Teams file host');
      await context.sendActivity(`I can only read files shared through Teams itself; ${file.name} is not.`);
      return true;
    }
    let bytes: Buffer;
    try {
      bytes = await download(file.downloadUrl, { maxBytes: this.limits.maxBytes, timeoutMs: this.limits.downloadTimeoutMs });
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      this.options.logger.warn({ file: file.name, reason: error.message }, 'Teams questionnaire download failed');
      await context.sendActivity(`I could not download ${file.name}: ${error.message}.`);
      return true;
    }
    const opened = await openForChat(bytes, file.name, this.limits);
    if (!opened.ok) {
      await context.sendActivity(`I could not answer ${file.name}: it ${opened.reason}.`);
      return true;
    }
    await context.sendActivity(acknowledgement(file.name, opened.questionnaire));
    const result = await answerWith(this.options.engine, opened.questionnaire);
    const name = answeredName(file.name);
    const key = this.hold({ name, bytes: result.output, expires: Date.now() + this.ttlMs });
    const consent: Attachment = {
      contentType: FILE_CONSENT_CARD,
      name,
      content: {
        description: `${file.name} with a Verdict, Answer, Evidence and Report for every question`,
        sizeInBytes: result.output.length,
        acceptContext: { key },
        declineContext: { key },
      },
    };
    await context.sendActivity({ type: 'message', text: `${await summaryText(file.name, result.summary)} Accept to save the copy (${formatBytes(result.output.length)}) to your OneDrive.`, attachments: [consent] });
    this.options.logger.info({ rows: result.summary.rows, needsReview: result.summary.needsReview }, 'Teams questionnaire answered; consent asked');
    return true;
  }

  /** Handles `fileConsent/invoke`: on accept, uploads the copy and shows it; on decline, forgets it. Always 200. */
  async onConsent(context: TurnContext): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as ConsentValue;
    const key = value.context?.key;
    const held = key ? this.take(key) : undefined;
    if (value.action === 'decline') {
      await context.sendActivity(held ? `OK, I did not save ${held.name}.` : 'OK.');
      return { status: 200 };
    }
    const info = value.uploadInfo;
    if (!held) {
      await context.sendActivity('That copy is no longer here (it is kept for 30 minutes); send the questionnaire again.');
      return { status: 200 };
    }
    if (!info?.uploadUrl || !this.isFileUrl(info.uploadUrl) || !info.contentUrl) {
      this.options.logger.warn({ hasUploadUrl: Boolean(info?.uploadUrl) }, 'refused a file consent whose upload URL is not on a Teams file host');
      await context.sendActivity(`I could not save ${held.name}: Teams gave no upload address I can use.`);
      return { status: 200 };
    }
    try {
      await this.upload(info.uploadUrl, held.bytes);
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not upload the answered questionnaire to OneDrive');
      await context.sendActivity(`I could not save ${held.name}: ${(error as Error).message}.`);
      return { status: 200 };
    }
    const card: Attachment = {
      contentType: FILE_INFO_CARD,
      contentUrl: info.contentUrl,
      name: info.name ?? held.name,
      content: { uniqueId: info.uniqueId, fileType: info.fileType ?? held.name.split('.').pop() },
    };
    await context.sendActivity({ type: 'message', attachments: [card] });
    return { status: 200 };
  }

  /** One PUT of the whole file to the upload session Teams opened, with a deadline. */
  private async upload(url: string, bytes: Buffer): Promise<void> {
    const signal = AbortSignal.timeout(this.limits.uploadTimeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
        body: bytes,
        redirect: 'error',
        signal,
      });
    } catch {
      throw new Error(signal.aborted ? `the upload took longer than ${this.limits.uploadTimeoutMs / 1000} s` : 'the upload failed');
    }
    await response.body?.cancel();
    if (response.status !== 200 && response.status !== 201) throw new Error(`OneDrive answered HTTP ${response.status}`);
  }

  private hold(entry: Pending): string {
    const now = Date.now();
    for (const [k, p] of this.pending) if (p.expires < now) this.pending.delete(k);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const key = randomUUID();
    this.pending.set(key, entry);
    return key;
  }

  private take(key: string): Pending | undefined {
    const p = this.pending.get(key);
    this.pending.delete(key);
    return p && p.expires >= Date.now() ? p : undefined;
  }
}
