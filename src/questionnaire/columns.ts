import type { Answer, Verdict } from '../query/answer.js';
import { formatPeriod, VERDICT_LABEL } from '../present/words.js';

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

/** The verdict as every surface announces it (src/present/words.ts: "Yes", "No", "Partly", "From the report", "Not sure"). */
export function verdictLabel(verdict: Verdict): string {
  return VERDICT_LABEL[verdict];
}

/** The report and its period: "aws-soc3-2017 (1 Apr – 30 Sep 2017)"; each report of an answer that cites several. */
export function reportCell(answer: Pick<Answer, 'report'> & { reports?: Answer['report'][] }): string {
  const reports = answer.reports?.length ? answer.reports : [answer.report];
  return reports.map((r) => `${r.id} (${formatPeriod(r.periodStart, r.periodEnd)})`).join('\n');
}

/** One line per quote: `Section › Path: “quote”` (a citation may hold several quotes of one heading). */
export function evidenceCell(answer: Answer): string {
  return answer.citations
    .flatMap((c) => (c.quotes ?? [c.quote]).map((q) => `${c.path.join(' › ')}: “${q.replace(/\s+/g, ' ').trim()}”`))
    .join('\n');
}

/** The four added cells for one Answer. */
export function addedCells(answer: Answer): AddedCells {
  return [verdictLabel(answer.verdict), plainText(answer.text), evidenceCell(answer), reportCell(answer)];
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
