import { describe, expect, it } from 'vitest';
import { readNumericDates } from './numeric-dates.js';

const read = (q: string) => readNumericDates(q);

describe('dates written in numbers', () => {
  it('read month first when the second number cannot be a month, day first when the first cannot be', () => {
    expect(read('was S3 in scope on 06/30/2017?')).toEqual({ text: 'was S3 in scope on 2017-06-30?', dates: [{ typed: '06/30/2017', iso: '2017-06-30', guessed: false }] });
    expect(read('on 30/06/2017').text).toBe('on 2017-06-30');
    expect(read('on 6-30-2017').text).toBe('on 2017-06-30');
  });

  it('read both orders when both could be, and say it was a guess', () => {
    expect(read('on 10/01/2017')).toEqual({ text: 'on 2017-10-01 or 2017-01-10', dates: [{ typed: '10/01/2017', iso: '2017-10-01', guessed: true, other: '2017-01-10' }] });
    expect(read('on 05/05/2017').dates).toEqual([{ typed: '05/05/2017', iso: '2017-05-05', guessed: false }]);
  });

  it('read months in numbers and quarters written number first as the time readers read them', () => {
    expect(read('does the report cover 04/2017 - 09/2017?').text).toBe('does the report cover April 2017 - September 2017?');
    expect(read('is 2Q17 covered?').text).toBe('is Q2 2017 covered?');
    expect(read('is 1H2017 in scope').text).toBe('is H1 2017 in scope');
    for (const q of ['is 13/2017 covered?', 'is 3H17 covered?', 'is 5Q17 covered?']) expect(read(q).text, q).toBe(q);
  });

  it('read every date of a question in the order one of them can only be written in', () => {
    expect(read('is the period 04/01/2017 - 09/30/2017?').text).toBe('is the period 2017-04-01 - 2017-09-30?');
    expect(read('is the period 01/04/2017 - 30/09/2017?').text).toBe('is the period 2017-04-01 - 2017-09-30?');
  });

  it('read dots day first', () => {
    expect(read('am 30.06.2017').text).toBe('am 2017-06-30');
    expect(read('am 01.10.2017').dates[0]).toMatchObject({ iso: '2017-10-01', guessed: false });
  });

  it('write a day no calendar has as ISO, for the time readers to say it is none', () => {
    expect(read('on 02/30/2017')).toEqual({ text: 'on 2017-02-30', dates: [] });
    expect(read('on 31/06/2017')).toEqual({ text: 'on 2017-06-31', dates: [] });
  });

  it('read a two-digit year written with slashes, as US forms do', () => {
    expect(read('on 9/30/17').text).toBe('on 2017-09-30');
    expect(read('on 10/1/17').dates[0]).toMatchObject({ iso: '2017-10-01', guessed: true, other: '2017-01-10' });
  });

  it('leave alone what is no date: two-digit years with dots or dashes, versions, ISO dates and ranges of numbers', () => {
    for (const q of ['on 13/13/2017', 'v 1.2.17', 'on 1-2-17', 'NIST 800-88', 'version 1.2.3', 'on 2017-06-30', 'TLS 1.2', '99.99%', '1/2/3/2017']) {
      expect(read(q), q).toEqual({ text: q, dates: [] });
    }
  });
});
