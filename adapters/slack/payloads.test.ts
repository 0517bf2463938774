import { describe, expect, it } from 'vitest';
import { checkSlackBody } from './payloads.js';
import { SHARE_ACTION_ID } from './blocks.js';
import { appMention, buttonClick, directMessage, eventCallback, slashCommand } from '../../tests/support/slack-payloads.js';

const kind = (body: unknown) => checkSlackBody(body).kind;
const click = (overrides: Record<string, unknown>, actionId = SHARE_ACTION_ID) => ({
  ...(JSON.parse((buttonClick(actionId, 'is S3 in scope?', 'https://hooks.slack.com/actions/T/1/x') as { form: { payload: string } }).form.payload) as Record<string, unknown>),
  ...overrides,
});

describe('the Slack payload check', () => {
  it('dispatches the payloads the listeners take, as Slack sends them', () => {
    expect(kind(eventCallback(appMention('<@U1> is S3 in scope?')).json)).toBe('dispatch');
    expect(kind(eventCallback(directMessage('is S3 in scope?')).json)).toBe('dispatch');
    expect(kind(eventCallback(directMessage('', { subtype: 'message_deleted', text: undefined, user: undefined })).json)).toBe('dispatch');
    expect(kind((slashCommand('is S3 in scope?', 'https://hooks.slack.com/commands/1') as { form: object }).form)).toBe('dispatch');
    expect(kind(click({}))).toBe('dispatch');
    expect(kind(click({}, 'some_other_button'))).toBe('dispatch');
    expect(kind({ type: 'view_submission', user: { id: 'U1' }, view: {} })).toBe('dispatch');
    expect(kind(eventCallback({ type: 'reaction_added', item: { channel: 'C1' } }).json)).toBe('dispatch');
  });

  it('acknowledges and ignores well-formed callbacks no listener routes', () => {
    expect(kind({ type: 'app_rate_limited', minute_rate_limited: 1 })).toBe('ignore');
  });

  it('rejects bodies that are no Slack payload', () => {
    for (const body of [null, [], 'text', 42, {}, { event: 'x' }, { event: {} }, { command: 1 }, { actions: {} }]) {
      expect(kind(body), JSON.stringify(body)).toBe('not-slack');
    }
  });

  it('names the field of a Slack payload that the listeners or Bolt could not use', () => {
    const cases: Array<[unknown, RegExp]> = [
      [eventCallback(appMention('x', { text: undefined })).json, /^event\.text: /],
      [eventCallback(appMention('x', { text: 42 })).json, /^event\.text: /],
      [eventCallback(appMention('x', { channel: undefined })).json, /^event\.channel: /],
      [eventCallback(directMessage('x', { text: ['x'] })).json, /^event\.text: /],
      [eventCallback({ type: 'reaction_added', item: 'x' }).json, /^event\.item: /],
      [{ ...(slashCommand('x', 'https://hooks.slack.com/commands/1') as { form: object }).form, text: 7 }, /^text: /],
      [click({ user: undefined }), /^user: /],
      [click({ user: { name: 'no id' } }), /^user\.id: /],
      [click({ channel: null }), /^channel: /],
      [click({ response_url: undefined }), /^response_url: /],
      [click({ actions: [{ action_id: SHARE_ACTION_ID, value: 5 }] }), /^actions\.0\.value: /],
      [{ type: 'block_actions', user: { id: 'U1' }, actions: [1] }, /^actions\.0: /],
      [{ type: 'view_submission', user: { id: 'U1' } }, /^view: /],
    ];
    for (const [body, problem] of cases) {
      const verdict = checkSlackBody(body);
      expect(verdict.kind, JSON.stringify(body)).toBe('malformed');
      expect(verdict.kind === 'malformed' ? verdict.problem : '').toMatch(problem);
    }
  });
});
