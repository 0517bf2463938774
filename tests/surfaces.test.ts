import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import questionSet from './questions.json' with { type: 'json' };
import { createEngine, createLibraryEngine, loadDefaultReport, loadLibrary, type Answer } from '../src/index.js';
import { finish } from '../src/query/engine.js';
import type { ReplyItem } from '../src/query/reply.js';
import { verdictOfItems } from '../src/query/compose/shared.js';
import { formatAnswer } from '../src/format/terminal.js';
import { announcedLabel, answerMarkdown } from '../src/present/layout.js';
import { announcement } from '../src/present/words.js';
import { renderAnswer, type Block, type SlackMessage } from '../adapters/slack/blocks.js';
import { escapeMrkdwn, markdownToMrkdwn } from '../adapters/slack/escape.js';
import { LIMITS as SLACK } from '../adapters/slack/limits.js';
import { answerMessage, inline, type CardElement, type CardMessage } from '../adapters/teams/card.js';
import { inert } from '../adapters/teams/escape.js';
import { LIMITS as TEAMS } from '../adapters/teams/limits.js';
import { cardProblems } from './support/adaptive-cards.js';

// The three surfaces (terminal, Slack, Teams) and the core's own `text`, side by side: the same verdict,
// items and notes everywhere, within each platform's limits.

const engine = createEngine(loadDefaultReport());
const questions = (questionSet as { questions: { question: string }[] }).questions.map((q) => q.question);

const cardOf = (m: CardMessage) => m.attachments[0].content;
const flat = (elements: CardElement[]): CardElement[] => elements.flatMap((e) => (e.type === 'Container' ? [e, ...flat(e.items)] : [e]));
const teamsTexts = (m: CardMessage) => flat(cardOf(m).body).flatMap((e) => (e.type === 'TextBlock' ? [e.text] : []));
const slackTexts = (m: SlackMessage) =>
  m.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => ('text' in e ? e.text : '')) : []));

/** The label each rendering announces first. */
function announced(answer: Answer) {
  const slack = renderAnswer(answer);
  const teams = answerMessage(answer);
  const first = (s: string) => announcedLabel(s.replace(/\*/g, ''));
  return {
    text: first(answer.text),
    terminal: first(formatAnswer(answer, { color: false })),
    slack: first(slackTexts(slack)[0]!),
    slackFallback: first(slack.text),
    teams: first(teamsTexts(teams)[0]!),
    teamsFallback: first(cardOf(teams).fallbackText),
  };
}

/** Everything wrong with a Block Kit message by Slack's documented limits (https://docs.slack.dev/reference/block-kit/blocks). */
function slackProblems(m: SlackMessage): string[] {
  const problems: string[] = [];
  if (m.blocks.length > SLACK.blocks) problems.push(`${m.blocks.length} blocks`);
  if (m.text.length > SLACK.fallbackText) problems.push('fallback text too long');
  const ids = m.blocks.flatMap((b: Block) => (b.block_id ? [b.block_id] : []));
  if (new Set(ids).size !== ids.length) problems.push('duplicate block_id');
  for (const b of m.blocks) {
    if (b.type === 'section' && b.text && b.text.text.length > SLACK.sectionText) problems.push('section text too long');
    if (b.type === 'section' && b.text && b.text.text.length === 0) problems.push('empty section');
    if (b.type === 'context' && b.elements.length > SLACK.contextElements) problems.push('context too long');
    if (b.type === 'actions') {
      if (b.elements.length > SLACK.actionElements) problems.push('too many buttons');
      for (const e of b.elements) {
        if (e.type !== 'button') continue;
        if (e.text.text.length > SLACK.buttonText) problems.push('button text too long');
        if ((e.value ?? '').length > SLACK.buttonValue) problems.push('button value too long');
      }
    }
  }
  return problems;
}

/** Every item's name and every note, as each surface escapes them, is visible on it. */
function expectAllShown(answer: Answer) {
  const terminal = formatAnswer(answer, { color: false });
  const slack = renderAnswer(answer);
  const teams = answerMessage(answer);
  const slackAll = slackTexts(slack).join('\n');
  const teamsAll = teamsTexts(teams).join('\n');
  for (const item of answer.items) {
    expect(terminal, `terminal: ${item.name}`).toContain(item.name);
    expect(slackAll, `slack: ${item.name}`).toContain(escapeMrkdwn(item.name));
    expect(teamsAll, `teams: ${item.name}`).toContain(inert(item.name));
  }
  for (const note of answer.notes) {
    const plain = note.text.replace(/\*\*/g, '');
    expect(terminal.replace(/\*\*/g, '')).toContain(plain.replace(/[.]$/, ''));
    expect(slackAll).toContain(markdownToMrkdwn(note.text).replace(/[.]$/, ''));
    expect(teamsAll).toContain(inline(note.text).replace(/[.]$/, ''));
  }
}

