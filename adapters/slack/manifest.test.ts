import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

// No YAML parser is installed; the manifest is simple enough to read its lists line by line.
const manifest = readFileSync(new URL('./manifest.yml', import.meta.url), 'utf8');

function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  expect(start, key).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s*- ([^\s#]+)/.exec(line);
    if (!m) break;
    items.push(m[1]!);
  }
  return items;
}

describe('the Slack app manifest', () => {
  it('asks for the bot scopes the adapter uses and no more', () => {
    expect(listUnder('bot').sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:read', 'files:write', 'im:history']);
  });

  it('subscribes to app_mention and message.im only', () => {
    expect(listUnder('bot_events').sort()).toEqual(['app_mention', 'message.im']);
  });

  it('declares the default slash command and sends commands, events and interactivity to /slack/events', () => {
    const defaultCommand = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test' }).slack!.command;
    expect(manifest).toContain(`- command: ${defaultCommand}\n`);
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls).toEqual(['https://YOUR-HOST/slack/events', 'https://YOUR-HOST/slack/events', 'https://YOUR-HOST/slack/events']);
    expect(manifest).toMatch(/interactivity:\n\s+# .*\n\s+is_enabled: true/);
  });

  it('lets people message the bot directly and carries the Socket Mode switch', () => {
    expect(manifest).toMatch(/messages_tab_enabled: true/);
    expect(manifest).toMatch(/messages_tab_read_only_enabled: false/);
    expect(manifest).toMatch(/socket_mode_enabled: (true|false)/);
  });
});
