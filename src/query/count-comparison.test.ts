import { describe, expect, it } from 'vitest';
import { compares, readCountComparison } from './count-comparison.js';
import { fold } from './normalize.js';

const read = (q: string) => {
  const c = readCountComparison(fold(q).split(' '));
  return c && [c.op, c.n, c.kind];
};

describe('comparisons of a count', () => {
  it('reads the comparison, the number and the list it counts', () => {
    expect(read('does the report cover more than 10 regions?')).toEqual(['>', 10, 'region']);
    expect(read('are at least 50 AWS services in scope?')).toEqual(['>=', 50, 'service']);
    expect(read('exactly 51 services?')).toEqual(['=', 51, 'service']);
    expect(read('fewer than 40 edge locations covered?')).toEqual(['<', 40, 'edge']);
    expect(read('no more than 3 trust services criteria?')).toEqual(['<=', 3, 'criterion']);
    expect(read('over 10 service categories?')).toEqual(['>', 10, 'category']);
  });

  it('reads none without a number in digits, or of what the report never counts', () => {
    expect(read('more than ten regions?')).toBeUndefined();
    expect(read('more than 2 AZs per region?')).toBeUndefined();
    expect(read('are logs kept for more than 90 days?')).toBeUndefined();
    expect(read('is S3 covered?')).toBeUndefined();
  });

  it('compares as asked', () => {
    expect([compares(15, '>', 10), compares(15, '>=', 15), compares(15, '<', 15), compares(15, '<=', 15), compares(15, '=', 16)]).toEqual([true, true, false, true, false]);
  });
});

describe('counts stated as facts to confirm', () => {
  it('reads a number after a verb of having or listing as the count asked', () => {
    expect(read('does India have 2 edge locations?')).toEqual(['=', 2, 'edge']);
    expect(read('does the report list 5 US regions?')).toEqual(['=', 5, 'region']);
    expect(read('are there 15 US edge locations?')).toEqual(['=', 15, 'edge']);
    expect(read('does it cover 3 of the 5 TSC?')).toEqual(['=', 3, 'criterion']);
    expect(read('are 15 regions covered?')).toEqual(['=', 15, 'region']);
  });
});
