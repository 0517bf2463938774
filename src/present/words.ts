import type { ItemStatus, MatchKind, ReportRef, Verdict } from '../query/answer.js';
import { LruCache } from '../query/cache.js';

/**
 * The words every surface uses: verdict labels and marks, item statuses, help and its examples, dates and
 * periods, the report line. The single place for them: the core's `text`, the terminal, Slack and Teams
 * all take them from here, so a verdict is announced the same way everywhere.
 */

/** How each verdict is announced, first thing in every reply. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  yes: 'Yes',
  no: 'No',
  partial: 'Partly',
  info: 'From the report',
  unknown: 'Not sure',
};

/** The help reply's label (its verdict is `unknown`: help is not about the report). */
export const HELP_LABEL = 'Help';

/** The mark before a verdict (Unicode emoji, which every surface shows as is). */
export const VERDICT_MARK: Readonly<Record<Verdict, string>> = {
  yes: '✅',
  no: '❌',
  partial: '⚠️',
  info: 'ℹ️',
  unknown: '❔',
};

/** The label an answer announces: the verdict's, or Help's. */
export function announcement(answer: { verdict: Verdict; intent: string }): string {
  return answer.intent === 'help' ? HELP_LABEL : VERDICT_LABEL[answer.verdict];
}

/** The mark of an item by its status. */
export const STATUS_MARK: Readonly<Record<ItemStatus, string>> = {
  in_scope: '✅',
  covered: '✅',
  edge_location_only: '⚠️',
  not_listed: '❌',
  not_covered: '❌',
  ambiguous: '❓',
  unconfirmed: '❔',
  added: '➕',
  removed: '➖',
  renamed: '🔁',
};

/** An item's status as words after its name ("Amazon Connect: in scope"). */
export const STATUS_WORDS: Readonly<Record<ItemStatus, string>> = {
  in_scope: 'in scope',
  covered: 'covered',
  edge_location_only: 'covered as an edge location only',
  not_listed: 'not listed in this report',
  not_covered: 'not covered',
  ambiguous: 'ambiguous',
  unconfirmed: 'not confirmed by the report',
  added: 'added',
  removed: 'removed',
  renamed: 'renamed',
};

/** A kind of item in words. */
export const KIND_WORDS: Readonly<Record<MatchKind, { one: string; many: string }>> = {
  service: { one: 'service', many: 'services' },
  region: { one: 'region', many: 'regions' },
  edge_location: { one: 'edge location', many: 'edge locations' },
  criterion: { one: 'trust services criterion', many: 'trust services criteria' },
  category: { one: 'category', many: 'categories' },
};

