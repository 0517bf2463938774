/**
 * 👍 / 👎 over real HTTP, into the store: the built server answers, and the clicks on its answer's buttons come
 * back as the platforms send them. Slack: signed (v0) block_actions on /slack/events, "Thanks: recorded" as an
 * ephemeral through the click's response_url, a 👎's reason from the modal's view_submission. Teams:
 * Action.Submit as a message activity whose `value` is the button's data, the card updated in place (PUT on
 * the Bot Connector stand-in). One vote per user per answer: a second click changes it. What lands in the
 * STORE_FILE is read after SIGTERM (the server writes its last records before it exits).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStandIn, type ConnectorStandIn } from './support/connector-standin.js';
import { appMention, CHANNEL, eventCallback, OTHER_USER, TEAM, USER } from './support/slack-payloads.js';
import { postSigned } from './support/slack-signing.js';
import { startSlackStandIn, STANDIN_BOT, type RecordedCall, type SlackStandIn } from './support/slack-standin.js';
import { standInAdapters, startServerProcess, type ServerProcess } from './support/server-process.js';
import { personalMessage } from './support/teams-activity.js';

interface FeedbackRow {
  answer_id: string;
  voter: string;
  platform: string;
  vote: string;
  reason: string | null;
}

let dir: string;
let slack: SlackStandIn;
let connector: ConnectorStandIn;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-feedback-'));
  slack = await startSlackStandIn();
  connector = await startConnectorStandIn();
});
afterAll(async () => {
  await slack?.close();
  await connector?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let stores = 0;
async function start(): Promise<{ server: ServerProcess; file: string }> {
  const file = join(dir, `store-${++stores}.sqlite`);
  const server = await startServerProcess({ STORE_FILE: file, AUDIT_USER_IDS: 'keep', ...standInAdapters(slack.apiUrl) });
  return { server, file };
}

function feedbackRows(file: string): FeedbackRow[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('select answer_id, voter, platform, vote, reason from feedback order by voter').all() as FeedbackRow[];
  } finally {
    db.close();
  }
}

/** The Slack buttons of a posted answer, by action_id. */
function slackButtons(call: RecordedCall): Record<string, { action_id: string; value: string; block_id?: string }> {
  const blocks = call.args.blocks as Array<{ type: string; block_id?: string; elements?: Array<{ action_id: string; value: string }> }>;
  const buttons: Record<string, { action_id: string; value: string; block_id?: string }> = {};
  for (const b of blocks) if (b.type === 'actions') for (const e of b.elements ?? []) buttons[e.action_id] = { ...e, block_id: b.block_id };
  return buttons;
}

let clicks = 0;
/** A click on a button of a message in a channel, as Slack posts it (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload). */
function channelClick(user: string, button: { action_id: string; value: string; block_id?: string }, messageTs: string, responseId: string) {
  clicks += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0TESTAPP1',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: false },
    trigger_id: `1.2.fb${clicks}`,
    team: { id: TEAM, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: CHANNEL, name: 'general' },
    message: { type: 'message', ts: messageTs, user: STANDIN_BOT.userId, text: 'answer' },
    response_url: slack.responseUrl(responseId),
    actions: [{ action_id: button.action_id, block_id: button.block_id ?? 'b', text: { type: 'plain_text', text: 'vote' }, value: button.value, type: 'button', action_ts: `1700000300.00${clicks}` }],
  };
  return { form: { payload: JSON.stringify(payload) } };
}

