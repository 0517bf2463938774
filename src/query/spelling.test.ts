import { describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport } from '../index.js';
import { tokenize } from './normalize.js';
import { readSpelling } from './spelling.js';

const engine = createEngine(loadDefaultReport(), {
  onError: (error) => {
    throw error;
  },
});
const ask = (q: string) => engine.answer(q);
const readings = (q: string) => ask(q).notes.filter((n) => n.kind === 'reading').map((n) => n.text);
const known = { nameWords: new Set(['lambda', 'connect', 'cloudfront']), inReport: (w: string) => w === 'stored' };

describe('typos of question words', () => {
  it('read one typo of a scope word as the word: the plain yes, with a note saying how it was read', () => {
    for (const [q, note] of [
      ['is s3 in scpoe?', 'Reading “scpoe” as “scope”.'],
      ['does the reprot cover S3?', 'Reading “reprot” as “report”.'],
      ['is S3 incldued?', 'Reading “incldued” as “included”.'],
      ['is lambda coverd pls', 'Reading “coverd” as “covered”.'],
      ['is us-east-1 coverd', 'Reading “coverd” as “covered”.'],
    ] as const) {
      expect(ask(q).verdict, q).toBe('yes');
      expect(readings(q), q).toEqual([note]);
    }
  });

  it('read reviewed chat spellings (data/vocabulary/chat-spellings.json) that are more than one typo away', () => {
    expect(ask('is s3 covrd?').verdict).toBe('yes');
    // "u" is chat filler already (question-words.json); "r" is read as "are".
    expect(readings('r u covering ec2?')).toEqual(['Reading “r” as “are”.']);
    expect(ask('r u covering ec2?').verdict).toBe('yes');
  });

  it('keep the answer’s own verdict: a typo never turns a service the report does not list into a yes', () => {
    expect(ask('is athena in scpoe?').verdict).toBe('no');
    expect(ask('are EC2 and Athena in scpoe?').verdict).toBe('partial');
  });

  it('leave a capitalised word alone: inside a question it is a name', () => {
    expect(readings('is Amazon Scpoe in scope?')).toEqual([]);
    expect(ask('is Amazon Scpoe in scope?').verdict).not.toBe('yes');
  });

  it('leave alone known words, words of names and of the report, short words (but a letter dropped from a four-letter one), and a typo two question words are as close to', () => {
    const read = (q: string) => readSpelling(tokenize(q), known).corrections.map((c) => `${c.typed}>${c.read}`);
    expect(read('is it covered in scope of the report')).toEqual([]);
    expect(read('is lambda stored')).toEqual([]);
    // "lamba" is one edit from the name word "lambda": the fuzzy index reads names, not this.
    expect(read('is lamba in scope')).toEqual([]);
    // A four-letter word is read only as a letter dropped from the middle: it keeps both ends ("scpe"); "ovr" is too
    // short, and "cope" is not "scope" (its first letter differs).
    expect(read('is it in scpe')).toEqual(['scpe>scope']);
    expect(read('is it in ovr')).toEqual([]);
    expect(read('can they cope')).toEqual([]);
    // ("scop" is a reviewed chat spelling, data/vocabulary/chat-spellings.json: read as "scope" by that list.)
    expect(read('is it in scop')).toEqual(['scop>scope']);
    // "testd" is one edit from "tested" and from "tests": only "tested" keeps its first and last letters.
    expect(read('is it testd')).toEqual(['testd>tested']);
    // "scoep" is one edit from "scope" alone; "scopd" from "scope" and "scoped", and "scoped" keeps both ends.
    expect(read('is it in scoep')).toEqual(['scoep>scope']);
  });
});

describe('lowercase typos of names the report does not list', () => {
  it('read a word the report never uses as the one unlisted name it is a typo of: not listed, saying how it was read', () => {
    for (const [q, name] of [
      ['is athenna covered?', 'Amazon Athena'],
      ['is cloudwach in scope?', 'Amazon CloudWatch'],
      ['is sagemakr in scope?', 'Amazon SageMaker'],
    ] as const) {
      const a = ask(q);
      expect(a.verdict, q).toBe('no');
      expect(a.items.map((i) => [i.name, i.status]), q).toEqual([[name, 'not_listed']]);
    }
  });

  it('keep a word the report uses (in any form) as that word, not a service: "backup" is about backups, not AWS Backup', () => {
    for (const q of ['is backup in scope?', 'are backups in scope?']) {
      const a = ask(q);
      expect(a.items.map((i) => i.name), q).not.toContain('AWS Backup');
      expect(a.text, q).toContain('authoritative backups are maintained');
    }
  });
});

describe('the letter filter before the distance', () => {
  it('keeps every one-edit typo at the start of a word: changed, added, dropped, swapped', () => {
    const read = (q: string) => readSpelling(tokenize(q), known).corrections.map((c) => c.read);
    for (const typo of ['xcope', 'sscope', 'cope', 'csope']) expect(read(`is it in ${typo}`), typo).toEqual(typo === 'cope' ? [] : ['scope']);
  });
});

describe('markup around names', () => {
  it('reads the text of a Markdown link and drops HTML tags, as typed or as Slack escapes them', () => {
    for (const q of ['is [S3](http://example.com) in scope?', 'is <b>S3</b> covered?', 'is &lt;b&gt;S3&lt;/b&gt; covered?']) {
      const a = ask(q);
      expect(a.verdict, q).toBe('yes');
      expect(a.items.map((i) => i.asked), q).toEqual(['S3']);
    }
  });
});
