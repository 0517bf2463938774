import { bulletItems, headingTitle, splitBlocks, toIsoDate, type Block } from './blocks.js';
import { oneLine } from './text.js';
import { ReportSchema, type Criterion, type EdgeLocation, type Report, type Section, type Service, type SourceQuote } from './schema.js';

/**
 * A report that cannot be read: `file` names it, the message says what is missing or inconsistent.
 */
export class ReportError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ReportError';
  }
}

/**
 * The sentences of the layout this parser reads, as patterns. They are the SOC 3 report's own
 * boilerplate (title block, scope sentences), not facts about any service or place.
 */
const LAYOUT = {
  period: /^For the Period\s+(.+?)(?:\s*[–—-]\s*|\s+(?:to|through)\s+)(.+?)\s*$/i,
  subtitle: /^Report on (?:the )?(.+)$/i,
  coveredCriteria: /^Relevant to\s+(.+)$/i,
  // "… in the AICPA's TSP section 100A, *Trust Services Principles and Criteria for …*": the framework, then its title.
  namedCriteria: /(?:\b(TSP section \d+[A-Z]?),\s*)?\*?Trust Services (?:Principles and )?Criteria for\s+([^*]+?)\*/i,
  serviceOrganization: /^To the Management of\s+(.+)$/i,
  servicesIntro: /scope of services covered in this report includes:?\s*$/i,
  locationsSentence: /scope of locations covered in this report includes the data centers in the\s+(.+?)\s+Regions\./i,
  edgeIntro: /Edge Locations are also covered in this report:?\s*$/i,
  alsoKnownAs: /also known as\s+([^,.;()]+)/gi,
  opinionHeading: /^opinion$/i,
  unmodifiedOpinion: /\b(?:is fairly stated|presents fairly|present fairly)\b/i,
  modifiedOpinion: /\b(?:except for|adverse|do not express an opinion on (?:the|management))\b/i,
  exclusion: /\b(?:was not conducted for the purpose|do not express an opinion)\b/i,
  assertion: /\bwe assert that\b/i,
  futurePeriods: /\bprojections of any evaluation of effectiveness to future periods\b/i,
  customerResponsibility: /\bcustomers are responsible for\b/i,
} as const;

/** One word of each of the sentence patterns above (exclusion's two, assertion, futurePeriods, customerResponsibility). */
const SENTENCE_WORDS = /purpose|express|assert|projections|responsible/i;

/** Options for {@link parseReport}. */
export interface ParseOptions {
  /** The report's id (e.g. "aws-soc3-2017"). */
  id: string;
  /** The file's path, for error messages. */
  file: string;
}

/** Splits "A, B, and C" (commas inside parentheses kept) into ["A", "B", "C"]. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  const hadOxfordAnd = /^\s*and\s/i.test(items.at(-1) ?? '');
  const out = items.map((s) => s.trim().replace(/^and\s+/i, '').trim()).filter(Boolean);
  // "A, B and C" (no comma before "and"): the last item still holds the " and ".
  const last = out.at(-1);
  if (!hadOxfordAnd && last && /\sand\s/.test(last.replace(/\([^)]*\)/g, ''))) {
    out.splice(-1, 1, ...last.split(/\s+and\s+/).map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

const titleCase = (s: string) => s.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());

/**
 * Parses SOC 3 report text of the project's layout into a structured, schema-valid Report.
 *
 * Layout read: the title block (title, "Report on the ...", "Relevant to ...", "For the Period ... – ...");
 * headings (short lines followed by their text; a bold block); the accountants' report with its
 * sub-headings and signature (firm, date); the scope list of services; the sentence naming the regions; the
 * edge location list; "Components of the System" with category headings and one heading per service.
 *
 * @throws ReportError naming the file and what is missing or inconsistent (no period, no scope list, a
 *   service in the scope list without a description, a described service missing from the scope list, ...).
 */