// As `ask` and the server answer: over the report library, whose answers carry the `stale` note (a line of its
// own) when the newest period ended more than a year before (the one report's, since October 2018).
const library = createLibraryEngine(loadLibrary({}), { now: () => new Date('2026-12-01T00:00:00Z') });

describe('every surface, for the whole question set', () => {
  const answers = questions.map((q) => engine.answer(q));
  const libraryAnswers = questions.map((q) => library.answer(q));

  it('announces the Answer’s verdict first, in text and on every surface', () => {
    for (const a of [...answers, ...libraryAnswers]) {
      const label = announcement(a);
      expect(announced(a), a.question).toEqual({ text: label, terminal: label, slack: label, slackFallback: label, teams: label, teamsFallback: label });
    }
  });

  it('shows the same items and notes on every surface', () => {
    for (const a of [...answers, ...libraryAnswers]) expectAllShown(a);
  });

  it('gives Teams cards that Microsoft’s renderer parses and validates without a warning, within the size budget', () => {
    for (const a of answers) {
      const message = answerMessage(a);
      expect(cardProblems(cardOf(message)), a.question).toEqual([]);
      expect(JSON.stringify(message).length * 2, a.question).toBeLessThanOrEqual(TEAMS.messageBytes);
      for (const t of teamsTexts(message)) expect(t, a.question).not.toMatch(/^\s*([-+*]|\d+\.)\s/);
    }
  });

  it('gives Block Kit messages within Slack’s limits (KnownBlock by type; see slackProblems)', () => {
    for (const a of answers) {
      const message: { text: string; blocks: Block[] } = renderAnswer(a, { echoQuestion: true, shareButton: true, sharedBy: 'U0ASKER01' });
      expect(slackProblems(message), a.question).toEqual([]);
    }
  });

  it('keeps a one-service answer to 4 lines before the evidence, a three-service answer to 6', () => {
    const linesBefore = (a: Answer) => {
      const terminal = formatAnswer(a, { color: false }).split('\n');
      const slack = slackTexts(renderAnswer(a))[0]!.split('\n');
      const teams = cardOf(answerMessage(a)).body.findIndex((e) => e.type === 'TextBlock' && e.text === 'Evidence');
      return Math.max(terminal.indexOf('') === -1 ? terminal.length : terminal.indexOf(''), slack.length, teams);
    };
    for (const q of ['is Connect in scope?', 'is S3 covered today?', 'is Paris covered?', 'is DNS in scope?', 'is Amazon Conect in scope?', 'is eu-west-3 covered?', 'is Athena in scope?', 'was S3 in scope on 10/01/2017?', 'is Conect SOC 2 compliant?']) {
      expect(linesBefore(engine.answer(q)), q).toBeLessThanOrEqual(4);
      expect(linesBefore(library.answer(q)), `${q} (library)`).toBeLessThanOrEqual(4);
    }
    // Two typos or aliases among three ("lamda", "dynamo") are read in one note, and a related service two
    // unlisted ones share (ECS, for EKS and Fargate) is named once: they took 7 lines.
    for (const q of ['are S3, Athena and Connect covered?', 'are EC2, Lambda and SageMaker in scope?', 'are DynamoDB, Redshift and Glacier covered?', 'is Kinesis in scope?', 'are lamda, dynamo and sagemaker covered?', 'are lamda, dynamo and ec2 covered?', 'are ECS, EKS and Fargate covered?', 'are Application Migration Service, APIGW and Redshift Spectrum covered?', 'are Managed Microsoft AD, API GW and Amazon Kinesis Data Streams covered?', 'are DynamoDB Accelerator, Route53 and Glacier Instant Retrieval covered?']) {
      expect(linesBefore(engine.answer(q)), q).toBeLessThanOrEqual(6);
      expect(linesBefore(library.answer(q)), `${q} (library)`).toBeLessThanOrEqual(6);
    }
    // And every one- or three-service answer of the question set, from one report and from the library.
    for (const a of [...answers, ...libraryAnswers]) {
      if (!a.items.every((i) => i.kind === 'service') || (a.items.length !== 1 && a.items.length !== 3)) continue;
      expect(linesBefore(a), a.question).toBeLessThanOrEqual(a.items.length === 1 ? 4 : 6);
    }
  });
});

