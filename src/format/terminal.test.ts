import { describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport } from '../index.js';
import { formatAnswer, useColor } from './terminal.js';

const engine = createEngine(loadDefaultReport());

describe('the terminal rendering', () => {
  it('colours only on a terminal, and never when NO_COLOR is set (https://no-color.org)', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(useColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('styles the verdict and bold names with ANSI codes when asked, and prints the same words without', () => {
    const answer = engine.answer('are S3 and Athena covered?');
    const plain = formatAnswer(answer, { color: false });
    const coloured = formatAnswer(answer, { color: true });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toMatch(/\u001b\[1m/);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
    expect(plain.split('\n').slice(0, 3)).toEqual([
      '⚠️ Partly: 1 of 2 in scope.',
      '  ✅ Amazon Simple Storage Service (S3) (Storage): in scope',
      '  ❌ Amazon Athena: not listed in this report',
    ]);
  });

  it('makes control characters from a question inert', () => {
    expect(formatAnswer(engine.answer('is \u001b[31mFoo\u0007 in scope?'), { color: false })).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});
