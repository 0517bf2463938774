import { describe, expect, it } from 'vitest';
import { adjacentKeys, slipOfTheFinger } from './keyboard.js';

describe('neighbouring keys on a QWERTY keyboard', () => {
  it('know the keys beside and above and below a key, both ways, in any case', () => {
    for (const [a, b] of [['s', 'd'], ['e', 'd'], ['d', 'c'], ['p', 'o'], ['p', 'l'], ['q', 'a'], ['m', 'n'], ['G', 'b']] as const) {
      expect(adjacentKeys(a, b), `${a}${b}`).toBe(true);
      expect(adjacentKeys(b, a), `${b}${a}`).toBe(true);
    }
  });

  it('know far keys, the same key and non-letters as no neighbours', () => {
    for (const [a, b] of [['c', 'p'], ['q', 'p'], ['a', 'l'], ['s', 's'], ['1', '2'], ['-', 'a']] as const) expect(adjacentKeys(a, b), `${a}${b}`).toBe(false);
  });
});

describe('a one-edit typo read as a slip of the finger', () => {
  it('reads a letter changed for a neighbouring key, and letters added, dropped or swapped', () => {
    expect(slipOfTheFinger('scooe', 'scope')).toBe(true);
    expect(slipOfTheFinger('scopd', 'scope')).toBe(true);
    expect(slipOfTheFinger('coverd', 'covered')).toBe(true);
    expect(slipOfTheFinger('scpoe', 'scope')).toBe(true);
  });

  it('does not read a letter changed for a far key: that is more often another word', () => {
    expect(slipOfTheFinger('scans', 'spans')).toBe(false);
    expect(slipOfTheFinger('rights', 'lights')).toBe(false);
  });
});