/** "1 service", "3 services". */
export function count(n: number, kind: MatchKind): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? KIND_WORDS[kind].one : KIND_WORDS[kind].many}`;
}

// Day, short month and year, in UTC (the report's dates are calendar dates, not instants). British order
// ("1 Apr 2017"), with the month abbreviations of en-US ("Sep", where en-GB writes "Sept"); a range gives
// the shared year (and month) once, as Intl's range format does ("1 Apr – 30 Sep 2017", "1 – 30 Apr 2017").
// Written out rather than asked of Intl: the first Intl.DateTimeFormat of a process loads ICU's date data,
// about 25 ms, a fifth of a cold `ask` over bare `node` (bench: cold ask, issue 10), and every reply shows a
// period. Intl stays the reference (src/present/words.test.ts compares both over random dates) and formats
// what the table does not cover: years before 1 AD (Intl adds an era) and invalid dates (Intl's RangeError).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

let intl: { date: Intl.DateTimeFormat; month: Intl.DateTimeFormat } | undefined;
/** Intl's formats, made on first use only (see above). */
const intlFormats = () =>
  (intl ??= {
    date: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
    month: new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }),
  });

function partsText(parts: Intl.DateTimeFormatPart[], dates: Date[]): string {
  let monthIndex = 0;
  return parts
    .map((p) => {
      if (p.type !== 'month') return p.value;
      // formatRangeToParts gives the months in order: the start's, then (if it differs) the end's.
      const source = (p as { source?: string }).source;
      const date = source === 'endRange' ? dates.at(-1)! : source === 'startRange' ? dates[0]! : dates[Math.min(monthIndex, dates.length - 1)]!;
      monthIndex++;
      return intlFormats().month.format(date);
    })
    .join('');
}

/** A date's calendar fields in UTC, or undefined where the table does not answer as Intl would (see above). */
function fields(date: Date): { day: number; month: string; year: number } | undefined {
  const year = date.getUTCFullYear();
  if (!(year >= 1)) return undefined;
  return { day: date.getUTCDate(), month: MONTHS[date.getUTCMonth()]!, year };
}

// Every reply shows its report's period, and formatting is a measurable part of a reply's CPU (npm run bench,
// issue 10): formatted dates and periods are kept, a bounded number of them.
const formatted = new LruCache<string, string>(256);

/** "2017-10-26" -> "26 Oct 2017". Anything but an ISO date is returned as it is. */
export function formatDate(iso: string): string {
  if (!ISO_DATE.test(iso)) return iso;
  const known = formatted.get(iso);
  if (known !== undefined) return known;
  const date = new Date(`${iso}T00:00:00Z`);
  const f = fields(date);
  const text = f ? `${f.day} ${f.month} ${f.year}` : partsText(intlFormats().date.formatToParts(date), [date]);
  formatted.set(iso, text);
  return text;
}

/** "2017-04-01", "2017-09-30" -> "1 Apr – 30 Sep 2017" (Intl's range format: the shared year once). */
export function formatPeriod(start: string, end: string): string {
  if (!ISO_DATE.test(start) || !ISO_DATE.test(end)) return `${formatDate(start)} – ${formatDate(end)}`;
  const key = `${start}/${end}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const a = new Date(`${start}T00:00:00Z`);
  const b = new Date(`${end}T00:00:00Z`);
  const fa = fields(a);
  const fb = fields(b);
  let text: string;
  if (fa && fb) {
    if (fa.year !== fb.year) text = `${fa.day} ${fa.month} ${fa.year} – ${fb.day} ${fb.month} ${fb.year}`;
    else if (fa.month !== fb.month) text = `${fa.day} ${fa.month} – ${fb.day} ${fb.month} ${fb.year}`;
    else if (fa.day !== fb.day) text = `${fa.day} – ${fb.day} ${fb.month} ${fb.year}`;
    else text = `${fb.day} ${fb.month} ${fb.year}`;
  } else {
    // ICU puts thin spaces (U+2009) around the range's dash; chat clients and terminals show plain ones better.
    text = partsText(intlFormats().date.formatRangeToParts(a, b), [a, b]).replace(/\s*–\s*/u, ' – ');
  }
  formatted.set(key, text);
  return text;
}

/** The report an answer comes from, once at the end of every reply: "AWS SOC 3 Report · 1 Apr – 30 Sep 2017". */
export function reportLine(report: Pick<ReportRef, 'title' | 'periodStart' | 'periodEnd'>): string {
  return `${report.title} · ${formatPeriod(report.periodStart, report.periodEnd)}`;
}

/** Several reports, each with its id: "Reports: AWS SOC 3 Report · 1 Oct 2017 – 31 Mar 2018 (soc3-2018a); ...". */
export function reportsLine(reports: Pick<ReportRef, 'id' | 'title' | 'periodStart' | 'periodEnd'>[]): string {
  return `Reports: ${reports.map((r) => `${reportLine(r)} (${r.id})`).join('; ')}`;
}

/** What the bot answers, one line each (the help reply's notes). */
export const HELP_TOPICS = [
  'whether services are in scope, by name, abbreviation or later name',
  'whether a region (name or code, e.g. us-east-1), an edge location, a city or a country is covered',
  'which trust services criteria are covered, who the auditor is, the period and the opinion',
  'what a listed service is, and which services a category holds',
  'what the report says on topics such as training, media disposal or availability',
] as const;

/**
 * Example questions: shown in help (as buttons where the surface has them). Five: Adaptive Cards hosts show
 * at most five actions on a card.
 */
export const HELP_EXAMPLES = [
  'is Connect in scope?',
  'are S3 and Athena covered?',
  'is us-east-1 covered?',
  'edge locations in Japan?',
  'who audited it, and for which period?',
] as const;

/** The help reply's first sentence, naming the report (its period is on the reply's report line). */
export function helpIntro(report: Pick<ReportRef, 'title' | 'periodStart' | 'periodEnd'>): string {
  return `I answer questions from the **${report.title}**, and every answer cites the section and the words it rests on.`;
}

/** The reply when answering failed (the error itself is only logged): says so, claims nothing. */
export const FAILURE_TEXT = 'Sorry, I could not answer that just now. Please try again in a moment.';

/** The hint after a "not sure": how to find what can be asked. */
export const HELP_HINT = 'Type “help” for what I can answer.';
