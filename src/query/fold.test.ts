import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldUnicode as unicodeFold } from './normalize.js';

describe('fold', () => {
  it('lowercases, keeps "&" as a word and makes other punctuation spaces', () => {
    expect(fold('AWS Identity & Access Management (IAM)')).toBe('aws identity & access management iam');
    expect(fold('  us-east-1, São Paulo  ')).toBe('us east 1 sao paulo');
  });

  it('gives plain ASCII text the same folding as the Unicode path', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 80 });
    fc.assert(fc.property(ascii, (s) => fold(s) === unicodeFold(s)));
  });

  it('folds any text as the Unicode path does', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => fold(s) === unicodeFold(s)));
  });

  it('folds text of many lines, some of them not ASCII, as the Unicode path does', () => {
    const line = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('São Paulo', 'ΟΔΟΣ', '', ' & ', 'e\u0301'));
    const text = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\n\n', '\r\n', ' \n ')).map(([lines, sep]) => lines.join(sep));
    fc.assert(fc.property(text, (s) => fold(s) === unicodeFold(s)), { numRuns: 2000 });
    expect(fold('Since 2006\n- São Paulo, Brazil\n- Montréal & Co\n\nAWS')).toBe('since 2006 sao paulo brazil montreal & co aws');
  });
});
