import { COVERED_STATUSES, type Answer, type Item, type Verdict } from '../query/answer.js';
import { announcement, HELP_EXAMPLES, KIND_WORDS, reportLine, reportsLine, STATUS_MARK, STATUS_WORDS, VERDICT_LABEL, VERDICT_MARK } from './words.js';

/**
 * The one layout of an answer, shared by the core's `text` and every surface (terminal, Slack, Teams): a
 * headline with the verdict (and, for several items, the count: "Partly: 1 of 3 in scope"); one short line
 * per item with a mark; the notes, one line each; the evidence, one entry per heading with its deciding
 * quotes; the report and period once, at the end. Surfaces only turn these parts into their own syntax.
 *
 * Strings are platform-neutral Markdown with only `**bold**`; surfaces escape the rest.
 */

/** An Answer before (or regardless of) its text. */
export type AnswerData = Omit<Answer, 'text' | 'matches'> & Partial<Pick<Answer, 'text' | 'matches'>>;

/** One line of the item list: one item, or a group of items with the same status and country or category. */
export interface ItemLine {
  mark: string;
  /** Markdown: "**Amazon Connect** (Contact Center): in scope", or "**Japan** (3), covered: A; B; C". */
  text: string;
  /** The items this line shows (one, or a group's). */
  items: Item[];
}

/** One entry of the evidence: a heading and its verbatim quotes, whole. */
export interface EvidenceEntry {
  /** The citation's id ("c1"). */
  id: string;
  /** The heading chain, "Components of the System › Storage". */
  heading: string;
  /** Whole verbatim quotes that fit; a single quote longer than the budget is cut at a sentence or word end with "…". */
  quotes: string[];
  /** Quotes of this heading left out for room. */
  omitted: number;
  /** List entries of this heading left out because the item lines above name them (lists of more than 3). */
  listed: number;
}

/** The parts of a reply, in order. */
export interface Layout {
  verdict: Verdict;
  help: boolean;
  /** The announced label ("Partly", "Help"). */
  label: string;
  mark: string;
  /** Markdown after the label: "1 of 3 in scope.", "**Amazon Connect** (Contact Center) is in scope." */
  headline: string;
  lines: ItemLine[];
  /** Items left out for room, and the question that lists them. */
  more?: { count: number; ask: string };
  notes: string[];
  /** Suggestions the lines and notes do not already name ("See also: …"). */
  seeAlso: string[];
  evidence: EvidenceEntry[];
  /** Citations left out for room (counted, never silently). */
  moreEvidence: number;
  /**
   * The report's age, when it is stale ("The newest report's period ended … ago; the accountants caution …"):
   * said with the report line at the end, not among the notes, since it qualifies every answer alike (before,
   * it took a line above the evidence of every answer).
   */
  caveat?: string;
  /** "AWS SOC 3 Report · 1 Apr – 30 Sep 2017"; across several reports, "Reports: …" with each id. */
  report: string;
  /** True when the answer draws on several reports (the report line then names each id). */
  manyReports: boolean;
  /** Help only: example questions (buttons where the surface has them). */
  examples: string[];
}

/** How much a surface can hold. All optional: the core's `text` uses the defaults (nothing cut). */
export interface LayoutOptions {
  /** Above this many items, lines are grouped by status and country or category. */
  groupAbove?: number;
  /** Characters for all item lines together; lines past it are left out (whole) and counted. */
  itemChars?: number;
  /** Characters for one evidence entry's quotes. */
  quoteChars?: number;
  /** Evidence entries shown; the rest are counted. */
  evidenceEntries?: number;
  /** Characters of one note or heading; longer ones (never the report's usual) are cut at a word end with "…". */
  noteChars?: number;
}

const DEFAULTS: Required<LayoutOptions> = { groupAbove: 8, itemChars: Number.POSITIVE_INFINITY, quoteChars: 2_000, evidenceEntries: 10, noteChars: Number.POSITIVE_INFINITY };

