import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cut, inert, oneLine } from './escape.js';

describe('inert', () => {
  test('leaves plain words, digits and ordinary punctuation as they are', () => {
    expect(inert('Is Amazon EC2 Container Service (ECS) in scope? Yes, since 2017-04-01.')).toBe(
      'Is Amazon EC2 Container Service (ECS) in scope? Yes, since 2017-04-01.',
    );
  });

  test('turns Markdown link syntax into look-alikes that form no link', () => {
    expect(inert('[click](https://evil.example/x)')).toBe('［click］(https:/\u200B/evil.\u200Bexample/x)');
  });

  test('makes emphasis, code and HTML markers inert', () => {
    expect(inert('**bold** _it_ `code` <b>x</b> <at>Someone</at>')).toBe('∗∗bold∗∗ ＿it＿ ˋcodeˋ ＜b＞x＜/b＞ ＜at＞Someone＜/at＞');
  });

  test('breaks URLs, www. and bare domains so that clients do not auto-link them', () => {
    expect(inert('see http://a.example and www.example.org or evil.com')).toBe(
      'see http:/\u200B/a.\u200Bexample and www\u200B.example.\u200Borg or evil.\u200Bcom',
    );
  });

  test('stops Adaptive Card date functions and HTML entities', () => {
    expect(inert('{{DATE(2017-02-14T06:00:00Z, SHORT)}} &lt;b&gt; AT&T')).toBe('{\u200B{DATE(2017-02-14T06:00:00Z, SHORT)}} ＆lt;b＆gt; AT&T');
  });

  test('drops bidirectional overrides and control characters', () => {
    expect(inert('abc\u202Edef\u0007')).toBe('abcdef');
  });

  test('never lets through a character that starts markup, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (s) => {
        const out = inert(s);
        expect(out).not.toMatch(/[*_[\]<>`]/u);
        expect(out).not.toMatch(/:\/\//u);
        expect(out).not.toMatch(/\{\{/u);
      }),
    );
  });
});

describe('oneLine and cut', () => {
  test('oneLine collapses line breaks and runs of spaces', () => {
    expect(oneLine('  a\n\n b\t c ')).toBe('a b c');
  });

  test('cut keeps short text and ends cut text with an ellipsis within the limit', () => {
    expect(cut('short', 10)).toBe('short');
    expect(cut('abcdefghijkl', 5)).toBe('abcd…');
    expect(Array.from(cut('😀😀😀😀😀😀', 4))).toHaveLength(4);
  });
});
