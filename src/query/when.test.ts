import { describe, expect, it } from 'vitest';
import { readTimes } from './when.js';

const now = new Date('2026-12-01T00:00:00Z');
const spans = (q: string) => readTimes(q, now).map((t) => [t.text, t.start, t.end, t.unit]);

describe('times a question names', () => {
  it('reads days, months, quarters, halves, years and ranges as spans of days, each day named as answers name days ("30 Jun 2017")', () => {
    expect(spans('in March 2017')).toEqual([['March 2017', '2017-03-01', '2017-03-31', 'month']]);
    expect(spans('as of 2017-06-30')).toEqual([['30 Jun 2017', '2017-06-30', '2017-06-30', 'day']]);
    expect(spans('on June 30, 2017 or 1 October 2017')).toEqual([['30 Jun 2017', '2017-06-30', '2017-06-30', 'day'], ['1 Oct 2017', '2017-10-01', '2017-10-01', 'day']]);
    expect(spans('Q4 2016, 4Q16, the fourth quarter of 2016')).toEqual(Array(3).fill(['Q4 2016', '2016-10-01', '2016-12-31', 'quarter']));
    expect(spans('H2 2017 and the first half of 2016')).toEqual([['the second half of 2017', '2017-07-01', '2017-12-31', 'half'], ['the first half of 2016', '2016-01-01', '2016-06-30', 'half']]);
    expect(spans('May to August 2017')).toEqual([['May – August 2017', '2017-05-01', '2017-08-31', 'month']]);
    expect(spans("last year's report")).toEqual([['2025', '2025-01-01', '2025-12-31', 'year']]);
    expect(spans('in FY2017')).toEqual([['2017', '2017-01-01', '2017-12-31', 'year']]);
  });

  it('reads an AWS season as a report name, and no date in words that are not one', () => {
    expect(spans('the Spring 2017 report')).toEqual([['Spring 2017', '2017-03-01', '2017-05-31', 'season']]);
    expect(spans('may I ask about S3, EC2 and us-east-1?')).toEqual([]);
    expect(spans('is 2017-13-40 a date?')).toEqual([]);
  });
});
