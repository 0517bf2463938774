import { describe, expect, it } from 'vitest';
import { readDisambiguation } from './disambiguation.js';

const read = (q: string) => readDisambiguation(q);

describe('look-alikes a question sets apart', () => {
  it('leave out the cue and the look-alike after a parenthesis, a comma or a dash', () => {
    expect(read('is connect (not direct connect) in scope?')).toEqual({ text: 'is connect in scope?', setApart: [{ typed: '(not direct connect)' }] });
    expect(read('is Directory Service, not Cloud Directory, covered?').text).toBe('is Directory Service covered?');
    expect(read('is S3 in scope, not EC2?').text).toBe('is S3 in scope?');
    expect(read('Is Amazon Connect - not Direct Connect - in scope?').text).toBe('Is Amazon Connect in scope?');
    expect(read('is Glacier covered (as opposed to S3)?').text).toBe('is Glacier covered?');
    expect(read('is Connect, i.e. not Direct Connect, covered?').text).toBe('is Connect covered?');
  });

  it('read as written what only looks like one: "not just", "not in scope", "not sure", a bare "not", a long clause', () => {
    for (const q of ['is S3 covered, not just Glacier?', 'is S3, not in scope?', 'is Connect covered (not sure)?', 'is Connect not in scope?', 'is S3 covered, not that I would know how to check it myself?']) {
      expect(read(q), q).toEqual({ text: q, setApart: [] });
    }
  });

  it('set apart the name a correction replaces, after a bare cue ("I meant Cognito not Cognitio")', () => {
    expect(read('I meant Cognito not Cognitio').text).toBe('I meant Cognito');
    expect(read('sorry, i meant Connect, not Direct Connect').text).toBe('sorry, i meant Connect');
    expect(read('i mean is S3 not in scope?')).toEqual({ text: 'i mean is S3 not in scope?', setApart: [] });
  });
});