const bold = (s: string) => `**${s.replace(/\*\*/g, '')}**`;
const sentence = (s: string) => (/[.?!…:][”’"']?$/.test(s) ? s : `${s}.`);

/** What follows an item's name: a service's category, a region's code, the kind of place or criterion. */
function detail(item: Item): string | undefined {
  if (item.kind === 'service') return item.category;
  if (item.kind === 'region') return item.code ? `region ${item.code}` : 'region';
  if (item.status === 'edge_location_only') return undefined;
  return KIND_WORDS[item.kind].one;
}

function named(item: Item): string {
  const d = detail(item);
  return `${bold(item.name)}${d ? ` (${d})` : ''}`;
}

/** "**Amazon Connect** (Contact Center) is in scope" */
export function itemSentence(item: Item): string {
  return `${named(item)} is ${STATUS_WORDS[item.status]}`;
}

function itemLine(item: Item): ItemLine {
  return { mark: STATUS_MARK[item.status], text: `${named(item)}: ${STATUS_WORDS[item.status]}`, items: [item] };
}

function groupName(item: Item): string {
  if ((item.kind === 'region' || item.kind === 'edge_location') && item.country) return item.country;
  if (item.kind === 'service' && item.category) return item.category;
  return KIND_WORDS[item.kind].many;
}

/** Characters of one grouped line before the group continues on the next line. */
const GROUP_LINE_CHARS = 1_200;

/** Items grouped by status and country or category, in order of first appearance; a long group takes several lines. */
function grouped(items: Item[]): ItemLine[] {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = `${item.status}|${item.kind === 'edge_location' || item.kind === 'region' ? 'place' : item.kind}|${groupName(item)}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].flatMap((group) => {
    const first = group[0]!;
    const separator = group.some((i) => i.name.includes(',')) ? '; ' : ', ';
    const head = `${bold(groupName(first))} (${group.length}), ${STATUS_WORDS[first.status]}`;
    // Split at whole names so no line outgrows what a chat block holds.
    const parts: Item[][] = [[]];
    let length = 0;
    for (const item of group) {
      if (parts.at(-1)!.length > 0 && length + item.name.length > GROUP_LINE_CHARS) {
        parts.push([]);
        length = 0;
      }
      parts.at(-1)!.push(item);
      length += item.name.length + separator.length;
    }
    return parts.map((part, i) => ({
      mark: STATUS_MARK[first.status],
      text: `${i === 0 ? head : `${bold(groupName(first))}, continued`}: ${part.map((x) => x.name).join(separator)}`,
      items: part,
    }));
  });
}

/** The question that lists the items of a line left out. */
function askFor(line: ItemLine): string {
  const first = line.items[0]!;
  if (line.items.length === 1) return `is ${first.name} covered?`;
  if (first.kind === 'edge_location' && first.country) return `edge locations in ${first.country}?`;
  if (first.kind === 'region' && first.country) return `regions in ${first.country}?`;
  if (first.kind === 'service' && first.category) return `which ${first.category} services are in scope?`;
  // As many of the names as make a question one can still type (the next answer lists the rest again).
  const names: string[] = [];
  for (const i of line.items) {
    if (names.length > 0 && names.join(', ').length + i.name.length > 200) break;
    names.push(i.name);
  }
  return `are ${names.join(', ')} covered?`;
}

function headline(answer: AnswerData, notes: string[]): { headline: string; notes: string[]; itemsInHeadline: boolean } {
  const { items, verdict } = answer;
  if (answer.intent === 'help' || verdict === 'unknown' || (verdict === 'info' && items.length !== 1)) {
    if (notes.length) return { headline: sentence(notes[0]!), notes: notes.slice(1), itemsInHeadline: false };
    if (items.length === 1) return { headline: sentence(itemSentence(items[0]!)), notes, itemsInHeadline: true };
    if (items.length) return { headline: `${items.length} ${items.every((i) => i.kind === items[0]!.kind) ? KIND_WORDS[items[0]!.kind].many : 'items'}:`, notes, itemsInHeadline: false };
    return { headline: verdict === 'unknown' ? 'The report does not say.' : 'Here is what the report says.', notes, itemsInHeadline: false };
  }
  if (items.length === 1) return { headline: sentence(itemSentence(items[0]!)), notes, itemsInHeadline: true };
  if (items.length === 0) return { headline: sentence(notes[0] ?? VERDICT_LABEL[verdict]), notes: notes.slice(1), itemsInHeadline: false };
  const covered = items.filter((i) => COVERED_STATUSES.has(i.status)).length;
  // A count that does not say the verdict ("Are all AWS services covered?": No, above "51 of 51 in scope") gives the
  // headline to the note that does.
  const counted = covered === items.length ? 'yes' : covered === 0 ? 'no' : 'partial';
  if (counted !== verdict && verdict !== 'partial' && notes.length) return { headline: sentence(notes[0]!), notes: notes.slice(1), itemsInHeadline: false };
  const word = items.every((i) => i.kind === 'service') ? 'in scope' : 'covered';
  return { headline: `${covered} of ${items.length} ${word}.`, notes, itemsInHeadline: false };
}

/**
 * Suggestions the shown text does not already name. They are never part of the verdict: at most 8 names, and
 * no more than fit in one note's room.
 */
function seeAlso(answer: AnswerData, shown: string[], room: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const { name } of answer.suggestions) {
    if (out.length === 8 || used + name.length > room) break;
    if (shown.some((t) => t.includes(name))) continue;
    out.push(name);
    used += name.length + 2;
  }
  return out;
}

/** Cuts one over-long quote at the last sentence end (else word end) within `max` characters, with "…". */
function cutQuote(quote: string, max: number): string {
  if (quote.length <= max) return quote;
  // A cut inside a bold span would leave an unpaired marker: drop the markers of what is cut.
  if (quote.slice(0, max).split('**').length % 2 === 0) quote = quote.replace(/\*\*/g, '');
  const head = quote.slice(0, max - 1);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '));
  const at = sentenceEnd > max / 2 ? sentenceEnd + 1 : head.lastIndexOf(' ');
  return `${head.slice(0, at > 0 ? at : max - 1).trimEnd()} …`;
}

/** Kinds of note that speak of one item each: said together, one line per kind. */
const ITEM_NOTE_KINDS: ReadonlySet<string> = new Set(['reading', 'related', 'did_you_mean', 'unconfirmed']);

/** The parts of a layout before the evidence: what the core's `text` shows ({@link answerMarkdown}). */
type Lines = Pick<Layout, 'headline' | 'lines' | 'more' | 'notes' | 'seeAlso' | 'caveat'>;

function lineParts(answer: AnswerData, o: Required<LayoutOptions>, stale: AnswerData['notes'][number] | undefined): Lines {
  // Notes about the items, of one kind, are one line ("The report does list Amazon Redshift, …" for each of three
  // items was three lines, and a three-service answer ran to 7 before its evidence), at the place of the first.
  // Facts and help stay one line each.
  const byKind = new Map<string, string[]>();
  answer.notes.forEach((n, i) => {
    if (n === stale) return;
    const key = ITEM_NOTE_KINDS.has(n.kind) ? n.kind : `${n.kind}#${i}`;
    byKind.set(key, [...(byKind.get(key) ?? []), sentence(n.text)]);
  });
  const noteTexts = [...byKind.values()].map((texts) => cutQuote(texts.join(' '), o.noteChars * texts.length));
  const head = headline(answer, noteTexts);
  const all = head.itemsInHeadline ? [] : answer.items.length > o.groupAbove ? grouped(answer.items) : answer.items.map(itemLine);
  const lines: ItemLine[] = [];
  let used = 0;
  for (const line of all) {
    const cost = line.text.length + line.mark.length + 3;
    if (used + cost > o.itemChars && lines.length > 0) break;
    lines.push(line);
    used += cost;
  }
  const rest = all.slice(lines.length);
  const more = rest.length ? { count: rest.reduce((n, l) => n + l.items.length, 0), ask: askFor(rest[0]!) } : undefined;
  return {
    headline: head.headline,
    lines,
    ...(more ? { more } : {}),
    notes: head.notes,
    seeAlso: seeAlso(answer, [head.headline, ...lines.map((x) => x.text), ...head.notes], o.noteChars),
    ...(stale ? { caveat: cutQuote(sentence(stale.text), o.noteChars) } : {}),
  };
}

