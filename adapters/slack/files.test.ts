/**
 * Questionnaires sent as files in Slack, end to end over real HTTP on 127.0.0.1: the real server and core,
 * signed Events API requests, and the Web API stand-in holding the file (files.info, url_private_download)
 * and taking the upload (files.getUploadURLExternal, the upload URL, files.completeUploadExternal).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.js';
import { createLogger } from '../logger.js';
import { createEngine, loadDefaultReport, type Engine } from '../../src/index.js';
import { addedCells } from '../../src/questionnaire/index.js';
import { DEFAULT_QUESTIONNAIRE_LIMITS } from '../questionnaire.js';
import { isSlackFileUrl } from './files.js';
import { startSlackStandIn, STANDIN_BOT, type SlackStandIn } from '../../tests/support/slack-standin.js';
import { postSigned, TEST_SIGNING_SECRET } from '../../tests/support/slack-signing.js';
import { appMention, CHANNEL, directMessage, DM_CHANNEL, eventCallback } from '../../tests/support/slack-payloads.js';
import { buildQuestionnaire, cellsOf } from '../../tests/support/questionnaires.js';

const BOT_TOKEN = 'xoxb-test-token';
const BOT = `<@${STANDIN_BOT.userId}>`;

let standIn: SlackStandIn;
let server: RunningServer;
let engine: Engine;
let url: string;
const logLines: string[] = [];

beforeAll(async () => {
  standIn = await startSlackStandIn();
  engine = createEngine(loadDefaultReport());
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const questionnaire = { ...DEFAULT_QUESTIONNAIRE_LIMITS, maxBytes: 200_000, maxRows: 100 };
  server = await startServer(
    { port: 0, host: '127.0.0.1', logLevel: 'debug', slack: { botToken: BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: standIn.apiUrl, command: '/compliance', questionnaire } },
    { engine, logger: createLogger('debug', sink) },
  );
  url = `http://127.0.0.1:${server.port}/slack/events`;
});

afterAll(async () => {
  await server?.close();
  await standIn?.close();
});

beforeEach(() => {
  standIn.reset();
  standIn.uploads.length = 0;
});

/** A file as a file_share event lists it: Slack may send only the id and `file_access`. */
const listed = (id: string, name: string) => ({ id, name, mode: 'hosted', file_access: 'check_file_info' });
const posts = (channel: string) => standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === channel).map((c) => String(c.args.text));

