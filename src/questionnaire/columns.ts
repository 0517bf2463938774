import type { Answer, Verdict } from '../query/answer.js';

/**
 * The four columns a questionnaire gets after its question column, and what goes in each for one Answer:
 * plain text (a spreadsheet shows no Markdown), one citation per line, and the report with its period.
 */

/** The added columns' headers, in order. */
export const ADDED_HEADERS = ['Verdict', 'Answer', 'Evidence', 'Report'] as const;

/** Suggested widths (characters) of the added columns in XLSX. */
export const ADDED_WIDTHS = [12, 60, 70, 36] as const;

/** The four cells of one answered row, in {@link ADDED_HEADERS} order. */
export type AddedCells = readonly [verdict: string, answer: string, evidence: string, report: string];

// TODO(presentation): take the verdict words and the period format from the shared presentation module once
// it exists (issue 8); until then these match the terminal's.
const VERDICT_LABEL: Record<Verdict, string> = { yes: 'Yes', no: 'No', partial: 'Partly', info: 'Info', unknown: 'Not sure' };

const DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** "2017-04-01" -> "April 1, 2017" (the dates are calendar dates: formatted in UTC, never shifted). */
function longDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : DATE.format(d);
}

/** The answer's Markdown as plain text: `**bold**` unmarked, `- ` bullets as `• `. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/^(\s*)[-*] /gm, '$1• ')
    .trim();
}

/** Rows whose verdict a person should check before the questionnaire goes back: not sure, or only partly. */
export function needsReview(verdict: Verdict): boolean {
  return verdict === 'unknown' || verdict === 'partial';
}

/** The verdict as a questionnaire shows it ("Yes", "No", "Partly", "Info", "Not sure"). */
export function verdictLabel(verdict: Verdict): string {
  return VERDICT_LABEL[verdict];
}

/** The report and its period: "aws-soc3-2017 (April 1, 2017 – September 30, 2017)". */
export function reportCell(report: Answer['report']): string {
  return `${report.id} (${longDate(report.periodStart)} – ${longDate(report.periodEnd)})`;
}

/** One line per citation: `Section › Path: “quote”`. */
export function evidenceCell(answer: Answer): string {
  return answer.citations.map((c) => `${c.path.join(' › ')}: “${c.quote.replace(/\s+/g, ' ').trim()}”`).join('\n');
}

/** The four added cells for one Answer. */
export function addedCells(answer: Answer): AddedCells {
  return [verdictLabel(answer.verdict), plainText(answer.text), evidenceCell(answer), reportCell(answer.report)];
}

/**
 * A cell that a spreadsheet program would take for a formula (it starts with =, +, - or @, or a tab or
 * carriage return before one) gets a leading apostrophe, which Excel, LibreOffice and Google Sheets read as
 * "this is text" (OWASP, "CSV Injection"). Used for the cells this tool writes into CSV; in XLSX the cells
 * are typed strings and never evaluated.
 */
export function inertText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
