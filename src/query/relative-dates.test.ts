import { describe, expect, it } from 'vitest';
import { readRelativeDates } from './relative-dates.js';

const NOW = new Date('2026-12-02T15:00:00Z');
const read = (q: string) => readRelativeDates(q, NOW);

describe('times written relative to today or to a year', () => {
  it('read a counted span back from today as the days it holds, today included', () => {
    expect(read('audited in the past 12 months?')).toEqual({
      text: 'audited from 3 December 2025 to 2 December 2026?',
      spans: [{ typed: 'the past 12 months', start: '2025-12-03', end: '2026-12-02' }],
      seasons: [],
    });
    expect(read('over the last 90 days').spans[0]).toMatchObject({ start: '2026-09-04', end: '2026-12-02' });
    expect(read('within the last two years').spans[0]).toMatchObject({ start: '2024-12-03', end: '2026-12-02' });
    expect(read('in the previous 6 weeks').spans[0]).toMatchObject({ start: '2026-10-22', end: '2026-12-02' });
    expect(read('within 12 months').spans[0]).toMatchObject({ typed: 'within 12 months', start: '2025-12-03' });
  });

  it('read one unit back only with "the": "in the past year" is the last 12 months, "last year" the calendar year', () => {
    expect(read('was it audited in the past year?').spans[0]).toMatchObject({ start: '2025-12-03', end: '2026-12-02' });
    expect(read('within the last month').spans[0]).toMatchObject({ start: '2026-11-03' });
    for (const q of ['was S3 in scope last year?', "in last year's report", 'in the last year’s report', 'the previous report', 'the last report', 'in the last quarter of 2017', 'in the last month of the period']) {
      expect(read(q).spans, q).toEqual([]);
    }
  });

  it('read "last quarter", "the previous month", "this quarter" as whole calendar units from today, not a quarter with no year', () => {
    expect(read('was last quarter covered?')).toEqual({
      text: 'was from 1 July 2026 to 30 September 2026 covered?',
      spans: [{ typed: 'last quarter', start: '2026-07-01', end: '2026-09-30' }],
      seasons: [],
    });
    expect(read('is the previous month covered?').spans[0]).toMatchObject({ typed: 'the previous month', start: '2026-11-01', end: '2026-11-30' });
    expect(read('this quarter').spans[0]).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(readRelativeDates('last quarter', new Date('2026-02-10T00:00:00Z')).spans[0]).toMatchObject({ start: '2025-10-01', end: '2025-12-31' });
    expect(readRelativeDates('last month', new Date('2026-01-31T00:00:00Z')).spans[0]).toMatchObject({ start: '2025-12-01', end: '2025-12-31' });
    for (const q of ['the last quarter of 2016', "last month's report", 'the last quarter SOC report']) expect(read(q).spans, q).toEqual([]);
  });

  it('clip a month back to the last day of a shorter month', () => {
    expect(readRelativeDates('in the past 3 months', new Date('2026-05-31T00:00:00Z')).spans[0]).toMatchObject({ start: '2026-03-01', end: '2026-05-31' });
    expect(readRelativeDates('in the past month', new Date('2026-03-31T00:00:00Z')).spans[0]).toMatchObject({ start: '2026-03-01' });
  });

  it('read the first or last months of a year', () => {
    expect(read('for the last 6 months of 2017').spans[0]).toEqual({ typed: 'the last 6 months of 2017', start: '2017-07-01', end: '2017-12-31' });
    expect(read('the first three months of 2017').spans[0]).toMatchObject({ start: '2017-01-01', end: '2017-03-31' });
    expect(read('the first 2 months of 2016').spans[0]).toMatchObject({ end: '2016-02-29' });
  });

  it('read a season as a time in both hemispheres, unless it names a report', () => {
    expect(read('was RDS covered in autumn 2017?')).toEqual({
      text: 'was RDS covered from 1 September 2017 to 30 November 2017 and from 1 March 2017 to 31 May 2017?',
      spans: [],
      seasons: [{ typed: 'autumn 2017', north: { start: '2017-09-01', end: '2017-11-30' }, south: { start: '2017-03-01', end: '2017-05-31' } }],
    });
    expect(read('during the summer of 2017').seasons[0]).toMatchObject({ typed: 'the summer of 2017', south: { start: '2016-12-01', end: '2017-02-28' } });
    expect(read('in winter 2016').seasons[0]).toMatchObject({ north: { start: '2016-12-01', end: '2017-02-28' }, south: { start: '2016-06-01', end: '2016-08-31' } });
    for (const q of ['is Connect in the Fall 2017 report?', 'in the Spring 2018 SOC 3', "the Fall 2016's list", 'compare Spring 2017 with Fall 2016', "what's new since Spring 2017?", 'the Fall 2016 and the Spring 2018 reports']) {
      expect(read(q).seasons, q).toEqual([]);
    }
  });

  it('leave alone what is no relative time', () => {
    for (const q of ['is the last region covered?', 'the past 13 regions', 'in the last 0 days', 'the first 13 months of 2017', 'last quarter of 2017', 'the last 12 edge locations']) {
      expect(read(q).spans, q).toEqual([]);
    }
  });
});
