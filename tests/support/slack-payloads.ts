/**
 * Real Slack payload shapes with fake IDs (https://docs.slack.dev/reference/events/app_mention,
 * .../events/message.im, .../interactivity/implementing-slash-commands, .../reference/interaction-payloads/block_actions-payload).
 */
import { STANDIN_BOT } from './slack-standin.js';
import type { SlackBody } from './slack-signing.js';

export const TEAM = STANDIN_BOT.teamId;
export const USER = 'U0ASKER01';
export const OTHER_USER = 'U0OTHER01';
export const CHANNEL = 'C0GENERAL1';
export const DM_CHANNEL = 'D0DIRECT01';

let counter = 0;
const nextId = () => (++counter).toString(36).toUpperCase().padStart(6, '0');

/** A slash command as Slack posts it (form-encoded). */
export function slashCommand(text: string, responseUrl: string, command = '/compliance'): SlackBody {
  return {
    form: {
      token: 'deprecated-verification-token',
      team_id: TEAM,
      team_domain: 'test',
      channel_id: CHANNEL,
      channel_name: 'general',
      user_id: USER,
      user_name: 'asker',
      command,
      text,
      api_app_id: 'A0TESTAPP1',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: `1.2.${nextId()}`,
    },
  };
}

/** A click on a button of an ephemeral message (interactivity: form-encoded `payload=` JSON). */
export function buttonClick(actionId: string, value: string, responseUrl: string): SlackBody {
  const payload = {
    type: 'block_actions',
    user: { id: USER, username: 'asker', name: 'asker', team_id: TEAM },
    api_app_id: 'A0TESTAPP1',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: CHANNEL, is_ephemeral: true },
    trigger_id: `1.2.${nextId()}`,
    team: { id: TEAM, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: CHANNEL, name: 'general' },
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: 'compliance_share_block', text: { type: 'plain_text', text: 'Share in channel' }, value, type: 'button', action_ts: '1700000001.000200' }],
  };
  return { form: { payload: JSON.stringify(payload) } };
}

/** An Events API callback wrapping `event`. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${nextId()}`): { json: Record<string, unknown>; eventId: string } {
  return {
    eventId,
    json: {
      token: 'deprecated-verification-token',
      team_id: TEAM,
      api_app_id: 'A0TESTAPP1',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: 1700000000,
      authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: STANDIN_BOT.userId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-${nextId()}`,
    },
  };
}

/** An `app_mention` in a channel. */
export function appMention(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'app_mention', user: USER, text, ts: `1700000100.${nextId()}`, team: TEAM, channel: CHANNEL, event_ts: '1700000100.000001', ...extra };
}

/** A message in a DM with the bot (`message.im`). */
export function directMessage(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', user: USER, text, ts: `1700000200.${nextId()}`, team: TEAM, channel: DM_CHANNEL, event_ts: '1700000200.000001', channel_type: 'im', ...extra };
}