describe('Slack feedback over HTTP', () => {
  it('👍 then 👎 from one user and 👍 from another: "Thanks: recorded" to each, the reason kept, one vote per user in the store', async () => {
    const { server, file } = await start();
    let answerId: string;
    try {
      const events = `http://127.0.0.1:${server.port}/slack/events`;
      const mention = appMention(`<@${STANDIN_BOT.userId}> is Amazon Athena in scope?`);
      expect((await postSigned(events, { json: eventCallback(mention).json })).status).toBe(200);
      await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.thread_ts === mention.ts), 10_000);
      const answer = slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === mention.ts)!;
      const buttons = slackButtons(answer);
      const up = buttons.compliance_feedback_up!;
      const down = buttons.compliance_feedback_down!;
      answerId = (JSON.parse(up.value) as { id: string }).id;
      const answerTs = '1700000999.000100';

      const click = async (user: string, button: typeof up, responseId: string) => {
        expect((await postSigned(events, channelClick(user, button, answerTs, responseId))).status).toBe(200);
        await slack.waitFor((calls) => calls.some((c) => c.method === 'response_url' && c.responseId === responseId), 10_000);
        return slack.callsTo('response_url').find((c) => c.responseId === responseId)!.args;
      };
      // A channel's answer stays as it is for everyone else: the voter is thanked privately.
      expect(await click(USER, up, 'fb-up')).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Thanks: recorded 👍' });
      expect(await click(USER, down, 'fb-down')).toMatchObject({ response_type: 'ephemeral', text: 'Thanks: recorded 👎' });
      // The 👎 opened the reason modal with the click's trigger_id; its submission carries the answer id.
      const modal = slack.callsTo('views.open').at(-1)!.args.view as { callback_id: string; private_metadata: string };
      expect(modal.callback_id).toBe('compliance_feedback_reason');
      const submission = {
        type: 'view_submission',
        team: { id: TEAM, domain: 'test' },
        user: { id: USER, username: 'asker', name: 'asker', team_id: TEAM },
        api_app_id: 'A0TESTAPP1',
        token: 'deprecated-verification-token',
        trigger_id: '1.2.reason',
        view: {
          id: 'V0REASON01',
          team_id: TEAM,
          type: 'modal',
          callback_id: modal.callback_id,
          private_metadata: modal.private_metadata,
          hash: '1700000400.abc',
          state: { values: { reason: { reason: { type: 'plain_text_input', value: '  the period\nis wrong  ' } } } },
        },
      };
      const submitted = await postSigned(events, { form: { payload: JSON.stringify(submission) } });
      expect(submitted.status).toBe(200);
      expect(await click(OTHER_USER, up, 'fb-other')).toMatchObject({ text: 'Thanks: recorded 👍' });
    } finally {
      await server.stop();
    }
    expect(feedbackRows(file)).toEqual([
      { answer_id: answerId, voter: USER, platform: 'slack', vote: 'down', reason: 'the period is wrong' },
      { answer_id: answerId, voter: OTHER_USER, platform: 'slack', vote: 'up', reason: null },
    ]);
  }, 60_000);
});

describe('Teams feedback over HTTP', () => {
  it('👍 then 👎 with a reason: the card updated in place each time, one vote in the store', async () => {
    const { server, file } = await start();
    let answerId: string;
    try {
      const post = async (activity: Record<string, unknown>) => {
        const r = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        expect(r.status, await r.text()).toBe(200);
      };
      const question = personalMessage(connector.url, 'is Amazon Athena in scope?', 'act-fb-question');
      await post(question);
      const reply = connector.calls.find((c) => c.replyToId === 'act-fb-question' && c.activity.type === 'message')!;
      const card = (reply.activity.attachments as Array<{ content: { actions: Array<{ title: string; data?: Record<string, unknown> }> } }>)[0]!.content;
      const vote = (v: 'up' | 'down') => card.actions.find((a) => a.data?.vote === v)!.data!;
      answerId = vote('up').answerId as string;
      // The id the connector gave the bot's reply: Teams names it as the click's replyToId.
      const cardId = `standin-${connector.calls.indexOf(reply) + 1}`;

      let clicks = 0;
      const click = async (value: Record<string, unknown>) => {
        clicks += 1;
        const { text: _text, ...rest } = question;
        await post({ ...rest, id: `act-fb-click-${clicks}`, replyToId: cardId, value });
        const updates = connector.calls.filter((c) => c.method === 'PUT' && c.replyToId === cardId);
        expect(updates).toHaveLength(clicks);
        return JSON.stringify(updates.at(-1)!.activity);
      };
      expect(await click(vote('up'))).toContain('Thanks: recorded 👍');
      const afterDown = await click(vote('down'));
      expect(afterDown).toContain('Thanks: recorded 👎');
      expect(afterDown).toContain('"type":"Input.Text"');
      expect(await click({ ...vote('down'), reason: 'Athena is listed, the answer says not' })).toContain('Thanks: recorded 👎');
    } finally {
      await server.stop();
    }
    expect(feedbackRows(file)).toEqual([{ answer_id: answerId, voter: '29:1fake-user-id', platform: 'teams', vote: 'down', reason: 'Athena is listed, the answer says not' }]);
  }, 60_000);
});
