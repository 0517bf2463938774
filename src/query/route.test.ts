import { describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport } from '../index.js';
import { RULES } from './route.js';

const engine = createEngine(loadDefaultReport(), { now: () => new Date('2026-12-01T00:00:00Z') });

describe('the routing rules', () => {
  it('have unique names, and each at least one example', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULES) expect(r.examples.length, r.name).toBeGreaterThan(0);
  });

  it.each(RULES.flatMap((r) => r.examples.map((e) => [r.name, e] as const)))('rule %s answers its example %j', (name, example) => {
    expect(engine.ruleFor(example)).toBe(name);
  });
});
