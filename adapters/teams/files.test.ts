/**
 * Questionnaires sent as files in a Teams personal chat, end to end over real HTTP on 127.0.0.1 in local
 * mode: the real server and core, activities shaped as Teams sends them (fake ids), and the connector
 * stand-in playing the Bot Connector and OneDrive (the file's downloadUrl, the consent's uploadUrl).
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport, type Engine } from '../../src/index.js';
import { addedCells } from '../../src/questionnaire/index.js';
import type { AppConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { DEFAULT_QUESTIONNAIRE_LIMITS } from '../questionnaire.js';
import { startServer, type RunningServer } from '../server.js';
import { startConnectorStandIn, type ConnectorStandIn } from '../../tests/support/connector-standin.js';
import { buildQuestionnaire, cellsOf } from '../../tests/support/questionnaires.js';
import { FILE_CONSENT_CARD, FILE_DOWNLOAD_INFO, FILE_INFO_CARD, TeamsQuestionnaires } from './files.js';

const TENANT = '00000000-0000-4000-8000-00000000feed';
const BOT = { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Compliance Bot' };
const USER = { id: '29:1fake-user-id', aadObjectId: '00000000-0000-4000-8000-0000000000a1', name: 'Alex Example' };
const CONVERSATION = { conversationType: 'personal', tenantId: TENANT, id: 'a:1fake-personal-conversation-id' };

let sequence = 1_800_000_000_000;
const nextId = () => String((sequence += 1));

/** A personal-chat message carrying a file, as Teams sends it to a bot with supportsFiles. */
function fileMessage(serviceUrl: string, name: string, downloadUrl: string) {
  return {
    type: 'message',
    id: nextId(),
    timestamp: '2024-05-02T09:00:00.000Z',
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: CONVERSATION,
    recipient: BOT,
    attachments: [{ contentType: FILE_DOWNLOAD_INFO, contentUrl: 'https://contoso-my.sharepoint.com/personal/alex/Documents/x', name, content: { downloadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C', fileType: name.split('.').pop() } }],
    channelData: { tenant: { id: TENANT } },
  };
}

/** The invoke Teams sends when the person accepts (or declines) the FileConsentCard. */
function consent(serviceUrl: string, action: 'accept' | 'decline', context: unknown, uploadUrl: string) {
  return {
    type: 'invoke',
    name: 'fileConsent/invoke',
    id: nextId(),
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: CONVERSATION,
    recipient: BOT,
    replyToId: '1:consent-card-id',
    value: {
      type: 'fileUpload',
      action,
      context,
      uploadInfo: { contentUrl: 'https://contoso-my.sharepoint.com/personal/alex/Documents/Applications/caiq.answered.xlsx', name: 'caiq.answered.xlsx', uploadUrl, fileType: 'xlsx', uniqueId: '0AB8E4AC-1A5B-4C4A-9C4A-0B5E3E2F9B11' },
    },
    channelData: { tenant: { id: TENANT } },
  };
}

const post = (base: string, body: object) =>
  fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('a questionnaire sent to the bot in a Teams personal chat', () => {
  let engine: Engine;
  let connector: ConnectorStandIn;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    engine = createEngine(loadDefaultReport());
    connector = await startConnectorStandIn();
    const config: AppConfig = { port: 0, host: '127.0.0.1', logLevel: 'warn', teams: { mode: 'local', questionnaire: { ...DEFAULT_QUESTIONNAIRE_LIMITS, maxBytes: 200_000, maxRows: 100 } } };
    server = await startServer(config, { engine, logger: createLogger('silent') });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });
  beforeEach(() => {
    connector.reset();
    connector.uploads.clear();
  });

  /** The first `n` messages the bot sent (typing indicators, sent while a sheet is answered, left out). */
  async function messages(n: number) {
    for (let count = n; ; ) {
      const calls = await connector.waitForCalls(count);
      const sent = calls.filter((c) => c.activity.type === 'message');
      if (sent.length >= n) return sent;
      count = calls.length + 1;
    }
  }

  it('acknowledges, answers with the summary and a FileConsentCard, then on accept uploads the copy and shows a FileInfoCard', async () => {
    const { bytes, questionRows } = await buildQuestionnaire();
    const activity = fileMessage(connector.url, 'caiq.xlsx', connector.addFile('caiq', bytes));
    expect((await post(base, activity)).status).toBe(200);
    const calls = await messages(2);
    const texts = calls.map((c) => c.activity.text);
    expect(texts[0]).toBe('Answering 8 questions of caiq.xlsx (sheet “Questions”, column “Question”)…');
    expect(texts[1]).toMatch(/^caiq\.answered\.xlsx: 8 questions answered: .* Accept to save the copy \(\d+ KB\) to your OneDrive\.$/);
    const [card] = calls[1]!.activity.attachments as Array<{ contentType: string; name: string; content: { sizeInBytes: number; acceptContext: unknown } }>;
    expect(card).toMatchObject({ contentType: FILE_CONSENT_CARD, name: 'caiq.answered.xlsx' });

    const accepted = await post(base, consent(connector.url, 'accept', card!.content.acceptContext, connector.uploadUrl('caiq-answered')));
    expect(accepted.status).toBe(200);
    const after = await messages(3);
    const upload = connector.uploads.get('caiq-answered')!;
    expect(upload.bytes.length).toBe(card!.content.sizeInBytes);
    expect(upload.contentRange).toBe(`bytes 0-${upload.bytes.length - 1}/${upload.bytes.length}`);
    expect(after[2]!.activity.attachments).toEqual([
      { contentType: FILE_INFO_CARD, contentUrl: 'https://contoso-my.sharepoint.com/personal/alex/Documents/Applications/caiq.answered.xlsx', name: 'caiq.answered.xlsx', content: { uniqueId: '0AB8E4AC-1A5B-4C4A-9C4A-0B5E3E2F9B11', fileType: 'xlsx' } },
    ]);
    // The uploaded copy holds the core's answers.
    const ws = (await cellsOf(upload.bytes)).workbook.getWorksheet('Questions')!;
    for (const row of questionRows) {
      expect([3, 4, 5, 6].map((c) => ws.getCell(row, c).value ?? '')).toEqual([...addedCells(engine.answer(String(ws.getCell(row, 2).value)))]);
    }
    // A second accept of the same card finds nothing to upload.
    await post(base, consent(connector.url, 'accept', card!.content.acceptContext, connector.uploadUrl('again')));
    const last = await messages(4);
    expect(last[3]!.activity.text).toBe('That copy is no longer here (it is kept for 30 minutes); send the questionnaire again.');
    expect(connector.uploads.has('again')).toBe(false);
  });

  it('forgets the copy when the person declines', async () => {
    const activity = fileMessage(connector.url, 'q.csv', connector.addFile('q', Buffer.from('Question\nIs S3 in scope?\n')));
    await post(base, activity);
    const calls = await messages(2);
    const [card] = calls[1]!.activity.attachments as Array<{ content: { declineContext: unknown } }>;
    await post(base, consent(connector.url, 'decline', card!.content.declineContext, connector.uploadUrl('declined')));
    const after = await messages(3);
    expect(after[2]!.activity.text).toBe('OK, I did not save q.answered.csv.');
    expect(connector.uploads.size).toBe(0);
  });

  it('says why it cannot answer: not a spreadsheet, too large, too many rows, a file off the allowed hosts', async () => {
    const cases: Array<[string, string, string]> = [
      ['notes.pdf', connector.addFile('pdf', Buffer.from('%PDF')), 'I answer security questionnaires sent as an .xlsx workbook or a .csv file; notes.pdf is neither.'],
      ['big.csv', connector.addFile('big', Buffer.alloc(250_000, 65)), 'I could not download big.csv: the file is too large (244 KB; at most 195 KB).'],
      ['many.csv', connector.addFile('many', Buffer.from(`Question\n${'Is S3 in scope?\n'.repeat(101)}`)), 'I could not answer many.csv: it has too many questions (101 rows; at most 100); split it and send the parts.'],
      ['far.xlsx', 'https://evil.example/far.xlsx', 'I can only read files shared through Teams itself; far.xlsx is not.'],
    ];
    for (const [name, url, reply] of cases) {
      connector.reset();
      await post(base, fileMessage(connector.url, name, url));
      const [call] = await messages(1);
      expect(call!.activity.text).toBe(reply);
    }
  });
});

describe('the Teams file URL guard', () => {
  it('takes HTTPS on SharePoint hosts when authenticated, and loopback only in local mode', () => {
    const options = { engine: createEngine(loadDefaultReport()), logger: createLogger('silent') };
    const cloud = new TeamsQuestionnaires({ ...options, local: false });
    expect(cloud.isFileUrl('https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?UniqueId=1')).toBe(true);
    expect(cloud.isFileUrl('http://contoso-my.sharepoint.com/x')).toBe(false);
    expect(cloud.isFileUrl('https://sharepoint.com.evil.example/x')).toBe(false);
    expect(cloud.isFileUrl('http://127.0.0.1:9/files/x')).toBe(false);
    const local = new TeamsQuestionnaires({ ...options, local: true });
    expect(local.isFileUrl('http://127.0.0.1:9/files/x')).toBe(true);
    expect(local.isFileUrl('https://contoso-my.sharepoint.com/x')).toBe(false);
  });
});
