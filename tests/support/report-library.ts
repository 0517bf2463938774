import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport } from '../../src/report/parser.js';
import type { Report } from '../../src/report/schema.js';

/**
 * Test libraries built from the real report (data/reports/aws-soc3-2017.txt): copies of its text with
 * another period, auditor date, services added, removed or renamed, another region or edge location.
 * Each edit is a plain text replacement that must find what it replaces (else the test data is wrong).
 */

/** The project's report text, as committed. */
export const REPORT_TEXT = readFileSync(new URL('../../data/reports/aws-soc3-2017.txt', import.meta.url), 'utf8');

/** A service to add: its scope-list name, the category heading it goes under, and its one-paragraph description. */
export interface NewService {
  name: string;
  /** An existing category of the report ("Analytics"); the service goes after that category's first service. */
  category: string;
  description: string;
}

/** What differs in a copy. Dates are ISO. */
export interface Variant {
  period?: { start: string; end: string };
  /** The accountants' report date (and management's assertion date, the same day in the original). */
  reportDate?: string;
  removeServices?: string[];
  addServices?: NewService[];
  rename?: { from: string; to: string }[];
  /** Region names to add to the sentence of regions covered. */
  addRegions?: string[];
  /** Edge locations ("Lisbon, Portugal") to add to the list. */
  addEdgeLocations?: string[];
  removeEdgeLocations?: string[];
  /** Leave out the "For the Period ..." line: a copy the parser must refuse. */
  breakPeriod?: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2017-04-01" -> "April 1, 2017", as the report writes dates. */
export const longDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m! - 1]} ${d}, ${y}`;
};

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`test data: ${String(from)} not found in the report text`);
  return out;
}

/** The report text with the changes of `v`. */
export function variantText(v: Variant, base = REPORT_TEXT): string {
  let t = base;
  if (v.period) t = t.replaceAll('April 1, 2017', longDate(v.period.start)).replaceAll('September 30, 2017', longDate(v.period.end));
  if (v.reportDate) t = t.replaceAll('October 26, 2017', longDate(v.reportDate));
  for (const name of v.removeServices ?? []) {
    t = replaceOnce(t, `\n- ${name}\n`, '\n');
    // The description: its heading line and the paragraph after it.
    t = replaceOnce(t, new RegExp(`\\n${escape(name)}\\n\\n[^\\n]+\\n`), '\n');
  }
  for (const s of v.addServices ?? []) {
    t = replaceOnce(t, '\n- Amazon WorkSpaces\n', `\n- Amazon WorkSpaces\n- ${s.name}\n`);
    // After the category heading and its first service's heading and paragraph.
    t = replaceOnce(t, new RegExp(`(\\n${escape(s.category)}\\n\\n[^\\n]+\\n\\n[^\\n]+\\n)`), `$1\n${s.name}\n\n${s.description}\n`);
  }
  for (const r of v.rename ?? []) t = t.replaceAll(r.from, r.to);
  for (const region of v.addRegions ?? []) t = replaceOnce(t, ', and South America (São Paulo) Regions', `, South America (São Paulo), and ${region} Regions`);
  for (const e of v.addEdgeLocations ?? []) t = replaceOnce(t, '\n- Warsaw, Poland\n', `\n- Warsaw, Poland\n- ${e}\n`);
  for (const e of v.removeEdgeLocations ?? []) t = replaceOnce(t, `\n- ${e}\n`, '\n');
  if (v.breakPeriod) t = replaceOnce(t, /\nFor the Period [^\n]+\n/, '\n');
  return t;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A variant parsed, as the library would read it (for expectations). */
export function variantReport(v: Variant, id = 'variant'): Report {
  return parseReport(variantText(v), { id, file: `${id}.txt` });
}

/** A report text as `npm run ingest` writes it: the structured JSON, with the id the library will give it. */
export function ingestedJson(text: string, id: string): string {
  return `${JSON.stringify(parseReport(text, { id, file: `${id}.txt` }), null, 2)}\n`;
}

/** A temporary folder of report files; `files` maps a file name to its content. Remove it with `dispose()`. */
export function tempLibrary(files: Record<string, string>): { dir: string; write(name: string, content: string): void; remove(name: string): void; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cb-library-'));
  const write = (name: string, content: string) => writeFileSync(join(dir, name), content);
  for (const [name, content] of Object.entries(files)) write(name, content);
  return { dir, write, remove: (name) => rmSync(join(dir, name)), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A library of four AWS-style SOC 3 reports, half a year each, from the real one:
 * - `aws-soc3-2016-fall` (April 1 – September 30, 2016): no Amazon Connect, no AWS Step Functions, no US East
 *   (Ohio)... as the real report less those; dated November 10, 2016;
 * - `aws-soc3-2017-spring` (October 1, 2016 – March 31, 2017): adds Step Functions back; dated May 12, 2017;
 * - `aws-soc3-2017` (the real report, April 1 – September 30, 2017);
 * - `aws-soc3-2018-spring` (October 1, 2017 – March 31, 2018): Kinesis Streams renamed Kinesis Data Streams,
 *   Amazon Athena added, Amazon SimpleDB removed, Europe (Paris) region and Lisbon, Portugal edge location
 *   added, Warsaw, Poland removed; dated May 15, 2018.
 */
export const FOUR_REPORTS = {
  'aws-soc3-2016-fall.txt': () => variantText({ period: { start: '2016-04-01', end: '2016-09-30' }, reportDate: '2016-11-10', removeServices: ['Amazon Connect', 'AWS Step Functions'], }),
  'aws-soc3-2017-spring.txt': () => variantText({ period: { start: '2016-10-01', end: '2017-03-31' }, reportDate: '2017-05-12', removeServices: ['Amazon Connect'] }),
  'aws-soc3-2017.txt': () => REPORT_TEXT,
  'aws-soc3-2018-spring.txt': () =>
    variantText({
      period: { start: '2017-10-01', end: '2018-03-31' },
      reportDate: '2018-05-15',
      rename: [{ from: 'Amazon Kinesis Streams', to: 'Amazon Kinesis Data Streams' }],
      removeServices: ['Amazon SimpleDB'],
      addServices: [{ name: 'Amazon Athena', category: 'Analytics', description: 'Amazon Athena is an interactive query service that makes it easy to analyze data in Amazon S3 using standard SQL.' }],
      addRegions: ['Europe (Paris)'],
      addEdgeLocations: ['Lisbon, Portugal'],
      removeEdgeLocations: ['Warsaw, Poland'],
    }),
};

/** The files of {@link FOUR_REPORTS}, generated. */
export function fourReportFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(FOUR_REPORTS).map(([name, make]) => [name, make()]));
}
