import type { Answer, Verdict } from '../query/answer.js';

/**
 * An Answer for a person in a terminal: the verdict first, the answer, the citations (section path and
 * quote) and the report with its period. ANSI bold only when `color` is set (a TTY).
 */

const LABEL: Record<Verdict, string> = { yes: 'YES', no: 'NO', partial: 'PARTLY', info: 'INFO', unknown: 'NOT SURE' };

/** Control characters (but tab and newline) removed: a question's words echoed back must not drive the terminal. */
const inert = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

/** Formats one Answer for a terminal (see above); `color` adds ANSI bold. Returns lines joined by \n, no trailing newline. */
export function formatAnswer(answer: Answer, options: { color: boolean }): string {
  const b = (s: string) => (options.color ? `\u001b[1m${s}\u001b[22m` : s);
  const text = inert(answer.text).replace(/\*\*(.+?)\*\*/g, (_m, inner: string) => b(inner));
  const label = answer.intent === 'help' ? 'HELP' : LABEL[answer.verdict];
  const lines = [`${b(label)}  ${text.split('\n')[0]}`, ...text.split('\n').slice(1)];
  if (answer.suggestions.length) lines.push('', `See also: ${answer.suggestions.map((s) => inert(s.name)).join('; ')}`);
  if (answer.citations.length) {
    lines.push('', 'Sources:');
    answer.citations.forEach((c, i) => {
      lines.push(`  [${i + 1}] ${c.path.join(' › ')}`, `      “${c.quote}”`);
    });
  }
  lines.push('', `Report: ${answer.report.title} (${answer.report.id}), period ${answer.report.periodStart} to ${answer.report.periodEnd}`);
  return lines.join('\n');
}
