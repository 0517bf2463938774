import { describe, expect, test } from 'vitest';
import { SAMPLE_REPORT, sampleAnswer } from '../../tests/support/answers.js';
import { answerMessage, answerTextBlocks, EXAMPLE_QUESTIONS, helpMessage, type CardElement, type CardMessage } from './card.js';
import { LIMITS } from './limits.js';

const REPORT = SAMPLE_REPORT;
const answer = sampleAnswer;

const cardOf = (m: CardMessage) => m.attachments[0].content;

function allElements(elements: CardElement[]): CardElement[] {
  return elements.flatMap((e) => (e.type === 'Container' ? [e, ...allElements(e.items)] : [e]));
}

describe('the answer card', () => {
  test('shows the verdict first, then the answer, what it matched, the source and the report period', () => {
    expect(answerMessage(answer())).toEqual({
      type: 'message',
      summary: '✅ Yes: covered by the report (is Connect in scope?)',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            version: '1.4',
            fallbackText:
              '✅ Yes: covered by the report\nYes: Amazon Connect (Contact Center) is in scope.\nSource: System Description › AWS Background: “Amazon Connect”\nReport: AWS SOC 3 Report · period 2017-04-01 to 2017-09-30',
            body: [
              {
                type: 'Container',
                style: 'good',
                items: [
                  { type: 'TextBlock', text: '✅ Yes: covered by the report', wrap: true, size: 'Medium', weight: 'Bolder', color: 'Good' },
                  { type: 'TextBlock', text: 'You asked: is Connect in scope?', wrap: true, isSubtle: true, spacing: 'Small' },
                ],
              },
              { type: 'TextBlock', text: '**Yes**: **Amazon Connect** (Contact Center) is in scope.', wrap: true },
              { type: 'FactSet', spacing: 'Medium', facts: [{ title: 'Amazon Connect', value: 'In scope' }] },
              { type: 'TextBlock', text: 'Source', wrap: true, weight: 'Bolder', spacing: 'Medium', separator: true },
              {
                type: 'Container',
                spacing: 'Small',
                items: [
                  { type: 'TextBlock', text: 'System Description › AWS Background', wrap: true, size: 'Small', weight: 'Bolder' },
                  { type: 'TextBlock', text: '“Amazon Connect”', wrap: true, size: 'Small', isSubtle: true, spacing: 'None' },
                ],
              },
              { type: 'TextBlock', text: 'AWS SOC 3 Report · period 2017-04-01 to 2017-09-30', wrap: true, size: 'Small', isSubtle: true, separator: true, spacing: 'Medium' },
            ],
          },
        },
      ],
    });
  });

  test.each([
    ['yes', '✅ Yes: covered by the report', 'good'],
    ['no', '❌ No: not covered by the report', 'attention'],
    ['partial', '⚠️ Partly: some of it is covered, some is not', 'warning'],
    ['info', 'ℹ️ From the report', 'accent'],
    ['unknown', '❔ Not answered: the report does not say', 'emphasis'],
  ] as const)('states the %s verdict in its first line', (verdict, label, style) => {
    const card = cardOf(answerMessage(answer({ verdict, citations: verdict === 'unknown' ? [] : answer().citations })));
    expect(card.body[0]).toMatchObject({ type: 'Container', style });
    const first = card.body[0]!.type === 'Container' ? card.body[0]!.items[0] : undefined;
    expect(first).toMatchObject({ type: 'TextBlock', text: label });
  });

  test('lists each thing asked about with its status for a partial answer', () => {
    const card = cardOf(
      answerMessage(
        answer({
          verdict: 'partial',
          question: 'are S3 and Athena covered?',
          matches: [
            { kind: 'service', name: 'Amazon Simple Storage Service (S3)', inScope: true },
            { kind: 'service', name: 'Amazon Athena', inScope: false },
          ],
        }),
      ),
    );
    expect(card.body.find((e) => e.type === 'FactSet')).toEqual({
      type: 'FactSet',
      spacing: 'Medium',
      facts: [
        { title: 'Amazon Simple Storage Service (S3)', value: 'In scope' },
        { title: 'Amazon Athena', value: 'Not in scope' },
      ],
    });
  });

  test('shows no status list for an information answer: its text says it', () => {
    const card = cardOf(answerMessage(answer({ verdict: 'info', intent: 'list' })));
    expect(card.body.some((e) => e.type === 'FactSet')).toBe(false);
  });

  test('echoes what the user typed without letting it add links, mentions or formatting', () => {
    const typed = '**x** [click](https://evil.example) <at>Boss</at> {{DATE(2017-02-14T06:00:00Z)}}';
    const message = answerMessage(
      answer({
        verdict: 'no',
        question: typed,
        matches: [{ kind: 'service', name: '[Free](http://x.example)', inScope: false }],
        text: `**No.** [Free](http://x.example) is not named in the report.`,
      }),
    );
    const { body, fallbackText } = cardOf(message);
    const json = JSON.stringify({ summary: message.summary, fallbackText, body });
    expect(json).not.toContain('](');
    expect(json).not.toContain('://');
    expect(json).not.toContain('<at>');
    expect(json).not.toContain('{{');
    expect(json).not.toContain('**x**');
    const card = cardOf(message);
    expect(card.body[1]).toEqual({ type: 'TextBlock', text: '**No.** ［Free］(http:/\u200B/x.\u200Bexample) is not named in the report.', wrap: true });
  });

  test('cuts long lists with a count of what was left out', () => {
    const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
    const card = cardOf(
      answerMessage(
        answer({
          verdict: 'yes',
          text: ['**Yes.** These are covered:', ...many(40, '- Service')].join('\n'),
          matches: many(30, 'Service').map((name) => ({ kind: 'service' as const, name, inScope: true })),
          suggestions: many(9, 'Other').map((name) => ({ kind: 'service' as const, name })),
          citations: many(10, 'Section').map((s, i) => ({ id: `c${i + 1}`, section: s, path: ['Top', s], quote: 'quoted text' })),
        }),
      ),
    );
    const texts = allElements(card.body).flatMap((e) => (e.type === 'TextBlock' ? [e.text] : []));
    expect(texts).toContain(`…and ${40 - LIMITS.answerBullets} more`);
    expect(texts).toContain(`…and ${30 - LIMITS.matches} more`);
    expect(texts).toContain(`…and ${10 - LIMITS.citations} more`);
    expect(texts).toContain('Did you mean: Other 1, Other 2, Other 3, Other 4, Other 5 …and 4 more');
    expect(card.body.find((e) => e.type === 'FactSet')).toMatchObject({ facts: { length: LIMITS.matches } });
  });

  test('stays within the Teams message size budget for the largest answer the caps allow', () => {
    const long = (n: number) => 'Ü<'.repeat(n);
    const huge = answer({
      question: long(5_000),
      text: Array.from({ length: 500 }, () => `- **${long(50)}** ${long(50)}`).join('\n'),
      matches: Array.from({ length: 500 }, () => ({ kind: 'service' as const, name: long(500), inScope: false })),
      suggestions: Array.from({ length: 500 }, () => ({ kind: 'service' as const, name: long(500) })),
      citations: Array.from({ length: 500 }, (_, i) => ({ id: `c${i + 1}`, section: long(100), path: [long(100), long(100), long(100)], quote: long(5_000) })),
    });
    const bytesUtf16 = JSON.stringify(answerMessage(huge)).length * 2;
    expect(bytesUtf16).toBeLessThanOrEqual(LIMITS.messageBytes);
  });

  test('uses only elements every Teams client renders, at card version 1.5 or below', () => {
    const samples = [answerMessage(answer()), answerMessage(answer({ verdict: 'unknown', citations: [] })), helpMessage({ report: REPORT, welcome: true })];
    for (const message of samples) {
      const card = cardOf(message);
      expect(Number(card.version)).toBeLessThanOrEqual(1.5);
      for (const e of allElements(card.body)) expect(['TextBlock', 'FactSet', 'Container']).toContain(e.type);
    }
  });
});

