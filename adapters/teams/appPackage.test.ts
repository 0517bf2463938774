import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { EXAMPLE_QUESTIONS } from './card.js';

const dir = new URL('./appPackage/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  name: { short: string; full: string };
  description: { short: string; full: string };
};

/** The entries of a zip file, read from its central directory (enough for a test; no zip64). */
function zipEntries(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('the Teams app package', () => {
  test('declares the bot in personal, team and group chat scopes, with placeholders for the ids', () => {
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]!.botId).toBe('${{BOT_ID}}');
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    // Questionnaires sent as files in a personal chat (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4).
    expect(manifest.bots[0]!.supportsFiles).toBe(true);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
  });

  test('offers help and example questions that the help card also lists, within Teams length limits', () => {
    const commands = manifest.bots[0]!.commandLists.flatMap((l) => l.commands);
    expect(commands[0]!.title).toBe('help');
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
      if (c.title !== 'help') expect(EXAMPLE_QUESTIONS as readonly string[]).toContain(c.title);
    }
  });

  test('has a 192x192 colour icon and a 32x32 outline icon, white on transparent', () => {
    const color = PNG.sync.read(readFileSync(new URL(manifest.icons.color, dir)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(readFileSync(new URL(manifest.icons.outline, dir)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) transparent += 1;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(outline.data[3]).toBe(0); // the corner
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
  });

  test('npm run teams:package writes a zip with the three files at its root and the bot id filled in', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'app.zip');
    const botId = '11111111-2222-4333-8444-555555555555';
    const env = { ...process.env, MicrosoftAppId: botId, TEAMS_APP_ID: '' };
    await promisify(execFile)(process.execPath, ['scripts/teams-package.mjs', '-o', out], { env });
    const entries = zipEntries(readFileSync(out));
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as typeof manifest;
    expect(packed.id).toBe(botId);
    expect(packed.bots[0]!.botId).toBe(botId);
    expect(entries.get('color.png')!.equals(readFileSync(new URL('color.png', dir)))).toBe(true);
  });

  test('npm run teams:package refuses to run without a bot id', async () => {
    const env = { ...process.env, MicrosoftAppId: '' };
    await expect(promisify(execFile)(process.execPath, ['scripts/teams-package.mjs', '-o', join(tmpdir(), 'never.zip')], { env })).rejects.toMatchObject({ code: 2 });
  });
});
