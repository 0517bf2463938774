import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import questionSet from './questions.json' with { type: 'json' };
import { AnswerSchema, createEngine, loadDefaultReport, type Answer } from '../src/index.js';
import { plainText } from '../src/query/cite.js';

const faults: unknown[] = [];
const engine = createEngine(loadDefaultReport(), { onError: (error) => faults.push(error) });
// Contract: a quote is verbatim report text; white space may differ, and Markdown emphasis and link syntax
// of the source are ignored.
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const reportText = squash(plainText(readFileSync('data/reports/aws-soc3-2017.txt', 'utf8')));

function expectCitedVerbatim(answer: Answer) {
  for (const c of answer.citations) {
    expect(reportText.includes(squash(plainText(c.quote))), `quote not in the report: ${c.quote}`).toBe(true);
    expect(c.path.at(-1)).toBe(c.section);
  }
  if (answer.verdict !== 'unknown') expect(answer.citations.length).toBeGreaterThan(0);
}

// Words the core reacts to, so random questions reach its every branch and not only "unknown".
const WORDS = [
  'is', 'are', 'in', 'scope', 'covered', 'and', 'or', ',', '?', 'which', 'list', 'how many', 'what is', 'who audited',
  'period', 'S3', 'EC2', 'Connect', 'Direct Connect', 'Kinesis', 'Firehose', 'SageMaker', 'us-east-1', 'eu-west-3',
  'Paris', 'Japan', 'edge locations', 'regions', 'privacy', 'security', 'database', 'services', 'HIPAA', 'Amazon',
  'AWS', 'Conect', 'São Paulo', '<@U123>', '<!channel>', '<at>Bot</at>', '*', '`', '**', '\n', 'é', '💥', '\u0000',
];
const wordSoup = fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((w) => w.join(' '));

describe('the core, for any input', () => {
  it('returns a schema-valid Answer and never throws, for any string up to 10,000 characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 10_000 }), fc.string({ unit: 'grapheme', maxLength: 2_000 }), wordSoup), (q) => {
        const answer = engine.answer(q);
        expect(AnswerSchema.safeParse(answer).success).toBe(true);
        expectCitedVerbatim(answer);
        expect(faults).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('answers a question over 1,000 characters briefly, without reading it', () => {
    const answer = engine.answer(`is S3 in scope? ${'x'.repeat(2000)}`);
    expect(answer).toMatchObject({ intent: 'too_long', verdict: 'unknown', matches: [], citations: [] });
    expect(answer.text).toMatch(/1,000/);
  });

  it('cites only verbatim report text across the whole question set', () => {
    for (const q of (questionSet as { questions: { question: string }[] }).questions) expectCitedVerbatim(engine.answer(q.question));
  });

  it('never answers yes when a match is out of scope, nor no when one is in scope', () => {
    fc.assert(
      fc.property(wordSoup, (q) => {
        const a = engine.answer(q);
        if (a.verdict === 'yes') expect(a.matches.every((m) => m.inScope)).toBe(true);
        if (a.verdict === 'no') expect(a.matches.every((m) => !m.inScope)).toBe(true);
        // Partly: some in scope and some not, or a place covered as an edge location only.
        if (a.verdict === 'partial') expect(new Set(a.matches.map((m) => m.inScope)).size === 2 || a.items.some((i) => i.status === 'edge_location_only')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