describe('the answer text', () => {
  test('keeps the core’s bold and bullets and puts each paragraph and bullet run in its own block', () => {
    expect(answerTextBlocks('**Yes.** Covered:\n- Amazon S3\n- Amazon EC2\n\nSee the report.')).toEqual([
      { type: 'TextBlock', text: '**Yes.** Covered:', wrap: true },
      { type: 'TextBlock', text: '- Amazon S3\r- Amazon EC2', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: 'See the report.', wrap: true },
    ]);
  });
});

describe('the help card', () => {
  test('says what the bot answers, lists every example question and the report it answers from', () => {
    const card = cardOf(helpMessage({ report: REPORT, botName: 'Compliance Bot' }));
    const json = JSON.stringify(card.body);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'What I can answer' });
    for (const q of EXAMPLE_QUESTIONS) expect(json).toContain(`- ${q}`);
    expect(json).toContain('@Compliance Bot is Amazon S3 in scope?');
    expect(json).toContain('AWS SOC 3 Report · period 2017-04-01 to 2017-09-30');
  });

  test('greets when the bot is added, and makes a hostile bot name inert', () => {
    const card = cardOf(helpMessage({ report: REPORT, botName: '[x](http://e.example)', welcome: true }));
    expect(card.body[0]).toMatchObject({ text: 'Hello! I answer compliance questions from an audit report.' });
    expect(JSON.stringify(card.body)).not.toContain('](');
  });
});
