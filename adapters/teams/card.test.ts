import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-theme';
import { describe, expect, test } from 'vitest';
import { createEngine, loadDefaultReport } from '../../src/index.js';
import { cardProblems } from '../../tests/support/adaptive-cards.js';
import { sampleAnswer } from '../../tests/support/answers.js';
import { answerMessage, askAction, failureMessage, type CardElement, type CardMessage, type TextBlock } from './card.js';
import { LIMITS } from './limits.js';

const engine = createEngine(loadDefaultReport());
const cardOf = (m: CardMessage) => m.attachments[0].content;

function allElements(elements: CardElement[]): CardElement[] {
  return elements.flatMap((e) => (e.type === 'Container' ? [e, ...allElements(e.items)] : [e]));
}
const textBlocks = (m: CardMessage) => allElements(cardOf(m).body).filter((e): e is TextBlock => e.type === 'TextBlock');

// WCAG 2.x contrast ratio of two sRGB colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('the answer card', () => {
  test('shows the banner with verdict and headline, one line per item, the evidence, and the report once', () => {
    const card = cardOf(answerMessage(engine.answer('are S3, Athena and Connect covered?')));
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toEqual({
      type: 'Container',
      style: 'emphasis',
      items: [{ type: 'TextBlock', text: '⚠️ **Partly**: 2 of 3 in scope.', wrap: true, size: 'Medium', color: 'Default' }],
    });
    expect(card.body.slice(1, 4).map((e) => e.type === 'TextBlock' && e.text)).toEqual([
      '✅ **Amazon Simple Storage Service (S3)** (Storage): in scope',
      '❌ **Amazon Athena**: not listed in this report',
      '✅ **Amazon Connect** (Contact Center): in scope',
    ]);
    expect(card.body.at(-1)).toMatchObject({ type: 'TextBlock', text: 'Service Organization Controls 3 Report · 1 Apr – 30 Sep 2017', isSubtle: true });
    expect(JSON.stringify(card.body).match(/30 Sep 2017/g)).toHaveLength(1);
    expect(card.fallbackText.split('\n')[0]).toBe('⚠️ Partly: 2 of 3 in scope.');
  });

  test('keeps the deciding quote whole: the region list for a region that is not covered', () => {
    const texts = textBlocks(answerMessage(engine.answer('is eu-west-3 covered?'))).map((t) => t.text);
    const quote = texts.find((t) => t.startsWith('“The scope of locations covered'));
    expect(quote).toContain('South America (São Paulo) Regions.”');
  });

  test('has at least 4.5:1 contrast in its banner under Teams light, dark and high-contrast themes', () => {
    for (const verdict of ['yes', 'no', 'partial', 'info', 'unknown'] as const) {
      const card = cardOf(answerMessage(sampleAnswer({ verdict, citations: verdict === 'unknown' ? [] : sampleAnswer().citations })));
      // Default text on the emphasis container: never a semantic colour on a background of the same hue.
      expect(card.body[0]).toMatchObject({ type: 'Container', style: 'emphasis' });
      for (const e of allElements(card.body)) if (e.type === 'TextBlock') expect(e.color ?? 'Default').toBe('Default');
    }
    // Fluent UI's Teams themes: default foreground on the emphasis-level neutral background.
    for (const theme of [teamsLightTheme, teamsDarkTheme, teamsHighContrastTheme]) {
      expect(contrast(theme.colorNeutralForeground1, theme.colorNeutralBackground3)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.colorNeutralForeground1, theme.colorNeutralBackground1)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.colorNeutralForeground2, theme.colorNeutralBackground1)).toBeGreaterThanOrEqual(4.5);
    }
  });

  test('starts no text block with Markdown list syntax', () => {
    const message = answerMessage(sampleAnswer({ notes: [{ kind: 'fact', text: '- a dash' }, { kind: 'fact', text: '1. one' }] }));
    for (const t of textBlocks(message)) expect(t.text).not.toMatch(/^\s*([-+*]|\d+\.)\s/);
  });

  test('renders help from the core with its examples as buttons that ask them, and takes extra actions', () => {
    const feedback = { type: 'Action.Submit' as const, title: '👍', data: { feedback: 'up' } };
    const card = cardOf(answerMessage(engine.answer('help'), { actions: [feedback] }));
    expect(card.body[0]).toMatchObject({ items: [{ text: expect.stringMatching(/^❔ \*\*Help\*\*: I answer questions from/) }] });
    expect(card.actions?.slice(0, 2)).toEqual([askAction('is Connect in scope?'), askAction('are S3 and Athena covered?')]);
    expect(card.actions?.[0]).toEqual({ type: 'Action.Submit', title: 'is Connect in scope?', data: { msteams: { type: 'imBack', value: 'is Connect in scope?' }, question: 'is Connect in scope?' } });
    expect(card.actions).toHaveLength(LIMITS.actions);
    expect(cardProblems(card)).toEqual([]);
    expect(cardOf(answerMessage(sampleAnswer(), { actions: [feedback] })).actions).toEqual([feedback]);
  });

  test('echoes what the user typed without letting it add links, mentions or formatting', () => {
    const typed = '**x** [click](https://evil.example) <at>Boss</at> {{DATE(2017-02-14T06:00:00Z)}}';
    const message = answerMessage(
      sampleAnswer({
        verdict: 'no',
        question: typed,
        matches: [{ kind: 'service', name: '[Free](http://x.example)', inScope: false }],
        items: [{ asked: typed, kind: 'service', name: '[Free](http://x.example)', status: 'not_listed', reading: 'exact', citations: ['c1'] }],
        notes: [{ kind: 'did_you_mean', text: `You asked: ${typed.replace(/\*/g, '')}` }],
      }),
    );
    const { body, fallbackText } = cardOf(message);
    const json = JSON.stringify({ summary: message.summary, fallbackText, body });
    expect(json).not.toContain('](');
    expect(json).not.toContain('://');
    expect(json).not.toContain('<at>');
    expect(json).not.toContain('{{');
    expect(json).not.toContain('**x**');
  });

  test('groups a long list and shows every item, within the message size budget', () => {
    const answer = engine.answer('which edge locations are covered?');
    const message = answerMessage(answer);
    const json = JSON.stringify(message);
    for (const item of answer.items) expect(json).toContain(item.name);
    expect(json.length * 2).toBeLessThanOrEqual(LIMITS.messageBytes);
  });

  test('stays within the Teams message size budget for a huge answer, counting what it leaves out', () => {
    const long = (n: number) => 'Ü<'.repeat(n);
    const huge = sampleAnswer({
      question: long(5_000),
      items: Array.from({ length: 500 }, (_, i) => ({ asked: long(50), kind: 'service' as const, name: `${long(200)} ${i}`, status: 'not_listed' as const, reading: 'exact' as const, citations: [] })),
      notes: Array.from({ length: 5 }, () => ({ kind: 'fact' as const, text: long(300) })),
      suggestions: Array.from({ length: 500 }, () => ({ kind: 'service' as const, name: long(500) })),
      citations: Array.from({ length: 500 }, (_, i) => ({ id: `c${i + 1}`, section: long(100), path: [long(100), long(100), long(100)], quote: long(5_000) })),
    });
    const message = answerMessage(huge);
    expect(JSON.stringify(message).length * 2).toBeLessThanOrEqual(LIMITS.messageBytes);
    expect(textBlocks(message).some((t) => /^…and \d+ more: ask “/.test(t.text))).toBe(true);
  });

  test('a failure is plain text that claims nothing', () => {
    expect(failureMessage().text).toMatch(/Sorry/);
  });
});
