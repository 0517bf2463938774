import { describe, expect, it } from 'vitest';
import { classifyBody } from './receiver.js';

describe('classifyBody', () => {
  it('dispatches Events API callbacks, slash commands and block actions to Bolt', () => {
    expect(classifyBody({ type: 'event_callback', event: { type: 'app_mention' } })).toBe('dispatch');
    expect(classifyBody({ command: '/compliance', text: '' })).toBe('dispatch');
    expect(classifyBody({ type: 'block_actions', actions: [] })).toBe('dispatch');
    expect(classifyBody({ type: 'view_submission', view: {} })).toBe('dispatch');
  });

  it('acknowledges and ignores well-formed callbacks no listener routes', () => {
    expect(classifyBody({ type: 'app_rate_limited', minute_rate_limited: 1 })).toBe('ignore');
  });

  it('rejects bodies that are no Slack payload', () => {
    for (const body of [null, [], 'text', 42, {}, { event: 'x' }, { event: {} }, { command: 1 }, { actions: {} }]) {
      expect(classifyBody(body)).toBe('malformed');
    }
  });
});
