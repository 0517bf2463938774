import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_REPORT, sampleAnswer } from '../../tests/support/answers.js';
import { formatDate, renderAnswer, renderHelp, reportLine, SHARE_ACTION_ID, VERDICT_LABEL, verdictLine } from './blocks.js';
import { LIMITS } from './limits.js';
import { questionFromSlackText } from './mention.js';

const REPORT = SAMPLE_REPORT;
const answer = sampleAnswer;

const allText = (value: unknown): string => JSON.stringify(value);

describe('renderAnswer', () => {
  it('puts the verdict first, then the answer, the citations and the report with its period', () => {
    const message = renderAnswer(answer());
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *Yes*', verbatim: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Yes*: *Amazon Connect* (Contact Center) is in scope.', verbatim: true } },
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: '*System Description › AWS Background*\n> Amazon Connect', verbatim: true } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Source: AWS SOC 3 Report · 1 April 2017 – 30 September 2017', verbatim: true }] },
    ]);
    expect(message.text).toBe('Yes: Amazon Connect (Contact Center) is in scope.');
  });

  it('announces each verdict in words', () => {
    expect(VERDICT_LABEL).toEqual({ yes: 'Yes', no: 'No', partial: 'Partly', info: 'Here is what the report says', unknown: 'Not sure' });
    for (const verdict of ['no', 'partial', 'info'] as const) {
      expect(renderAnswer(answer({ verdict })).blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: verdictLine(verdict), verbatim: true } });
    }
    const unknown = renderAnswer(answer({ verdict: 'unknown', citations: [], text: 'I can only answer questions about the report.' }));
    expect(allText(unknown.blocks[0])).toContain('*Not sure*');
    expect(unknown.blocks.some((b) => b.type === 'divider')).toBe(false);
  });

  it('echoes the question, escaped, when asked to', () => {
    const message = renderAnswer(answer({ question: 'is <b>S3</b> & Connect in scope?' }), { echoQuestion: true });
    expect(message.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '*Question:* is &lt;b&gt;S3&lt;/b&gt; &amp; Connect in scope?', verbatim: true }] });
  });

  it('adds a Share in channel button that carries the question', () => {
    const message = renderAnswer(answer(), { shareButton: true });
    expect(message.blocks.at(-1)).toEqual({
      type: 'actions',
      block_id: 'compliance_share_block',
      elements: [{ type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel' }, value: 'is Connect in scope?' }],
    });
  });

  it('names who shared it only when given a real user ID', () => {
    expect(renderAnswer(answer(), { sharedBy: 'U0ASKER01' }).blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Shared by <@U0ASKER01>', verbatim: true }],
    });
    expect(allText(renderAnswer(answer(), { sharedBy: '<!channel>' }).blocks)).not.toContain('Shared by');
  });

  it('cuts a long list with "…and N more" and stays within 50 blocks and 3,000 characters a section', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `- Service number ${i} with a fairly long descriptive name`);
    const long = answer({ verdict: 'info', intent: 'list', text: `**Here are the services:**\n${items.join('\n')}` });
    const message = renderAnswer(long, { echoQuestion: true, shareButton: true });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const block of message.blocks) {
      if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
    const body = message.blocks.filter((b) => b.type === 'section').map((b) => (b.type === 'section' ? b.text!.text : '')).join('\n');
    expect(body).toMatch(/…and \d+ more$/m);
    const shown = (body.match(/^• Service number/gm) ?? []).length;
    expect(Number(/…and (\d+) more/.exec(body)![1]) + shown).toBe(2000);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('shows at most ten citations and counts the rest', () => {
    const citations = Array.from({ length: 14 }, (_, i) => ({ id: `c${i + 1}`, section: `S${i}`, path: ['Report', `S${i}`], quote: `quote ${i}` }));
    const message = renderAnswer(answer({ citations }));
    expect(message.blocks.filter((b) => b.type === 'section' && b.text!.text.startsWith('*Report ›')).length).toBe(10);
    expect(allText(message.blocks)).toContain('…and 4 more sources');
  });

  it('escapes markup in citations and the report title', () => {
    const message = renderAnswer(answer({ citations: [{ id: 'c1', section: 'A <b>', path: ['A <b>'], quote: 'x < y & <!here>' }], report: { ...REPORT, title: 'T <!channel>' } }));
    const text = allText(message.blocks);
    expect(text).toContain('x &lt; y &amp; &lt;!here&gt;');
    expect(text).toContain('T &lt;!channel&gt;');
  });
});

describe('rendering user text', () => {
  // Anything a user can type, including Slack's own mention syntax, reaches the renderer through the question,
  // the core's echo of the user's term (matches, text) and the share button.
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
        const rendered = renderAnswer(
          answer({
            question,
            verdict: 'no',
            matches: [{ kind: 'service', name: term || 'x', inScope: false }],
            text: `**No.** ${term} is not in the report. You asked: ${typed}`,
            citations: [{ id: 'c1', section: 'AWS Background', path: ['AWS Background'], quote: term || 'x' }],
          }),
          { echoQuestion: true, shareButton: true },
        );
        const visible = [rendered.text, ...rendered.blocks.map((b) => JSON.stringify(b))].join('\n');
        // The button's value is never displayed, only sent back to us; drop it before looking for live mentions.
        const withoutValue = visible.replace(/"value":"(?:[^"\\]|\\.)*"/g, '');
        expect(withoutValue).not.toMatch(/<[!@#]/);
        expect(withoutValue).not.toMatch(/@(here|channel|everyone)\b/i);
      }),
      { numRuns: 500 },
    );
  });
});

describe('renderHelp', () => {
  it('says what the bot answers, with examples using the configured command, and names the report', () => {
    const help = renderHelp('/ask-aws', REPORT);
    const text = allText(help.blocks);
    expect(text).toContain('`/ask-aws is Amazon Connect in scope?`');
    expect(text).toContain('mention me in a channel');
    expect(text).toContain('direct message');
    expect(help.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: reportLine(REPORT), verbatim: true }] });
    expect(help.text).toContain('/ask-aws');
  });
});

describe('formatDate', () => {
  it('writes ISO dates out in words', () => {
    expect(formatDate('2017-04-01')).toBe('1 April 2017');
    expect(formatDate('2017-09-30')).toBe('30 September 2017');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
