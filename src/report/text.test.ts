import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine } from './text.js';

const naive = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('oneLine', () => {
  it('collapses every kind of white space run to one space and trims the ends', () => {
    expect(oneLine('  The scope\n of  services\r\n\r\nincludes:\t ')).toBe('The scope of services includes:');
    expect(oneLine('São\u00a0 Paulo\u2003')).toBe('São Paulo');
  });

  it('gives what replacing /\\s+/ with a space and trimming gives, for any text', () => {
    const spaceHeavy = fc.array(fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2003', 'a', 'Bc', '.'), { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), spaceHeavy), (s) => oneLine(s) === naive(s)));
  });
});
