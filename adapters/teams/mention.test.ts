import { describe, expect, test } from 'vitest';
import { questionFromMessage } from './mention.js';

const BOT = { id: '28:bot-id', name: 'Compliance Bot' };
const mention = (text?: string, id = BOT.id, name = BOT.name) => ({ type: 'mention', ...(text === undefined ? {} : { text }), mentioned: { id, name } });

describe('the question in a Teams message', () => {
  test('is the text after the bot mention in a channel', () => {
    expect(questionFromMessage({ text: '<at>Compliance Bot</at> is Connect in scope?', entities: [mention('<at>Compliance Bot</at>')], recipient: BOT })).toBe('is Connect in scope?');
  });

  test('is the whole text in a personal chat', () => {
    expect(questionFromMessage({ text: '  Is S3 covered?\n', entities: [{ type: 'clientInfo' }], recipient: BOT })).toBe('Is S3 covered?');
  });

  test('does not depend on line breaks around the mention', () => {
    expect(questionFromMessage({ text: '\n<at>Compliance Bot</at>\r\n\r\nis Connect\nin scope?\n', entities: [mention('<at>Compliance Bot</at>')], recipient: BOT })).toBe('is Connect in scope?');
  });

  test('does not depend on line breaks inside the mention tag', () => {
    expect(questionFromMessage({ text: '<at>\nCompliance Bot\n</at> is Connect in scope?', entities: [mention('<at>Compliance Bot</at>')], recipient: BOT })).toBe('is Connect in scope?');
  });

  test('still drops the mention when the entity carries no text', () => {
    expect(questionFromMessage({ text: '<at>Compliance Bot</at> is Connect in scope?', entities: [mention()], recipient: BOT })).toBe('is Connect in scope?');
  });

  test('still drops the mention when the entity has neither text nor name, using the recipient name', () => {
    const bare = { type: 'mention', mentioned: { id: BOT.id } };
    expect(questionFromMessage({ text: '<at>Compliance Bot</at> is Connect in scope?', entities: [bare], recipient: BOT })).toBe('is Connect in scope?');
  });

  test('drops a bot name split over adjacent tags', () => {
    expect(questionFromMessage({ text: '<at>Compliance</at> <at>Bot</at> is Connect in scope?', entities: [mention('<at>Compliance</at>'), mention('<at>Bot</at>')], recipient: BOT })).toBe(
      'is Connect in scope?',
    );
  });

  test('drops every mention of the bot, wherever it stands', () => {
    expect(questionFromMessage({ text: 'is Connect in scope <at>Compliance Bot</at>? <at>Compliance Bot</at>', entities: [mention('<at>Compliance Bot</at>')], recipient: BOT })).toBe('is Connect in scope ?');
  });

  test("keeps other people's names as plain words", () => {
    expect(
      questionFromMessage({ text: '<at>Compliance Bot</at> <at>Alex</at> asks: is Connect in scope?', entities: [mention('<at>Compliance Bot</at>'), mention('<at>Alex</at>', '29:alex', 'Alex')], recipient: BOT }),
    ).toBe('Alex asks: is Connect in scope?');
  });

  test('ignores a mention of someone else with the bot name when the ids differ', () => {
    expect(questionFromMessage({ text: '<at>Compliance Bot</at> hi', entities: [mention('<at>Compliance Bot</at>', '29:impostor')], recipient: BOT })).toBe('Compliance Bot hi');
  });

  test('reads formatted (HTML) text and entities as plain words', () => {
    expect(questionFromMessage({ text: '<p><at>Compliance Bot</at>&nbsp;is <b>S3</b> &amp; Athena covered?</p>', entities: [mention('<at>Compliance Bot</at>')], recipient: BOT })).toBe(
      'is S3 & Athena covered?',
    );
  });

  test('is empty when nothing but the mention was sent, or there is no text', () => {
    expect(questionFromMessage({ text: '<at>Compliance Bot</at>  ', entities: [mention('<at>Compliance Bot</at>')], recipient: BOT })).toBe('');
    expect(questionFromMessage({ entities: null, recipient: BOT })).toBe('');
  });
});
