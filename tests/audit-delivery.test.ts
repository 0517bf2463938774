/**
 * The audit log says whether each reply was delivered: the built server, over HTTP, against the Slack Web API
 * stand-in (which refuses one chat.postMessage) and the Bot Connector stand-in (which refuses one reply);
 * the log is then read as an admin reads it, with `npm run audit` (dist/audit-cli.js) on the same STORE_FILE.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStandIn, type ConnectorStandIn } from './support/connector-standin.js';
import { appMention, eventCallback } from './support/slack-payloads.js';
import { postSigned } from './support/slack-signing.js';
import { startSlackStandIn, STANDIN_BOT, type SlackStandIn } from './support/slack-standin.js';
import { standInAdapters, startServerProcess } from './support/server-process.js';
import { personalMessage } from './support/teams-activity.js';

describe('the audit log says whether the reply was delivered', () => {
  let dir: string;
  let file: string;
  let slack: SlackStandIn;
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-delivery-'));
    file = join(dir, 'store.sqlite');
    slack = await startSlackStandIn();
    connector = await startConnectorStandIn();
  });
  afterAll(async () => {
    await slack?.close();
    await connector?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a Slack post refused by the Web API and a Teams reply refused by the connector are logged as not delivered; the others as delivered', async () => {
    const server = await startServerProcess({ STORE_FILE: file, AUDIT_USER_IDS: 'keep', ...standInAdapters(slack.apiUrl) });
    try {
      const events = `http://127.0.0.1:${server.port}/slack/events`;
      slack.failNext('chat.postMessage', 'not_in_channel');
      const refused = appMention(`<@${STANDIN_BOT.userId}> is S3 in scope? (refused)`);
      expect((await postSigned(events, { json: eventCallback(refused).json })).status).toBe(200);
      await server.waitForLine((l) => l.msg === 'could not post the reply: Slack refused it' && l.slackError === 'not_in_channel');
      const posted = appMention(`<@${STANDIN_BOT.userId}> is S3 in scope? (posted)`);
      expect((await postSigned(events, { json: eventCallback(posted).json })).status).toBe(200);
      await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.thread_ts === posted.ts), 10_000);

      const teams = (text: string, id: string) =>
        fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(connector.url, text, id)) });
      connector.respondWith(403);
      await teams('is S3 in scope? (teams refused)', 'act-delivery-1');
      connector.respondWith(200);
      expect((await teams('is S3 in scope? (teams sent)', 'act-delivery-2')).status).toBe(200);
    } finally {
      // SIGTERM: the server writes its last records before it exits, so the log is complete when read.
      await server.stop();
    }

    const audit = spawnSync(process.execPath, ['dist/audit-cli.js', '--format', 'json'], { env: { PATH: process.env.PATH ?? '', STORE_FILE: file }, timeout: 20_000 });
    expect(audit.status, audit.stderr.toString()).toBe(0);
    const rows = audit.stdout
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { question: string; platform: string; delivered: boolean });
    const delivered = Object.fromEntries(rows.map((r) => [r.question, r.delivered]));
    expect(delivered).toEqual({
      'is S3 in scope? (refused)': false,
      'is S3 in scope? (posted)': true,
      'is S3 in scope? (teams refused)': false,
      'is S3 in scope? (teams sent)': true,
    });
  }, 60_000);
});
