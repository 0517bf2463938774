import { AnswerSchema, type Answer, type ReportRef } from '../../src/index.js';

/** The report reference the rendering tests use (a fake title, the real period). */
export const SAMPLE_REPORT: ReportRef = { id: 'aws-soc3-2017', title: 'AWS SOC 3 Report', periodStart: '2017-04-01', periodEnd: '2017-09-30' };

/**
 * A hand-built Answer for rendering tests, checked against the core's schema so the adapters are only ever
 * tested on Answers the core could return. `overrides` replace whole fields.
 */
export function sampleAnswer(overrides: Partial<Answer> = {}): Answer {
  return AnswerSchema.parse({
    question: 'is Connect in scope?',
    intent: 'service_scope',
    verdict: 'yes',
    matches: [{ kind: 'service', name: 'Amazon Connect', inScope: true }],
    items: [{ asked: 'Connect', kind: 'service', name: 'Amazon Connect', status: 'in_scope', reading: 'abbreviation', category: 'Contact Center', citations: [] }],
    notes: [],
    suggestions: [],
    text: '**Yes**: **Amazon Connect** (Contact Center) is in scope.',
    citations: [{ id: 'c1', section: 'AWS Background', path: ['System Description', 'AWS Background'], quote: 'Amazon Connect' }],
    report: SAMPLE_REPORT,
    ...overrides,
  });
}
