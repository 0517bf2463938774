import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourReportFiles, REPORT_TEXT, tempLibrary, variantText } from '../../tests/support/report-library.js';
import { loadAliasData } from '../data/aliases.js';
import { loadLibrary, loadLibraryDir, type ReportLibrary } from '../report/library.js';
import { AnswerSchema, type Answer } from './answer.js';
import { plainText } from './cite.js';
import { diffReports } from './compose/across.js';
import { createLibraryEngine, type LibraryEngine } from './library-engine.js';

// The library of four (tests/support/report-library.ts): 2016 fall, 2017 spring, the real 2017 report, 2018
// spring. Built once from the real report's text.
const files = fourReportFiles();
const texts = new Map(Object.entries(files).map(([name, text]) => [name.replace(/\.txt$/, ''), text]));
const lib = tempLibrary(files);
let library: ReportLibrary;
let engine: LibraryEngine;
const faults: unknown[] = [];
const at = (iso: string) => () => new Date(`${iso}T12:00:00Z`);
const withClock = (iso: string) => createLibraryEngine(library, { now: at(iso), onError: (e) => faults.push(e) });

beforeAll(() => {
  library = loadLibraryDir(lib.dir);
  engine = withClock('2026-12-01');
});
afterAll(() => lib.dispose());

// Contract: a quote is verbatim text of the report it cites (white space may differ, Markdown ignored).
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const squashed = new Map<string, string>();
function expectCitedVerbatim(a: Answer) {
  expect(AnswerSchema.safeParse(a).success, JSON.stringify(AnswerSchema.safeParse(a).error?.issues[0])).toBe(true);
  for (const c of a.citations) {
    const id = c.report ?? a.report.id;
    const text = squashed.get(id) ?? squashed.set(id, squash(plainText(texts.get(id)!))).get(id)!;
    for (const q of c.quotes ?? [c.quote]) expect(text.includes(squash(plainText(q))), `not in ${id}: ${q}`).toBe(true);
  }
  const cited = new Set(a.citations.map((c) => c.report));
  if (cited.size > 1) expect(a.reports?.map((r) => r.id).sort()).toEqual([...cited].sort());
}

const ask = (q: string, e = engine) => {
  const a = e.answer(q);
  expectCitedVerbatim(a);
  return a;
};
const noteTexts = (a: Answer, kind?: string) => a.notes.filter((n) => !kind || n.kind === kind).map((n) => n.text);