/**
 * The layout of `answer` within a surface's `options`. Pure; every item of the answer is on a line, or
 * counted in `more` with the question that lists it.
 */
export function layout(answer: AnswerData, options: LayoutOptions = {}): Layout {
  const o = { ...DEFAULTS, ...options };
  const stale = answer.notes.find((n) => n.kind === 'stale');
  const { headline, lines, more, notes, seeAlso, caveat } = lineParts(answer, o, stale);

  const shown = answer.citations.slice(0, o.evidenceEntries);
  // A quote a note already gives in full (a description, a topic's sentence) is not repeated as evidence:
  // its entry names the heading only.
  const quoted = answer.notes.map((n) => n.text.replace(/\s+/g, ' ')).join('\n');
  // A list's entries are its items: for more than three, the evidence gives the list's heading and
  // introduction, not every entry again.
  const itemNames = new Set(answer.items.length > 3 ? answer.items.map((i) => i.name) : []);
  const evidence = shown.map((c): EvidenceEntry => {
    // Each quote with its white space folded once (it was folded twice, a copy of a paragraph each time).
    const all = (c.quotes ?? [c.quote]).map((q) => ({ q, text: q.replace(/\s+/g, ' ').trim() })).filter(({ text }) => !quoted.includes(`“${text}”`));
    // (Only when that saves room: a yes that rests on one or two entries shows them, "Amazon Kinesis Streams"
    // under its heading, not "(and the 1 entry listed above)".)
    const entries = all.filter(({ q }) => itemNames.has(q)).length;
    const quotes = entries > 3 ? all.filter(({ q }) => !itemNames.has(q)) : all;
    const kept: string[] = [];
    let room = o.quoteChars;
    for (const { text } of quotes) {
      if (kept.length === 0) {
        kept.push(cutQuote(text, o.quoteChars));
        room -= kept[0]!.length;
      } else if (text.length + 3 <= room) {
        kept.push(text);
        room -= text.length + 3;
      } else break;
    }
    // Across several reports, each entry names the report it quotes.
    const from = c.report && answer.reports && answer.reports.length > 1 ? ` (${c.report})` : '';
    return { id: c.id, heading: `${cutQuote(c.path.join(' › '), Math.min(o.noteChars, 300))}${from}`, quotes: kept, omitted: quotes.length - kept.length, listed: all.length - quotes.length };
  });
  return {
    verdict: answer.verdict,
    help: answer.intent === 'help',
    label: announcement(answer),
    mark: VERDICT_MARK[answer.verdict],
    headline,
    lines,
    ...(more ? { more } : {}),
    notes,
    seeAlso,
    evidence,
    moreEvidence: answer.citations.length - shown.length,
    report: answer.reports && answer.reports.length > 1 ? reportsLine(answer.reports) : reportLine(answer.report),
    ...(caveat !== undefined ? { caveat } : {}),
    manyReports: Boolean(answer.reports && answer.reports.length > 1),
    examples: answer.intent === 'help' ? [...HELP_EXAMPLES] : [],
  };
}

