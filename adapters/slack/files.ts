/**
 * Questionnaires sent to the bot as files in Slack: an XLSX or CSV in a DM (a `message` of subtype
 * `file_share`) or attached to a message that mentions the bot (`app_mention` with `files`). The bot looks
 * the file up with files.info (events may carry only `file_access: "check_file_info"`), downloads
 * `url_private_download` with its token from Slack's file host only, acknowledges in the thread at once,
 * answers every row, and uploads the filled copy to the thread with files.uploadV2
 * (files.getUploadURLExternal, upload, files.completeUploadExternal) with the summary as its comment.
 * https://docs.slack.dev/messaging/working-with-files, https://docs.slack.dev/reference/methods/files.info
 */
import type { AllMiddlewareArgs } from '@slack/bolt';
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
  withDeadline,
  type QuestionnaireLimits,
} from '../questionnaire.js';
import { escapeMrkdwn } from './escape.js';

type Client = AllMiddlewareArgs['client'];

/** A file as events and files.info describe it (the fields read here). */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  mode?: string;
}

/** Where a file arrived: the channel and the thread to answer in. */
export interface FileMessage {
  channel: string;
  /** The thread to answer in: the message's thread, or the message itself. */
  threadTs: string;
  files: readonly SlackFile[];
  /** The words of the message, without the mention ("" when it had none). */
  text: string;
}

/** What the file flow needs. */
export interface SlackFileDeps {
  engine: Engine;
  logger: Logger;
  /** The bot token, sent with the download (never logged). */
  botToken: string;
  /** SLACK_API_URL, when set: downloads may come from its host too (the tests' stand-in). */
  apiUrl?: string;
  limits?: QuestionnaireLimits;
}

/** Slack's file host: url_private_download points there (https://docs.slack.dev/messaging/working-with-files#downloading). */
export const SLACK_FILE_HOST = 'files.slack.com';

/** The files of an event payload, when it carries any (`files` is not in Bolt's app_mention type). */
export function filesOf(event: unknown): SlackFile[] {
  const files = (event as { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return files.filter((f): f is SlackFile => typeof f === 'object' && f !== null && typeof (f as SlackFile).id === 'string');
}

/**
 * Whether a download URL may be fetched with the bot token: HTTPS on Slack's file host, or (tests, and an
 * Enterprise Grid proxy set as SLACK_API_URL) the same origin as SLACK_API_URL.
 */
export function isSlackFileUrl(url: string, apiUrl: string | undefined): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:' && u.hostname === SLACK_FILE_HOST && (u.port === '' || u.port === '443')) return true;
  if (!apiUrl) return false;
  return u.origin === new URL(apiUrl).origin;
}

const name = (f: SlackFile) => f.name ?? f.title ?? f.id;

/**
 * Handles a message with files. Returns false when none is a questionnaire and the message has words of
 * its own (the caller answers those as a question); otherwise replies in the thread and returns true.
 * Never throws: each failure is told to the person in one short line and logged.
 */
export async function answerFileMessage(client: Client, message: FileMessage, deps: SlackFileDeps): Promise<boolean> {
  const limits = deps.limits ?? DEFAULT_QUESTIONNAIRE_LIMITS;
  const { logger } = deps;
  const say = async (text: string) => {
    try {
      await client.chat.postMessage({ channel: message.channel, thread_ts: message.threadTs, text, unfurl_links: false, unfurl_media: false });
    } catch (error) {
      logger.error({ err: error, channel: message.channel }, 'could not post a questionnaire reply');
    }
  };
  const sheets = message.files.filter((f) => isQuestionnaireName(name(f)) || f.filetype === 'xlsx' || f.filetype === 'csv');
  if (sheets.length === 0) {
    if (message.text.trim() !== '') return false;
    const names = message.files.map((f) => `*${escapeMrkdwn(name(f))}*`).join(', ');
    await say(`I answer security questionnaires sent as an .xlsx workbook or a .csv file; ${names} is neither.`);
    return true;
  }
  const file = sheets[0]!;
  const label = escapeMrkdwn(name(file));
  const more = sheets.length > 1 ? ` (one questionnaire per message: answering *${label}* only)` : '';

  let info: SlackFile;
  try {
    const res = await withDeadline(client.files.info({ file: file.id }), limits.downloadTimeoutMs, 'files.info timed out');
    info = { ...file, ...(res.file as SlackFile | undefined) };
  } catch (error) {
    logger.warn({ err: error, file: file.id }, 'files.info failed');
    await say(`I could not look up *${label}* (${slackCode(error) ?? 'no answer from Slack'}); the app needs the files:read scope.`);
    return true;
  }
  if (typeof info.size === 'number' && info.size > limits.maxBytes) {
    await say(`*${label}* is too large (${formatBytes(info.size)}; I answer files of at most ${formatBytes(limits.maxBytes)}).`);
    return true;
  }
  const url = info.url_private_download;
  if (!url || !isSlackFileUrl(url, deps.apiUrl)) {
    logger.warn({ file: file.id, mode: info.mode, host: url ? safeHost(url) : undefined }, 'refused a file that is not on Slack\'s file host');
    await say(`I can only read files uploaded to Slack itself; *${label}* is ${url ? 'stored elsewhere' : 'not downloadable'}.`);
    return true;
  }

  let bytes: Buffer;
  try {
    bytes = await download(url, { headers: { Authorization: `Bearer ${deps.botToken}` }, maxBytes: limits.maxBytes, timeoutMs: limits.downloadTimeoutMs });
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    logger.warn({ file: file.id, reason: error.message }, 'questionnaire download failed');
    await say(`I could not download *${label}*: ${error.message}.`);
    return true;
  }
  const opened = await openForChat(bytes, name(info), limits);
  if (!opened.ok) {
    await say(`I could not answer *${label}*: it ${escapeMrkdwn(opened.reason)}.`);
    return true;
  }
  const q = opened.questionnaire;
  await say(`${escapeMrkdwn(acknowledgement(name(info), q))}${more}`);
  let result: Awaited<ReturnType<typeof answerWith>>;
  try {
    result = await answerWith(deps.engine, q);
  } catch (error) {
    logger.error({ err: error, file: file.id }, 'answering a questionnaire failed');
    await say(`Something went wrong while answering *${label}*; nothing was uploaded. Try again, or run \`npm run questionnaire\`.`);
    return true;
  }
  const filename = answeredName(name(info));
  try {
    await withDeadline(
      client.filesUploadV2({
        channel_id: message.channel,
        thread_ts: message.threadTs,
        file: result.output,
        filename,
        title: filename,
        initial_comment: await summaryText(name(info), result.summary),
      }),
      limits.uploadTimeoutMs,
      'the upload timed out',
    );
    logger.info({ file: file.id, rows: result.summary.rows, needsReview: result.summary.needsReview }, 'questionnaire answered');
  } catch (error) {
    logger.error({ err: error, slackError: slackCode(error), file: file.id }, 'could not upload the answered questionnaire');
    await say(`I answered *${label}* but could not upload the copy (${slackCode(error) ?? (error as Error).message}); the app needs the files:write scope.`);
  }
  return true;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function slackCode(error: unknown): string | undefined {
  const e = error as { data?: { error?: unknown }; code?: unknown };
  return typeof e?.data?.error === 'string' ? e.data.error : undefined;
}