describe('which report answers', () => {
  it('answers from the report whose period covers the time the question names', () => {
    const cases: [string, string, Answer['verdict']][] = [
      ['was Connect in scope in March 2017?', 'aws-soc3-2017-spring', 'no'],
      ['is Connect in scope as of 2017-06-30?', 'aws-soc3-2017', 'yes'],
      ['Q4 2016: is Step Functions in scope?', 'aws-soc3-2017-spring', 'yes'],
      ['was Step Functions covered in the first half of 2016?', 'aws-soc3-2016-fall', 'unknown'],
      ['was Step Functions in scope on June 30, 2016?', 'aws-soc3-2016-fall', 'no'],
      ['is Athena in scope in February 2018?', 'aws-soc3-2018-spring', 'yes'],
    ];
    for (const [q, id, verdict] of cases) {
      const a = ask(q);
      expect({ q, report: a.report.id, verdict: a.verdict }).toEqual({ q, report: id, verdict });
    }
    expect(noteTexts(ask('was Connect in scope in March 2017?'), 'period')).toEqual([
      'Answered from the SOC 3 for 1 Oct 2016 – 31 Mar 2017 (aws-soc3-2017-spring), whose period holds March 2017',
    ]);
  });

  it('gives no yes for a day no calendar has, however the core read it', () => {
    // "September 31" was read as the year, of which the report covers a part ("Partly"); it is no day at all.
    const a = createLibraryEngine(loadLibrary()).answer('was S3 in scope on September 31, 2017?');
    expect(a.verdict).toBe('unknown');
    expect(a.text).toContain('**31 September 2017** is no day of the calendar');
  });

  it('reads "last year" against the injected clock', () => {
    // In mid-2017, last year is 2016: the fall 2016 report covers most of it, and lists no Step Functions.
    const a = ask("was Step Functions in scope in last year's report?", withClock('2017-06-01'));
    expect({ report: a.report.id, verdict: a.verdict }).toEqual({ report: 'aws-soc3-2016-fall', verdict: 'no' });
    expect(noteTexts(a, 'period')[0]).toMatch(/^2016 is only partly within the SOC 3 for 1 Apr – 30 Sep 2016 \(aws-soc3-2016-fall\)/);
  });

  it('says when no report covers the time, naming the nearest reports, and gives no yes or no', () => {
    const early = ask('was S3 in scope in March 2015?');
    expect({ verdict: early.verdict, report: early.report.id }).toEqual({ verdict: 'unknown', report: 'aws-soc3-2016-fall' });
    expect(noteTexts(early)[0]).toMatch(/^No report in the library covers March 2015; the nearest is the SOC 3 for 1 Apr – 30 Sep 2016 \(aws-soc3-2016-fall\)/);
    const late = ask('is S3 in scope in Q3 2019?');
    expect(late.verdict).toBe('unknown');
    expect(noteTexts(late)[0]).toMatch(/covers Q3 2019; the nearest is the SOC 3 for 1 Oct 2017 – 31 Mar 2018 \(aws-soc3-2018-spring\)/);
    expect(ask('is S3 in the Spring 2015 report?').verdict).toBe('unknown');
  });

  it('says which reports cover a time asked about as such: one, several together, part, or none', () => {
    const cases: [string, Answer['verdict'], string][] = [
      ['is March 2017 covered?', 'yes', '**March 2017** is within the period of the SOC 3 for 1 Oct 2016 – 31 Mar 2017 (aws-soc3-2017-spring)'],
      ['which report covers Q4 2016?', 'yes', '**Q4 2016** is within the period of the SOC 3 for 1 Oct 2016 – 31 Mar 2017 (aws-soc3-2017-spring)'],
      ['is H2 2017 covered?', 'yes', '**the second half of 2017** is covered by 2 reports together: the SOC 3 for 1 Apr – 30 Sep 2017 (aws-soc3-2017) (1 Jul – 30 Sep 2017) and the SOC 3 for 1 Oct 2017 – 31 Mar 2018 (aws-soc3-2018-spring) (1 Oct – 31 Dec 2017)'],
      ['does the library cover 2016?', 'partial', 'Only part of **2016** is covered: the SOC 3 for 1 Apr – 30 Sep 2016 (aws-soc3-2016-fall) (1 Apr – 30 Sep 2016) and the SOC 3 for 1 Oct 2016 – 31 Mar 2017 (aws-soc3-2017-spring) (1 Oct – 31 Dec 2016)'],
      ['is Q1 2015 covered?', 'no', "**Q1 2015** is not within any report's period; the nearest is the SOC 3 for 1 Apr – 30 Sep 2016 (aws-soc3-2016-fall)"],
    ];
    for (const [q, verdict, text] of cases) {
      const a = ask(q);
      expect({ q, verdict: a.verdict, note: a.notes[0]!.text }).toEqual({ q, verdict, note: text });
    }
  });

  it('answers from the report a question names: by AWS season, order or id', () => {
    const cases: [string, string, Answer['verdict']][] = [
      ['is Connect in scope in the Fall 2016 report?', 'aws-soc3-2016-fall', 'no'],
      ['is Connect in the Spring 2018 SOC 3?', 'aws-soc3-2018-spring', 'yes'],
      ['is Kinesis Data Streams in scope in the previous report?', 'aws-soc3-2017', 'yes'],
      ['is Step Functions covered in the oldest report?', 'aws-soc3-2016-fall', 'no'],
      ['is SimpleDB in scope in aws-soc3-2017?', 'aws-soc3-2017', 'yes'],
      ['who audited the previous report?', 'aws-soc3-2017', 'info'],
      // A year before the document's word names the report of that year ("in the 2017 report", not "Partly").
      ['is S3 in the 2017 report?', 'aws-soc3-2017', 'yes'],
    ];
    for (const [q, id, verdict] of cases) {
      const a = ask(q);
      expect({ q, report: a.report.id, verdict: a.verdict }).toEqual({ q, report: id, verdict });
    }
  });

  it('answers from the newest period otherwise, naming its report and period', () => {
    const a = ask('is SimpleDB in scope?');
    expect(a.report).toEqual({ id: 'aws-soc3-2018-spring', title: 'Service Organization Controls 3 Report', periodStart: '2017-10-01', periodEnd: '2018-03-31' });
    expect(a.verdict).toBe('no');
    expect(a.reports).toBeUndefined();
    expect(noteTexts(a, 'period')).toEqual([]);
  });

  it('lists the library, newest first', () => {
    const a = ask('which reports do you have?');
    expect({ intent: a.intent, verdict: a.verdict }).toEqual({ intent: 'report_list', verdict: 'info' });
    const ids = noteTexts(a, 'library').slice(1).map((t) => /^\*\*([^*]+)\*\*/.exec(t)![1]);
    expect(ids).toEqual(['aws-soc3-2018-spring', 'aws-soc3-2017', 'aws-soc3-2017-spring', 'aws-soc3-2016-fall']);
    for (const q of ['reports', 'list reports', 'what reports are available?']) expect(ask(q).intent, q).toBe('report_list');
  });
});