/** "(and the 46 entries listed above)": the list entries an evidence entry leaves to the item lines. */
export function listedLine(n: number): string {
  return `(and the ${n} ${n === 1 ? 'entry' : 'entries'} listed above)`;
}

/** "See also: AWS Direct Connect; Amazon Connect." */
export function seeAlsoLine(names: string[]): string {
  return `See also: ${names.join('; ')}.`;
}

/** "…and 12 more: ask “edge locations in United States?”" */
export function moreLine(more: { count: number; ask: string }): string {
  return `…and ${more.count} more: ask “${more.ask}”`;
}

/**
 * The core's `text`: the layout as platform-neutral Markdown, without evidence and report (they are the
 * Answer's `citations` and `report`). First line: "**Label**: headline".
 */
export function answerMarkdown(answer: AnswerData): string {
  // The lines only: the evidence and the report line are not part of `text`, and working them out (each quote
  // folded and looked for in the notes, a 100-entry list's too) was a tenth of a question's time.
  const l = lineParts(answer, DEFAULTS, answer.notes.find((n) => n.kind === 'stale'));
  const out = [`**${announcement(answer)}**: ${l.headline}`];
  for (const line of l.lines) out.push(`- ${line.mark} ${line.text}`);
  if (l.more) out.push(moreLine(l.more));
  out.push(...l.notes);
  if (l.seeAlso.length) out.push(seeAlsoLine(l.seeAlso));
  if (answer.intent === 'help') out.push(`Examples: ${HELP_EXAMPLES.map((e) => `“${e}”`).join(', ')}.`);
  if (l.caveat) out.push(l.caveat);
  return out.join('\n');
}

/** The label a rendering announces first, read back from text that starts with one (for tests and checks). */
export function announcedLabel(text: string): string | undefined {
  const labels = [...Object.values(VERDICT_LABEL), 'Help'].sort((a, b) => b.length - a.length);
  const start = text.replace(/^[^A-Za-z]*/, '');
  return labels.find((l) => start.startsWith(l));
}
