import type { LibraryReport } from '../report/library.js';
import { readTimes, type TimeSpan } from './when.js';

/**
 * What a question says about the library, before any one report answers it: the reports it names (by
 * kind, id, AWS season or order), the times it names, and whether it asks across reports (the list of
 * reports, the history of something, what changed between two reports). Read from the raw question;
 * `rest` is the question with all of that taken out, for the report that answers the rest.
 */
export interface LibraryReading {
  /** `list`: "which reports do you have?"; `history`: "since when is X in scope?"; `diff`: "what changed?". */
  across?: 'list' | 'history' | 'diff';
  /** The question asks about reports in the plural ("which reports ...") — the list, or with a subject, its history. */
  aboutReports: boolean;
  /** Times to cover ("March 2017", "Q4 2016", "last year"), in question order; seasons are report names instead. */
  times: TimeSpan[];
  /** Reports the question names, in question order, each once. */
  named: LibraryReport[];
  /** What it names that the library does not hold ("SOC 2", "Spring 2015"). */
  missing: string[];
  /** Named by order: "the previous report" (the focus of a history answer). */
  ordinal?: LibraryReport;
  /** "the last two reports" and the like: the two newest. */
  lastTwo: boolean;
  /** The question without the times, report names and cross-report words read here. */
  rest: string;
}

const PREP = '(?:(?:in|from|of|per|under|according\\s+to|by|for|on|between|and|with|to|than|vs\\.?|versus)\\s+)?(?:(?:the|our|their|its|your|this|that|aws\'?s?)\\s+)?';
const REPORT = '(?:soc\\s*[123]\\s+)?reports?';

/** Order words: the newest report, the one before it, the oldest. */
const ORDINALS: { re: RegExp; pick: (newestFirst: readonly LibraryReport[]) => LibraryReport | undefined; previous?: boolean; newest?: boolean }[] = [
  { re: new RegExp(`\\b${PREP}(?:previous|prior|preceding|earlier|older|last[-\\s]+but[-\\s]+one|second[-\\s]+(?:newest|latest|most\\s+recent))\\s+${REPORT}\\b|\\b${PREP}report\\s+before\\s+(?:that|this|it|the\\s+latest|the\\s+newest)\\b`, 'gi'), pick: (r) => r[1], previous: true },
  { re: new RegExp(`\\b${PREP}(?:first|earliest|oldest)\\s+${REPORT}\\b`, 'gi'), pick: (r) => r.at(-1) },
  { re: new RegExp(`\\b${PREP}(?:latest|newest|most\\s+recent|current|last|recent)\\s+${REPORT}\\b`, 'gi'), pick: (r) => r[0], newest: true },
];
const LAST_TWO = /\b(?:between\s+)?(?:the\s+)?(?:(?:last|latest|newest|most\s+recent|two\s+most\s+recent|two\s+latest|two\s+newest|last\s+two|latest\s+two|newest\s+two|recent\s+two|two|both)\s+)+(?:soc\s*[123]\s+)?reports\b/gi;
const KIND = new RegExp(`\\b${PREP}(soc)\\s*-?\\s*([123])(?:\\s+type\\s+(ii|i|2|1))?(?:\\s+reports?)?\\b`, 'gi');

