import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestedJson, REPORT_TEXT, tempLibrary, variantText } from '../../tests/support/report-library.js';
import { loadLibrary, loadLibraryDir, reloadLibrary, reportKind } from './library.js';
import { loadDefaultReport } from './loader.js';

const libraries: { dispose(): void }[] = [];
const temp = (files: Record<string, string>) => {
  const lib = tempLibrary(files);
  libraries.push(lib);
  return lib;
};
afterEach(() => {
  for (const l of libraries.splice(0)) l.dispose();
});

const fall2016 = () => variantText({ period: { start: '2016-04-01', end: '2016-09-30' }, reportDate: '2016-11-10', removeServices: ['Amazon Connect'] });

describe('the report library', () => {
  it('reads every report of a folder, newest period first, each with its id, kind, organization, auditor, period and counts', () => {
    const lib = temp({ 'AWS SOC3 2016 Fall.txt': fall2016(), 'aws-soc3-2017.txt': REPORT_TEXT, 'README': 'not a report', '.hidden.txt': 'x' });
    const library = loadLibraryDir(lib.dir);
    expect(library.refused).toEqual([]);
    expect(library.reports.map((r) => ({ id: r.id, kind: r.kind, org: r.serviceOrganization, auditor: r.auditor, period: r.period, counts: r.counts }))).toEqual([
      { id: 'aws-soc3-2017', kind: 'SOC 3', org: 'Amazon Web Services, Inc.', auditor: { firm: 'Ernst & Young LLP', reportDate: '2017-10-26' }, period: { start: '2017-04-01', end: '2017-09-30' }, counts: { services: 51, regions: 15, edgeLocations: 46 } },
      { id: 'aws-soc3-2016-fall', kind: 'SOC 3', org: 'Amazon Web Services, Inc.', auditor: { firm: 'Ernst & Young LLP', reportDate: '2016-11-10' }, period: { start: '2016-04-01', end: '2016-09-30' }, counts: { services: 50, regions: 15, edgeLocations: 46 } },
    ]);
  });

  it('takes a text and its ingested JSON with the same id as one report, served from the JSON', () => {
    const lib = temp({ 'aws-soc3-2017.txt': REPORT_TEXT, 'aws-soc3-2017.json': ingestedJson(REPORT_TEXT, 'aws-soc3-2017') });
    // The JSON written after the text: it is the ingested form.
    utimesSync(join(lib.dir, 'aws-soc3-2017.txt'), new Date('2020-01-01'), new Date('2020-01-01'));
    const library = loadLibraryDir(lib.dir);
    expect(library.refused).toEqual([]);
    expect(library.reports.map((r) => [r.id, r.files.map((f) => f.slice(lib.dir.length + 1))])).toEqual([['aws-soc3-2017', ['aws-soc3-2017.json', 'aws-soc3-2017.txt']]]);
  });

  it('warns when the text was edited after its JSON was ingested, and serves the JSON', () => {
    const edited = variantText({ removeServices: ['Amazon Connect'] });
    const lib = temp({ 'r.json': ingestedJson(REPORT_TEXT, 'r'), 'r.txt': edited });
    utimesSync(join(lib.dir, 'r.json'), new Date('2020-01-01'), new Date('2020-01-01'));
    const library = loadLibraryDir(lib.dir);
    expect(library.reports[0]!.counts.services).toBe(51);
    expect(library.warnings).toEqual([`${join(lib.dir, 'r.txt')} was changed after r.json was ingested; the JSON is served (re-run npm run ingest -- ${join(lib.dir, 'r.txt')} --add)`]);
  });

  it('serves the text when its JSON is refused', () => {
    const lib = temp({ 'r.json': '{', 'r.txt': variantText({ removeServices: ['Amazon Connect'] }) });
    const library = loadLibraryDir(lib.dir);
    expect(library.reports.map((r) => [r.id, r.counts.services, r.files[0]])).toEqual([['r', 50, join(lib.dir, 'r.txt')]]);
    expect(library.refused.map((r) => r.file)).toEqual([join(lib.dir, 'r.json')]);
  });

  it('refuses two files with the same id, and one that does not parse, naming each file and why, while the rest serve', () => {
    const lib = temp({
      'aws-soc3-2017.txt': REPORT_TEXT,
      'Spring 2017.txt': REPORT_TEXT,
      'spring-2017.md': REPORT_TEXT,
      'broken.txt': variantText({ breakPeriod: true }),
      'bad.json': '{"schemaVersion": 1,',
      'other-id.json': ingestedJson(REPORT_TEXT, 'something-else'),
    });
    const library = loadLibraryDir(lib.dir);
    expect(library.reports.map((r) => r.id)).toEqual(['aws-soc3-2017']);
    const refused = Object.fromEntries(library.refused.map((r) => [r.file.slice(lib.dir.length + 1), r.reason]));
    expect(Object.keys(refused).sort()).toEqual(['Spring 2017.txt', 'bad.json', 'broken.txt', 'other-id.json', 'spring-2017.md']);
    expect(refused['Spring 2017.txt']).toBe('two files have the id "spring-2017" (Spring 2017.txt, spring-2017.md); rename one');
    expect(refused['broken.txt']).toMatch(/^no report period/);
    expect(refused['bad.json']).toMatch(/^is not valid JSON/);
    expect(refused['other-id.json']).toBe('its id is "something-else" but its file name gives "other-id" (rename the file, or re-ingest with --id other-id)');
  });

  it('refuses a folder in which no report can be read, listing each file and why', () => {
    const lib = temp({ 'broken.txt': variantText({ breakPeriod: true }) });
    expect(() => loadLibrary({ dir: lib.dir })).toThrow(/holds no report that can be read\n {2}.*broken\.txt: no report period/);
    expect(() => loadLibrary({ dir: join(lib.dir, 'missing') })).toThrow(/missing: no such folder/);
  });

  it('takes REPORT_FILE as a library of one, keeping its own id; a bad one is an error naming the file', () => {
    const lib = temp({ 'mine.txt': REPORT_TEXT, 'bad.txt': variantText({ breakPeriod: true }) });
    expect(loadLibrary({ file: join(lib.dir, 'mine.txt') }).reports.map((r) => r.id)).toEqual(['mine']);
    expect(() => loadLibrary({ file: join(lib.dir, 'bad.txt') })).toThrow(/bad\.txt: no report period/);
    expect(() => loadLibrary({ file: join(lib.dir, 'mine.txt'), dir: lib.dir })).toThrow(/both set/);
  });

  it('serves the bundled report when the default folder holds just the committed report', () => {
    const library = loadLibrary();
    expect(library.reports.map((r) => r.id)).toEqual(['aws-soc3-2017']);
    expect(library.reports[0]!.report).toBe(loadDefaultReport());
    expect(library.refused).toEqual([]);
  });

  it('names the kind of report its title says', () => {
    expect(reportKind('Service Organization Controls 3 Report')).toBe('SOC 3');
    expect(reportKind('System and Organization Controls (SOC) 2 Type II Report')).toBe('SOC 2 Type II');
    expect(reportKind('SOC 1 Type 1 Report')).toBe('SOC 1 Type I');
    expect(reportKind('ISO 27001 Certificate')).toBe('report');
  });

  describe('reload', () => {
    it('adds new files, drops deleted ones, and keeps the previous version of a report whose file is now refused', () => {
      const lib = temp({ 'a.txt': REPORT_TEXT, 'b.txt': fall2016() });
      const before = loadLibrary({ dir: lib.dir });
      lib.write('c.txt', variantText({ period: { start: '2017-10-01', end: '2018-03-31' } }));
      lib.remove('b.txt');
      lib.write('a.txt', variantText({ breakPeriod: true }));
      const r = reloadLibrary(before, { dir: lib.dir });
      expect(r.library.reports.map((x) => x.id)).toEqual(['c', 'a']);
      expect(r.library.reports[1]).toBe(before.reports.find((x) => x.id === 'a'));
      expect({ added: r.added, removed: r.removed, kept: r.kept }).toEqual({ added: ['c'], removed: ['b'], kept: ['a'] });
      expect(r.library.refused.map((x) => [x.file.slice(lib.dir.length + 1), x.reason.slice(0, 16)])).toEqual([['a.txt', 'no report period']]);
    });

    it('throws when the folder is gone, so the caller keeps the previous library', () => {
      const lib = temp({ 'a.txt': REPORT_TEXT });
      const before = loadLibrary({ dir: lib.dir });
      writeFileSync(join(lib.dir, 'a.txt'), 'nothing');
      expect(() => reloadLibrary(before, { dir: join(lib.dir, 'gone') })).toThrow(/no such folder/);
    });
  });
});
