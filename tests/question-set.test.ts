import { describe, expect, it } from 'vitest';
import questionSet from './questions.json' with { type: 'json' };
import { AnswerSchema, createEngine, loadDefaultReport, type Match } from '../src/index.js';

interface Expected {
  question: string;
  verdict: string;
  intent: string;
  matches?: Match[];
  matchCount?: number;
  matchesInclude?: Match[];
  neverInScope?: string[];
  /** Fragments the answer's text must hold, where the words matter ("1 Apr – 30 Sep 2017" for a period answer). */
  includes?: string[];
  /** Fragments the answer's text must not hold. */
  excludes?: string[];
}

// A fixed clock: "is it still current?" answers say how long ago the period ended.
const engine = createEngine(loadDefaultReport(), { now: () => new Date('2026-12-01T00:00:00Z') });
const questions = (questionSet as { questions: Expected[] }).questions;

describe('the question set', () => {
  it('holds at least 150 questions covering every intent', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    const intents = new Set(questions.map((q) => q.intent));
    for (const intent of ['service_scope', 'location_scope', 'criteria_scope', 'report_fact', 'service_description', 'list', 'topic', 'help', 'unknown']) {
      expect(intents, intent).toContain(intent);
    }
  });

  it.each(questions.map((q) => [q.question, q] as const))('answers %j as expected', (_q, expected) => {
    const answer = engine.answer(expected.question);
    expect(AnswerSchema.parse(answer)).toEqual(answer);
    expect({ verdict: answer.verdict, intent: answer.intent }).toEqual({ verdict: expected.verdict, intent: expected.intent });
    if (expected.matches) expect(answer.matches).toEqual(expected.matches);
    if (expected.matchCount !== undefined) expect(answer.matches).toHaveLength(expected.matchCount);
    for (const m of expected.matchesInclude ?? []) expect(answer.matches).toContainEqual(m);
    for (const name of expected.neverInScope ?? []) {
      expect(answer.matches.filter((m) => m.inScope).map((m) => m.name)).not.toContain(name);
    }
    for (const fragment of expected.includes ?? []) expect(answer.text).toContain(fragment);
    for (const fragment of expected.excludes ?? []) expect(answer.text).not.toContain(fragment);
  });
});