const HISTORY = [
  /\bsince\s+when\b/i,
  /\bwhen\s+(?:was|were|did|has|have|had)\b.*\b(?:added|add|introduced|included|include|first|removed|dropped|join(?:ed)?|enter(?:ed)?|come|came|become|became|get|got|appear(?:ed)?|start(?:ed)?|begin|began)\b/i,
  /\b(?:history|track\s+record)\s+of\b/i,
  /\b(?:always|ever|previously|first)\s+(?:been\s+)?(?:in\s+scope|covered|included|listed|audited|in\s+the\s+reports?)\b/i,
  /\b(?:has|have)\s+\S+(?:\s+\S+)?\s+(?:always|ever)\b/i,
  /\b(?:in|from)\s+(?:which|what|how\s+many)\s+reports\b/i,
  /\bhow\s+long\s+has\b/i,
];
/** Words of a history question that are not the subject ("since when is", "added", "ever"). */
const HISTORY_WORDS = /\b(?:since\s+when|when\s+(?:was|were|did|has|have|had)|how\s+long\s+(?:has|have)|history\s+of|track\s+record\s+of|(?:first|ever|always|previously)|been|added|introduced|removed|dropped|(?:in|from)\s+(?:which|what|how\s+many)\s+reports|which\s+reports|what\s+reports|(?:get|got|come|came|become|became)(?:\s+(?:into|in))?|appear(?:ed)?|start(?:ed)?|listed|included)\b/gi;
const CHANGE = /\b(?:what(?:'s|\s+is|\s+has|\s+have|\s+was)?\s+(?:changed|new|different|added|removed|dropped)|changes|changed|change|difference|differences|differ|diff|compare[ds]?|comparison|comparing|versus|vs\.?|delta)\b/i;
// ("between" only before the reports themselves: "the difference between Cloud Directory and Directory Service"
// compares two services, not two reports: fresh set 44.)
const ACROSS_CONTEXT = /\b(?:reports|since\s+(?:the\s+)?(?:last|previous|prior|earlier|latest)|last\s+time|between\s+(?:them|these|those|the\s+two|both|periods|audits|editions|versions)|(?:previous|prior|earlier|last)\s+(?:one|report|period|audit))\b/i;
const LIST_START = /^\W*(?:which|what|list|show|how\s+many|tell\s+me|give\s+me)\b/i;
const LIST_PHRASES = /\b(?:do\s+you\s+have|have\s+you\s+got|are\s+there|are\s+available|available|in\s+the\s+library|do\s+you\s+know|can\s+you\s+answer\s+from|loaded|all\s+(?:the\s+)?reports)\b/i;

/**
 * Whether a question may say anything about the library at all: a year, quarter or half, a season, a word for
 * reports, order, history or change. Most questions do not, and skip the reading (it is on every question).
 */
const MAY_NAME_REPORTS =
  /(?:19|20)\d\d|\b[qh][1-4]\b|\b[1-4][qh]|\breport|\bsoc\b|\bsoc\d|\byear|\bquarter|\bhalf\b|spring|summer|fall\b|autumn|winter|\bsince\b|\bwhen\b|histor|always|\bever\b|previous|\bprior\b|earlier|latest|newest|oldest|earliest|\bfirst\b|compar|chang|differ|\bdiff\b|versus|\bvs\b|\bnew\b|delta|added|removed|track record|how long/i;

/** Right after a year: a word for a compliance document ("2017 SOC 3", "2016 report"). */
const REPORT_AFTER = /^\s*(?:soc\s?\d|soc\b|reports?\b|audit\b|attestation\b|examination\b)/i;

/** The same word ending a time read with it ("in the 2017 report"). */
const REPORT_AT_END = /(?:\d{4}(?:'s)?)\s*(?:soc\s?\d|soc|reports?|audit|attestation|examination)\s*$/i;

/** Right after a year: the trust services criteria, of which it names the edition ("2017 TSC"). */
const EDITION_AFTER = /^\s*(?:trust\s+services?\b|tsc\b|tsp\b)/i;

/** The reading of a question that names nothing about the library: answered by the newest report as asked. */
const NOTHING = (question: string): LibraryReading => ({ aboutReports: false, times: [], named: [], missing: [], lastTwo: false, rest: question });

/**
 * Reads what a question says about the library `newestFirst` (reports newest first). `now` places relative
 * times ("last year"). Pure.
 */
export function readLibraryQuestion(question: string, newestFirst: readonly LibraryReport[], now: Date): LibraryReading {
  if (!MAY_NAME_REPORTS.test(question)) {
    const lower = question.toLowerCase();
    if (!newestFirst.some((r) => lower.includes(r.id))) return NOTHING(question);
  }
  const cut: [number, number][] = [];
  const named: { at: number; report: LibraryReport }[] = [];
  const missing: string[] = [];
  const free = (a: number, b: number) => cut.every(([x, y]) => b <= x || a >= y);
  let ordinal: LibraryReport | undefined;
  let lastTwo = false;

  for (const m of question.matchAll(LAST_TWO)) {
    lastTwo = true;
    cut.push([m.index, m.index + m[0].length]);
  }
  for (const { re, pick, previous, newest } of ORDINALS) {
    for (const m of question.matchAll(re)) {
      if (!free(m.index, m.index + m[0].length)) continue;
      // "is this the latest report?" asks about the report, not from it; the newest answers by default anyway.
      if (newest && !/^(?:in|from|of|per|under|according|by|for|on)\b/i.test(m[0]) && !CHANGE.test(question)) continue;
      cut.push([m.index, m.index + m[0].length]);
      const report = pick(newestFirst);
      if (report) {
        named.push({ at: m.index, report });
        if (previous || !ordinal) ordinal = report;
      } else missing.push(m[0].trim());
    }
  }
  for (const m of question.matchAll(KIND)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const kind = `SOC ${m[2]}`;
    // A SOC 3 has no type ("is the SOC 3 type 2?" names the SOC 3): only SOC 1 and SOC 2 reports are Type I or II.
    const type = m[3] && m[2] !== '3' ? ` Type ${m[3] === '2' || m[3].toUpperCase() === 'II' ? 'II' : 'I'}` : '';
    const ofKind = newestFirst.filter((r) => r.kind === `${kind}${type}` || (!type && r.kind.startsWith(kind)));
    // Every report is of that kind: the name picks none out ("is S3 covered by the SOC 3?" in a SOC 3 library).
    if (ofKind.length === newestFirst.length) continue;
    cut.push([m.index, m.index + m[0].length]);
    if (ofKind[0]) named.push({ at: m.index, report: ofKind[0] });
    else missing.push(`${kind}${type}`);
  }
  const lower = question.toLowerCase();
  for (const r of newestFirst) {
    for (let at = lower.indexOf(r.id); at >= 0; at = lower.indexOf(r.id, at + 1)) {
      const end = at + r.id.length;
      if (/[a-z0-9]/.test(lower[at - 1] ?? '') || /[a-z0-9-]/.test(lower[end] ?? '') || !free(at, end)) continue;
      cut.push([at, end]);
      named.push({ at, report: r });
    }
  }
  const times: TimeSpan[] = [];
  for (const t of readTimes(question, now)) {
    if (!free(t.from, t.to)) continue;
    // "the 2017 SOC 3", "their 2016 report": a year before a word for the document names the report of that
    // year (the newest whose period lies within it), not a time asked; with none, it stays a time.
    // (The time read may hold the word itself: "in the 2017 report".) The words stay in the question: its core reads
    // them as its own name ("is this the 2017 report?" asks which report this is; cut, it asked nothing).
    const ofYear = t.unit === 'year' && (REPORT_AFTER.test(question.slice(t.to)) || REPORT_AT_END.test(question.slice(t.from, t.to))) ? newestFirst.find((r) => r.period.start >= t.start && r.period.end <= t.end) : undefined;
    if (ofYear) {
      named.push({ at: t.from, report: ofYear });
      continue;
    }
    // "is the report dated October 26, 2017?": the report's own date asked, not a time it covers.
    if (/\b(?:dated|signed|issued|published)\s+(?:on\s+|in\s+)?$/i.test(question.slice(0, t.from))) continue;
    cut.push([t.from, t.to]);
    // "the 2017 Trust Services Criteria": the criteria's edition, no time asked (the core reads the edition).
    if (t.unit === 'year' && EDITION_AFTER.test(question.slice(t.to))) continue;
    if (t.unit !== 'season') {
      times.push(t);
      continue;
    }
    // AWS names its reports by the season they are issued in: "Spring 2017" is the report issued (signed)
    // that spring, for the period ending March 31, 2017; the period's end in the season counts too.
    const match = newestFirst.find((r) => (r.auditor.reportDate >= t.start && r.auditor.reportDate <= t.end) || (r.period.end >= t.start && r.period.end <= t.end));
    if (match) named.push({ at: t.from, report: match });
    else missing.push(t.text);
  }

  const across = readAcross(question, named.length + times.length, lastTwo || ordinal !== undefined);
  let rest = strip(question, cut);
  if (across === 'history') rest = rest.replace(HISTORY_WORDS, ' ');
  rest = tidy(rest);
  const seen = new Set<LibraryReport>();
  return {
    across,
    aboutReports: /\breports\b/i.test(question) && (LIST_START.test(question) || LIST_PHRASES.test(question) || /^\W*reports\W*$/i.test(question)),
    times,
    named: named
      .sort((a, b) => a.at - b.at)
      .map((n) => n.report)
      .filter((r) => !seen.has(r) && seen.add(r)),
    missing,
    ordinal,
    lastTwo,
    rest,
  };
}

function readAcross(question: string, refs: number, ordered: boolean): LibraryReading['across'] {
  const changes = CHANGE.test(question);
  if (changes && (refs >= 2 || ACROSS_CONTEXT.test(question) || /^\W*what(?:'s|\s+is|\s+has)?\s+(?:changed|new)\W*$/i.test(question))) return 'diff';
  if (HISTORY.some((re) => re.test(question))) return 'history';
  // "was Connect in scope in the previous report?": answered from every report, the previous one first.
  if (ordered && /^\W*(?:was|were|did|had)\b/i.test(question)) return 'history';
  return undefined;
}

function strip(question: string, cut: [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of [...cut].sort((x, y) => x[0] - y[0])) {
    if (a < at) continue;
    out += `${question.slice(at, a)} `;
    at = b;
  }
  return out + question.slice(at);
}

/** Folds the spaces left by what was cut out, and the commas and words left dangling before the end. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([?.!,;:])/g, '$1')
    .replace(/(?:\s|,)+(?:and|or|in|for|from|of|on|the|with|to|between|during|as)\s*([?.!]*)$/i, '$1')
    .replace(/^[\s,]+/, '')
    .trim();
}
