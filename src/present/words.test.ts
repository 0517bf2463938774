import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatPeriod } from './words.js';

// What the project printed before it wrote dates out itself: Intl's en-GB day, short month and year, with
// en-US month abbreviations, and ICU's range format with plain spaces around the dash.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
function intlText(parts: Intl.DateTimeFormatPart[], dates: Date[]): string {
  let i = 0;
  return parts
    .map((p) => {
      if (p.type !== 'month') return p.value;
      const source = (p as { source?: string }).source;
      const date = source === 'endRange' ? dates.at(-1)! : source === 'startRange' ? dates[0]! : dates[Math.min(i, dates.length - 1)]!;
      i++;
      return MONTH.format(date);
    })
    .join('');
}
const intlDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return intlText(DATE.formatToParts(d), [d]);
};
const intlPeriod = (start: string, end: string) => {
  const a = new Date(`${start}T00:00:00Z`);
  const b = new Date(`${end}T00:00:00Z`);
  return intlText(DATE.formatRangeToParts(a, b), [a, b]).replace(/\s*–\s*/u, ' – ');
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** ISO dates as questions and reports write them, including days past a month's end ("2017-02-30"). */
const isoDate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
/** Mostly near one another, so that shared years and months are common. */
const nearDates = fc
  .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 400 }))
  .map(([y, m, d, days]) => {
    const start = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
    return [start, new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)] as const;
  });

describe('dates and periods in words', () => {
  it('writes the report period with the shared year once and en-US month abbreviations', () => {
    expect(formatPeriod('2017-04-01', '2017-09-30')).toBe('1 Apr – 30 Sep 2017');
    expect(formatPeriod('2017-04-01', '2017-04-30')).toBe('1 – 30 Apr 2017');
    expect(formatPeriod('2017-10-01', '2018-03-31')).toBe('1 Oct 2017 – 31 Mar 2018');
    expect(formatPeriod('2017-09-30', '2017-09-30')).toBe('30 Sep 2017');
    expect(formatDate('2017-10-26')).toBe('26 Oct 2017');
  });

  it('leaves what is not an ISO date as it is', () => {
    expect(formatDate('September 2017')).toBe('September 2017');
    expect(formatPeriod('2017', '2017-09-30')).toBe('2017 – 30 Sep 2017');
  });

  it('writes every date as Intl en-GB does', () => {
    fc.assert(fc.property(isoDate, (iso) => {
      expect(formatDate(iso)).toBe(intlDate(iso));
    }), { numRuns: 2000 });
  });

  it('writes every period as Intl en-GB range format does, in either order', () => {
    fc.assert(fc.property(nearDates, fc.boolean(), ([a, b], swap) => {
      const [start, end] = swap ? [b, a] : [a, b];
      expect(formatPeriod(start, end)).toBe(intlPeriod(start, end));
    }), { numRuns: 2000 });
    fc.assert(fc.property(isoDate, isoDate, (start, end) => {
      expect(formatPeriod(start, end)).toBe(intlPeriod(start, end));
    }), { numRuns: 2000 });
  });

  it('refuses an invalid date as Intl does', () => {
    expect(() => formatDate('2017-13-45')).toThrow(RangeError);
  });
});