export function parseReport(text: string, options: ParseOptions): Report {
  const fail = (problem: string): never => {
    throw new ReportError(options.file, problem);
  };
  const blocks = splitBlocks(text);
  if (blocks.length === 0) fail('the file is empty');

  // Title block: everything up to the period line.
  const periodIndex = blocks.findIndex((b) => b.lines.length === 1 && LAYOUT.period.test(b.lines[0]!.trim()));
  if (periodIndex < 0) fail('no report period: expected a line "For the Period <Month D, YYYY> – <Month D, YYYY>" in the title block');
  const periodBlock = blocks[periodIndex]!;
  const periodMatch = LAYOUT.period.exec(periodBlock.lines[0]!.trim())!;
  const periodStart = toIsoDate(periodMatch[1]!);
  const periodEnd = toIsoDate(periodMatch[2]!);
  if (!periodStart || !periodEnd) fail(`the period line "${periodBlock.lines[0]!.trim()}" does not hold two dates like "April 1, 2017"`);
  if (periodStart! > periodEnd!) fail(`the period starts (${periodStart}) after it ends (${periodEnd})`);

  const titleLines = blocks.slice(0, periodIndex + 1).flatMap((b) => b.lines.map((l) => l.trim()));
  const title = titleLines[0]!;
  const subtitle = titleLines.find((l) => LAYOUT.subtitle.test(l));
  if (!subtitle) fail('no "Report on the ..." line in the title block');
  const system = LAYOUT.subtitle.exec(subtitle!)![1]!.trim();
  const coveredLine = titleLines.find((l) => LAYOUT.coveredCriteria.test(l));
  if (!coveredLine) fail('no "Relevant to ..." line naming the trust services criteria in the title block');

  const body = blocks.slice(periodIndex + 1);
  // Each block's lines as one line of text, made once: four searches below read the paragraphs this way.
  const flat: (string | undefined)[] = [];
  const flatOf = (i: number): string => (flat[i] ??= oneLine(body[i]!.lines.join(' ')));
  // Each block's heading title, made once: a service heading's is read three or four times below.
  const titles: (string | undefined)[] = [];
  const titleOf = (i: number): string => (titles[i] ??= headingTitle(body[i]!));

  // The scope list comes first: service headings under "Components of the System" are recognised by it.
  const servicesIntroIndex = body.findIndex((b, i) => b.kind === 'paragraph' && LAYOUT.servicesIntro.test(flatOf(i)));
  const scopeList = servicesIntroIndex >= 0 ? body[servicesIntroIndex + 1] : undefined;
  if (!scopeList || scopeList.kind !== 'bullets') fail('no scope list: expected "The scope of services covered in this report includes:" followed by a bullet list');
  const scopeNames = bulletItems(scopeList!);
  // A Set, not indexOf: a scope list of thousands of services is checked in linear time.
  const listed = new Set<string>();
  const duplicates = [...new Set(scopeNames.filter((n) => listed.size === listed.add(n).size))];
  if (duplicates.length) fail(`the scope list names ${duplicates.join(', ')} more than once`);
  const inScope = new Set(scopeNames);
  // The words service names start with ("Amazon", "AWS"), learnt from the list itself, tell a described
  // service that the list lacks from the next top-level heading.
  const firstWords = new Map<string, number>();
  for (const n of scopeNames) {
    const space = n.indexOf(' ');
    const first = space < 0 ? n : n.slice(0, space);
    firstWords.set(first, (firstWords.get(first) ?? 0) + 1);
  }
  const serviceLike = (t: string) => (firstWords.get(t.split(' ')[0]!) ?? 0) >= 2;

  // Roles: a 'line' block is a heading when text follows it, or when it is a category whose next block is
  // a service heading; otherwise it is a signature line (firm, "... Management").
  const role = body.map<'heading' | 'signature' | 'body'>((b, i) => {
    if (b.kind === 'bold') return 'heading';
    if (b.kind !== 'line') return 'body';
    const next = body[i + 1];
    if (!next) return 'signature';
    if (next.kind === 'paragraph' || next.kind === 'bullets') return 'heading';
    if (next.kind === 'line' && inScope.has(titleOf(i + 1)) && body[i + 2]?.kind === 'paragraph') return 'heading';
    return 'signature';
  });

  // Levels: the first heading opens the accountants' report; its sub-headings sit one level down until its
  // signature and date. After that every heading is top level, but for categories (followed by a service
  // heading) and services (named in the scope list) while a category is open.
  interface Open {
    section: Section;
    level: number;
  }
  const roots: Section[] = [];
  const stack: Open[] = [];
  let current: Section | undefined;
  let firstHeadingSeen = false;
  let accountantsOpen = false;
  let auditor: { firm: string; reportDate: string; source: SourceQuote; dateSource: SourceQuote } | undefined;
  let assertionDate: string | undefined;
  let categoryOpen = false;
  const categories: string[] = [];
  const describedServices = new Map<string, { category: string; section: Section }>();
  const strays: string[] = [];

  /** Opens the section of body[i], a heading, at `level`. */
  const open = (i: number, level: number) => {
    while (stack.length && stack.at(-1)!.level >= level) stack.pop();
    const parent = stack.at(-1)?.section;
    const block = body[i]!;
    const t = titleOf(i);
    const section: Section = { title: t, path: [...(parent?.path ?? []), t], text: '', lines: { start: block.start, end: block.end }, children: [] };
    (parent ? parent.children : roots).push(section);
    stack.push({ section, level });
    current = section;
    return section;
  };

  body.forEach((b, i) => {
    if (role[i] === 'heading') {
      const t = titleOf(i);
      if (!firstHeadingSeen) {
        firstHeadingSeen = true;
        accountantsOpen = true;
        open(i, 1);
        return;
      }
      if (b.kind === 'bold') {
        accountantsOpen = false;
        categoryOpen = false;
        open(i, 1);
        const next = body[i + 1];
        if (next?.kind === 'date') assertionDate = toIsoDate(next.lines[0]!);
        return;
      }
      if (accountantsOpen) {
        open(i, 2);
        return;
      }
      const next = body[i + 1];
      const isCategory = next?.kind === 'line' && inScope.has(titleOf(i + 1));
      if (isCategory) {
        categoryOpen = true;
        categories.push(t);
        open(i, 2);
        return;
      }
      if (categoryOpen && (inScope.has(t) || serviceLike(t))) {
        const section = open(i, 3);
        if (!inScope.has(t)) strays.push(t);
        else if (describedServices.has(t)) fail(`"${t}" is described twice under "Components of the System"`);
        else describedServices.set(t, { category: stack.at(-2)!.section.title, section });
        return;
      }
      categoryOpen = false;
      open(i, 1);
      return;
    }
    // Body, signature or date: text of the current section.
    if (!current) return;
    if (accountantsOpen && role[i] === 'signature' && body[i + 1]?.kind === 'date' && !auditor) {
      const firm = b.lines[0]!.trim();
      const dateLine = body[i + 1]!.lines[0]!.trim();
      auditor = { firm, reportDate: toIsoDate(dateLine)!, source: { quote: firm, path: current.path }, dateSource: { quote: dateLine, path: current.path } };
      accountantsOpen = false;
    }
    const chunk = b.lines.join('\n');
    current.text = current.text ? `${current.text}\n\n${chunk}` : chunk;
    current.lines.end = b.end;
    for (const s of stack) s.section.lines.end = Math.max(s.section.lines.end, b.end);
  });

  if (!auditor) fail("no auditor's signature: expected the accountants' firm on its own line followed by the report date, e.g. \"October 26, 2017\"");
  if (strays.length) fail(`described under "Components of the System" but missing from the scope list: ${strays.join(', ')}`);
  const undescribed = scopeNames.filter((n) => !describedServices.has(n));
  if (undescribed.length) fail(`in the scope list but not described under "Components of the System": ${undescribed.join(', ')}`);

  const allSections = flatten(roots);
  const sectionOfLine = (line: number): Section => {
    let best: Section | undefined;
    for (const s of allSections) if (s.lines.start <= line && line <= s.lines.end && (!best || s.path.length > best.path.length)) best = s;
    return best ?? roots[0]!;
  };
  const sectionOf = (block: Block) => sectionOfLine(block.start);

  const services: Service[] = scopeNames.map((name) => {
    const described = describedServices.get(name)!;
    const abbreviation = /\(([A-Z0-9][A-Za-z0-9&-]{0,9})\)$/.exec(name)?.[1];
    const description = described.section.text.trim();
    const alsoKnownAs = [...description.matchAll(LAYOUT.alsoKnownAs)].map((m) => m[1]!.trim());
    return { name, ...(abbreviation ? { abbreviation } : {}), category: described.category, description, alsoKnownAs, path: described.section.path };
  });
  const servicesIntro = body[servicesIntroIndex]!;

  // Regions: the one sentence that lists them.
  const locationsBlock = body.find((b, i) => b.kind === 'paragraph' && LAYOUT.locationsSentence.test(flatOf(i)));
  const regionNames = locationsBlock ? splitList(LAYOUT.locationsSentence.exec(oneLine(locationsBlock.lines.join(' ')))![1]!) : [];
  const edgeIntroIndex = body.findIndex((b, i) => b.kind === 'paragraph' && LAYOUT.edgeIntro.test(flatOf(i)));
  const edgeList = edgeIntroIndex >= 0 && body[edgeIntroIndex + 1]?.kind === 'bullets' ? body[edgeIntroIndex + 1]! : undefined;
  const edgeLocations: EdgeLocation[] = edgeList
    ? bulletItems(edgeList).map((name) => {
        const comma = name.lastIndexOf(',');
        return comma < 0 ? { name, city: name, country: name } : { name, city: name.slice(0, comma).trim(), country: name.slice(comma + 1).trim() };
      })
    : [];

  // Trust services criteria: covered from the title block, named from the TSP title the opinion cites.
  const covered = splitList(LAYOUT.coveredCriteria.exec(coveredLine!)![1]!).map(titleCase);
  const namedMatch = LAYOUT.namedCriteria.exec(text);
  const named = namedMatch ? splitList(oneLine(namedMatch[2]!)).map(titleCase) : covered;
  const criteria: Criterion[] = [...new Set([...named, ...covered])].map((name) => ({ name, covered: covered.some((c) => c.toLowerCase() === name.toLowerCase()) }));
  const namedQuote = namedMatch ? oneLine(namedMatch[0]!.replace(/\*/g, '')) : undefined;
  const namedBlock = namedMatch ? body.find((_, i) => flatOf(i).replace(/\*/g, '').includes(namedQuote!)) : undefined;
  const framework = namedMatch?.[1];

  // The accountants' report: service organization, opinion, exclusions.
  const accountants = roots[0]!;
  const addressee = accountants.text.split('\n\n').map(oneLine).find((p) => LAYOUT.serviceOrganization.test(p));
  if (!addressee) fail('no "To the Management of ..." line naming the service organization');
  const serviceOrganization = LAYOUT.serviceOrganization.exec(addressee!)![1]!.replace(/(?<!\b(?:Inc|Ltd|Co|Corp|LLC|L\.L\.C|S\.A|N\.V))\.$/, '').trim();
  const opinionSection = allSections.find((s) => LAYOUT.opinionHeading.test(s.title));
  if (!opinionSection) fail('no "Opinion" heading in the accountants\' report');
  const opinionText = oneLine(opinionSection!.text.split('\n\n')[0]!);
  // Every sentence of every section, split once: the exclusions and the quoted sentences below are all read
  // from it (one pass over the text, not one per pattern).
  // Only paragraphs that one of the patterns matches are split: a sentence is a piece of its paragraph, so no
  // other paragraph holds a sentence they match (and a 10,000-service report has 10,000 descriptions).
  const SENTENCE_PATTERNS = [LAYOUT.exclusion, LAYOUT.assertion, LAYOUT.futurePeriods, LAYOUT.customerResponsibility];
  const allSentences: { sentence: string; path: string[] }[] = [];
  for (const s of allSections) {
    // A section without one of the patterns' words (case aside, as they match) holds no paragraph they match:
    // one search of its text instead of splitting it and making each paragraph one line.
    if (!SENTENCE_WORDS.test(s.text)) continue;
    for (const para of s.text.split('\n\n')) {
      const line = oneLine(para);
      if (!SENTENCE_PATTERNS.some((p) => p.test(line))) continue;
      for (const sentence of sentences(line)) allSentences.push({ sentence, path: s.path });
    }
  }
  const exclusions: SourceQuote[] = allSentences.filter((x) => LAYOUT.exclusion.test(x.sentence)).map((x) => ({ quote: x.sentence, path: x.path }));

  // Sentences the answers quote: management's assertion, and the caveat about periods after the report's.
  const findSentence = (pattern: RegExp): SourceQuote | undefined => {
    const hit = allSentences.find((x) => pattern.test(x.sentence));
    return hit ? { quote: hit.sentence, path: hit.path } : undefined;
  };
  const assertionQuote = findSentence(LAYOUT.assertion);
  const futureQuote = findSentence(LAYOUT.futurePeriods);
  const customerQuote = findSentence(LAYOUT.customerResponsibility);
  const regionsSentence = locationsBlock ? /The scope of locations covered[^.]*?Regions\./.exec(oneLine(locationsBlock.lines.join(' ')))?.[0] : undefined;

  // The 1-based number of the first line holding `needle` (one line of text), 0 if none: the newlines before its
  // first occurrence, counted by indexOf, not the whole text split into lines.
  const lineOf = (needle: string) => {
    const normalized = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    const at = normalized.indexOf(needle);
    if (at < 0) return 0;
    let line = 1;
    for (let nl = normalized.indexOf('\n'); nl >= 0 && nl < at; nl = normalized.indexOf('\n', nl + 1)) line++;
    return line;
  };

  const report: Report = {
    schemaVersion: 1,
    id: options.id,
    title,
    subtitle: subtitle!,
    system,
    serviceOrganization,
    serviceOrganizationSource: { quote: addressee!, path: accountants.path },
    period: { start: periodStart!, end: periodEnd!, source: { quote: periodBlock.lines[0]!.trim(), path: [title] } },
    auditor: auditor!,
    ...(assertionDate ? { assertionDate } : {}),
    criteria,
    criteriaSource: {
      covered: { quote: coveredLine!, path: [title] },
      ...(namedQuote && namedBlock ? { named: { quote: namedQuote, path: sectionOf(namedBlock).path } } : {}),
      ...(framework ? { framework } : {}),
    },
    opinion: {
      text: opinionText,
      unmodified: LAYOUT.unmodifiedOpinion.test(opinionText) && !LAYOUT.modifiedOpinion.test(opinionText),
      source: { quote: opinionText, path: opinionSection!.path },
    },
    exclusions,
    ...(assertionQuote ? { assertion: assertionQuote } : {}),
    ...(futureQuote ? { futurePeriodsCaveat: futureQuote } : {}),
    ...(customerQuote ? { customerResponsibility: customerQuote } : {}),
    sections: roots,
    services,
    servicesSource: { quote: oneLine(servicesIntro.lines.join(' ')), path: sectionOf(servicesIntro).path },
    categories,
    regions: regionNames.map((name) => ({ name })),
    ...(locationsBlock
      ? { regionsSource: { quote: regionsSentence ?? 'The scope of locations covered in this report includes the data centers in the', path: sectionOfLine(lineOf('The scope of locations covered')).path } }
      : {}),
    edgeLocations,
    ...(edgeIntroIndex >= 0
      ? { edgeLocationsSource: { quote: 'The following AWS Edge Locations are also covered in this report:', path: sectionOf(body[edgeIntroIndex]!).path } }
      : {}),
  };
  // Whether the text, as one line, holds a quote: first in the block the quote was read from (a block's text as one
  // line is a piece of the whole text as one line), and only failing that in the whole text, made once: making
  // the 1.9 MB of a 10,000-service report one line was a tenth of parsing it, for two quotes from two blocks.
  let wholeText: string | undefined;
  const textHolds = (quote: string, blockIndex: number) => flatOf(blockIndex).includes(quote) || (wholeText ??= oneLine(text)).includes(quote);
  const locationsIndex = locationsBlock ? body.indexOf(locationsBlock) : -1;
  if (report.regionsSource && !textHolds(report.regionsSource.quote, locationsIndex)) delete report.regionsSource;
  if (report.edgeLocationsSource && !textHolds(report.edgeLocationsSource.quote, edgeIntroIndex)) {
    const m = /[^.]*Edge Locations are also covered in this report:?/i.exec(oneLine(locationsBlock?.lines.join(' ') ?? ''));
    if (m) report.edgeLocationsSource.quote = m[0].trim();
    else delete report.edgeLocationsSource;
  }

  const checked = ReportSchema.safeParse(report);
  if (!checked.success) fail(`the parsed report is not valid: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return checked.data!;
}

/** Every section of a tree, depth first, in report order. */
export function flatten(sections: Section[]): Section[] {
  const out: Section[] = [];
  // Pushed into one array: spreading each subtree's copy into its parent's made a list per section.
  const walk = (list: Section[]) => {
    for (const s of list) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(sections);
  return out;
}

/** Splits running text into sentences (at ". " before a capital letter, keeping abbreviations like "e.g."). */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(/(?<=[.!?])\s+(?=[A-Z"“(])/)) {
    const prev = out.at(-1);
    // "Amazon Web Services, Inc. (AWS) maintained ...", "e.g. host operating system": not sentence ends.
    if (prev && /\b(?:Inc|Ltd|Co|Corp|LLC|LLP|e\.g|i\.e|etc|vs|No|St|Mr|Ms|Dr)\.$/.test(prev)) out[out.length - 1] = `${prev} ${piece.trim()}`;
    else if (piece.trim()) out.push(piece.trim());
  }
  return out;
}
