import { styleText } from 'node:util';
import type { Answer, Verdict } from '../query/answer.js';
import { layout, listedLine, moreLine, seeAlsoLine } from '../present/layout.js';

/**
 * An Answer for a person in a terminal, in the shared layout (src/present/layout.ts): the verdict and
 * headline, one line per item, the notes, the evidence (one entry per heading), the report and period once.
 * Colour through `util.styleText`, only when asked (see {@link useColor}).
 */

/** Control characters (but tab and newline) removed: a question's words echoed back must not drive the terminal. */
const inert = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan' | 'magenta';
const VERDICT_COLOR: Record<Verdict, Style> = { yes: 'green', no: 'red', partial: 'yellow', info: 'cyan', unknown: 'magenta' };

/**
 * Whether to colour output: on a TTY, unless `NO_COLOR` is set to anything but the empty string
 * (https://no-color.org), or `FORCE_COLOR=0`.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  return Boolean(stream.isTTY);
}

/** Formats one Answer for a terminal; `color` adds ANSI styles. Returns lines joined by \n, no trailing newline. */
export function formatAnswer(answer: Answer, options: { color: boolean }): string {
  // We decide colour ourselves (useColor, for the stream we write to); styleText would look at process.stdout.
  const style = (format: Style, s: string) => (options.color ? styleText(format, s, { validateStream: false }) : s);
  // Markdown bold becomes terminal bold (or nothing): the layout's strings carry only **bold**.
  const md = (s: string) => inert(s).replace(/\*\*(.+?)\*\*/g, (_m, inner: string) => style('bold', inner));
  const l = layout(answer);
  const lines = [`${l.mark} ${style('bold', style(VERDICT_COLOR[answer.verdict], l.label))}: ${md(l.headline)}`];
  for (const line of l.lines) lines.push(`  ${line.mark} ${md(line.text)}`);
  if (l.more) lines.push(`  ${md(moreLine(l.more))}`);
  for (const n of l.notes) lines.push(md(n));
  if (l.examples.length) lines.push('', 'Try:', ...l.examples.map((e) => `  npm run ask -- "${e}"`));
  if (l.seeAlso.length) lines.push(inert(seeAlsoLine(l.seeAlso)));
  if (l.evidence.length) {
    lines.push('', style('bold', 'Evidence'));
    for (const e of l.evidence) {
      lines.push(`  ${inert(e.heading)}`);
      for (const q of e.quotes) lines.push(style('dim', `    “${inert(q)}”`));
      if (e.listed) lines.push(style('dim', `    ${listedLine(e.listed)}`));
      if (e.omitted) lines.push(style('dim', `    …and ${e.omitted} more from this section`));
    }
    if (l.moreEvidence) lines.push(style('dim', `  …and ${l.moreEvidence} more sources`));
  }
  lines.push('', style('dim', l.manyReports ? inert(l.report) : `${inert(l.report)} (${inert(answer.report.id)})`));
  if (l.caveat) lines.push(style('dim', inert(l.caveat)));
  return lines.join('\n');
}