describe('staleness', () => {
  it('carries one stale note once the newest period ended more than 12 months ago, citing the accountants', () => {
    // The newest period ends 31 March 2018.
    expect(noteTexts(ask('is S3 in scope?', withClock('2019-03-31')), 'stale')).toEqual([]);
    const a = ask('is S3 in scope?', withClock('2019-04-01'));
    expect(noteTexts(a, 'stale')).toEqual([
      "The newest report's period ended 31 Mar 2018, 12 months ago; the accountants caution that projecting their evaluation to later periods is subject to risk",
    ]);
    const cited = a.citations.find((c) => c.id === a.notes.find((n) => n.kind === 'stale')!.citations![0]);
    expect(cited?.quotes ?? [cited?.quote]).toContain(
      'Furthermore, projections of any evaluation of effectiveness to future periods are subject to the risk that controls may become inadequate because of changes in conditions or that the degree of compliance with the policies or procedures may deteriorate.',
    );
    for (const q of ['which reports do you have?', 'help', 'what changed between the last two reports?', 'was S3 in scope in 2015?']) {
      expect(noteTexts(ask(q, withClock('2021-05-01')), 'stale'), q).toEqual([expect.stringContaining('3 years and 1 month ago')]);
    }
  });

  it('is left out of an answer that already quotes the caveat: "is this the latest report?" says it once', () => {
    for (const q of ['is this the latest report?', 'is it still valid?', 'is the report current?']) {
      const a = createLibraryEngine(loadLibrary()).answer(q);
      expect(noteTexts(a, 'stale'), q).toEqual([]);
      expect(a.text.match(/(?:future|later) periods/giu) ?? [], q).toHaveLength(1);
    }
  });

  it('is on for the project’s own library today', () => {
    const a = createLibraryEngine(loadLibrary()).answer('is Connect in scope?');
    expect(noteTexts(a, 'stale')).toEqual([expect.stringMatching(/^The newest report's period ended 30 Sep 2017, \d+ years/)]);
  });
});

describe('across reports', () => {
  it('gives the history of a service, oldest first, with its first and last periods', () => {
    const a = ask('since when is Connect in scope?');
    expect({ intent: a.intent, verdict: a.verdict, matches: a.matches }).toEqual({ intent: 'scope_history', verdict: 'info', matches: [{ kind: 'service', name: 'Amazon Connect', inScope: true }] });
    expect(noteTexts(a, 'history')).toEqual([
      '**Amazon Connect** is listed in 2 of the 4 reports: first in the SOC 3 for 1 Apr – 30 Sep 2017 (aws-soc3-2017) (not in the SOC 3 for 1 Oct 2016 – 31 Mar 2017 (aws-soc3-2017-spring) before it); last in the SOC 3 for 1 Oct 2017 – 31 Mar 2018 (aws-soc3-2018-spring), the newest',
      'Oldest first:',
      'the SOC 3 for 1 Apr – 30 Sep 2016 (aws-soc3-2016-fall): Amazon Connect not listed',
      'the SOC 3 for 1 Oct 2016 – 31 Mar 2017 (aws-soc3-2017-spring): Amazon Connect not listed',
      'the SOC 3 for 1 Apr – 30 Sep 2017 (aws-soc3-2017): Amazon Connect listed',
      'the SOC 3 for 1 Oct 2017 – 31 Mar 2018 (aws-soc3-2018-spring): Amazon Connect listed',
    ]);
    expect(a.reports?.map((r) => r.id)).toEqual(['aws-soc3-2018-spring', 'aws-soc3-2017', 'aws-soc3-2017-spring', 'aws-soc3-2016-fall']);
    expect(ask('when was Step Functions added?').notes[0]!.text).toMatch(/^\*\*AWS Step Functions\*\* is listed in 3 of the 4 reports: first in the SOC 3 for 1 Oct 2016 – 31 Mar 2017/);
    expect(noteTexts(ask('since when is Kinesis Data Streams in scope?'))).toContain('the SOC 3 for 1 Apr – 30 Sep 2016 (aws-soc3-2016-fall): Amazon Kinesis Data Streams listed (as Amazon Kinesis Streams)');
  });

  it('answers "was X in scope in the previous report?" with that report’s yes or no, and the history', () => {
    const yes = ask('was SimpleDB in scope in the previous report?');
    expect({ intent: yes.intent, verdict: yes.verdict }).toEqual({ intent: 'scope_history', verdict: 'yes' });
    expect(yes.notes[0]!.text).toBe('In the SOC 3 for 1 Apr – 30 Sep 2017 (aws-soc3-2017), **Amazon SimpleDB** is in scope');
    expect(yes.notes[1]!.text).toMatch(/It is not listed in the newest report, the SOC 3 for 1 Oct 2017 – 31 Mar 2018 \(aws-soc3-2018-spring\)$/);
    expect(ask('was Athena in scope in the previous report?').verdict).toBe('no');
  });

  it('names a gap: a report in between that does not list it', () => {
    const gap = tempLibrary({
      'a.txt': variantText({ period: { start: '2016-04-01', end: '2016-09-30' } }),
      'b.txt': variantText({ period: { start: '2016-10-01', end: '2017-03-31' }, removeServices: ['Amazon Connect'] }),
      'c.txt': REPORT_TEXT,
    });
    try {
      const a = createLibraryEngine(loadLibraryDir(gap.dir), { now: at('2017-12-01') }).answer('has Connect always been in scope?');
      expect(a.notes[0]!.text).toMatch(/listed in 2 of the 3 reports: first in .*\(a\), the earliest the library holds; last in .*\(c\), the newest\. It is not listed in the SOC 3 for 1 Oct 2016 – 31 Mar 2017 \(b\) in between$/);
    } finally {
      gap.dispose();
    }
  });

  it('lists what changed between the last two reports: added, removed, renamed, each cited in its report', () => {
    const a = ask('what changed between the last two reports?');
    expect({ intent: a.intent, verdict: a.verdict, reports: a.reports?.map((r) => r.id) }).toEqual({ intent: 'report_comparison', verdict: 'info', reports: ['aws-soc3-2018-spring', 'aws-soc3-2017'] });
    expect(a.items.map((i) => [i.kind, i.name, i.status])).toEqual([
      ['service', 'Amazon Athena', 'added'],
      ['service', 'Amazon SimpleDB', 'removed'],
      ['service', 'Amazon Kinesis Data Streams', 'renamed'],
      ['region', 'Europe (Paris)', 'added'],
      ['edge_location', 'Lisbon, Portugal', 'added'],
      ['edge_location', 'Warsaw, Poland', 'removed'],
    ]);
    const reportOf = (name: string) => a.items.find((i) => i.name === name)!.citations.map((id) => a.citations.find((c) => c.id === id)!.report);
    expect(reportOf('Amazon Athena')).toEqual(['aws-soc3-2018-spring']);
    expect(reportOf('Amazon SimpleDB')).toEqual(['aws-soc3-2017']);
    expect(reportOf('Warsaw, Poland')).toEqual(['aws-soc3-2017']);
    expect(noteTexts(a)).toContain('Renamed: **Amazon Kinesis Streams** is now **Amazon Kinesis Data Streams**');
    expect(noteTexts(a)).toContain('Auditor: Ernst & Young LLP in both; the newer report is dated 15 May 2018, the older 26 Oct 2017');
    for (const q of ["what's new since the previous report?", 'compare aws-soc3-2017 and aws-soc3-2018-spring', 'what changed?']) {
      expect(ask(q).items.map((i) => i.name), q).toEqual(a.items.map((i) => i.name));
    }
  });

  it('compares two reports the question names, older to newer', () => {
    const a = ask('compare Spring 2017 with Fall 2016');
    expect(a.notes[0]!.text).toBe('From the SOC 3 for 1 Apr – 30 Sep 2016 (aws-soc3-2016-fall) to the SOC 3 for 1 Oct 2016 – 31 Mar 2017 (aws-soc3-2017-spring): 1 change');
    expect(a.items.map((i) => [i.name, i.status])).toEqual([['AWS Step Functions', 'added']]);
    expect(noteTexts(a)).toContain('Unchanged: regions (15), edge locations (46) and trust services criteria');
    expect(ask('what is the difference between the Fall 2016 and the Spring 2018 reports?').items.map((i) => [i.name, i.status])).toEqual([
      ['Amazon Connect', 'added'],
      ['AWS Step Functions', 'added'],
      ['Amazon Athena', 'added'],
      ['Amazon SimpleDB', 'removed'],
      ['Amazon Kinesis Data Streams', 'renamed'],
      ['Europe (Paris)', 'added'],
      ['Lisbon, Portugal', 'added'],
      ['Warsaw, Poland', 'removed'],
    ]);
  });

  it('diffs criteria and the auditor as well', () => {
    const [newer, older] = [library.reports[0]!.report, library.reports[1]!.report];
    const changed = { ...newer, auditor: { ...newer.auditor, firm: 'KPMG LLP' }, criteria: newer.criteria.map((c) => (c.name === 'Privacy' ? { ...c, covered: true } : c)) };
    const d = diffReports(older, changed, loadAliasData());
    expect({ criteria: d.criteria, auditor: d.auditor }).toEqual({ criteria: { added: ['Privacy'], removed: [] }, auditor: { firmChanged: true, dateChanged: true } });
  });

  it('reads "the difference between" two services as about the services, not a comparison of reports', () => {
    const one = createLibraryEngine(loadLibrary(), { now: at('2017-12-01') });
    for (const q of ['whats the difference between S3 and EBS?', 'difference between Cloud Directory and Directory Service?']) {
      const a = one.answer(q);
      expect(a.intent, q).not.toBe('report_comparison');
      expect(a.items.map((i) => i.status), q).toContain('in_scope');
    }
  });

  it('says so when there is nothing to compare', () => {
    const one = createLibraryEngine(loadLibrary(), { now: at('2017-12-01') }).answer('what changed between the last two reports?');
    expect({ verdict: one.verdict, text: one.notes[0]!.text }).toEqual({ verdict: 'unknown', text: 'The library holds one report, the SOC 3 for 1 Apr – 30 Sep 2017 (aws-soc3-2017); there is no other to compare it with' });
  });
});

describe('the library engine, for any input', () => {
  const WORDS = ['is', 'was', 'in', 'scope', 'covered', 'since when', 'when was', 'added', 'previous report', 'last two reports', 'what changed', 'compare',
    'Spring 2017', 'Fall 2016', 'Q4 2016', 'March 2017', '2015', 'last year', 'SOC 2', 'SOC 3', 'reports', 'which', 'S3', 'Connect', 'Athena',
    'Kinesis Data Streams', 'SimpleDB', 'Paris', 'us-east-1', 'Warsaw', '?', ',', 'and', 'aws-soc3-2017'];
  it('never throws, answers with a valid Answer, and cites only verbatim text of the report each quote names', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' ')), (q) => {
        expectCitedVerbatim(engine.answer(q));
        expect(faults).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