describe('a questionnaire sent to the bot in Slack', () => {
  it('in a DM: looks it up, downloads it with the bot token, acknowledges at once and uploads the filled copy to the thread', async () => {
    const { bytes, questionRows } = await buildQuestionnaire();
    standIn.addFile({ id: 'F0CAIQ0001', name: 'caiq.xlsx', bytes });
    const event = directMessage('', { subtype: 'file_share', files: [listed('F0CAIQ0001', 'caiq.xlsx')] });
    const response = await postSigned(url, { json: eventCallback(event).json });
    expect(response.status).toBe(200);
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 15_000);

    expect(standIn.callsTo('files.info')[0]!.args).toMatchObject({ file: 'F0CAIQ0001' });
    expect(standIn.callsTo('file_download')[0]).toMatchObject({ token: BOT_TOKEN });
    expect(posts(DM_CHANNEL)).toEqual(['Answering 8 questions of caiq.xlsx (sheet “Questions”, column “Question”)…']);
    expect(standIn.callsTo('chat.postMessage')[0]!.args.thread_ts).toBe(event.ts);

    const [upload] = standIn.uploads;
    expect(upload).toMatchObject({ filename: 'caiq.answered.xlsx' });
    expect(upload!.completed).toMatchObject({ channel_id: DM_CHANNEL, thread_ts: event.ts });
    expect(String(upload!.completed!.initial_comment)).toMatch(/^caiq\.answered\.xlsx: 8 questions answered: \d+ yes, \d+ no, \d+ partly, \d+ from the report, \d+ not sure; \d+ need review\./);
    // The uploaded copy is the questionnaire with the core's answers in it.
    const ws = (await cellsOf(upload!.bytes)).workbook.getWorksheet('Questions')!;
    for (const row of questionRows) {
      const question = String(ws.getCell(row, 2).value);
      expect([3, 4, 5, 6].map((c) => ws.getCell(row, c).value ?? '')).toEqual([...addedCells(engine.answer(question))]);
    }
    expect(JSON.stringify(logLines)).not.toContain(BOT_TOKEN);
  });

  it('attached to a mention in a channel: answered in the thread under the message (CSV)', async () => {
    standIn.addFile({ id: 'F0CSV00001', name: 'sig-lite.csv', bytes: Buffer.from('\ufeffRef;Question\n1;Is Amazon Connect in scope?\n2;Is eu-west-3 covered?\n') });
    const event = appMention(`${BOT} please fill this in`, { files: [listed('F0CSV00001', 'sig-lite.csv')] });
    await postSigned(url, { json: eventCallback(event).json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 15_000);
    expect(posts(CHANNEL)).toEqual(['Answering 2 questions of sig-lite.csv (column “Question”)…']);
    const [upload] = standIn.uploads;
    expect(upload!.completed).toMatchObject({ channel_id: CHANNEL, thread_ts: event.ts });
    expect(upload!.bytes.toString('utf8').split('\n')[0]).toBe('\ufeffRef;Question;Verdict;Answer;Evidence;Report');
  });

  it('refuses, with a short reason and no download, a file too large, one off Slack\'s file host, or one that is no spreadsheet', async () => {
    standIn.addFile({ id: 'F0BIG00001', name: 'big.xlsx', bytes: Buffer.from('x'), size: 300_000 });
    standIn.addFile({ id: 'F0EXT00001', name: 'ext.xlsx', bytes: Buffer.from('x'), urlPrivateDownload: 'https://evil.example/steal.xlsx' });
    const cases = [
      ['F0BIG00001', 'big.xlsx', '*big.xlsx* is too large (293 KB; I answer files of at most 195 KB).'],
      ['F0EXT00001', 'ext.xlsx', 'I can only read files uploaded to Slack itself; *ext.xlsx* is stored elsewhere.'],
    ] as const;
    for (const [id, name, reply] of cases) {
      standIn.reset();
      await postSigned(url, { json: eventCallback(directMessage('', { subtype: 'file_share', files: [listed(id, name)] })).json });
      await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
      expect(posts(DM_CHANNEL)).toEqual([reply]);
    }
    standIn.reset();
    await postSigned(url, { json: eventCallback(directMessage('', { subtype: 'file_share', files: [{ id: 'F0PDF00001', name: 'soc2.pdf', filetype: 'pdf' }] })).json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    expect(posts(DM_CHANNEL)).toEqual(['I answer security questionnaires sent as an .xlsx workbook or a .csv file; *soc2.pdf* is neither.']);
    expect(standIn.callsTo('file_download')).toEqual([]);
  });

  it('says what is wrong with a file it cannot answer, and uploads nothing', async () => {
    standIn.addFile({ id: 'F0BAD00001', name: 'locked.xlsx', bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('EncryptedPackage', 'utf16le')]) });
    standIn.addFile({ id: 'F0MANY0001', name: 'many.csv', bytes: Buffer.from(`Question\n${'Is S3 in scope?\n'.repeat(101)}`) });
    for (const [id, name, reply] of [
      ['F0BAD00001', 'locked.xlsx', 'I could not answer *locked.xlsx*: it is a password-protected workbook; remove the password (File &gt; Info &gt; Protect Workbook) and send it again.'],
      ['F0MANY0001', 'many.csv', 'I could not answer *many.csv*: it has too many questions (101 rows; at most 100); split it and send the parts.'],
    ] as const) {
      standIn.reset();
      await postSigned(url, { json: eventCallback(directMessage('', { subtype: 'file_share', files: [listed(id, name)] })).json });
      await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
      expect(posts(DM_CHANNEL)).toEqual([reply]);
    }
    expect(standIn.uploads).toEqual([]);
  });

  it('says so when the upload fails', async () => {
    standIn.addFile({ id: 'F0UPF00001', name: 'q.csv', bytes: Buffer.from('Question\nIs S3 in scope?\n') });
    standIn.failNext('files.getUploadURLExternal', 'missing_scope');
    await postSigned(url, { json: eventCallback(directMessage('', { subtype: 'file_share', files: [listed('F0UPF00001', 'q.csv')] })).json });
    await standIn.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length === 2);
    expect(posts(DM_CHANNEL)[1]).toBe('I answered *q.csv* but could not upload the copy (missing_scope); the app needs the files:write scope.');
  });
});

describe('the download guard', () => {
  it("takes HTTPS on Slack's file host, or SLACK_API_URL's origin, and nothing else", () => {
    expect(isSlackFileUrl('https://files.slack.com/files-pri/T1-F1/download/q.xlsx', undefined)).toBe(true);
    expect(isSlackFileUrl('http://files.slack.com/files-pri/T1-F1/q.xlsx', undefined)).toBe(false);
    expect(isSlackFileUrl('https://files.slack.com.evil.example/q.xlsx', undefined)).toBe(false);
    expect(isSlackFileUrl('https://user:pw@files.slack.com/q.xlsx', undefined)).toBe(false);
    expect(isSlackFileUrl('http://127.0.0.1:9/files-pri/F1', 'http://127.0.0.1:9/api/')).toBe(true);
    expect(isSlackFileUrl('http://127.0.0.1:10/files-pri/F1', 'http://127.0.0.1:9/api/')).toBe(false);
  });
});