describe('every surface, for random strings', () => {
  const WORDS = ['is', 'are', 'in', 'scope', 'covered', 'and', ',', '?', 'which', 'list', 'S3', 'EC2', 'Kinesis', 'us-east-1', 'Paris', 'Japan', 'edge locations', 'regions', 'privacy', 'HIPAA', 'today', '2015', 'Conect', 'help', '<@U1>', '**', '- '];
  const question = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' ')));

  it('announces the Answer’s verdict first everywhere', () => {
    fc.assert(
      fc.property(question, (q) => {
        const a = engine.answer(q);
        const label = announcement(a);
        expect(Object.values(announced(a)).every((l) => l === label)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('answers of up to 60 items', () => {
  // Names as a report spells them: letters, digits, spaces and the punctuation of "Europe (Paris)" or "Paris, France".
  const name = fc.stringMatching(/^[A-Z][A-Za-z0-9éü ()\-,]{1,38}[a-z0-9)]$/);
  const item = fc.record({
    kind: fc.constantFrom('service', 'region', 'edge_location', 'criterion', 'category' as const),
    status: fc.constantFrom('in_scope', 'not_listed', 'covered', 'not_covered', 'edge_location_only', 'unconfirmed' as const),
    category: fc.option(fc.constantFrom('Storage', 'Compute', 'Analytics'), { nil: undefined }),
    country: fc.option(fc.constantFrom('United States', 'Japan', 'France'), { nil: undefined }),
  });
  const items = fc.uniqueArray(fc.tuple(name, item), { minLength: 1, maxLength: 60, selector: ([n]) => n });

  it('shows every item on every surface', () => {
    const quote = { section: 'AWS Background', path: ['AWS Background'], quote: 'The scope of services covered in this report includes:' };
    fc.assert(
      fc.property(items, (generated) => {
        const replyItems: ReplyItem[] = generated.map(([n, i]) => ({
          asked: n,
          kind: i.kind,
          name: n,
          status: i.status,
          reading: 'exact',
          ...(i.category ? { category: i.category } : {}),
          ...(i.country ? { country: i.country } : {}),
          citations: [quote],
        }));
        const answer = finish('are these covered?', { intent: 'service_scope', verdict: verdictOfItems(replyItems), items: replyItems, notes: [], suggestions: [], citations: [] }, { id: 'r', title: 'T', periodStart: '2017-04-01', periodEnd: '2017-09-30' });
        expect(answer.text).toBe(answerMarkdown(answer));
        expectAllShown(answer);
        expect(cardProblems(cardOf(answerMessage(answer)))).toEqual([]);
        expect(slackProblems(renderAnswer(answer))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

// Golden renderings, reviewed by eye and committed: a change to any surface shows up as a diff here.
const GOLDEN = [
  'is Connect in scope?',
  'are S3, Athena and Connect covered?',
  'is Kinesis in scope?',
  'is us-east-1 covered?',
  'is eu-west-3 covered?',
  'is Paris covered?',
  'edge locations in Japan?',
  'which edge locations are covered?',
  'which database services are covered?',
  'who audited it, and for which period?',
  'is S3 covered today?',
  'is Amazon Conect in scope?',
  'what is Amazon Cognito?',
  'how are employees trained?',
  'help',
];

describe('golden renderings', () => {
  it.each(GOLDEN.map((q, i) => [q, i] as const))('%j on the three surfaces', async (q, i) => {
    const answer = engine.answer(q);
    const slug = `${String(i + 1).padStart(2, '0')}-${q.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    await expect(`${formatAnswer(answer, { color: false })}\n`).toMatchFileSnapshot(`golden/${slug}.terminal.txt`);
    await expect(`${JSON.stringify(renderAnswer(answer), null, 2)}\n`).toMatchFileSnapshot(`golden/${slug}.slack.json`);
    await expect(`${JSON.stringify(answerMessage(answer), null, 2)}\n`).toMatchFileSnapshot(`golden/${slug}.teams.json`);
  });
});
