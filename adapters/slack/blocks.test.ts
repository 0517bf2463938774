import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport, type Answer } from '../../src/index.js';
import { sampleAnswer } from '../../tests/support/answers.js';
import { ASK_ACTION_ID, renderAnswer, renderFailure, SHARE_ACTION_ID, type Block } from './blocks.js';
import { LIMITS } from './limits.js';
import { questionFromSlackText } from './mention.js';

const engine = createEngine(loadDefaultReport());
const allText = (value: unknown): string => JSON.stringify(value);
const sections = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('renderAnswer', () => {
  it('puts the headline, items and notes in one expanded section, then the evidence, then the report once', () => {
    const message = renderAnswer(engine.answer('are S3, Athena and Connect covered?'));
    expect(message.blocks[0]).toMatchObject({ type: 'section', expand: true });
    expect(sections(message.blocks)[0]!.split('\n')).toEqual([
      '⚠️ *Partly*: 2 of 3 in scope.',
      '✅ *Amazon Simple Storage Service (S3)* (Storage): in scope',
      '❌ *Amazon Athena*: not listed in this report',
      '✅ *Amazon Connect* (Contact Center): in scope',
    ]);
    expect(message.blocks[1]).toEqual({ type: 'divider' });
    // One entry per heading: the list's introduction and the deciding bullets, never cut.
    expect(sections(message.blocks)[1]).toBe('*AWS Background*\n> “The scope of services covered in this report includes:” … “Amazon Simple Storage Service (S3)” … “Amazon Connect”');
    expect(message.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Service Organization Controls 3 Report · 1 Apr – 30 Sep 2017', verbatim: true }] });
    expect(allText(message.blocks).match(/1 Apr – 30 Sep 2017/g)).toHaveLength(1);
    expect(message.text.split('\n')[0]).toBe('Partly: 2 of 3 in scope.');
  });

  it('adds a Share in channel button that carries the question, and any extra actions after it', () => {
    const feedback = { type: 'button' as const, action_id: 'feedback_up', text: { type: 'plain_text' as const, text: '👍' }, value: 'up' };
    const message = renderAnswer(sampleAnswer(), { shareButton: true, actions: [feedback] });
    expect(message.blocks.find((b) => b.type === 'actions')).toEqual({
      type: 'actions',
      block_id: 'compliance_actions',
      elements: [{ type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel' }, value: 'is Connect in scope?' }, feedback],
    });
  });

  it('renders help from the core, its examples as buttons that ask them', () => {
    const message = renderAnswer(engine.answer('help'), { shareButton: true });
    expect(sections(message.blocks)[0]).toMatch(/^❔ \*Help\*: I answer questions from the \*Service Organization Controls 3 Report\*/);
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => e.type === 'button' && [e.action_id, e.value])).toEqual([
      ['compliance_ask_0', 'is Connect in scope?'],
      ['compliance_ask_1', 'are S3 and Athena covered?'],
      ['compliance_ask_2', 'is us-east-1 covered?'],
      ['compliance_ask_3', 'edge locations in Japan?'],
      ['compliance_ask_4', 'who audited it, and for which period?'],
    ]);
    expect(actions?.type === 'actions' && actions.elements.every((e) => 'action_id' in e && ASK_ACTION_ID.test(e.action_id!))).toBe(true);
  });

  it('echoes the question, escaped, when asked to', () => {
    const message = renderAnswer(sampleAnswer({ question: 'is <!here> & S3 in scope?' }), { echoQuestion: true });
    expect(allText(message.blocks)).toContain('*Question:* is &lt;!here&gt; &amp; S3 in scope?');
  });

  it('names who shared it only when given a real user ID', () => {
    expect(allText(renderAnswer(sampleAnswer(), { sharedBy: 'U0ASKER01' }).blocks)).toContain('Shared by <@U0ASKER01>');
    expect(allText(renderAnswer(sampleAnswer(), { sharedBy: '<!channel>' }).blocks)).not.toContain('Shared by');
  });

  it('groups a long list and keeps every item, within 50 blocks and 3,000 characters a section', () => {
    const answer = engine.answer('which edge locations are covered?');
    const message = renderAnswer(answer);
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const t of sections(message.blocks)) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(sections(message.blocks)[0]).toContain('✅ *United States* (15), covered: ');
    for (const item of answer.items) expect(allText(message.blocks)).toContain(item.name);
  });

  it('says it could not answer, claiming nothing', () => {
    const message = renderFailure('AWS SOC 3 Report · 1 Apr – 30 Sep 2017');
    expect(message.text).toMatch(/could not answer/);
    expect(allText(message)).not.toMatch(/\b(Yes|No|Partly)\b/);
  });
});

describe('rendering user text', () => {
  // Anything a user can type, including Slack's own mention syntax, reaches the renderer through the question,
  // the core's echo of the user's term (items, notes) and the share button.
  const userText = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc
      .array(fc.constantFrom('<!here>', '<!channel>', '<!everyone>', '<!subteam^S1|@sec>', '<@U1>', '<#C1|x>', '&lt;!here&gt;', '<', '!', '@here', '>', ' ', 'S3', '**', '- '), { maxLength: 30 })
      .map((parts) => parts.join('')),
  );

  it('never contains a live <!, <@ or <# mention, nor a bare @here, whatever the user typed', () => {
    fc.assert(
      fc.property(userText, userText, (typed, term) => {
        const question = questionFromSlackText(typed) || typed;
        const name = term.trim() || 'x';
        const answer: Answer = sampleAnswer({
          question,
          verdict: 'no',
          matches: [{ kind: 'service', name, inScope: false }],
          items: [{ asked: typed, kind: 'service', name, status: 'not_listed', reading: 'exact', citations: ['c1'] }],
          notes: [{ kind: 'did_you_mean', text: `Did you mean ${term}? You asked: ${typed}` }],
          text: `**No**: ${term} is not listed.`,
          citations: [{ id: 'c1', section: 'AWS Background', path: ['AWS Background'], quote: term || 'x' }],
        });
        const rendered = renderAnswer(answer, { echoQuestion: true, shareButton: true });
        const visible = [rendered.text, ...rendered.blocks.map((b) => JSON.stringify(b))].join('\n');
        // The button's value is never displayed, only sent back to us; drop it before looking for live mentions.
        const withoutValue = visible.replace(/"value":"(?:[^"\\]|\\.)*"/g, '');
        expect(withoutValue).not.toMatch(/<[!@#]/);
        expect(withoutValue).not.toMatch(/@(here|channel|everyone)\b/i);
      }),
      { numRuns: 300 },
    );
  });
});
