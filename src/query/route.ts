import type { FuzzyIndex } from './fuzzy.js';
import { EVERY_PLACE, FACT_PHRASE_TOKENS, TIME_PHRASE_TOKENS, type Signals } from './intent.js';
import { fold, quotations, quotedPositions, QUOTED_REQUIREMENT_WORDS, type Token } from './normalize.js';
import { VOCABULARY } from '../data/vocabulary.js';
import { durationTokens, isYear, relate, type AskedDate } from './period.js';
import { countOf } from './relative-dates.js';
import { holdsPhrase, phraseListIndex } from './phrases.js';
import { isServiceSubject, resolve, type Resolution, type Subject } from './resolve.js';
import { sentencesOf } from './context-sentences.js';
import { compares, comparisonBefore, readCountComparison, type CountComparison } from './count-comparison.js';
import { EVENT_PHRASES, PROGRAM_WORDS, ENGAGEMENT_KINDS, ITEM_WORDS, PROGRAMME_PHRASES, KIND_WORDS, PLACES_OF_SERVICE_PHRASES, ADVICE_PHRASES, FILL_FORM_PHRASES, OWN_COMPLIANCE_PHRASES, ALL_SERVICES_PHRASES, AUDIT_FIRMS, FIRM_VERBS, OTHER_FIRM_PHRASES, OPINION_DEPARTS, OPINION_CLEAN, PERIOD_BOUNDARIES, CRITERIA_EDITIONS, AVAILABILITY_PHRASES, CHAT_FILLER, CORPORATE_SUFFIXES, CONTENT_WORDS, REPORT_CONTENTS, SCOPE_WORDS, SERVICE_LEVEL_WORDS, SOC_LEVEL, STOPWORDS, ZONE_PHRASES, PLACE_HAS, DOCUMENT_WORDS, VOCABULARY_WORDS, STANDARD_PHRASES, REVISION_WORDS, PRACTICE_NOUNS, COMPOUND_HEADS, ORGANIZATION_REFERENCES, TOPIC_WRAPPERS, PRACTICE_ACRONYMS, PLACEHOLDERS, DURATION_UNITS, LIST_WORDS, SPEAKS_OF_PHRASES, EVERYWHERE_WORDS, ENGAGEMENT_WORDS } from './vocabulary.js';
import { note, type Reply, type ReplyNote } from './reply.js';
import { joinAnd, periodText } from './cite.js';
import type { Answer } from './answer.js';
import {
  composeAuditorNamed,
  composeCarveOut,
  composeUserEntityControls,
  composeCategoryOf,
  composeCategoryIs,
  composeControlsEffective,
  composeDescription,
  composeExclusion,
  composeFacts,
  composeHelp,
  composeList,
  composeNoExclusions,
  composeReportContents,
  composeNotMentioned,
  composeNotSaid,
  composeOtherProgramOnly,
  composePeriodCheck,
  composePeriodBoundary,
  composePeriodIs,
  composeScope,
  composeServiceLevel,
  composeAdvice,
  composeOwnCompliance,
  composeFillForm,
  composeOtherProviderReport,
  composeCriteriaOfServices,
  composeServicesUnderCriteria,
  composeSocLevel,
  composeReportIsNot,
  composeTopic,
  composeCountCompared,
  composeUnknown,
  composeZoneCount,
  notCertain,
  otherProgram,
  outsidePeriod,
  socLevelOf,
  firmKey,
  type Context,
} from './compose.js';

/** What routing needs besides the composers' context: the fuzzy index and the organization's names. */
export interface RouterContext extends Context {
  fuzzy: Pick<FuzzyIndex, 'search' | 'near'>;
  /** The service organization and its system by name, folded ("amazon web services"). */
  organizationKeys: string[];
  /** The report's running text and headings, folded, with a space at each end (for "does the report use these words?"). */
  reportWords: string;
  /**
   * How often the folded word occurs in {@link reportWords}, not overlapping: as `reportWords.split(' word ').length - 1`
   * counts (a run of the same word n times counts ceil(n/2), the space between two being one occurrence's end).
   */
  reportWordCount(word: string): number;
  /**
   * True when the report's text holds the folded words word for word (` ${phrase} ` in {@link reportWords}); a phrase
   * with a word the report never uses is answered from the word counts, without searching the text.
   */
  reportHas(phrase: string): boolean;
  /** Words of the report's title, subtitle and system name, folded. */
  titleWords: Set<string>;
  /** True when the report's prose uses the folded word or another form of it ("backup" for "backups"). */
  usesWord(word: string): boolean;
  /**
   * True when the folded word is one of the reviewed topic synonyms (data/aliases/topics.json: "often" for the
   * report's "annually"): a word the report answers in its own words, never one it "does not mention".
   */
  topicSynonym(word: string): boolean;
}

/**
 * One question as the rules read it: its words, what they signal, and the names resolved in it. Built once
 * per question by {@link readQuestion}; the rules only read it.
 */
export interface Question {
  ctx: RouterContext;
  tokens: Token[];
  /** The folded words, in order. */
  words: string[];
  /** The folded question with a space at each end, for phrase tests (` ${phrase} `). */
  text: string;
  signals: Signals;
  subjects: Subject[];
  spans: Resolution['spans'];
  /** Words no subject or vocabulary accounts for. */
  strays: string[];
  /** Subjects that name something (not a category or criterion). */
  named: Subject[];
  /** Named subjects we recognised (an unknown word is not enough to make a question about the report a scope question). */
  recognised: Subject[];
  categories: Extract<Subject, { type: 'category' }>[];
  hasCriterion: boolean;
  /** A yes/no question about something we recognise is a scope question even without scope words ("is S3?"). */
  asksScope: boolean;
  /** The token indexes of published standards the question cites (data/vocabulary/standards.json), set aside from its names. */
  standards: ReadonlySet<number>;
  /** The trust services criteria asked by number ("A1.2", "CC6.1"), each as its category's criterion, typed as the number. */
  criterionIds: Extract<Subject, { type: 'criterion' }>[];
  /** Programmes named only as a questionnaire row's reference ("CAIQ v4 A&A-01 item"), not asked about: set aside. */
  itemOf: string[];
  /** Lengths of time asked, as typed ("for at least one year", "90 days"); see {@link durationTokens}. */
  durations: string[];
  /** Token indexes that are no topic's words: chat filler, context clauses, the organization named as "the vendor". */
  aside: ReadonlySet<number>;
}

/**
 * A routing rule: its name, the questions it exists for, when it applies and how it answers. `compose` may
 * decline (undefined): the next rule is tried. Tested by tests/route.test.ts, which asks each example and
 * checks that this rule answers it.
 */
export interface Rule {
  name: string;
  examples: string[];
  when: (q: Question) => boolean;
  compose: (q: Question) => Reply | undefined;
}

const has = (q: Question, phrase: string) => holdsPhrase(q.text, phrase);
const hasAny = (q: Question, phrases: readonly string[]) => phrases.some((p) => has(q, p));
/**
 * The question names nothing: no name the report lists or knows, and no name-like word it does not ("Microsoft
 * 365", "Box", another cloud's product). A rule about the report as a whole must not answer a question about
 * something named: "did EY audit Azure?" was "Yes: the independent accountants are Ernst & Young LLP".
 */
const noNames = (q: Question) => q.recognised.length === 0;

/** About the report as a whole: no name at all, neither one the report knows nor another (see {@link namesOther}). */
const aboutReport = (q: Question) => noNames(q) && !namesOtherOnce(q);

/** {@link namesOther}, worked out once per question: up to nine rules ask it of the same question. */
const namedOther = new WeakMap<Question, boolean>();
function namesOtherOnce(q: Question): boolean {
  let v = namedOther.get(q);
  if (v === undefined) namedOther.set(q, (v = namesOther(q)));
  return v;
}

/**
 * A name-like word the report does not use, nor an audit firm's: another cloud's product, or a product the
 * report does not know ("Microsoft 365", "Box"). Names the report uses in its prose ("Resiliency Program",
 * "AICPA", "Amazon Web Services") are what it speaks of.
 */
function namesOther(q: Question): boolean {
  // The words of the firm's name as the question spells it ("e & y", "ernst and young").
  const firmWords = new Set(AUDIT_FIRMS.filter((f) => q.words.some((_, i) => f.alias.every((w, j) => q.words[i + j] === w))).flatMap((f) => f.alias));
  return q.named.some((s) => {
    if (s.type !== 'unknown' || !(s.nameLike || s.provider)) return false;
    if (s.provider) return true;
    const words = fold(s.typed).split(' ').filter((w) => !firmWords.has(w) && !q.ctx.titleWords.has(w));
    return words.length > 0 && !words.every((w) => q.ctx.reportHas(w) || /^\d+$/u.test(w));
  });
}

/** The audit firm a question names ("kpmg", "deloitte"), by the reviewed list of firms. */
function firmNamed(q: Question): string | undefined {
  return firmsIn(q)[0];
}

/** The audit firms the question names, by their names, in the order of data/vocabulary/audit-firms.json. */
function firmsIn(q: Question): string[] {
  return AUDIT_FIRMS.filter((f) => q.words.some((_, i) => f.alias.every((w, j) => q.words[i + j] === w))).map((f) => f.name);
}

/**
 * The question asks whether the report holds the accountants' tests or their results ("does the SOC 3 include the
 * detailed tests?"): a phrase of data/vocabulary/report-contents.json, and a word that asks what a document holds; not
 * a test of the organization's own ("penetration tests performed", `otherTests`).
 */
const asksReportContents = (q: Question) =>
  REPORT_CONTENTS.asks.some((p) => q.words.some((_, i) => p.every((w, j) => q.words[i + j] === w) && !REPORT_CONTENTS.otherTests.has(q.words[i - 1] ?? ''))) &&
  q.words.some((w) => REPORT_CONTENTS.contents.has(w));

/**
 * Which end of the period a question names a day as: "period ending", "the period began on" (data/vocabulary/facts.json
 * `periodBoundaries`, after "period"), or none.
 */
function periodBoundary(q: Question): 'start' | 'end' | undefined {
  const at = q.words.indexOf('period');
  if (at < 0) return undefined;
  const next = (list: readonly string[]) => list.some((p) => p.split(' ').every((w, j) => q.words[at + 1 + j] === w || (j === 0 && q.words[at + 1] === 's' && q.words[at + 2] === w)));
  return next(PERIOD_BOUNDARIES.end) ? 'end' : next(PERIOD_BOUNDARIES.start) ? 'start' : undefined;
}

/** The question names an audit firm other than the report's own accountants. */
/** Nothing asked of the firm but what it did with the report ("perform", "issue", "sign"): no other word, no name. */
const onlyFirmWords = (q: Question) =>
  q.recognised.length === 0 && [...q.strays, ...q.named.map((s) => (s.type === 'unknown' ? s.typed : ''))].every((w) => fold(w).split(' ').every((x) => !x || FIRM_VERBS.has(x)));

/** The report's own firm is among those the question names. */
const ownFirmNamed = (q: Question) => firmsIn(q).some((f) => firmKey(f) === firmKey(q.ctx.report.auditor.firm));

/** How many audit firms the question names ("EY or Deloitte?": two). */
const firmsNamed = (q: Question) => new Set(firmsIn(q).map(firmKey)).size;

/** The first firm the question names that is not the report's own ("KPMG" of "signed by EY and KPMG?"). */
const otherFirm = (q: Question) => firmsIn(q).find((firm) => firmKey(firm) !== firmKey(q.ctx.report.auditor.firm));
const otherFirmNamed = (q: Question) => {
  // Any firm but the report's: "is the report signed by EY and KPMG?" names KPMG too (it was "Yes: ... Ernst &
  // Young LLP", break-it round 10).
  const own = firmKey(q.ctx.report.auditor.firm);
  return firmsIn(q).some((firm) => firmKey(firm) !== own);
};

/**
 * How often ` word ` occurs in `text`, not overlapping (as `text.split(' word ').length - 1` counts): found by
 * indexOf, without splitting the text into a list per word. For the exclusions' own text (a few sentences).
 */
function countWord(text: string, word: string): number {
  const needle = ` ${word} `;
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const distinctiveByReport = new WeakMap<RouterContext['report'], string[]>();

/**
 * The words of a report's exclusions that the rest of the report does not use ("cybersecurity"), longer than four
 * letters; computed once per report, from the report's word counts (made with its distinct words), not by a search
 of the whole text per word.
 */
function distinctiveExclusionWords(ctx: RouterContext): string[] {
  const known = distinctiveByReport.get(ctx.report);
  if (known) return known;
  const exclusionText = ` ${ctx.report.exclusions.map((e) => fold(e.quote)).join(' ')} `;
  const words = [...new Set(exclusionText.split(' ').filter((w) => w.length > 4 && ctx.reportWordCount(w) === countWord(exclusionText, w)))];
  distinctiveByReport.set(ctx.report, words);
  return words;
}

/** The report's exclusions whose distinctive words the question uses ("cybersecurity", "cyber security"). */
function exclusionsAsked(q: Question): { quote: string; path: string[] }[] {
  const { report } = q.ctx;
  if (report.exclusions.length === 0) return [];
  // Words of the question that are neither filler nor about scope or opinions, run together in pairs too.
  const content = q.words.filter((w) => !STOPWORDS.has(w) && !SCOPE_WORDS.has(w) && !['opinion', 'opinions', 'report', 'there'].includes(w));
  const pairs = q.words.slice(1).map((w, i) => `${q.words[i]}${w}`);
  // "cybersecurity": a word the exclusions use and the rest of the report does not; "cyber" asks for it too (the
  // beginning of such a word, five letters or more).
  const distinctive = distinctiveExclusionWords(q.ctx);
  const asked = [...content, ...pairs].filter((w) => w.length > 4 && distinctive.some((d) => d === w || d.startsWith(w)));
  if (asked.length === 0) return [];
  // Words the report never uses say the question is about something else that shares the word: "do you carry cyber
  // liability insurance?" is not about the cybersecurity program the accountants did not evaluate.
  // (Question words are how it is asked: "did the auditor express an opinion on ...?")
  const elsewhere = content.some((w) => w.length > 4 && !/\d/u.test(w) && !VOCABULARY_WORDS.has(w) && !asked.includes(w) && !asked.some((a) => a.includes(w)) && !q.ctx.usesWord(w));
  return elsewhere ? [] : report.exclusions;
}

/**
 * The words of the question's chat filler phrases (data/vocabulary/chat-filler.json), as token indexes; with
 * `phrases`, of those phrases instead (the fact phrases: "audit window").
 */
export function fillerTokens(tokens: Token[], phrases: string[][] = CHAT_FILLER): Set<number> {
  const out = new Set<number>();
  const index = phraseListIndex(phrases);
  const words = tokens.map((t) => t.norm);
  const free = (position: number) => !out.has(position);
  for (let i = 0; i < tokens.length; i++) {
    const phrase = index.at(words, i, free);
    if (!phrase) continue;
    for (let j = 0; j < phrase.length; j++) out.add(i + j);
    i += phrase.length - 1;
  }
  return out;
}

/** Audit firms' names as word lists, longest first (for {@link fillerTokens}). */
const FIRM_ALIASES: string[][] = AUDIT_FIRMS.map((f) => f.alias).sort((a, b) => b.length - a.length);

/** The tokens of audit firms' names, with a legal-entity suffix right after one ("Ernst & Young LLP"). */
function firmTokens(tokens: Token[]): Set<number> {
  const out = fillerTokens(tokens, FIRM_ALIASES);
  for (const i of [...out]) if (!out.has(i + 1) && CORPORATE_SUFFIXES.has(tokens[i + 1]?.norm ?? '')) out.add(i + 1);
  return out;
}

/**
 * The tokens of published standards the question cites (data/vocabulary/standards.json: "NIST SP 800-88",
 * "ISO/IEC 27002"), with a revision written after one ("Rev. 1", "v4"): how a practice is asked, never a name
 * ("800-88 Rev" and "SP" were read as services not listed).
 */
function standardTokens(tokens: Token[]): Set<number> {
  const out = fillerTokens(tokens, STANDARD_PHRASES);
  for (const i of [...out].sort((a, b) => a - b)) {
    if (out.has(i + 1) || !REVISION_WORDS.has(tokens[i + 1]?.norm ?? '')) continue;
    out.add(i + 1);
    if (tokens[i + 2]?.digits) out.add(i + 2);
  }
  // "v4", "r5" written as one word are one token with digits: set aside after a standard as well.
  for (const i of [...out]) if (!out.has(i + 1) && /^(?:v|r|rev)\d+$/u.test(tokens[i + 1]?.norm ?? '')) out.add(i + 1);
  return out;
}

/**
 * "the 2017 SOC 3", "their 2017 report": a bare year before a word for a compliance document names the report, not
 * a time asked, when the report's period lies within that year ("Is DynamoDB within the scope of the 2017 SOC 3?"
 * was "Partly: the report covers only 1 Apr – 30 Sep of 2017"). Another year stays a time ("the 2015 report").
 */
function namesOwnReport(ctx: RouterContext, d: AskedDate, words: readonly string[]): boolean {
  if (!d.yearOnly || !d.start || !d.end) return false;
  const next = words[Math.max(...d.tokens) + 1];
  // "is the report from 2017?", "is it dated 2017?": the report's own year, after it.
  const first = Math.min(...d.tokens);
  const after = (words[first - 1] === 'from' || words[first - 1] === 'dated') && ['report', 'it', 'this', 'soc'].some((w) => words[first - 2] === w || DOCUMENT_WORDS.has(words[first - 2] ?? ''));
  if (!after && (!next || !(DOCUMENT_WORDS.has(next) || /^soc\d?$/.test(next)))) return false;
  const { start, end } = ctx.report.period;
  return start >= d.start && end <= d.end;
}

/**
 * The question asks a fact, a topic, a description, a list or a time of the report, or how something is done
 * ("... how does AWS handle this per the report?"): what a questionnaire row may ask.
 */
const asksOfReport = (s: Signals, words: readonly string[]) =>
  s.facts.length > 0 || s.topical || s.describe || s.list || s.dates.length > 0 || words.some((w, i) => w === 'how' && HOW_NEXT.has(words[i + 1] ?? '')) ||
  // ("ISO 27001 A.11.2.7 (secure disposal or re-use of equipment) - does the AWS SOC 3 address it?": whether the
  // report speaks to the row, asked yes or no; fresh set 45.)
  // (Not whether the report maps to the row, "does this map to NIST CSF PR.AC-1?": that it cannot say.)
  (s.scope && (s.yesNo || words.some((w) => YES_NO_VERBS.has(w))) && !words.some((w) => MAPPING_WORDS.has(w)));
const YES_NO_VERBS = new Set(['does', 'do', 'is', 'are', 'can', 'did']);
const MAPPING_WORDS = new Set(['map', 'maps', 'mapped', 'mapping', 'align', 'aligns', 'aligned', 'equivalent', 'satisfy', 'satisfies', 'compliant', 'certified', 'certify']);
const HOW_NEXT = new Set(['does', 'do', 'is', 'are', 'often', 'frequently']);

/**
 * A programme named as a questionnaire row's reference: only by a control of it ("A&A-01"), or with a control or an
 * item word (data/vocabulary/programmes.json `itemWords`: "item", "section", "mapping") within three words after
 * one of its phrases ("CAIQ v4 A&A-01 item", "ISO 27001 Annex A.11"), or an item word within two before ("section
 * (ISO 27001 A.15)").
 */
function referencedAsItem(programme: string, words: readonly string[], controls: { tokens: number[]; programmes: string[] }): boolean {
  const phrases = PROGRAMME_PHRASES.get(programme) ?? [];
  const at: number[] = [];
  const starts: number[] = [];
  words.forEach((_, i) => {
    for (const p of phrases) {
      if (!p.every((w, j) => words[i + j] === w)) continue;
      starts.push(i);
      at.push(i + p.length);
    }
  });
  if (at.length === 0) return controls.programmes.includes(programme);
  const control = new Set(controls.tokens);
  const item = (k: number) => control.has(k) || ITEM_WORDS.has(words[k] ?? '');
  // (Or an item word just before: "for our supply chain section (ISO 27001 A.15)".)
  return at.every((end, n) => [0, 1, 2].some((k) => item(end + k) || (k > 0 && ITEM_WORDS.has(words[starts[n]! - k] ?? ''))));
}

/** Two or more subjects that are read as one service or place (the names each may stand for overlap). */
function namesOneThing(subjects: readonly Subject[]): boolean {
  const keys = subjects.flatMap((x): Set<string>[] => (x.type === 'service' ? [new Set([x.name])] : x.type === 'location' ? [new Set(x.hits.map((h) => h.entity.name))] : []));
  if (keys.length < 2 || keys.length !== subjects.length) return false;
  return [...keys[0]!].some((k) => keys.every((set) => set.has(k)));
}

/** Builds the {@link Question} the rules read: resolves the names, with dates and chat filler set aside. */
export function readQuestion(ctx: RouterContext, tokens: Token[], raw: Signals): Question {
  // A programme the report itself names ("NIST 800-88") is something it speaks of, not another programme;
  // nor is the report's own ("SOC 3").
  const ownLevel = socLevelOf(ctx.report.title);
  const programs = raw.programs.filter((p) => !fold(p).split(' ').every((w) => ctx.reportHas(w)) && !(ownLevel !== undefined && SOC_LEVEL.get(p) === ownLevel));
  // A control of another framework ("A.5.15", "PR.AC-1") names that framework, and no service.
  // The trust services criteria's own numbers ("A1.2", "CC6.1") name the report's criteria, before any other
  // framework's identifiers.
  const numbered = criterionIdTokens(ctx.lexicon, tokens);
  const controls = controlIdTokens(tokens, numbered.tokens);
  for (const p of controls.programmes) if (!programs.includes(p)) programs.push(p);
  const words = tokens.map((t) => t.norm);
  // "CAIQ v4 A&A-01 item wants ...: what period does it cover?", "(ISO 27001 A.15)": a questionnaire row's reference
  // to the framework it maps to is where the question comes from; what it asks of the report is answered, with a
  // reading note (it was "does not address CSA STAR").
  // (So is one that quotes the row's requirement: "ISO 27001 A.17.1.3 'verify the ... controls at regular intervals' -- does the report support?".)
  const itemOf = asksOfReport(raw, words) || quotations(tokens).some((w) => w.length >= QUOTED_REQUIREMENT_WORDS) ? programs.filter((p) => referencedAsItem(p, words, controls)) : [];
  if (itemOf.length) programs.splice(0, programs.length, ...programs.filter((p) => !itemOf.includes(p)));
  // ("ISO 27001:2022 A.7.14 ...": a standard's edition year names the edition, no time; it was "No report covers 2022".)
  const edition = (d: AskedDate) => d.yearOnly && d.tokens.length === 1 && /^\d+$/u.test(words[d.tokens[0]! - 1] ?? '') && PROGRAM_WORDS.has(words[d.tokens[0]! - 1]!);
  const ownYear = raw.dates.filter((d) => namesOwnReport(ctx, d, words));
  // ("Is Amazon Connect covered? it launched in 2017": the service's own date, not a time asked of the report; fresh
  // set 45. The phrase before it and the date name nothing.)
  const eventAt = (d: AskedDate) => EVENT_PHRASES.find((p) => p.every((w, j) => words[d.tokens[0]! - p.length + j] === w));
  const events = raw.dates.filter((d) => !!eventAt(d));
  const eventTokens = events.flatMap((d) => [...Array.from({ length: eventAt(d)!.length }, (_, j) => d.tokens[0]! - eventAt(d)!.length + j), ...d.tokens]);
  const notTimes = [...ownYear, ...raw.dates.filter(edition), ...events];
  const signals = { ...raw, programs, dates: notTimes.length ? raw.dates.filter((d) => !notTimes.includes(d)) : raw.dates };
  // "is this the 2017 report?": which report this is, and its period (it was "I couldn't find that").
  if (ownYear.length && signals.facts.length === 0 && ['is', 'was'].includes(words[0] ?? '') && ['this', 'it', 'that'].includes(words[1] ?? '')) signals.facts = ['report', 'period'];
  const standards = standardTokens(tokens);
  // Dates, chat filler and the words of fact phrases ("audit window") name nothing.
  // Nor do audit firms' names ("Ernst & Young"): a firm is never a service ("is Box audited by Ernst & Young?"
  // listed "Young" as not in the report).
  const dateTokens = new Set(signals.dates.flatMap((d) => d.tokens));
  const durationAt = durationTokens(words, dateTokens);
  const filler = fillerTokens(tokens);
  const organization = fillerTokens(tokens, ORGANIZATION_REFERENCES);
  const ignore = new Set([
    ...dateTokens,
    ...eventTokens,
    // Lengths of time ("for 90 days") name nothing either.
    ...durationAt,
    ...controls.tokens,
    ...numbered.tokens,
    ...filler,
    // "Does the vendor maintain ...": the service organization itself, named as questionnaires do.
    ...organization,
    ...(signals.facts.length ? fillerTokens(tokens, FACT_PHRASE_TOKENS) : []),
    // "CAIQ v4 A&A-01 item", "ISO 27001 Annex A.11 mapping": a questionnaire row's reference names nothing.
    ...(itemOf.length ? itemReferenceTokens(itemOf, words) : []),
    // "recently", "the next audit": a time named from today (data/vocabulary/times.json), never a name.
    ...(signals.after ? fillerTokens(tokens, TIME_PHRASE_TOKENS) : []),
    ...firmTokens(tokens),
    ...standards,
    // "all 51 services", "the 15 regions": a count before a kind word counts them, and names nothing.
    ...tokens.flatMap((t, k) => (/^\d{1,5}$/u.test(t.norm) && !isYear(t.norm) && isKindWord(tokens[k + 1]?.norm ?? '') ? [k] : [])),
  ]);
  const resolved = resolve(tokens, ctx.lexicon, ctx.fuzzy, { allowUnknown: signals.scope || signals.describe || asksPlace(signals) || signals.atDataCenters, ignore, usesWord: ctx.usesWord });
  const { spans, context } = resolved;
  // "Is 'Amazon Elastic Map Reduce' the same as EMR?", "dublin? is that the same as eu-west-1": asked whether two
  // names are one; when both are read as the same service or place, "same" names nothing (it put the yes in doubt).
  // Two names read as different things ("is Amazon Connect the same as Direct Connect?") keep the word.
  const strays = words.includes('same') && namesOneThing(resolved.subjects) ? resolved.strays.filter((w) => !/^(?:the )?same(?: thing)?$/iu.test(w.trim())) : resolved.strays;
  // "global" of "AWS Global Accelerator" is the product's name, not "everywhere".
  // (Only when such a word is what made it "everywhere": not "all regions".)
  if (signals.everywhere) {
    const inName = (k: number) => spans.some((x) => x.hits.length > 0 && k >= x.start && k < x.end);
    const at = words.flatMap((n, k) => (EVERYWHERE_WORDS.has(n) ? [k] : []));
    if (at.length > 0 && at.every(inName) && !EVERY_PLACE.test(` ${words.join(' ')} `)) signals.everywhere = false;
  }
  // "Are all US regions covered?": every region of a country or part of the world named, not everywhere.
  if (signals.everywhere && resolved.subjects.length > 0 && resolved.subjects.every((x) => x.type === 'location' && x.hits.some((h) => h.entity.type === 'country' || h.entity.type === 'group'))) signals.everywhere = false;
  const subjects = numbered.ids.length ? [...resolved.subjects, ...numbered.ids.filter((c) => !resolved.subjects.some((s) => s.type === 'criterion' && s.name === c.name))] : resolved.subjects;
  const named = subjects.filter((s) => s.type !== 'category' && s.type !== 'criterion');
  return {
    ctx,
    tokens,
    words,
    text: ` ${words.join(' ')} `,
    signals,
    subjects,
    spans,
    strays,
    named,
    recognised: named.filter((s) => s.type !== 'unknown'),
    categories: subjects.filter((s): s is Extract<Subject, { type: 'category' }> => s.type === 'category'),
    hasCriterion: subjects.some((s) => s.type === 'criterion'),
    asksScope: signals.scope || (signals.yesNo && subjects.some((s) => s.type !== 'unknown' || s.nameLike)),
    standards,
    criterionIds: numbered.ids,
    itemOf,
    durations: runsOf(durationAt).map((run) => run.map((k) => tokens[k]!.word).join(' ')),
    // (Filler and clauses only when one of their words is none the report uses nor a topic's: "for a HECVAT", "a
    // customer's DR questionnaire" are no topic; "third party", "service providers" and "customers" may be.)
    aside: new Set([
      ...words.flatMap((w, k) => (PLACEHOLDERS.has(w) ? [k] : [])),
      ...runsOf(new Set([...filler, ...context]))
        .filter((run) => run.some((k) => !STOPWORDS.has(words[k]!) && !ctx.usesWord(words[k]!) && !ctx.topicSynonym(words[k]!)))
        .flat(),
      ...organization,
      // A questionnaire row's reference ("ISO 27001 A.11.2.7") is no word of the practice it asks about.
      ...(itemOf.length ? [...controls.tokens, ...itemReferenceTokens(itemOf, words)] : []),
    ]),
  };
}

/** Control identifiers of other frameworks (data/vocabulary/programmes.json controlIds), compiled once. */
const CONTROL_IDS = VOCABULARY.programmes.controlIds.map((c) => ({ re: new RegExp(c.pattern, 'u'), programme: c.programme }));

const TRAILING_MARKS = /[?!.,;:)]+$/u;
const ID_MARKS = /[\d.]/;

/**
 * The tokens of the trust services criteria's numbers ("A1.2", "CC6.1"; data/aliases/criteria.json `ids`), and the
 * report's criteria they number, one subject each, typed as the number was.
 */
function criterionIdTokens(lexicon: RouterContext['lexicon'], tokens: readonly Token[]): { tokens: number[]; ids: Extract<Subject, { type: 'criterion' }>[] } {
  const out: number[] = [];
  const ids: Extract<Subject, { type: 'criterion' }>[] = [];
  if (lexicon.criterionIds.length === 0) return { tokens: out, ids };
  tokens.forEach((t, k) => {
    if (!/\d/.test(t.word)) return;
    const word = t.word.toLowerCase().replace(TRAILING_MARKS, '');
    const hit = lexicon.criterionIds.find((c) => c.re.test(word));
    if (!hit) return;
    out.push(k);
    if (!ids.some((i) => i.typed === t.word.replace(TRAILING_MARKS, ''))) ids.push({ type: 'criterion', name: hit.criterion.name, covered: hit.criterion.covered, typed: t.word.replace(TRAILING_MARKS, '') });
  });
  return { tokens: out, ids };
}

/** The tokens of a question's control identifiers ("A.5.15", "PR.AC-1"), and the programmes they name; not those in `skip`. */
function controlIdTokens(tokens: readonly Token[], skip: readonly number[] = []): { tokens: number[]; programmes: string[] } {
  const out: number[] = [];
  const programmes: string[] = [];
  tokens.forEach((t, k) => {
    // (Every framework's identifiers hold a digit or a dot: "A.5.15", "PR.AC", "IAM-02".)
    if (!ID_MARKS.test(t.word) || skip.includes(k)) return;
    const word = t.word.toLowerCase().replace(TRAILING_MARKS, '');
    const hit = CONTROL_IDS.find((c) => c.re.test(word));
    if (!hit) return;
    out.push(k);
    if (!programmes.includes(hit.programme)) programmes.push(hit.programme);
  });
  return { tokens: out, programmes };
}

/** Token indexes in runs of consecutive ones, in order: {1, 2, 5} -> [[1, 2], [5]]. */
function runsOf(at: ReadonlySet<number>): number[][] {
  const runs: number[][] = [];
  for (const k of [...at].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && last.at(-1) === k - 1) last.push(k);
    else runs.push([k]);
  }
  return runs;
}

/**
 * The words a topic is searched with: the question's, but for chat filler, who asks and what for ("asking for a
 * HECVAT") and how it names the organization ("the vendor").
 */
const topicWords = (q: Question) => {
  // A practice asked of a category ("is the database encrypted?") is the practice's: the category's name would find
  // the sentence that lists the categories.
  const category = q.categories.length > 0 && q.strays.length > 0 ? categoryTokens(q) : undefined;
  return q.aside.size || category ? q.words.filter((_, k) => !q.aside.has(k) && !category?.has(k)) : q.words;
};

/** The token indexes of the spans that name only categories. */
function categoryTokens(q: Question): Set<number> {
  const out = new Set<number>();
  for (const span of q.spans) if (span.hits.every((h) => h.entity.type === 'category')) for (let k = span.start; k < span.end; k++) out.add(k);
  return out;
}

/**
 * "is Helsinki an edge location?", "edge location in bangalore?", "is there a region in Finland?": a place asked
 * about with the kind of place, with no scope word. Its unknown name is asked about as a place (not listed),
 * where it was left out and the answer quoted the heading of the edge-location list.
 */
function asksPlace(signals: Signals): boolean {
  return (signals.kinds.has('edge') || signals.kinds.has('region')) && !signals.list && !signals.count && !signals.topical;
}

/**
 * The topic answer for the question's words (`requireAll`: every word must be spoken of), worked out at most
 * once per question and option: a question no sentence answers was searched for by the topic rules up to three
 * times (topic_first, unknown_words and the last rule, topic), each search the same BM25 query over the report.
 */
const topicAnswers = new WeakMap<Question, Map<boolean, Reply | undefined>>();
function topicOnce(q: Question, requireAll = false): Reply | undefined {
  let byOption = topicAnswers.get(q);
  if (!byOption) topicAnswers.set(q, (byOption = new Map()));
  if (byOption.has(requireAll)) return byOption.get(requireAll);
  // "Is an information security risk assessment performed annually?": a compound the report never uses ("risk
  // assessment") is what is asked; a sentence on the rest ("annual ... information security" training) misses it.
  const reply = unmentionedCompounds(q, q.strays).length ? undefined : composeTopic(q.ctx, topicWords(q), { requireAll });
  byOption.set(requireAll, reply);
  return reply;
}

/**
 * A word asked about as a place: after "in", "at" or "near", or before the kind ("bangalore edge location?").
 * (Three letters may be an airport code, "fra region?": Frankfurt's region is covered, so no "not listed".)
 */
function placedAsPlace(q: Question, s: Subject): boolean {
  if (s.type !== 'unknown' || s.typed.includes(' ') || s.typed.length <= 3) return false;
  const w = fold(s.typed);
  // ("Luxembourg data centre covered?": the city or country whose buildings are asked about.)
  return [` in ${w} `, ` at ${w} `, ` near ${w} `, ` ${w} edge `, ` ${w} region`, ` ${w} data center`, ` ${w} data centre`, ` ${w} datacenter`, ` ${w} datacentre`].some((p) => q.text.includes(p));
}

/**
 * The question names, in plain words, a thing the report never speaks of ("data retention", "contract
 * termination"): a fact word beside it is that thing's ("the data retention period"), not the report's period.
 */
function asksOtherThing(q: Question): boolean {
  // (Words of five letters or more: "five", "less" are how a fact is asked, not things.)
  const unused = (w: string) => w.length > 4 && !/\d/u.test(w) && !VOCABULARY_WORDS.has(w) && !q.ctx.usesWord(w);
  return q.named.some((s) => s.type === 'unknown' && !s.nameLike && !s.provider && fold(s.typed).split(' ').some(unused));
}

/**
 * An unknown term read as a name: name-like ("Foo", "us-east-3", a category's word before others), unless it is a
 * lowercase run of three words or more, which is a sentence ("storage devices sanitized before disposal" was "not
 * listed in this report").
 */
const asName = (q: Question, s: Subject) =>
  s.type === 'unknown' &&
  s.nameLike &&
  !(!s.provider && s.typed === s.typed.toLowerCase() && s.typed.trim().split(/\s+/).length >= 3) &&
  // "what's their DR approach?": a practice's reviewed term and how it is asked, not a name.
  !(!s.provider && fold(s.typed).split(' ').every((w) => practiceWord(q, w) || TOPIC_WRAPPERS.has(w)) && fold(s.typed).split(' ').some((w) => practiceWord(q, w)));

/**
 * The fact words of a question that asks about the criterion it names: the opinion asked of a criterion ("does the
 * report have an opinion on privacy?"), the period it is asked for ("Is the Privacy criterion covered for the
 * period?"), and, asked yes or no, the criteria or the auditors beside it ("Is the security (common criteria)
 * principle covered?", "Did the auditors test against the privacy criteria?").
 */
function factsOfCriterion(q: Question): boolean {
  if (!q.hasCriterion) return false;
  const { facts, scope, yesNo } = q.signals;
  return (
    facts.every((f) => f === 'report' || f === 'opinion' || (f === 'period' && scope)) ||
    (yesNo && facts.every((f) => f === 'criteria' || f === 'auditor' || f === 'report'))
  );
}

/**
 * The verdict of a fact asked yes or no, where the report answers it (else undefined: information):
 * - "Are all five trust services criteria covered?": no, when the report leaves some out (the note names them);
 * - "is the opinion qualified?", "were there any exceptions or qualifications in the opinion?": no for an
 *   unmodified opinion; "is the opinion clean?", "did it pass?": yes;
 * - "did management provide a written assertion?", "is there a management assertion?": yes, when the report holds it;
 * - the edition of the trust services criteria asked (facts.json criteriaEditions): yes for the one the report
 *   cites, else no, with a note naming both.
 * Returns the verdict and the notes it adds to the facts' own.
 */
/** Whole months in a duration as typed ("12 months", "six months", "one year", "a year", "6-month"); undefined if none. */
function monthsOf(duration: string): number | undefined {
  const words = fold(duration).split(' ');
  // ("half a year": six months.)
  if (words.includes('half') && words.some((w) => w === 'year' || w === 'years')) return 6;
  const n = words.map(countOf).find((x) => x > 0);
  const unit = words.find((w) => /^(months?|years?|quarters?)$/u.test(w));
  if (n === undefined || !unit) return undefined;
  return unit.startsWith('year') ? n * 12 : unit.startsWith('quarter') ? n * 3 : n;
}

/** Whole calendar months from `start` to `end` (ISO days, the first and last day of months), else undefined. */
function periodMonths(start: string, end: string): number | undefined {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  if (sd !== 1 || ed !== lastDay) return undefined;
  return (ey - sy) * 12 + (em - sm) + 1;
}

/** A yes-or-no reading of a fact question: its verdict, and notes (`lead`: they say why, before the fact's own). */
function factVerdict(q: Question): { verdict: Answer['verdict']; notes: ReplyNote[]; lead?: boolean } | undefined {
  const { facts, negated } = q.signals;
  // ("Any qualified opinion or exceptions?": asked yes or no without its verb.)
  const yesNo = q.signals.yesNo || q.words[0] === 'any';
  if (!yesNo || negated) return undefined;
  const { report } = q.ctx;
  const plain = (verdict: Answer['verdict']) => ({ verdict, notes: [] });
  // "Did management assert that controls were effective for processing integrity?": the assertion and the opinion
  // are for the criteria the report covers only (it was "Yes: management asserts its controls were effective").
  const uncovered = q.subjects.filter((s): s is Extract<Subject, { type: 'criterion' }> => s.type === 'criterion' && !s.covered);
  if (uncovered.length && facts.some((f) => f === 'assertion' || f === 'opinion')) {
    const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
    return { verdict: 'no', lead: true, notes: [note('fact', `The assertion and the opinion are for ${joinAnd(covered)} only, not ${joinAnd(uncovered.map((s) => s.name))}.`)] };
  }
  // "Is the report current? Our policy requires an attestation dated within 12 months": whatever else is asked beside
  // it, no report can say it is current (its date is information, not a yes).
  if (facts.includes('currency')) return plain('unknown');
  // "is the report dated October 26, 2017?": the day asked against the accountants' and management's dates.
  const day = q.signals.dates.length === 1 && q.signals.dates[0]!.kind === 'day' ? q.signals.dates[0]!.start : undefined;
  if (facts.every((f) => f === 'report_date') && day) return plain(day === report.auditor.reportDate || day === report.assertionDate ? 'yes' : 'no');
  if (facts.every((f) => f === 'criteria') && hasAny(q, ['all', 'every', 'each', 'five', '5'])) return plain(report.criteria.every((c) => c.covered) ? 'yes' : 'no');
  // "Is the opinion unqualified for all five principles?": not for those the report does not cover (it was the clean
  // opinion, as information).
  if (facts.includes('opinion') && facts.every((f) => f === 'opinion' || f === 'criteria') && hasAny(q, ['all five', 'all 5', 'all the principles', 'all principles', 'all categories', 'all the categories', 'all criteria', 'all the criteria', 'every principle', 'every category']) && !report.criteria.every((c) => c.covered)) {
    const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
    return { verdict: 'no', lead: true, notes: [note('fact', `The opinion is for ${joinAnd(covered)} only.`)] };
  }
  // "is the review period 12 months?": its length asked, against the period's whole months (it was the period, as
  // information). A choice of lengths ("6 or 12 months?") stays information.
  if (facts.every((f) => f === 'period') && q.durations.length === 1 && !hasAny(q, ['or'])) {
    const asked = monthsOf(q.durations[0]!);
    const months = periodMonths(report.period.start, report.period.end);
    // ("longer than 6 months", "at least 12 months": compared as asked.)
    const op = comparisonBefore(q.words, q.words.findIndex((w) => w === String(asked)));
    if (asked !== undefined && months !== undefined) return { verdict: compares(months, op, asked) ? 'yes' : 'no', notes: [note('period', `The period is ${months} months long.`)] };
  }
  // "is this a Type 1 / point-in-time report?": no, it speaks of the controls throughout its period.
  if (facts.every((f) => f === 'soc_type') && hasAny(q, ['type 1', 'type i', 'point in time', 'as of a date', 'design only'])) return plain('no');
  // (With the period named, "... opinion for the April to September 2017 period?": the opinion still.)
  if (facts.includes('opinion') && facts.every((f) => f === 'opinion' || f === 'period') && report.opinion.unmodified) {
    const departs = hasAny(q, OPINION_DEPARTS);
    const clean = hasAny(q, OPINION_CLEAN);
    if (departs !== clean) return plain(departs ? 'no' : 'yes');
  }
  if (facts.every((f) => f === 'assertion') && report.assertion && !hasAny(q, ['what', 'which', 'who', 'when', 'how'])) return plain('yes');
  // "Was the examination done against the 2017 Trust Services Criteria (TSP section 100)?": the edition asked against
  // the one the report cites ("TSP section 100A"): no, naming both; the same one: yes. (Two editions named compare
  // them: no verdict.)
  const asked = CRITERIA_EDITIONS.filter((e) => e.phrases.some((p) => has(q, p)));
  const cites = report.criteriaSource.framework;
  // (Not of a criterion named with the edition, "assessed against the Trust Services Principles for Privacy?": that
  // asks whether Privacy is covered, and the edition's "yes" was a false yes about it.)
  if (!facts.includes('criteria') || asked.length !== 1 || !cites || q.subjects.some((s) => s.type === 'criterion')) return undefined;
  if (fold(asked[0]!.framework) === fold(cites)) return plain('yes');
  const cited = CRITERIA_EDITIONS.find((e) => fold(e.framework) === fold(cites));
  return { verdict: 'no', notes: cited ? [note('fact', `The report cites ${cited.name}, not ${asked[0]!.name}.`)] : [] };
}

/** "how many hours", "how many days": a length of time is counted, not the report's services or places. */
const countsTime = (q: Question) => q.words.some((w, k) => w === 'many' && q.words[k - 1] === 'how' && DURATION_UNITS.has(q.words[k + 1] ?? ''));

/** The practice acronyms of the question that the report never uses, as typed ("SIEM"). */
function unusedAcronyms(q: Question): string[] {
  const { tokens } = q;
  // With the words beside it that the report never uses either: "CCTV cameras", "24x7 CCTV", "MFA enforced".
  const unused = (k: number) => !!tokens[k] && !STOPWORDS.has(tokens[k]!.norm) && !VOCABULARY_WORDS.has(tokens[k]!.norm) && !q.ctx.usesWord(tokens[k]!.norm);
  const runs: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (!PRACTICE_ACRONYMS.has(tokens[k]!.norm) || q.ctx.usesWord(tokens[k]!.norm)) continue;
    let [from, to] = [k, k];
    while (unused(from - 1) && tokens[from - 1]!.word !== tokens[from]!.word) from--;
    // (And a compound head after it: "pen tests".)
    while ((unused(to + 1) || COMPOUND_HEADS.has(tokens[to + 1]?.norm ?? '')) && tokens[to + 1]!.word !== tokens[to]!.word) to++;
    runs.push([...new Set(tokens.slice(from, to + 1).map((t) => t.word))].join(' ').replace(/[?!.,;:]+$/u, ''));
    k = to;
  }
  return [...new Set(runs)];
}

/** A practice's word: a reviewed topic term ("BCP", "backups") or a practice's acronym ("MFA", "SIEM"). */
const practiceWord = (q: Question, w: string) => q.ctx.topicSynonym(w) || PRACTICE_ACRONYMS.has(w);

/** "Only words we do not know": a topic the report speaks of, else "not listed" or "not mentioned". */
function unknownWordsAnswer(q: Question): Reply | undefined {
  const { ctx, named, signals, asksScope } = q;
  // "edge location in helsinki??": a word or two asked about with the kind of place is a place, lowercase or not.
  // (Only a word placed as a place is: after "in", "at" or "near", or before the kind: "bangalore edge location?";
  // "are regions redundant?" asks a topic.)
  const placed = (s: Subject) => placedAsPlace(q, s);
  if (asksPlace(signals) && named.length > 0 && named.every(placed)) return undefined;
  const plainWords = named.every((s) => s.type === 'unknown' && !asName(q, s));
  // Several plain lowercase words ("employees get background checks") are a sentence, not a name.
  const sentenceLike = plainWords && named.some((s) => s.type === 'unknown' && s.typed.split(' ').length >= 3);
  // A name-like word ("us-east-3", "Rome") is asked as a name: no topic sentence stands in for it ... unless the
  // report itself uses those words ("Resiliency Program", "Availability Zones"). (A term with digits must stand in
  // the report as written; other words may stand apart: "AICPA standards".)
  // (Not a product named with the vendor's word, "Amazon Cloud Drive", "Amazon Business": a name, though the report
  // uses its words; it quoted the media-disposal passage, break-it round 10.)
  const inReport = named.every(
    (s) =>
      s.type === 'unknown' &&
      !s.provider &&
      // (The report's own such names, "AWS Resiliency Program", stand in it word for word.)
      !(s.typed.split(/\s+/).length > 1 && ctx.lexicon.vendorWords.has(fold(s.typed.split(/\s+/)[0]!)) && /^\p{Lu}/u.test(s.typed.split(/\s+/)[1] ?? '') && !ctx.reportHas(fold(s.typed))) &&
      (/\d/.test(s.typed) ? ctx.reportHas(fold(s.typed)) : fold(s.typed).split(' ').every((w) => ctx.reportHas(w))),
  );
  const nameLike = named.some((s) => s.type === 'unknown' && asName(q, s)) && !inReport;
  // Plain words asked as scope: first the sentences that hold them word for word ("disaster recovery plans"); else
  // searched as a topic when the report uses every one of them ("are critical components replicated across
  // multiple availability zones?"); "is encryption key rotation covered?" is not answered with a sentence on
  // encryption.
  // (Nor a sentence that holds the rest of a compound the report never uses: "information security" of "an
  // information security risk assessment": the compound is what is not mentioned.)
  const compounds = unmentionedCompounds(q, q.strays);
  const topic = (nameLike && !signals.topical) || compounds.length ? undefined : (topicOnce(q, asksScope) ?? (plainWords ? verbatimTopic(q) : undefined) ?? (plainWords && (!signals.scope || inReport) ? topicOnce(q) : undefined));
  if (topic) return topic;
  const terms = compounds.length ? compounds : named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean);
  // "how often is the BCP tested?", "do employees get annual training?": asked about a topic, not a name.
  if (signals.topical || (plainWords && !signals.scope && signals.yesNo)) return notMentioned(q, terms);
  // "are CCTV cameras at data centers?": a yes-or-no question about words the report does not use, said so.
  if (!asksScope) return signals.yesNo ? notMentioned(q, terms) : composeUnknown(ctx);
  // Plain lowercase words are things the report may speak of, not names of services: it does not mention them.
  // So is a question with any such phrase among what it names ("is data encrypted in transit using TLS 1.2?",
  // "does AWS enforce MFA for privileged access?"): a practice, not a list of products; "No: 0 of 4 in scope"
  // read as "AWS does not encrypt in transit".
  // (More plain phrases than product-like names: "was Step Functions in scope in last year's report?" names a
  // product, and its stray "last" does not make it a practice.)
  const unknownTerms = named.filter((s): s is Extract<Subject, { type: 'unknown' }> => s.type === 'unknown' && !s.place);
  const productNames = unknownTerms.filter((s) => productLike(q, s)).length;
  const practice = unknownTerms.filter((s) => !asName(q, s)).length > productNames;
  if (plainWords || sentenceLike || practice) return notMentioned(q, terms);
  return undefined;
}

/**
 * The sentences that hold a term of the question word for word (the prose first, then the services' descriptions):
 * "hardware security" stands in AWS KMS's description. None when the question names a term the report does not
 * use that looks like a name ("TLS"): that is what it asks about.
 */
function verbatimTopic(q: Question): Reply | undefined {
  // (Asked twice of one question on the way to "not mentioned": searched once.)
  if (verbatimAnswers.has(q)) return verbatimAnswers.get(q);
  const reply = findVerbatimTopic(q);
  verbatimAnswers.set(q, reply);
  return reply;
}

/** {@link verbatimTopic}'s answers by question, for the question's own routing. */
const verbatimAnswers = new WeakMap<Question, Reply | undefined>();

function findVerbatimTopic(q: Question): Reply | undefined {
  const { ctx } = q;
  const terms = q.named.filter((s): s is Extract<Subject, { type: 'unknown' }> => s.type === 'unknown');
  const used = terms.filter((t) => ctx.reportHas(fold(t.typed)));
  if (used.length === 0 || terms.some((t) => t.nameLike && !used.includes(t))) return undefined;
  const containing = used.map((t) => t.typed);
  // A phrase held word for word is evidence enough for half of the words asked; one word ("infrastructure") is not:
  // the sentence must speak of as much as any topic sentence must.
  const phrase = used.some((t) => t.typed.trim().includes(' '));
  // A service's description answers only a question of two words or more that it speaks of: "findings" alone
  // stands in Amazon Inspector's, which says nothing of the accountants' findings.
  const options = phrase ? { containing } : { containing, share: 'two_thirds' as const };
  return composeTopic(ctx, topicWords(q), options) ?? composeTopic(ctx, topicWords(q), { ...options, services: true, minCovered: 2 });
}

/**
 * "The report does not mention X", said only of the terms it does not use word for word: of a term it does use,
 * the sentences that hold it answer ({@link verbatimTopic}); with none to quote, the report does not say, naming
 * no term. (It said "does not mention “hardware security”" of a report that says "uses hardware security modules
 * (HSMs)".)
 */
function notMentioned(q: Question, terms: string[]): Reply {
  // (Not the sentence that holds the rest of a compound the report never uses: see unknownWordsAnswer.)
  const found = unmentionedCompounds(q, q.strays).length ? undefined : verbatimTopic(q);
  if (found) return found;
  // A topic synonym ("often") is answered in the report's own words ("annually"): never "not mentioned"; nor are
  // words the report uses in some form ("performed annually" of "are risk assessments performed annually?", where
  // what it never speaks of is "risk assessments").
  const unknownWord = (w: string) => !q.ctx.usesWord(w) && !q.ctx.topicSynonym(w) && !VOCABULARY_WORDS.has(w);
  const named = terms.filter((t) => !q.ctx.reportHas(fold(t)) && !q.ctx.topicSynonym(fold(t)) && fold(t).split(' ').some(unknownWord));
  const compounds = unmentionedCompounds(q, terms).filter((c) => !named.some((t) => fold(t).includes(fold(c))));
  const unused = [...named, ...compounds];
  return unused.length > 0 ? composeNotMentioned(q.ctx, unused) : composeNotSaid(q.ctx);
}

/**
 * "is this the Q3 2017 report?", "is it the H1 2017 SOC 3?": this report asked as the report of a time (the time
 * right before a document word).
 */
function datedReportAsked(q: Question): boolean {
  if (!['is', 'was'].includes(q.words[0] ?? '') || !['this', 'it', 'that'].includes(q.words[1] ?? '')) return false;
  return q.signals.dates.some((d) => {
    const next = q.words[Math.max(...d.tokens) + 1] ?? '';
    return DOCUMENT_WORDS.has(next) || /^soc\d?$/.test(next);
  });
}

/** The standards the question cites, as typed, one per run of its standard tokens ("NIST 800-53"). */
function standardRuns(q: Question): string[] {
  const out: string[] = [];
  const at = [...q.standards].sort((a, b) => a - b);
  for (let i = 0; i < at.length; i++) {
    let j = i;
    while (j + 1 < at.length && at[j + 1] === at[j]! + 1) j++;
    // (A word of several tokens, "800-53", is one word as typed.)
    const run = q.tokens.slice(at[i]!, at[j]! + 1);
    out.push(run.filter((t, k) => k === 0 || t.word !== run[k - 1]!.word).map((t) => t.word).join(' '));
    i = j;
  }
  return out;
}

/** The kind of place typed right after `typed` in the question ("Berlin edge location" -> edge), if any. */
function kindAfter(q: Question, typed: string): 'region' | 'edge' | undefined {
  const words = fold(typed).split(' ').filter(Boolean);
  for (let i = 0; i + words.length <= q.words.length; i++) {
    if (!words.every((w, j) => q.words[i + j] === w)) continue;
    const next = q.words[i + words.length] ?? '';
    if (KIND_WORDS.edge.has(next)) return 'edge';
    if (KIND_WORDS.region.has(next)) return 'region';
  }
  return undefined;
}

/** Facts that name a part of the report that speaks (the accountants' report, the opinion, management's assertion). */
const PART_FACTS = new Set<string>(['auditor', 'opinion', 'assertion', 'report']);

/** Openers of a yes-or-no question whose subject follows ("was the report filed ...?"). */
const SUBJECT_OPENERS = new Set(['is', 'was', 'were', 'has', 'have', 'had', 'did', 'does', 'will', 'would', 'can', 'could']);
/** Words between the opener and the document ("has the AWS report", "was this SOC 3 report"). */
const DOCUMENT_DETERMINERS = new Set(['the', 'this', 'that', 'your', 'their', 'its', 'aws', 'amazon', 'latest', 'current']);
/** Words between the document and what was done to it ("has the report been filed", "was it ever signed"). */
const DONE_ADVERBS = new Set(['been', 'ever', 'also', 'already', 'actually', 'formally', 'officially', 'be']);

/**
 * Whether the question asks what was done to the report itself: an opener, the report (a document word, data
 * question-words.json `documents`), then a word that is neither a scope word ("does the report cover S3?",
 * "is the report including Athena?") nor a list word: "was the report filed with the SEC?", "has the report been
 * registered with BaFin?".
 */
function reportIsSubject(q: Question): boolean {
  const words = q.tokens.filter((_, k) => !q.aside.has(k)).map((t) => t.norm);
  if (!SUBJECT_OPENERS.has(words[0] ?? '')) return false;
  let k = 1;
  while (k < words.length && DOCUMENT_DETERMINERS.has(words[k]!)) k++;
  // The document: "report", "attestation", or the report's kind, "SOC 3" ("has the SOC 3 been registered ...?").
  const kind = (w: string | undefined) => w !== undefined && /^soc\d?$/.test(w);
  if (!DOCUMENT_WORDS.has(words[k] ?? '') && !kind(words[k])) return false;
  if (kind(words[k])) k += /^\d$/.test(words[k + 1] ?? '') ? 2 : 1;
  while (k < words.length && DOCUMENT_WORDS.has(words[k]!)) k++;
  while (k < words.length && DONE_ADVERBS.has(words[k]!)) k++;
  const verb = words[k];
  // ("is the report under NDA?", "is it subject to ...": the report's own terms, though "under" asks scope elsewhere.)
  if (verb === 'under' || verb === 'subject') return true;
  return verb !== undefined && !SCOPE_WORDS.has(verb) && !LIST_WORDS.has(verb) && !STOPWORDS.has(verb) && !/\d/.test(verb);
}

/** Words before a time that make it what a thing is or when it was made, not a time asked ("launched 2006"). */
const ABOUT_THE_THING = new Set(['launched', 'introduced', 'released', 'founded', 'created', 'announced', 'built']);
/** Words before a day that make it the report's own date ("per the EY report dated October 26, 2017"). */
const DATING_WORDS = new Set(['dated', 'signed', 'issued']);

/**
 * The times a scope question asks of: not the report's own date named as its source ("Was Glacier covered (per the EY
 * report dated October 26, 2017)?"), nor when a thing was launched ("EC2 (the compute service, launched 2006)"):
 * each was taken for the time asked, and the answer could not speak for it (regression round 9).
 */
function timesAsked(q: Question): AskedDate[] {
  const { report } = q.ctx;
  return q.signals.dates.filter((d) => {
    const before = q.words[Math.min(...d.tokens) - 1] ?? '';
    if (ABOUT_THE_THING.has(before)) return false;
    return !(DATING_WORDS.has(before) && (d.start === report.auditor.reportDate || d.start === report.assertionDate));
  });
}

/** The scope answer, with its doubts (stray words, customers' content, everywhere), programmes and dates. */
function scopeAnswer(q: Question): Reply {
  const criteria = criteriaOfServices(q);
  if (criteria) return criteria;
  const { ctx, signals } = q;
  // Plain words of several, beside names the question does name ("Customer needs FIPS key storage story"), are words
  // the answer does not account for, never a service "not listed" ("storage story: not listed in this report").
  const phrase = (s: Subject) => s.type === 'unknown' && !s.nameLike && !s.place && !s.provider && s.typed.trim().includes(' ');
  const plain = q.recognised.length > 0 ? q.subjects.filter(phrase) : [];
  const subjects = plain.length ? q.subjects.filter((s) => !plain.includes(s)) : q.subjects;
  const strays = plain.length ? [...q.strays, ...plain.map((s) => (s.type === 'unknown' ? s.typed : ''))] : q.strays;
  let scope = composeScope(ctx, subjects.filter((s) => s.type !== 'category'), signals.kinds, {
    negated: signals.negated,
    availability: hasAny(q, AVAILABILITY_PHRASES),
    allServices: hasAny(q, ALL_SERVICES_PHRASES),
    apart: servicesAndPlacesApart(q),
    placesAsked: !signals.everywhere && hasAny(q, PLACES_OF_SERVICE_PHRASES),
    kindOf: (s) => kindAfter(q, s.typed),
  });
  // Words the answer does not account for put a yes in doubt (never a yes on part of a question).
  const content = strays.filter((w) => CONTENT_WORDS.has(w.toLowerCase()));
  // The report's own title words ("Service Organization Controls 3 Report") never put an answer in doubt.
  const others = strays.filter((w) => !CONTENT_WORDS.has(w.toLowerCase()) && !fold(w).split(' ').every((x) => ctx.titleWords.has(x)));
  // "does not mention" only of words the report does not use word for word ("stored" it uses).
  // (Nor of a word it uses in another form: "encrypted", where it says "encrypt"; Porter stems, as usesWord.)
  const used = others.filter((w) => ctx.reportHas(fold(w)) || fold(w).split(' ').every((x) => ctx.usesWord(x)));
  scope = notCertain(ctx, scope, { strays: others.filter((w) => !used.includes(w)), usedStrays: used, content, everywhere: signals.everywhere });
  // "what is us-east-1?", "what is Security?": asked for information; "is S3 excluded?": a bare yes would read
  // as "yes, excluded", so the answer is information, stated plainly.
  // ("what encryption key management services are in scope?": which ones, as information; it was "Yes: KMS",
  // fresh set 46.)
  const which = !signals.yesNo && scope.verdict === 'yes' && (q.words[0] === 'what' || q.words[0] === 'which');
  if ((signals.describe && !signals.yesNo) || signals.negated || which) scope = scope.verdict === 'unknown' ? scope : { ...scope, verdict: 'info' };
  if (signals.programs.length) return otherProgram(ctx, scope, signals.programs);
  // (A period stated in a second question is compared as the period, in withFactsAsked: not the scope's time.)
  const asked = timesAsked(q);
  if (asked.length && !periodStatedBeside(q)) return outsidePeriod(ctx, scope, asked, signals.whole);
  return withFactsAsked(q, scope);
}

/**
 * Services and places asked in questions of their own ("redshift ok? also is ap-south-1 covered", "is CloudTrail in
 * scope and is us-east-2 covered"): each question names services or places, never both, so no service is asked
 * about in a place. Each question is read alone.
 */
/** Words that ask of every criterion at once ("all five TSCs", "every criterion"). */
const ALL_OF = ['all', 'every', 'each', 'five', '5'];
/** Words that put a listed service under a criterion ("is S3 covered for privacy?", "does EC2 meet the privacy criteria?"). */
const UNDER_CRITERIA = ['for', 'against', 'under', 'meet', 'meets', 'with respect to'];

/**
 * "Is S3 covered for all five TSCs?", "Is S3 covered for privacy?": the criteria asked of listed services are the
 * report's, which apply to its whole system: the answer is the criteria's (no, for what the report does not cover),
 * with the services' own scope as a note. It was "Yes" (S3 in scope, "all five TSCs" left unread) and "Partly" (S3
 * in scope beside Privacy not covered). Undefined when the question asks no criterion of a service.
 */
function criteriaOfServices(q: Question): Reply | undefined {
  const services = q.subjects.filter((s): s is Extract<Subject, { type: 'service' }> => s.type === 'service');
  if (services.length === 0 || services.length !== q.named.length) return undefined;
  const named = q.subjects.filter((s): s is Extract<Subject, { type: 'criterion' }> => s.type === 'criterion');
  const every = named.length === 0 && q.signals.kinds.has('criterion') && hasAny(q, ALL_OF);
  if (!every && (named.length === 0 || !hasAny(q, UNDER_CRITERIA) || named.every((c) => c.covered))) return undefined;
  return composeCriteriaOfServices(q.ctx, services.map((s) => s.name), every ? undefined : named, q.signals.kinds, q.signals.negated);
}

/** Every criterion the question names stands right after "for" ("replicated ... for availability"). */
function criteriaAfterFor(q: Question): boolean {
  const criteria = q.subjects.filter((s): s is Extract<Subject, { type: 'criterion' }> => s.type === 'criterion');
  return criteria.length > 0 && criteria.every((c) => has(q, `for ${fold(c.typed)}`));
}

/** Words that join two questions in one sentence ("is CloudTrail in scope and is us-east-2 covered"). */
const QUESTION_JOINS = new Set(['and', 'also', 'plus']);
/** Words that open a question after such a join. */
const JOINED_OPENERS = new Set(['is', 'are', 'does', 'do', 'was', 'were', 'can', 'has', 'have']);

/**
 * Whether tokens [from, to) hold a predicate of their own: a word that is neither filler nor a scope word (what
 * it is said of), then a scope word ("Frankfurt region covered", "DynamoDB in scope").
 */
function holdsPredicate(s: Token[], from: number, to: number): boolean {
  let subject = false;
  for (let k = from; k < to; k++) {
    const w = s[k]!.norm;
    if (SCOPE_WORDS.has(w)) {
      if (subject) return true;
    } else if (!STOPWORDS.has(w)) subject = true;
  }
  return false;
}

/**
 * The question's sentences, and each sentence's questions joined by "and is", "also are" and the like, or by a
 * join between two clauses that each say what is covered ("Frankfurt region covered and DynamoDB in scope?"); never
 * one predicate of two subjects ("is S3 in scope and covered in Frankfurt?" asks of S3 in Frankfurt).
 */
function questionsOf(tokens: Token[]): Token[][] {
  return sentencesOf(tokens).flatMap((s) => {
    const out: Token[][] = [[]];
    let start = 0;
    s.forEach((t, k) => {
      const join = k > 0 && QUESTION_JOINS.has(t.norm);
      if (join && (JOINED_OPENERS.has(s[k + 1]?.norm ?? '') || (holdsPredicate(s, start, k) && holdsPredicate(s, k + 1, s.length)))) {
        out.push([]);
        start = k + 1;
      } else out.at(-1)!.push(t);
    });
    return out.filter((x) => x.length > 0);
  });
}

/** Whether a word is a kind word ("services", "regions", "criteria", "edge"), for counts before one. */
const isKindWord = (w: string) => Object.values(KIND_WORDS).some((set) => set.has(w));

/** Words that refer back to a place an earlier clause named. */
const PLACE_BACK_REFERENCES = new Set(['there', 'it', 'that', 'this', 'same', 'region', 'regions', 'location', 'locations', 'place', 'country', 'city', 'zone', 'site', 'both', 'each', 'those', 'these', 'them', 'either']);
/** Words that refer back to what an earlier sentence named. */
const BACK_REFERENCES = new Set(['it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those', 'both', 'either', 'same', 'one', 'ones', 'each', 'all']);

function servicesAndPlacesApart(q: Question): boolean {
  const sentences = questionsOf(q.tokens);
  if (sentences.length < 2) return false;
  let services = 0;
  let places = 0;
  for (const s of sentences) {
    const { subjects } = resolve(s, q.ctx.lexicon, q.ctx.fuzzy, { allowUnknown: false });
    const service = subjects.some(isServiceSubject);
    const place = subjects.some((x) => x.type === 'location');
    if (service && place) return false;
    // "Is Frankfurt covered and is Connect in scope there?", "... available in that region?": "there" brings the
    // place to the service.
    if (service && !place && s.some((t) => PLACE_BACK_REFERENCES.has(t.norm))) return false;
    // "Is Connect in scope? Is it available in Frankfurt?": "it" brings the service to the place.
    if (place && !service && s.some((t) => BACK_REFERENCES.has(t.norm))) return false;
    // "Is Connect in scope? What about Frankfurt?" may ask Connect's question of Frankfurt: a place is asked apart
    // only with a scope word of its own ("also is ap-south-1 covered").
    if (place && !service && !s.some((t) => SCOPE_WORDS.has(t.norm))) return false;
    services += service ? 1 : 0;
    places += place ? 1 : 0;
  }
  return services > 0 && places > 0;
}

/** Facts about the report that a scope question may ask as well ("is S3 in scope and who audited it?"). */
const FACTS_BESIDE_SCOPE = new Set(['auditor', 'period', 'report_date', 'opinion']);

/** A second yes-or-no question about the report, after a scope question ("Is S3 covered and is the opinion qualified?"). */
const SECOND_YES_NO = / (?:and|also|plus|but) (?:is|are|was|were|did|does|has|have) (?:the|this|it|there|they|its|their|that)\b/u;

/**
 * The scope answer with the notes of the report facts the question also asks for, after its own. Asked as a
 * second yes-or-no question ("Is S3 covered and is the opinion qualified?"), the verdict is both answers': yes and
 * no is partly, and a fact it cannot decide ("... and are there exceptions?") leaves it not sure (both were "Yes").
 */
function withFactsAsked(q: Question, scope: Reply): Reply {
  // (Most scope questions ask no fact: no sentence is resolved again to look for a second question.)
  if (q.signals.facts.length === 0) return scope;
  const second = SECOND_YES_NO.test(q.text) || laterYesNoSentence(q);
  const facts = q.signals.facts.filter((f) => FACTS_BESIDE_SCOPE.has(f) || (second && SECOND_FACTS.has(f)));
  if (facts.length === 0) return scope;
  const asked = composeFacts(q.ctx, facts);
  const notes = [...scope.notes, ...asked.notes];
  if (!second || scope.verdict === 'unknown' || scope.verdict === 'info') return { ...scope, notes };
  // ("... and are there exceptions?": a SOC 3 holds no tests, whatever its opinion; "... and is EY the auditor?": the firm named or not.)
  const findings = q.words.some((w) => REPORT_CONTENTS.findings.has(w));
  // ("Is EC2 covered and is the period May to September 2017?": the period stated, the report's or not; it was taken
  // as the time of the scope question, and a yes.)
  if (periodStatedBeside(q)) {
    const d = q.signals.dates[0]!;
    const same = d.start === q.ctx.report.period.start && d.end === q.ctx.report.period.end;
    const stated = composePeriodIs(q.ctx, d);
    return { ...scope, verdict: same ? scope.verdict : scope.verdict === 'yes' ? 'partial' : scope.verdict, notes: [...scope.notes.filter((n) => n.kind !== 'period'), ...stated.notes] };
  }
  const firm = facts.includes('auditor') && firmNamed(q) ? (ownFirmNamed(q) ? 'yes' : 'no') : undefined;
  const reading = findings || firm ? undefined : factVerdict(q);
  const fact = findings ? 'unknown' : (firm ?? reading?.verdict ?? 'unknown');
  const verdict = fact === 'unknown' || fact === 'info' ? 'unknown' : fact === scope.verdict ? scope.verdict : 'partial';
  return { ...scope, verdict, notes: [...notes, ...(reading?.notes ?? [])] };
}

/** "Is EC2 covered and is the period May to September 2017?": a second question states the period (one time named). */
const periodStatedBeside = (q: Question) => q.signals.dates.length === 1 && / (?:and|also) (?:is|was) (?:the |its )?(?:\w+ )?period /u.test(q.text);

/** Facts a second yes-or-no question may ask beside scope, besides {@link FACTS_BESIDE_SCOPE}. */
const SECOND_FACTS = new Set(['soc_type', 'currency', 'criteria', 'assertion']);

/** A sentence after the first that opens a yes-or-no question and names no service or place of its own ("Is S3 in scope? And was PwC the auditor?"). */
function laterYesNoSentence(q: Question): boolean {
  const sentences = questionsOf(q.tokens);
  return sentences.slice(1).some((s) => {
    const words = s.map((t) => t.norm);
    const at = words[0] === 'and' || words[0] === 'also' ? 1 : 0;
    return ['is', 'are', 'was', 'were', 'did', 'does', 'has', 'have'].includes(words[at] ?? '') && !resolve(s, q.ctx.lexicon, q.ctx.fuzzy, { allowUnknown: false }).subjects.some((x) => x.type !== 'unknown');
  });
}

/** A percentage in the question ("99.99%", "99.9 %"): a figure of a service level. */
const asksPercentage = (q: Question) => q.tokens.some((t, i) => /\d%$/u.test(t.word) || (t.digits && q.tokens[i + 1]?.word === '%'));

/** The question asks about an opinion, assurance or attestation. */
const asksOpinion = (q: Question) => hasAny(q, ['opinion', 'opinions', 'assurance', 'assure', 'attest', 'attestation', 'attested', 'assessed', 'evaluated', 'evaluate', 'examined', 'audited', 'audit']);

/**
 * The topic answer for a practice: a standard's words the report does not use ("Special Publication", "Rev. 1")
 * are how it is cited, not what is asked, and would keep the sentence that cites it ("NIST 800-88") from
 * speaking of enough of the question.
 */
function practiceTopic(q: Question): Reply | undefined {
  if (q.standards.size === 0) return topicOnce(q);
  // (Without what was set aside, as topicWords: a questionnaire row's reference, "ISO 27001 A.11.2.7", names nothing.)
  const words = q.words.filter((w, i) => !q.aside.has(i) && (!q.standards.has(i) || q.ctx.usesWord(w)));
  // A standard's number is several words ("nist 800 88") but one thing asked: a sentence that cites it word for
  // word answers when it speaks of half of the question ("is end-of-life media destroyed according to NIST SP
  // 800-88?" found no sentence speaking of two thirds of seven words).
  const cited = STANDARD_PHRASES.filter((p) => q.words.some((_, i) => p.every((w, j) => q.words[i + j] === w && q.standards.has(i + j)))).map((p) => p.join(' '));
  // At the last, what the report says of the standard itself, when it cites it: "Do you support secure deletion
  // (e.g., degaussing/cryptographic wiping) of archived data? NIST 800-88?" was "does not say".
  const own = cited.filter((c) => q.ctx.reportHas(c));
  return (
    composeTopic(q.ctx, words) ??
    (cited.length ? composeTopic(q.ctx, words, { containing: cited, share: 'half' }) : undefined) ??
    (own.length ? composeTopic(q.ctx, own.join(' ').split(' '), { containing: own }) : undefined)
  );
}

/**
 * Typed like a product's name: every word capitalised or a number ("Foo", "TLS 1.2"), unless every word is a
 * practice's reviewed term (data/aliases/topics.json: "BCP", "DR", "SIEM" are what an organisation does, not
 * products: "Are BCP and DR plans tested annually?" said "No: 0 of 3 in scope").
 */
const productLike = (q: Question, s: Subject) =>
  s.type === 'unknown' && s.typed.split(/\s+/).every((w) => /^[\p{Lu}\d(]/u.test(w)) && !s.typed.split(/\s+/).every((w) => practiceWord(q, fold(w)));

/**
 * "is there a ... process covering security?": something in place, which a trust services criterion never is; the
 * criterion's name is then what the practice is about ("Yes: Security is covered" answered the criterion).
 */
const inPlace = (q: Question) => hasAny(q, ['is there', 'are there']) && q.words.some((w) => PRACTICE_NOUNS.has(w));

/** "is this a SOC 2", "is it really a SOC 1 report", "is this SOC 3 a type 2": what the report is, asked (padded, folded text). */
// ("is this doc a SOC 2 type 2?", "Is the document we have a SOC 2 Type II report?": the document as the asker has it.)
const SOC_LEVEL_ASKED = / (is|was|isn t|wasn t) (this|it|that|the report|this report|(?:the|this|our) (?:document|doc|pdf|file|attachment)(?: we have| we got| you sent| attached| here)?|the attestation|this attestation)( really| actually| exactly)? (a |an |the )?soc ?[123]\b| (is|was) (this|the) soc ?[123]( report)? (a |an )?type\b|^ soc ?[123] (or|vs|versus) soc ?[123] (which|what)( one)? is (this|it)\b/u;

/**
 * A practice asked as something in place ("is there a procedure for ...", "do you have a policy ...") or by its
 * procedures as the subject ("are data disposal procedures applied when storage devices reach end of life?").
 */
const asksPracticeInPlace = (q: Question) =>
  q.words.some((w) => PRACTICE_NOUNS.has(w)) && (hasAny(q, ['is there', 'are there', 'have', 'has']) || q.words[0] === 'are' || q.words[0] === 'is');

/** Words of whether controls were effective ("were controls operating effectively?"), after "controls". */
const EFFECTIVE_WORDS = ['effective', 'effectively', 'effectiveness', 'work', 'working', 'worked', 'operate', 'operating', 'operated'];

/**
 * Asks of the attestation itself: who examined it, the opinion, management's assertion, or whether the controls
 * were effective; those speak for the report's period, and are dated the day the report was signed.
 */
const asksAttestation = (q: Question) => q.signals.facts.some((f) => f === 'auditor' || f === 'opinion' || f === 'assertion') || !!firmNamed(q) || asksControlsEffective(q);

/** A choice between two readings, "..., or on management's assertion?", "or only as of ...": which one, not yes or no. */
const asksWhichOf = (q: Question) => / or (?:on|only|directly|just|merely|rather|instead|as of|at) /u.test(q.text);

/** "were the controls effective?", "did controls operate effectively?". */
const asksControlsEffective = (q: Question) => hasAny(q, ['controls', 'control']) && hasAny(q, EFFECTIVE_WORDS);

/**
 * "did EY sign on 1 Nov 2017?", "was it signed off in 2017?": the times asked, when the question asks when it was
 * dated; not when it asks what the report covers ("does the report cover 30/06/2017? ... at our contract signature
 * date" was "No: the report is dated 26 Oct 2017").
 */
const signedOnDays = (q: Question) => (q.signals.facts.includes('report_date') && !hasAny(q, COVERING_WORDS) && !asksControlsEffective(q) ? q.signals.dates : []);
/** Words that ask what a report covers, not when it was signed. */
const COVERING_WORDS = ['cover', 'covers', 'covered', 'coverage', 'covering', 'in scope', 'include', 'includes', 'included', 'assurance'];

/**
 * A practice asked in words the report partly does not use ("at planned intervals"): the passage that speaks of every
 * one of the words it does use, at least {@link ITEM_WORDS_SPOKEN_OF} of them, with the others named as not
 * mentioned; undefined when a compound the report never uses is asked ("penetration tests") or no passage does.
 */
function itemInOtherWords(q: Question): Reply | undefined {
  // (The words no rule placed: strays, or unknown terms, as the practice rule has them.)
  const among = [...q.strays, ...q.named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean)];
  if (among.length === 0 || unmentionedCompounds(q, among).length) return undefined;
  const runs = unmentionedRuns(q, among);
  if (runs.length === 0) return undefined;
  const unused = new Set(runs.flatMap((r) => fold(r).split(' ')));
  const topic = composeTopic(q.ctx, topicWords(q).filter((w) => !unused.has(w)), { minCovered: ITEM_WORDS_SPOKEN_OF });
  if (!topic) return undefined;
  return { ...topic, notes: [note('unmentioned', `The report does not mention ${joinAnd(runs.map((r) => `“${r}”`), 'or')}; what it says of the rest:`), ...topic.notes] };
}

/**
 * The category a yes-or-no question asks a service to stand under: "a database service", "an analytics service", "in
 * the Management Tools category" (a category of the report), or a criterion's word before "service" ("a security
 * service": the report's category holding that word, "Security & Identity"; none holds "availability", and the word is
 * returned as typed). Undefined when no category is asked.
 */
function categoryAsked(q: Question): { name?: string; typed: string } | undefined {
  const after = (typed: string) => {
    const w = fold(typed).split(' ');
    const at = q.words.findIndex((_, i) => w.every((x, j) => q.words[i + j] === x));
    return at < 0 ? '' : (q.words[at + w.length] ?? '');
  };
  const before = (typed: string) => q.words[q.words.findIndex((x) => x === fold(typed).split(' ')[0]) - 1] ?? '';
  // (After the services: "the contact centre service Amazon Connect" names Connect by its category, and asks scope.)
  const service = Math.max(-1, ...q.named.map((s) => (s.type === 'service' ? indexOfWords(q.words, fold(s.typed)) : -1)));
  // ("are S3 and DynamoDB storage services?": the plural right after the services.)
  const asCategory = (typed: string) => CATEGORY_HEADS.has(after(typed)) && (['a', 'an', 'the'].includes(before(typed)) || after(typed) === 'services') && indexOfWords(q.words, fold(typed)) > service;
  const category = q.categories.find((c) => asCategory(c.typed) || (after(c.typed) === 'category' && before(c.typed) === 'the' && indexOfWords(q.words, fold(c.typed)) > service));
  if (category) return { name: category.name, typed: category.typed };
  const criterion = q.subjects.find((s): s is Extract<Subject, { type: 'criterion' }> => s.type === 'criterion' && asCategory(s.typed));
  if (!criterion) return undefined;
  const holding = q.ctx.report.categories.find((c) => fold(c).split(' ').includes(fold(criterion.name)));
  return holding ? { name: holding, typed: criterion.typed } : { typed: criterion.typed };
}
/**
 * A report's category named before the services, as their kind ("the database service S3", "in the Database category
 * is S3 covered?"); undefined when none is.
 */
function categoryBefore(q: Question): { name?: string; typed: string } | undefined {
  const first = Math.min(...q.named.map((s) => (s.type === 'service' ? indexOfWords(q.words, fold(s.typed)) : Infinity)));
  const category = q.categories.find((c) => {
    const at = indexOfWords(q.words, fold(c.typed));
    const next = q.words[at + fold(c.typed).split(' ').length] ?? '';
    return at >= 0 && at < first && (CATEGORY_HEADS.has(next) || next === 'category');
  });
  return category ? { name: category.name, typed: category.typed } : undefined;
}
/** Where the words of `phrase` (folded) first stand in `words`, or -1. */
function indexOfWords(words: readonly string[], phrase: string): number {
  const w = phrase.split(' ');
  return words.findIndex((_, i) => w.every((x, j) => words[i + j] === x));
}
/** Words after a category's name that make it the kind of a service ("a database service"). */
const CATEGORY_HEADS = new Set(['service', 'services', 'product', 'offering', 'tool']);

/** Management's part in a SOC report (the assertion, the controls themselves), as verbs after the firm's name. */
const MANAGEMENT_VERBS = new Set(['assert', 'asserted', 'asserts', 'operate', 'operated', 'operates', 'design', 'designed', 'implement', 'implemented', 'maintain', 'maintained', 'run', 'ran', 'own', 'owned', 'approve', 'approved', 'write', 'wrote', 'prepare', 'prepared', 'guarantee', 'guaranteed', 'guarantees', 'certify', 'certified']);

/** "did EY assert ...", "did Ernst & Young operate the controls?": the firm named as doing management's part. */
function firmDoesManagementsPart(q: Question): boolean {
  if (!firmNamed(q)) return false;
  const afterFirm = (k: number) => AUDIT_FIRMS.some((f) => f.alias.every((x, j) => q.words[k - f.alias.length + j] === x));
  // ("did EY sign the management assertion?": management signs its own assertion.)
  const signsAssertion = q.words.some((w, k) => (w === 'sign' || w === 'signed') && afterFirm(k)) && hasAny(q, ['management assertion', 'management s assertion', 'the assertion']);
  return signsAssertion || q.words.some((w, k) => MANAGEMENT_VERBS.has(w) && afterFirm(k));
}

/** The countries a count is of: those named, and those inside the count's own words ("5 US regions"). */
function countedPlaces(q: Question, c: CountComparison): Subject[] {
  if (c.kind !== 'region' && c.kind !== 'edge') return [];
  const inside = new Set(c.tokens);
  const within = q.spans
    .filter((span) => inside.has(span.start) && inside.has(span.end - 1) && span.hits.length > 0 && span.hits.every((h) => h.entity.type === 'country' || h.entity.type === 'group'))
    .map((span): Subject => ({ type: 'location', hits: span.hits, typed: span.surface, fuzzy: false }));
  return [...q.named.filter(isCountryNamed), ...within];
}

/** Whether a word inside the count names a place of some kind ("5 Tokyo regions"): then the count is not the report's. */
const placeInsideCount = (q: Question, c: CountComparison) => q.spans.some((span) => c.tokens.includes(span.start) && span.hits.some((h) => h.entity.type !== 'service'));

/** A country or part of the world named ("India", "US", "Europe"), not a city's or a region's own name. */
const isCountryNamed = (s: Subject) => s.type === 'location' && s.hits.length > 0 && s.hits.every((h) => h.entity.type === 'country' || h.entity.type === 'group');

/** How many of an item's words the report uses a passage must speak of, every one, to answer it in other words. */
const ITEM_WORDS_SPOKEN_OF = 3;

/** The reply the rules after `name` give (route's loop from there): for a rule that qualifies another's answer. */
function answerAfter(q: Question, name: string): Reply | undefined {
  for (const rule of RULES.slice(RULES.findIndex((r) => r.name === name) + 1)) {
    if (!rule.when(q)) continue;
    const reply = rule.compose(q);
    if (reply) return reply;
  }
  return undefined;
}

/** The question's folded text (as {@link Question.text}) without its quotations' words. */
function unquotedText(q: Question): string {
  const quoted = quotedPositions(q.tokens);
  return ` ${q.words.filter((_, k) => !quoted.has(k)).join(' ')} `;
}

/** The folded words inside the question's quotations of a questionnaire's length (src/query/normalize.ts), together. */
const quotedWords = (q: Question) => quotations(q.tokens).filter((w) => w.length >= QUOTED_REQUIREMENT_WORDS).flat();

/** The words of the period's boundaries (data/vocabulary/facts.json periodBoundaries): "ends", "beginning". */
const BOUNDARY_WORDS = new Set([...PERIOD_BOUNDARIES.end, ...PERIOD_BOUNDARIES.start].flatMap((p) => p.split(' ')));

/** Words that may stand between "period" and the time it is said to be ("the period covered by the report is ..."). */
const PERIOD_IS_BETWEEN = new Set(['covered', 'by', 'of', 'the', 'this', 'report', 'is', 'was', 'from', 'between', 'examined', 'audited', 'reviewed', 'under', 'review']);
/** Words that may follow the time the period is said to be ("... 30 September 2017, right?"). */
const PERIOD_IS_AFTER = new Set(['right', 'correct', 'exactly', 'inclusive', 'inclusively', 'both', 'dates', 'yes', 'no', 'or', 'not']);
/** Words before "period" that say whose: the report's ("the reporting period", "the audit period"). */
const PERIOD_OWNERS = new Set(['the', 'this', 'its', 'report', 'reports', 's', 'reporting', 'audit', 'audited', 'review', 'examination', 'examined', 'assessment', 'attestation', 'soc', '3', 'coverage', 'covered']);

/**
 * "Is the (reporting) period July 2017?", "Is the report for the period April 1 to June 30, 2017?", "is the period
 * covered by the report Q3 2017?": opens with "is"/"was", names the period, and then, with only the words of
 * {@link PERIOD_IS_BETWEEN} between, the time; not "is July 2017 in the period?".
 */
function statesPeriod(q: Question): boolean {
  if (q.words[0] !== 'is' && q.words[0] !== 'was') return false;
  const first = Math.min(...q.signals.dates[0]!.tokens);
  let k = first - 1;
  while (k > 0 && PERIOD_IS_BETWEEN.has(q.words[k]!) && q.words[k] !== 'period') k--;
  if (q.words[k] !== 'period') return false;
  // Before "period", only whose it is ("the reporting period", "the report for the period").
  for (let j = k - 1; j > 0; j--) if (!PERIOD_OWNERS.has(q.words[j]!) && q.words[j] !== 'for') return false;
  // After the time, nothing that asks of it ("is the period from 1 May to 31 July 2017 covered?" asks whether it is covered).
  const last = Math.max(...q.signals.dates[0]!.tokens);
  return q.words.slice(last + 1).every((w) => PERIOD_IS_AFTER.has(w));
}

/** The kind of engagement a question asks of (facts.json `engagementKinds`): another kind first ("limited assurance"). */
function engagementAsked(q: Question): { phrase: string; other: boolean } | undefined {
  const other = ENGAGEMENT_KINDS.other.find((p) => has(q, p));
  if (other) return { phrase: other, other: true };
  const own = ENGAGEMENT_KINDS.examination.find((p) => has(q, p));
  return own ? { phrase: own, other: false } : undefined;
}

/** The declared routing rules, tried in order; the first whose `when` holds and whose `compose` answers wins. */
export const RULES: Rule[] = [
  {
    name: 'attestation_at_time',
    examples: ['is EY the auditor in 2026?', 'was the opinion unqualified in 2018?', 'did EY sign on November 1, 2017?', 'who was the auditor in 2016?', 'were controls effective in 2018?', 'did EY sign the report on October 26, 2017?', 'did EY sign off in 2017?', 'was it issued in November 2017?', 'did Deloitte sign it in 2017?'],
    // The auditor, the opinion and the assertion are the report's, for its period: "is EY the auditor in 2026?" was
    // "Yes: the independent accountants are Ernst & Young LLP", "was the opinion unqualified in 2018?" a yes, and
    // "were controls effective in 2018?" a "No" (read as the period check: as if they were not). Outside the period
    // the report cannot say; partly inside, a yes holds for the part (outsidePeriod). Asked when it was signed
    // ("did EY sign on November 1, 2017?"), the day is the report's date or not. Within the period, the rules below.
    when: (q) =>
      q.signals.dates.length > 0 &&
      aboutReport(q) &&
      !q.hasCriterion &&
      // (Or asked when it was dated: "was it issued in November 2017?".)
      (asksAttestation(q) || (q.signals.yesNo && q.signals.facts.includes('report_date'))) &&
      !q.signals.facts.some((f) => f === 'period' || f === 'currency' || f === 'age') &&
      q.signals.dates.every((d) => !!d.start && !!d.end),
    compose: (q) => {
      const { report } = q.ctx;
      // Another firm named ("did Deloitte sign it in 2017?") is answered by who signed: no (it was "Yes", by the date).
      if (otherFirmNamed(q)) return composeAuditorNamed(q.ctx, otherFirm(q)!);
      const days = signedOnDays(q);
      if (days.length) {
        const signed = [report.auditor.reportDate, ...(report.assertionDate ? [report.assertionDate] : [])];
        const dated = composeFacts(q.ctx, ['report_date']);
        // (ISO days compare as strings.)
        return { ...dated, verdict: days.every((d) => signed.some((day) => d.start! <= day && day <= d.end!)) ? 'yes' : 'no' };
      }
      if (q.signals.dates.every((d) => relate(d, report.period).relation === 'inside')) return undefined;
      // (Whether controls were effective is the assertion's answer, not the period check's "outside the period".)
      const reply = asksControlsEffective(q) ? composeControlsEffective(q.ctx) : answerAfter(q, 'attestation_at_time');
      return reply && outsidePeriod(q.ctx, reply, q.signals.dates, q.signals.whole);
    },
  },
  {
    name: 'help',
    examples: ['help', 'what can you do?', 'hi'],
    when: (q) => q.spans.length === 0 && q.signals.help && q.subjects.length === 0,
    compose: (q) => composeHelp(q.ctx),
  },
  {
    name: 'organization',
    examples: ['is Amazon Web Services covered?', 'is the Amazon Web Services System in scope?'],
    when: (q) => aboutReport(q) && q.ctx.organizationKeys.some((k) => q.text.includes(` ${k} `)),
    compose: (q) => composeFacts(q.ctx, ['organization']),
  },
  {
    name: 'other_provider_report',
    examples: ['Does Azure have a SOC 3?', 'has Google Cloud got a SOC 2 report?', 'is Azure SOC 2 certified?'],
    // Whether another cloud has a report or attestation: this report cannot say ("No: Azure is not listed in this
    // report" read as a no about Microsoft's own reports).
    when: (q) =>
      q.named.some((s) => s.type === 'unknown' && !!s.provider) &&
      (/ soc ?[123] /u.test(q.text) || q.signals.programs.length > 0 || q.words.some((w) => DOCUMENT_WORDS.has(w))) &&
      hasAny(q, ['have', 'has', 'got', 'get', 'publish', 'publishes', 'issue', 'issued', 'certified', 'certification', 'attested', 'compliant']),
    compose: (q) => composeOtherProviderReport(q.ctx, [...new Set(q.named.flatMap((s) => (s.type === 'unknown' && s.provider ? [s.provider] : [])))]),
  },
  {
    name: 'soc_level',
    examples: ['is this a SOC 2?', 'is this report a SOC 2 type II?', 'is it a SOC 1 report?', 'is this a SOC 3?', 'is this a SOC 3 or a SOC 2?', 'is this SOC 3 a type 2 report?', 'is this the soc 2 or the soc 3', 'soc 2 or soc 3?', 'soc 2 vs soc 3 which one is this'],
    // About the report itself ("is this/it/the report a SOC 2?"), not about the provider ("is AWS SOC 2 compliant?"),
    // nor about anything else named ("is Microsoft 365 covered by this SOC 3?" asks about Microsoft 365: the scope
    // rule answers it; this rule said "Yes: this is a SOC 3 report").
    when: (q) =>
      aboutReport(q) &&
      // "is processing integrity in scope for this SOC 3?" is about the criterion; "was this SOC 3 signed by EY?"
      // about the firm.
      !q.hasCriterion &&
      !firmNamed(q) &&
      !!socLevelOf(q.ctx.report.title) &&
      // "is this SOC 3 the most recent one?" asks whether it is current, which no report can say.
      !q.signals.facts.includes('currency') &&
      // Asked what the report is ("is this a SOC 2?", "is this SOC 3 a type 2 report?"), not something about it
      // ("Are we allowed to distribute this SOC 3 to our end customers?" was "Yes: this is a SOC 3 report").
      // ("soc 2 or soc 3?" asks which one it is, in two words.)
      ((hasAny(q, ['this', 'it', 'that', 'report', 'document', 'the report']) && SOC_LEVEL_ASKED.test(q.text)) || /^ soc ?[123]( report)?( or (a |the )?soc ?[123]( report)?)? $/u.test(q.text)) &&
      // (Outside a questionnaire's quoted item and the asker's "the document we have": "HECVAT asks 'Do you have a SOC 2
      // Type II report?' -- is this doc a SOC 2 type 2?" asks what the document is.)
      !['compliant', 'compliance', 'certified', 'certification', 'have', 'has', 'provide', 'get', 'available'].some((p) => holdsPhrase(unquotedText(q).replace(/ (we|i|you) (have|got) /gu, ' '), p)) &&
      [...q.text.matchAll(/ soc ?([123]) /g)].length > 0,
    compose: (q) => {
      // ("soc 1/2/3?": the levels after one "SOC", listed.)
      const levels = [...new Set([...q.text.matchAll(/ soc ?([123])((?: (?:or |and )?[123])*) /g)].flatMap((m) => [m[1]!, ...m[2]!.split(' ').filter((w) => /^[123]$/u.test(w))]).map(Number))];
      // "is this a SOC 3 or a SOC 2?": which one it is, as information (a bare yes would answer neither).
      const level = levels.find((l) => l === socLevelOf(q.ctx.report.title)) ?? levels[0]!;
      // "is this SOC 3 a type 2 report?": of the report's own level, the type is what is asked.
      if (level === socLevelOf(q.ctx.report.title) && q.signals.facts.includes('soc_type')) return composeFacts(q.ctx, ['soc_type']);
      const reply = composeSocLevel(q.ctx, { name: `SOC ${level}`, level });
      // ("what type of report is this? soc 1/2/3?": which one it is, asked.)
      return levels.length > 1 || hasAny(q, ['what', 'which']) ? { ...reply, verdict: 'info' } : reply;
    },
  },
  {
    name: 'report_is_other_programme',
    examples: ['Is this document an ISO/IEC 27001 certificate?', 'is this report a PCI DSS attestation?', 'is it a FedRAMP authorization?'],
    // Whether the report itself is another programme's document: no, it is what its title says (as "is this a
    // SOC 2?" is answered); "does not address ISO" left the question open.
    when: (q) =>
      q.signals.programs.length > 0 &&
      aboutReport(q) &&
      !q.hasCriterion &&
      [' is this ', ' is it ', ' is the report ', ' is the document '].some((p) => q.text.startsWith(p)) &&
      q.words.some((w) => DOCUMENT_WORDS.has(w)) &&
      !!socLevelOf(q.ctx.report.title) &&
      // ("a PCI DSS Attestation of Compliance" is a document; "is this report PCI compliant?" asks of AWS.)
      !hasAny(q, ['compliant', 'certified', 'have', 'has', 'cover', 'covers', 'include', 'includes', 'mention', 'mentions', 'scope', 'based']),
    compose: (q) => {
      // The kind of document asked about: the last such word ("is the report an ISO 27017 certification?").
      const kind = q.words.filter((w) => DOCUMENT_WORDS.has(w) && w !== 'document').at(-1) ?? 'report';
      return composeReportIsNot(q.ctx, q.signals.programs[0]!, kind);
    },
  },
  {
    name: 'exclusion',
    examples: ['is there a cybersecurity opinion?', 'did EY express an opinion on cybersecurity?', 'does the report give assurance on the cybersecurity risk management program?', 'does it cover cyber security risk management?'],
    // (With another firm named, that is the answer first: "did KPMG give an opinion on cybersecurity?".)
    when: (q) => aboutReport(q) && exclusionsAsked(q).length > 0 && !otherFirmNamed(q),
    compose: (q) => {
      const reply = composeExclusion(q.ctx, exclusionsAsked(q), asksOpinion(q) || hasAny(q, ['is there', 'are there', 'any']));
      // "Does the examination cover AWS' cybersecurity risk management program?": no, expressly. ("does the report
      // cover cybersecurity?" stays information: its Security criterion is covered.)
      // Asked in the negative ("Is it true that the report does not cover the cybersecurity program?"), a "No" would
      // deny what the report says: the passage, as information.
      if (q.signals.negated) return { ...reply, verdict: 'info' };
      return q.signals.yesNo && reply.verdict === 'info' && hasAny(q, ['program', 'programme', 'risk management']) ? { ...reply, verdict: 'no' } : reply;
    },
  },
  {
    name: 'report_contents',
    examples: ["Does the SOC 3 include the auditor's detailed tests?", 'are the test results included?', 'does the report describe the testing performed by EY?', 'is there a list of exceptions found in testing?', 'were any exceptions or deviations noted?'],
    when: (q) => aboutReport(q) && !otherFirmNamed(q) && asksReportContents(q),
    compose: (q) => composeReportContents(q.ctx, q.words.some((w) => REPORT_CONTENTS.findings.has(w))),
  },
  {
    // "are there any exceptions in the report?": exceptions are what tests of controls find, and a SOC 3 holds no
    // tests; "No" (from the clean opinion) would read as "none were found". Asked of the opinion ("any exceptions or
    // qualifications in the opinion?"), the opinion answers (facts).
    name: 'findings_asked',
    examples: ['are there any exceptions in the report?', 'were deviations found?', 'any exceptions?'],
    when: (q) =>
      aboutReport(q) &&
      !otherFirmNamed(q) &&
      q.words.some((w) => REPORT_CONTENTS.findings.has(w)) &&
      !q.words.some((w) => w === 'opinion' || (OPINION_DEPARTS.includes(w) && !REPORT_CONTENTS.findings.has(w)) || OPINION_CLEAN.includes(w)),
    compose: (q) => composeReportContents(q.ctx, true),
  },
  {
    name: 'firm_did_managements_part',
    examples: ['did EY design the controls?', 'did EY approve the controls?', 'did EY sign the management assertion?', 'did EY guarantee the controls?'],
    // Management's part (the assertion, the controls, the description) asked of the report's own accountants: no; they
    // examine and give an opinion. It was information, or "Yes: the accountants are Ernst & Young LLP" (break-it
    // rounds 10 and 11). Whether the controls were effective is controls_effective's.
    when: (q) => aboutReport(q) && !otherFirmNamed(q) && !q.hasCriterion && firmDoesManagementsPart(q) && !hasAny(q, EFFECTIVE_WORDS),
    compose: (q) => {
      const reply = composeAuditorNamed(q.ctx, q.ctx.report.auditor.firm);
      return { ...reply, verdict: 'no', notes: [note('fact', `Management of ${q.ctx.report.serviceOrganization} is responsible for the controls and asserts that they were effective; ${q.ctx.report.auditor.firm} examined that assertion and gives its opinion on it.`), ...reply.notes] };
    },
  },
  {
    name: 'auditor_named',
    examples: ['did KPMG audit it?', 'was the report signed by Deloitte?', 'is EY the auditor?', 'was it audited by PwC?', 'did E&Y perform the examination?', 'EY or deloitte?', 'Was the auditor PwC or KPMG?', 'is the soc 3 from EY or someone else'],
    // With a service named, only a firm other than the report's own changes the answer ("was S3 audited by KPMG?");
    // the report's own firm named in a question for another fact is that fact ("when did EY sign it?").
    // ... and so is a yes/no question whether the firm issued or signed it ("was the report signed by Ernst & Young?"
    // was answered with the dates only).
    // Not a question that asks something else of the firm ("Does the report name the EY engagement partner?"
    // was "Yes: the accountants are EY"), nor a choice between firms ("EY or Deloitte?": which one, as information).
    when: (q) =>
      otherFirmNamed(q) ||
      ((firmsNamed(q) > 1 || hasAny(q, OTHER_FIRM_PHRASES)) && !!firmNamed(q) && hasAny(q, ['or'])) ||
      // (Not of a criterion or another programme: "did EY test Privacy?", "did EY examine HIPAA controls?" were "Yes: the
      // accountants are Ernst & Young LLP", break-it round 10; the criterion's or programme's rule answers.)
      (!!firmNamed(q) && q.signals.yesNo && aboutReport(q) && !q.hasCriterion && q.signals.programs.length === 0 && q.itemOf.length === 0 && onlyFirmWords(q) && q.signals.facts.every((f) => f === 'auditor' || (q.signals.yesNo && f === 'report_date'))),
    compose: (q) => {
      // "EY or Deloitte?", "is it EY or someone else?": which of them, as information, from the report's own firm;
      // "was it PwC or KPMG?": no, neither.
      if ((firmsNamed(q) > 1 || hasAny(q, OTHER_FIRM_PHRASES)) && hasAny(q, ['or'])) {
        const own = composeAuditorNamed(q.ctx, q.ctx.report.auditor.firm);
        return { ...own, verdict: ownFirmNamed(q) ? 'info' : 'no' };
      }
      const reply = composeAuditorNamed(q.ctx, otherFirm(q) ?? firmNamed(q)!);
      // "is AWS certified by EY?": the accountants examine and give an opinion; a SOC 3 is no certification (it was
      // "Yes: the accountants are Ernst & Young LLP", break-it round 10).
      if (reply.verdict === 'yes' && hasAny(q, ['certified', 'certify', 'certifies', 'certification', 'certificate'])) {
        return { ...reply, verdict: 'no', notes: [note('fact', `The accountants examined management's assertion and give an opinion on it; the report is an examination, not a certification.`), ...reply.notes] };
      }
      return reply;
    },
  },
  {
    name: 'engagement_kind',
    examples: ['Does the report provide limited assurance?', 'Is the report an agreed-upon procedures report?', 'is this a review engagement?', 'does the examination give reasonable assurance?'],
    // What kind of engagement the report is: an examination, with reasonable assurance and an opinion. Another kind
    // asked (limited assurance, agreed-upon procedures) is no, from the accountants' own sentence; it was answered
    // with passages that merely share a word ("inherent limitations", "procedures").
    when: (q) => q.signals.yesNo && aboutReport(q) && !q.hasCriterion && engagementAsked(q) !== undefined,
    compose: (q) => {
      const asked = engagementAsked(q)!;
      // The report's own sentence on the kind asked, if it has one ("reasonable, but not absolute, assurance"), else
      // the accountants' on their examination.
      const passage =
        (asked.other ? composeTopic(q.ctx, asked.phrase.split(' '), { containing: [asked.phrase] }) : undefined) ??
        composeTopic(q.ctx, ['perform', 'examination', 'obtain', 'reasonable', 'assurance'], { containing: ['obtain reasonable assurance'] });
      if (!passage) return undefined;
      const lead = asked.other
        ? note('fact', `The report is an examination, which gives reasonable assurance and an opinion, not “${asked.phrase}”.`)
        : note('fact', 'The report is an examination, which gives reasonable assurance and an opinion.');
      return { ...passage, intent: 'report_fact', verdict: asked.other ? 'no' : 'yes', notes: [lead, ...passage.notes] };
    },
  },
  {
    name: 'opinion_limits',
    examples: ['what did the auditors not give an opinion on?', 'what is not covered by the opinion?', 'what does the opinion not cover?'],
    // ("Confirm privacy is not part of the examined criteria" asks about a criterion: the scope rule answers.)
    when: (q) => aboutReport(q) && q.signals.negated && asksOpinion(q) && !q.hasCriterion && q.ctx.report.exclusions.length > 0,
    compose: (q) => composeExclusion(q.ctx, q.ctx.report.exclusions, true, 'info'),
  },
  {
    name: 'controls_effective',
    examples: ['were the controls effective?', 'did the controls operate effectively during the period?', 'were controls operating effectively?', 'were controls effective in June 2017?'],
    // Not for a time of the asker's ("throughout the 12 months preceding this questionnaire"): the assertion speaks of
    // its period only ("Yes: effective throughout 1 Apr – 30 Sep 2017" answered the last 12 months).
    when: (q) =>
      aboutReport(q) &&
      !q.hasCriterion &&
      q.durations.length === 0 &&
      !hasAny(q, ['preceding', 'past', 'last', 'recent', 'recently']) &&
      // (A time within the period is the assertion's: "were controls effective in June 2017?".)
      q.signals.dates.every((d) => !!d.start && !!d.end && d.start >= q.ctx.report.period.start && d.end <= q.ctx.report.period.end) &&
      asksControlsEffective(q),
    // "are these controls still effective today?": whether they are now, which no report can say.
    // "Did EY give an opinion directly on the controls, or on management's assertion?": which of the two, as
    // information (it was "Yes").
    // "did EY operate the controls?", "did EY assert the controls were effective?": management's part, asked of the
    // accountants: no, they give the opinion (it was "Yes: management asserts ...", break-it round 10).
    compose: (q) => {
      if (q.signals.now) return composeFacts(q.ctx, ['currency']);
      if (asksWhichOf(q)) return { ...composeFacts(q.ctx, ['opinion']), verdict: 'info' };
      const reply = composeControlsEffective(q.ctx);
      return reply && firmDoesManagementsPart(q) ? { ...reply, verdict: 'no', notes: [note('fact', `Management, not the accountants, asserts that the controls were effective and is responsible for them; ${q.ctx.report.auditor.firm} gives its opinion on that assertion.`), ...reply.notes] } : reply;
    },
  },
  {
    name: 'carve_out',
    examples: ['is there a carve-out?', 'which subservice organizations are carved out?', 'does the report use the inclusive method?'],
    when: (q) => hasAny(q, ['carve', 'carved', 'carve out', 'carveout', 'carve outs', 'subservice', 'sub service', 'subservices', 'inclusive method', 'carve out method']),
    // ("any carve outs?": asked yes or no without its verb.)
    compose: (q) => composeCarveOut(q.ctx, q.signals.yesNo || q.words[0] === 'any'),
  },
  {
    name: 'user_entity_controls',
    examples: ['are there complementary user entity controls?', 'which CUECs does the report list?', 'what are the customer responsibilities?'],
    when: (q) => REPORT_CONTENTS.userEntityControls.some((p) => has(q, p)),
    compose: (q) => composeUserEntityControls(q.ctx, q.signals.yesNo || q.words[0] === 'any'),
  },
  {
    name: 'other_programme_only',
    examples: ['is AWS PCI compliant?', 'does this cover HIPAA?'],
    when: (q) => q.signals.programs.length > 0 && noNames(q) && !q.hasCriterion,
    compose: (q) => composeOtherProgramOnly(q.ctx, q.signals.programs),
  },
  {
    name: 'quoted_requirement',
    examples: [
      "ISO 27001 A.8.3.2 Disposal of media: 'Media shall be disposed of securely when no longer required, using formal procedures.' how does AWS handle this per the report?",
      "the customer's form says 'Business continuity plans are tested and reviewed at planned intervals' - what does the SOC 3 have on it?",
    ],
    // A questionnaire's requirement quoted word for word, then asked of ("how does AWS handle this?", "does the report
    // support it?"): the requirement is what is asked; its words were strays ("does not say", "formal procedures").
    // The passage that speaks of it, or the rules below (which say the report does not say).
    when: (q) => q.recognised.length === 0 && !q.hasCriterion && quotedWords(q).length > 0,
    // (By the words of the requirement the report uses or has a synonym of: a control's own wording, "ICT readiness",
    // "conflicting duties", is rarely the report's, and two thirds of all its words were never found; two at least.)
    compose: (q) => {
      const words = quotedWords(q).filter((w) => !STOPWORDS.has(w));
      const known = words.filter((w) => q.ctx.usesWord(w) || !!q.ctx.topicSynonym(w));
      return composeTopic(q.ctx, words) ?? (known.length >= 2 ? composeTopic(q.ctx, known, { minCovered: 2 }) : undefined) ?? practiceTopic(q);
    },
  },
  {
    name: 'topic_first',
    examples: ['what about physical security of data centers?', 'how are employees trained?', 'how is availability maintained?'],
    // A fact asked with "how" ("how old is this report?") is that fact, not a topic.
    // (Nor a practice's acronym the report never uses, "pen tests": unmentioned_acronym says so.)
    when: (q) => q.signals.topical && noNames(q) && q.signals.facts.length === 0 && unusedAcronyms(q).length === 0,
    compose: (q) => topicOnce(q),
  },
  {
    name: 'not_about_report',
    examples: ["what's the weather in Paris?"],
    // Places named in a question that is not about scope and carries other words.
    when: (q) =>
      !q.asksScope && !q.signals.count && q.signals.kinds.size === 0 && q.strays.length > 0 && q.named.length > 0 && q.named.every((s) => s.type === 'location'),
    compose: (q) => composeUnknown(q.ctx),
  },
  {
    name: 'count_compared',
    examples: ['does the report cover more than 10 regions?', 'are exactly 51 services in scope?', 'more than 100 services covered?', 'at least 40 edge locations?'],
    // A count compared with a number ("more than 10 regions") is the report's own list counted: yes or no. It was
    // "does not say" (issue 9's quantities). Only of the report itself, nothing else named.
    when: (q) => {
      const c = readCountComparison(q.words);
      // (Not negated, "are there not more than 10 regions?"; not of a time, "15 regions covered in 2016?"; not two
      // counts at once, "15 regions and 50 edge locations?": break-it round 11.)
      if (!c || q.signals.negated || q.signals.dates.length > 0 || readCountComparison(q.words.slice(c.tokens.at(-1)! + 1))) return false;
      // (Nor a whole the report does not have: "2 of the 3 Canadian edge locations"; "3 of the 5 TSC" is its own.)
      if (c.of !== undefined && !(c.kind === 'criterion' && c.of === q.ctx.report.criteria.length)) return false;
      // (The comparison's own words, "more", may stand as an unknown term: they are the comparison's.)
      const own = new Set(c.tokens.map((k) => q.words[k]!));
      // Or of countries and parts of the world ("does India have 2 edge locations?", "5 US regions"): those there.
      const places = (c.kind === 'region' || c.kind === 'edge') && q.named.length > 0 && q.named.every(isCountryNamed);
      // (A place inside the count, "5 US regions", is counted in; any other place or name, and it is not this rule's.)
      const inside = countedPlaces(q, c).length > 0;
      return (places || (q.named.every((s) => s.type === 'unknown' && fold(s.typed).split(' ').every((w) => own.has(w))) && (inside || !placeInsideCount(q, c)))) && !namesOtherOnce(q);
    },
    compose: (q) => composeCountCompared(q.ctx, readCountComparison(q.words)!, countedPlaces(q, readCountComparison(q.words)!)),
  },
  {
    name: 'zone_count',
    examples: ['how many AZs does it cover', 'how many availability zones are there?', 'number of availability zones in scope?'],
    // The report names Availability Zones but counts only regions and edge locations: "15 regions" answered a
    // question about zones.
    when: (q) => q.signals.count && hasAny(q, ZONE_PHRASES) && q.named.every((s) => s.type === 'location'),
    compose: (q) => composeZoneCount(q.ctx, ZONE_PHRASES),
  },
  {
    name: 'whole_report_fact_with_names',
    examples: ['were there exceptions for S3?'],
    // The opinion is the whole report's.
    // ("Is KMS included in the system covered by the auditor's opinion?" asks its scope: the scope answer, with the
    // opinion beside it.)
    when: (q) => q.signals.facts.includes('opinion') && q.recognised.length > 0 && !q.signals.scope,
    compose: (q) => composeFacts(q.ctx, ['opinion']),
  },
  {
    name: 'period_is',
    examples: ['Is the reporting period Apr-Jun 2017?', 'Is the report for the period April 1, 2017 to June 30, 2017?', 'Is the audit period July 2017?', 'Is the period April 1, 2017 to March 31, 2018?', 'is the period 1 April 2017 to 30 September 2017?'],
    // The period stated as what it is ("is the audit period July 2017?"), not a time asked of it ("is July 2017 in
    // the period?", "is July 2017 covered?"): the report's period or not.
    when: (q) => q.signals.dates.length === 1 && !!q.signals.dates[0]!.start && q.named.length === 0 && !q.hasCriterion && statesPeriod(q),
    compose: (q) => composePeriodIs(q.ctx, q.signals.dates[0]!),
  },
  {
    name: 'period_boundary',
    examples: ['Was the report for the period ending September 30, 2017?', 'is this the report for the period ended June 30, 2017?', 'does the period begin on April 1, 2017?', 'Does the period end in August 2017?', 'Does the period start in May 2017?'],
    // "the period ending 30 Jun 2017" names a report by its last day: a day inside this period is not that (it was
    // "not sure", and would have been "Yes: falls within the period").
    // (A month or other span too: "does the period end in August 2017?" was "Yes: August 2017 falls within the period".)
    // (The boundary's own word is no name: "Does the report period end on September 30, 2017?" read "end" as one.)
    when: (q) =>
      q.signals.dates.length === 1 &&
      !!q.signals.dates[0]!.start &&
      q.named.every((s) => s.type === 'unknown' && BOUNDARY_WORDS.has(fold(s.typed))) &&
      !q.hasCriterion &&
      periodBoundary(q) !== undefined,
    compose: (q) => composePeriodBoundary(q.ctx, q.signals.dates[0]!, periodBoundary(q)!),
  },
  {
    name: 'period_choice',
    examples: ['Is this the FY2017 or FY2018 SOC 3?', 'is Q1 or Q2 2017 covered?', 'does it cover H1 or H2 2017?'],
    // A choice between times ("the FY2017 or FY2018 SOC 3?", a numeric date read both ways: "09/10/2017") asks which
    // one the report is of: information, each time compared with the period, not "Partly" (one is partly inside, the
    // other outside).
    when: (q) => q.signals.dates.length >= 2 && q.named.length === 0 && !q.hasCriterion && has(q, 'or') && q.signals.facts.every((f) => f === 'period' || f === 'report'),
    // (Every choice inside is a yes, every one outside a no: whichever was meant.)
    compose: (q) => {
      const reply = composePeriodCheck(q.ctx, q.signals.dates, q.signals.whole);
      return reply.verdict === 'yes' || reply.verdict === 'no' ? reply : { ...reply, verdict: 'info' };
    },
  },
  {
    name: 'period_of_report',
    examples: ['is it the Q3 2017 report?', 'is this the H1 2017 SOC 3?'],
    // "is this the Q3 2017 report?" asks whether this report is that one: a period that holds Q3 and more is not
    // ("Yes: Q3 2017 falls within the report's period" said it was). Only the very period is a yes; outside, no.
    when: (q) => q.signals.dates.length > 0 && q.named.length === 0 && !q.hasCriterion && datedReportAsked(q),
    compose: (q) => {
      const reply = composePeriodCheck(q.ctx, q.signals.dates, q.signals.whole);
      const { start, end } = q.ctx.report.period;
      const exact = q.signals.dates.every((d) => d.start === start && d.end === end);
      return reply.verdict === 'no' || (reply.verdict === 'yes' && exact) ? reply : { ...reply, verdict: 'info' };
    },
  },
  {
    name: 'period_check',
    examples: ['is Q1 2017 covered?', 'Is the report valid as of September 30, 2017?', 'Were controls in effect on July 4, 2017?', 'what about H1 2018?', 'does the report cover the whole of 2017?', 'are April, May and June 2017 covered?', 'does it cover the first half of 2017?', 'is May–Aug 2017 in the period?', 'does the report cover all of 2017?', 'is June 2017 covered?', 'was it in effect in 2016?'],
    when: (q) =>
      q.signals.dates.length > 0 &&
      // Nothing named at all: "was Foo in scope in June 2017?" is about Foo, not about June.
      q.named.length === 0 &&
      !q.hasCriterion &&
      // Asked as scope ("is Q1 2017 covered?"), of the period ("is May 2017 in the period?"), or with nothing but
      // the dates ("what about H1 2018?"); not "since 2006".
      // "Is the report valid as of September 30, 2017?" asks about that day, which the period holds or not.
      // So is "were controls in effect on July 4, 2017?": a day asked of it.
      // So is "was it in effect in 2016?", "was the report valid in June 2017?": a time asked of it in the past tense,
      // not whether it is still current ("is it still valid in 2026?").
      // (Not a bridge letter "for after 30 Sept 2017": whether one exists, which the report cannot say.)
      !hasAny(q, ['bridge letter', 'bridge letters', 'gap letter']) &&
      q.signals.facts.every((f) => f === 'period' || (f === 'currency' && (hasAny(q, ['as of']) || q.signals.dates.every((d) => d.kind === 'day') || (q.words[0] === 'was' && !q.signals.now && !hasAny(q, ['still']))))) &&
      (q.signals.scope || q.signals.facts.includes('period') || q.signals.facts.includes('currency') || (q.subjects.length === 0 && q.strays.length === 0)),
    compose: (q) => composePeriodCheck(q.ctx, q.signals.dates, q.signals.whole),
  },
  {
    name: 'criterion_number',
    examples: ['is A1.2 covered?', 'is C1.1 covered?', 'is CC6.1 in scope?', 'is P4.2 covered?', 'Is S3 covered under CC6.1?'],
    // A criterion by its number ("A1.2") is one of its category's criteria: the category's coverage answers, as
    // information (the report names the categories it was examined against, not each criterion by number), and
    // no for a category it does not cover. It was "A1.2 is not listed in this report" and "does not address SOC 2".
    when: (q) => q.criterionIds.length > 0,
    compose: (q) => {
      const reply = scopeAnswer(q);
      // Never a yes: the report cannot confirm a criterion by its number (nor that the number is one of the edition it
      // cites: "CC9.2" is of the 2017 criteria only, "A1.4" of none); a category it does not cover is a no.
      const reading = note('reading', `The report names the trust services categories it was examined against, not each criterion by number: it reads ${joinAnd(q.criterionIds.map((c) => `“${c.typed}” as one of the ${c.name} criteria`))}, but cannot confirm the criterion itself.`);
      return reply.verdict === 'yes' || reply.verdict === 'info' ? { ...reply, verdict: 'unknown', notes: [reading, ...reply.notes] } : { ...reply, notes: [...reply.notes, reading] };
    },
  },
  {
    name: 'only_criteria',
    examples: ['Is security the only principle in scope?', 'does the report only cover security?', 'is it security only?', 'security-only?', 'Only security covered?', 'Is this audit limited to security?'],
    // Whether the criteria asked are all the report covers: "Yes: Security is covered" answered "is security the
    // only principle in scope?" with a yes the report contradicts (it covers Availability and Confidentiality too).
    // ("Is confidentiality covered as well, or only security?" asks about confidentiality: the scope rule answers.)
    // (Asked without its verb too: "security-only?", "Only security covered?".)
    when: (q) =>
      (q.signals.yesNo || q.signals.scope || q.words.length <= 3) &&
      !q.signals.negated &&
      q.hasCriterion &&
      q.named.length === 0 &&
      hasAny(q, ['only', 'solely', 'exclusively', 'limited to', 'restricted to']) &&
      !hasAny(q, ['not only', 'or only', 'or just', 'or solely']),
    compose: (q) => {
      const asked = new Set(q.subjects.flatMap((s) => (s.type === 'criterion' ? [s.name] : [])));
      const covered = q.ctx.report.criteria.filter((c) => c.covered).map((c) => c.name);
      const reply = composeFacts(q.ctx, ['criteria']);
      return { ...reply, intent: 'criteria_scope', verdict: covered.length === asked.size && covered.every((c) => asked.has(c)) ? 'yes' : 'no' };
    },
  },
  {
    name: 'criterion_asked_of_report',
    examples: ['Are the Privacy trust services criteria included in the examination?', 'Does the report address the Availability criteria?', 'Does it cover the Security criteria?', 'security tsc in scope?'],
    // A yes/no question naming a criterion beside the report's words for criteria or its examination asks whether
    // that criterion is covered: yes or no, not the list of criteria as information.
    // ("security tsc in scope?": asked yes or no without its verb.)
    when: (q) => (q.signals.yesNo || q.signals.scope) && q.hasCriterion && q.named.length === 0 && q.signals.facts.length > 0 && q.signals.facts.every((f) => f === 'criteria' || f === 'report' || f === 'opinion'),
    compose: (q) => {
      // "was the opinion qualified for availability?": of criteria it covers, what the opinion is ("No: unmodified");
      // it was "Yes: Availability is covered", a false yes (break-it round 10). Of one it does not cover, that.
      const criteria = q.subjects.filter((s): s is Extract<Subject, { type: 'criterion' }> => s.type === 'criterion');
      const departs = hasAny(q, OPINION_DEPARTS);
      const clean = hasAny(q, OPINION_CLEAN);
      if (q.signals.facts.includes('opinion') && departs !== clean && q.ctx.report.opinion.unmodified && criteria.length > 0 && criteria.every((c) => c.covered)) {
        const opinion = composeFacts(q.ctx, ['opinion']);
        const given = q.ctx.report.criteria.filter((c) => c.covered).map((c) => c.name);
        return { ...opinion, verdict: departs ? 'no' : 'yes', notes: [...opinion.notes, note('fact', `It is given on the criteria for ${joinAnd(given)}, ${joinAnd(criteria.map((c) => c.name))} among them.`)] };
      }
      return scopeAnswer(q);
    },
  },
  {
    name: 'where_report_done',
    examples: ['where is the report published?', 'what city was the report signed in?', 'where was the report issued?'],
    // Where the report was signed, issued or published: it does not say (its date answered "where").
    when: (q) => q.signals.facts.includes('report_date') && noNames(q) && (q.words[0] === 'where' || hasAny(q, ['what city', 'which city', 'in which city', 'what country', 'which country', 'what location', 'which location'])),
    compose: (q) => {
      const dates = composeFacts(q.ctx, ['report_date']);
      return { ...dates, verdict: 'unknown', notes: [note('unmentioned', `The ${q.ctx.report.title} does not say where it was signed, issued or published.`), ...dates.notes] };
    },
  },
  {
    name: 'part_speaks_of',
    examples: ['What does the auditor say about projecting results to future periods?', 'Does the opinion mention inherent limitations?', 'what do the accountants say about future periods?'],
    // What a part of the report (the accountants, the opinion, the assertion) says about a thing: the sentences on
    // it, not the part's fact ("the independent accountants are Ernst & Young LLP" answered what they say about
    // projections). Declines when no sentence speaks of it: the fact answers.
    when: (q) =>
      q.signals.facts.length > 0 &&
      q.signals.facts.every((f) => PART_FACTS.has(f)) &&
      noNames(q) &&
      q.named.length > 0 &&
      q.named.every((s) => s.type === 'unknown' && !asName(q, s)) &&
      hasAny(q, SPEAKS_OF_PHRASES),
    compose: (q) => topicOnce(q),
  },
  {
    name: 'what_auditor_did',
    examples: ['what are the inherent limitations the auditors list?', 'what limitations do the accountants list?'],
    // What the accountants did or say, in plain words beside them: the sentence of their report that holds every one
    // of those words, not who they are (it was "The independent accountants are Ernst & Young LLP"). Declines when
    // none does: the fact answers.
    when: (q) =>
      q.signals.facts.length > 0 &&
      q.signals.facts.every((f) => f === 'auditor') &&
      noNames(q) &&
      !['who', 'whom', 'whose', 'which'].includes(q.words[0] ?? '') &&
      [...q.strays, ...q.named.map((s) => (s.type === 'unknown' && !asName(q, s) ? s.typed : ''))].filter(Boolean).length > 0,
    // (Asked for a list of them, "what are the inherent limitations ...", the sentences that speak of most of it.)
    compose: (q) => topicOnce(q, true) ?? (q.signals.list ? topicOnce(q) : undefined),
  },
  {
    name: 'facts',
    examples: ['who audited it, and for which period?', 'is this the latest report?', 'what is the opinion?', 'what did management assert?', 'is the opinion qualified?', 'Did AWS management provide a written assertion?'],
    // The report named by its kind beside a criterion ("is privacy covered by this SOC 3 report?") asks about the
    // criterion.
    when: (q) =>
      q.signals.facts.length > 0 &&
      aboutReport(q) &&
      !asksOtherThing(q) &&
      // ("How many months long is the examination period?" counts the period's own time.)
      (!countsTime(q) || q.signals.facts.includes('period')) &&
      !(q.signals.describe && q.hasCriterion && !q.signals.facts.includes('criteria')) &&
      !factsOfCriterion(q) &&
      // "were contingency plans tested during the period?" asks about the plans; the period only says when.
      !(q.signals.yesNo && q.named.length > 0 && q.signals.facts.every((f) => f === 'period')),
    compose: (q) => {
      // ("How many months long is the period?" counts months, not the services in scope.)
      const reply = composeFacts(q.ctx, countsTime(q) ? q.signals.facts.filter((f) => f !== 'counts') : q.signals.facts);
      const reading = factVerdict(q);
      // ("Did management assert ... for processing integrity?": "No" above the assertion's own line would contradict it.)
      return reading ? { ...reply, verdict: reading.verdict, notes: reading.lead ? [...reading.notes, ...reply.notes] : [...reply.notes, ...reading.notes] } : reply;
    },
  },
  {
    name: 'services_under_criteria',
    examples: ['Which services are covered for Privacy?', 'Which services are covered for security?', 'list the services in scope for availability'],
    // A list of services asked under a criterion: the report's criteria apply to its whole system, so every listed
    // service for a criterion it covers, and none for one it does not ("Which services are covered for Privacy?"
    // listed all 51 as in scope; "... for security?" listed the 8 of the category Security & Identity).
    when: (q) => (q.signals.list || q.signals.count) && q.signals.kinds.has('service') && q.named.length === 0 && criteriaAfterFor(q),
    compose: (q) =>
      composeServicesUnderCriteria(
        q.ctx,
        q.subjects.filter((s): s is Extract<Subject, { type: 'criterion' }> => s.type === 'criterion'),
        q.signals.kinds,
        q.signals.count,
      ),
  },
  {
    name: 'counts',
    examples: ['how many services are covered?'],
    // ("Within how many hours will customers be notified?" counts hours, which the report does not state.)
    // (Nor a count of a thing the report never counts, "how many pages is the report?": that is not mentioned.)
    when: (q) => q.signals.count && aboutReport(q) && q.categories.length === 0 && [...q.signals.kinds].every((k) => k === 'service') && !countsTime(q) && !q.named.some((s) => s.type === 'unknown' && !s.nameLike && !q.ctx.usesWord(fold(s.typed))),
    compose: (q) => composeFacts(q.ctx, ['counts']),
  },
  {
    name: 'category_is',
    examples: ['is S3 a database service?', 'is Amazon Inspector in the Management Tools category?', 'is Cognito a security service?', 'is Lambda a compute service?'],
    // Whether a service stands under a category: the report's heading, yes or no. It was "Yes: S3 (Storage) is in
    // scope" to "is S3 a database service?", and "a security service" read the criterion Security as a second thing
    // covered (break-it round 10).
    // ("are S3 and DynamoDB storage services?": each of them; "are KMS and Cognito security services?" too.)
    when: (q) => q.signals.yesNo && q.named.length > 0 && q.named.every((s) => s.type === 'service') && !!(categoryAsked(q) ?? categoryBefore(q)),
    compose: (q) => {
      const services = q.named as Extract<Subject, { type: 'service' }>[];
      const asked = categoryAsked(q);
      if (asked) return composeCategoryIs(q.ctx, services, asked);
      // "is the database service S3 in scope?": a category before the name is how the asker knows it; when it is the
      // report's, the scope rule answers; when not, the yes would be about a service mislabelled (it was "Yes: S3 is
      // in scope", break-it round 11): not sure, naming the category it stands under.
      const reply = composeCategoryIs(q.ctx, services, categoryBefore(q)!);
      return reply.verdict === 'yes' ? undefined : { ...reply, verdict: 'unknown' };
    },
  },
  {
    name: 'category_of',
    examples: ['what category is Lambda in?', 'which category does DynamoDB belong to?', 'what type of service is Amazon Redshift?'],
    when: (q) =>
      q.signals.kinds.has('category') &&
      (has(q, 'what') || has(q, 'which')) &&
      q.recognised.length > 0 &&
      q.named.every((s) => s.type === 'service'),
    compose: (q) => composeCategoryOf(q.ctx, q.named),
  },
  {
    name: 'fill_form',
    examples: ['can u fill out the whole CAIQ for me by 5pm', 'can you complete this questionnaire for us?'],
    // A whole questionnaire is the batch command's, not a chat's: it was "No: fill and 5pm are not listed".
    when: (q) => hasAny(q, FILL_FORM_PHRASES) && hasAny(q, ['questionnaire', 'questionnaires', 'caiq', 'sig', 'hecvat', 'vsaq', 'form', 'sheet', 'spreadsheet', 'survey', 'rfp', 'rfi', 'whole', 'all of it']),
    compose: (q) => composeFillForm(q.ctx),
  },
  {
    name: 'own_compliance',
    examples: ["can you just tell me if we're compliant", 'does this make us compliant?', 'are we compliant if we use AWS?'],
    // Whether the asker is compliant, not what the report covers: it listed the 51 services in scope.
    when: (q) => hasAny(q, OWN_COMPLIANCE_PHRASES),
    compose: (q) => composeOwnCompliance(q.ctx),
  },
  {
    name: 'advice',
    examples: ['which database should I use?', "what's the best database for a student records system?", 'is DynamoDB better than RDS?', 'which storage service do you recommend?'],
    // A recommendation or a comparison is not what a report says: "which database should I use?" listed the
    // Database category as if asked which are in scope. ("best practices" is a practice, not advice.)
    when: (q) => hasAny(q, ADVICE_PHRASES) && !hasAny(q, ['best practice', 'best practices']) && q.signals.facts.length === 0,
    compose: (q) => composeAdvice(q.ctx),
  },
  {
    name: 'service_level',
    examples: ['what is the SLA for S3?', "what's the availability SLA of DynamoDB?", 'what is the RTO for RDS?', 'is there an uptime SLA?', 'does AWS guarantee 99.99% availability?'],
    // Only services (listed or not) beside the service-level words: "is S3 in Paris, with its SLA, covered?" is scope.
    // A percentage is a service level too, even of a criterion's word ("99.99% availability" was "99 availability:
    // not listed").
    when: (q) =>
      (q.words.some((w) => SERVICE_LEVEL_WORDS.has(w)) || asksPercentage(q)) && q.named.every((s) => s.type !== 'location') && (!q.hasCriterion || asksPercentage(q)),
    compose: (q) =>
      composeServiceLevel(
        q.ctx,
        [...new Set(q.named.flatMap((s) => (s.type === 'service' ? [s.name] : s.type === 'unknown_variant' ? [s.of] : [])))],
        [...new Set(q.named.flatMap((s) => (s.type === 'unlisted' ? [s.name] : [])))],
      ),
  },
  {
    name: 'description',
    examples: ['what is Amazon Cognito?', 'does the report say what Amazon Connect is?'],
    // "is API Gateway included in the system description?" asks scope: the description is where the report lists it.
    when: (q) =>
      q.signals.describe &&
      (!(q.signals.yesNo && q.signals.scope) || hasAny(q, ['say what', 'says what', 'explain what', 'describe what'])) &&
      q.recognised.length > 0 &&
      q.named.every((s) => ['service', 'unlisted', 'unknown_variant', 'ambiguous', 'unknown'].includes(s.type)),
    compose: (q) => composeDescription(q.ctx, q.named),
  },
  {
    name: 'no_exclusions',
    examples: ['what is excluded?', 'which services are not in scope?', "what's out of scope?", 'what is not covered by the report?', 'are there any exclusions?', "what isn't covered?", 'is anything NOT covered?'],
    when: (q) =>
      q.named.length === 0 &&
      !q.hasCriterion &&
      q.categories.length === 0 &&
      q.signals.negated &&
      (q.signals.list || q.signals.describe || hasAny(q, ['is there', 'are there', 'any', 'anything', 'something'])) &&
      !q.signals.topical,
    compose: (q) => composeNoExclusions(q.ctx),
  },
  {
    name: 'list',
    examples: ['which database services are covered?', 'edge locations in Japan?', 'which regions are covered?', 'Are any locations in Japan covered?', 'Bahrain region?'],
    when: (q) => {
      const placesOnly =
        q.named.length > 0 && q.named.every((s) => s.type === 'location' && s.hits.some((h) => h.entity.type === 'country' || h.entity.type === 'group'));
      // "Are any locations in Japan covered?": whether there are some, so which ones.
      const anyOf = placesOnly && q.words.includes('any') && (q.signals.kinds.has('place') || q.signals.kinds.has('edge') || q.signals.kinds.has('region'));
      const listish = q.signals.list || q.signals.count || anyOf || (placesOnly && (q.signals.kinds.has('edge') || q.signals.kinds.has('region')) && !q.signals.scope);
      // ("Is Kuala Lumpur in the edge location list?" asks whether that city is: the scope rule answers.)
      const namedPlaceAsked = q.signals.yesNo && q.named.length > 0 && !placesOnly;
      // ("Are all US regions covered?" asks whether every one is: the scope rule names the one that is not, where the
      // list of those covered read as a yes, break-it round 8.)
      const allAsked = q.signals.yesNo && placesOnly && hasAny(q, ['all', 'every', 'each']);
      return listish && !namedPlaceAsked && !allAsked && !q.named.some((s) => s.type !== 'location') && (listCategories(q).length > 0 || q.signals.kinds.size > 0);
    },
    compose: (q) => {
      const reply = composeList(q.ctx, { categories: listCategories(q), subjects: q.named, kinds: q.signals.kinds, count: q.signals.count });
      // "Does the report cover any locations in Switzerland?", "Bahrain region?", "any region in Bahrain?": none, so
      // no. ("Which regions are in Bahrain?" asks for the list, and the empty list is the information.)
      const whether = (q.signals.yesNo && q.words.includes('any')) || (!q.signals.list && !q.signals.count);
      // "does it cover all five TSCs?": the criteria, and whether all of them are covered.
      const reading = reply?.intent === 'report_fact' ? factVerdict(q) : undefined;
      if (reply && reading) return { ...reply, verdict: reading.verdict, notes: [...reply.notes, ...reading.notes] };
      // "Are all AWS services covered by this report?", "are all regions covered?": no, only those it lists (the list
      // of them read as a yes, fresh set 43). Not of a category or a place named ("are all database services ...").
      // (Not of the report's own list: "Are all the listed services covered?" asks of those it lists: yes.)
      const ownList = hasAny(q, ['listed', 'on the list', 'in the list', 'these', 'those', 'mentioned', 'named', 'in the report', 'in this report', 'in the soc 3']);
      const everyOne = q.signals.yesNo && hasAny(q, ['all', 'every']) && !ownList && q.named.length === 0 && listCategories(q).length === 0 && (q.signals.kinds.has('service') || q.signals.kinds.has('region'));
      // ("Are all 51 services in scope?": the report's own count named, so every one it lists: as information.)
      const counted = q.words.some((w, k) => /^\d+$/u.test(w) && (q.words[k - 1] === 'all' || q.words[k - 1] === 'the'));
      if (reply && everyOne && !counted && reply.verdict === 'info') {
        return { ...reply, verdict: 'no', notes: [note('fact', `The report names what is in scope, not all of ${q.ctx.report.serviceOrganization}'s ${q.signals.kinds.has('service') ? 'services' : 'regions'}: only those it lists.`), ...reply.notes] };
      }
      return reply && whether && reply.verdict === 'info' && reply.items.length === 0 ? { ...reply, verdict: 'no' } : reply;
    },
  },
  {
    name: 'category_list',
    examples: ['database services?', 'Analytics'],
    // (Not a practice asked of a category, "is the database encrypted?": a topic, not the category's list.)
    when: (q) => q.categories.length > 0 && q.named.length === 0 && (q.strays.length === 0 || q.signals.list || q.signals.count),
    compose: (q) => composeList(q.ctx, { categories: q.categories.map((c) => c.name), subjects: [], kinds: new Set(['service']), count: q.signals.count }),
  },
  {
    name: 'unmentioned_acronym',
    examples: ['Do you use a SIEM for security monitoring?', 'HECVAT: are data centers monitored by CCTV?', 'is MFA required for admins?', 'Are CCTV cameras at data centers?', 'Do the data centers have 24x7 CCTV and security guards?'],
    // A practice named by its acronym (question-words.json practiceAcronyms) that the report never uses: it does
    // not mention it, whatever else of the question its sentences speak of ("security monitoring" found the
    // third parties' periodic reviews for "Do you use a SIEM ...?").
    when: (q) => noNames(q) && !q.hasCriterion && unusedAcronyms(q).length > 0,
    compose: (q) => composeNotMentioned(q.ctx, unusedAcronyms(q)),
  },
  {
    name: 'unstated_duration',
    examples: ['Are logs retained for at least one year?', 'are audit logs kept for 90 days?', 'Is log data retained for a minimum of 12 months?'],
    // How long something is kept or done, which the report does not state: said so with the length asked, never a
    // sentence about the thing without it (nor "90" as a service not listed).
    // ("Is the examination period six months or twelve?" asks how long the report's period is: a fact.)
    when: (q) => noNames(q) && !q.hasCriterion && q.durations.length > 0 && (q.signals.yesNo || q.signals.topical) && q.durations.every((d) => !q.ctx.reportHas(fold(d))) && !q.signals.facts.includes('period'),
    compose: (q) => composeNotMentioned(q.ctx, q.durations),
  },
  {
    name: 'practice',
    examples: ['Are BCP and DR plans tested annually?', 'CAIQ BCR-02: Are business continuity plans subject to testing at planned intervals or upon significant organizational or environmental changes?', 'Is there a new hire onboarding process covering security?', 'Are retired disks wiped in line with NIST SP 800-88?', 'Is there a procedure for the secure destruction of data on storage media at end of life?', 'Are decommissioned drives destroyed per DoD 5220.22-M?', 'Are media disposal procedures followed when storage devices reach end of life?'],
    // A practice asked by the standard it follows, or as something in place ("is there a procedure for ..."): the
    // standard's number and the plain words are not services ("No: 0 of 2", "storage media is not listed").
    // Never "no": the sentences that speak of it, or the report does not say. A product-like name ("Amazon Foo")
    // keeps its scope answer.
    when: (q) => noNames(q) && (!q.hasCriterion || inPlace(q)) && (q.standards.size > 0 || asksPracticeInPlace(q)) && q.named.every((s) => s.type === 'unknown' && !s.provider && !s.place && !productLike(q, s)),
    compose: (q) => {
      // A standard the report never cites ("NIST 800-53", where it cites NIST 800-88) is what it does not mention: a
      // sentence on another standard does not answer it.
      // (By its first two numbers when its words differ: "NIST SP 800-88 r1" is the report's "NIST 800-88".) Only when
      // the standard is all that is asked: "are drives destroyed per DoD 5220.22-M?" asks a practice the report
      // describes.
      const numbers = (t: string) => fold(t).split(' ').filter((w) => /\d/.test(w)).slice(0, 2).join(' ');
      const uncited = standardRuns(q).filter((t) => !q.ctx.reportHas(fold(t)) && !(numbers(t) && q.ctx.reportHas(numbers(t))));
      if (uncited.length > 0 && q.named.length === 0 && q.strays.length === 0) return composeNotMentioned(q.ctx, uncited);
      const topic = practiceTopic(q);
      // Asked yes or no of a standard the report never cites ("Does AWS use DoD 5220.22-M for data wiping?"), the
      // passage on the practice is what the report says, not a yes: it read as one (break-it round 7).
      if (topic && uncited.length > 0 && q.signals.yesNo) {
        return { ...topic, verdict: 'unknown', notes: [note('unmentioned', `The report does not cite ${joinAnd(uncited.map((u) => `“${u}”`))}; what it says of the practice:`), ...topic.notes] };
      }
      // (In a questionnaire's own words, "at planned intervals or upon significant organizational or environmental
      // changes": what the report says of the rest, fresh set 44.)
      return topic ?? itemInOtherWords(q) ?? notMentioned(q, q.named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean));
    },
  },
  {
    name: 'practice_at_places',
    examples: ['Do the data centers have security guards?', 'are there guards at the edge locations?', 'are the regions staffed by security guards?', 'Are badge readers at data centers?'],
    // What places have or how they are run is a practice there: the report does not list "24x7 CCTV" as a region
    // ("No: 0 of 2 covered" read the practice as places). Never "no": a topic sentence, or the report does not say.
    when: (q) =>
      noNames(q) &&
      q.named.length > 0 &&
      !q.hasCriterion &&
      (((q.signals.kinds.has('region') || q.signals.kinds.has('edge') || q.signals.kinds.has('place')) && (q.words.some((w) => PLACE_HAS.has(w)) || hasAny(q, ['is there', 'are there']))) ||
        q.signals.atDataCenters) &&
      q.named.every((s) => s.type === 'unknown' && !s.provider && !s.place && !placedAsPlace(q, s)),
    compose: (q) => topicOnce(q, true) ?? notMentioned(q, q.named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean)),
  },
  {
    name: 'done_to_report',
    examples: ['Was the report filed with the SEC?', 'Has the report been registered with BaFin?', 'Is this report notarized by a CPA?', 'Has the SOC 3 been registered with BaFin?', 'is the report under NDA?'],
    // Something done to the report itself ("was the report filed with the SEC?"): the words after it are not
    // services, and "No: filed and SEC are not listed" read them as such. The report does not say (or the
    // sentences that do).
    when: (q) => noNames(q) && q.named.length > 0 && !q.hasCriterion && reportIsSubject(q),
    compose: (q) => {
      const terms = q.named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean);
      // A name the report never uses word for word ("SEC", though "sec" is shorthand for Security) is what it does
      // not mention.
      const names = q.named.flatMap((s) => (s.type === 'unknown' && asName(q, s) && !q.ctx.reportHas(fold(s.typed)) ? [s.typed] : []));
      // (The report may speak of it, of its examination: "does the report guarantee absolute assurance ...?" is its
      // inherent limitations; "is this report confidential?" is not what it says of customers' content.)
      if (names.length > 0) return composeNotMentioned(q.ctx, names);
      const topic = q.words.some((w) => ENGAGEMENT_WORDS.has(w)) ? topicOnce(q) : undefined;
      if (topic) return topic;
      // "does not mention" only of the words it uses in no form ("guarantee", not "absolute"); else it does not say.
      const unused = [...new Set(terms.flatMap((t) => t.split(/\s+/)).filter((w) => !q.ctx.usesWord(fold(w))))];
      return unused.length > 0 ? composeNotMentioned(q.ctx, unused) : composeNotSaid(q.ctx);
    },
  },
  {
    name: 'unknown_words',
    examples: ['is the Resiliency Program covered?', 'is background screening covered?'],
    when: (q) => noNames(q) && q.named.length > 0 && !q.hasCriterion,
    compose: unknownWordsAnswer,
  },
  {
    name: 'practice_for_criterion',
    examples: ['Are infrastructure components replicated across multiple locations for availability?', 'are critical components replicated for availability?'],
    // A practice asked "for" a criterion: what is done for availability, not whether the criterion is covered ("Not
    // sure: the report does not mention “infrastructure components replicated”" beside "Availability: covered").
    // Only when a sentence answers; else the scope rule says what it can.
    // Not for a criterion the report does not cover: "Did AWS maintain effective controls for processing integrity?"
    // quoted the AICPA title that names it, as if the report spoke of it; the scope rule says it is not covered.
    when: (q) =>
      noNames(q) &&
      q.hasCriterion &&
      q.subjects.every((s) => s.type !== 'criterion' || s.covered) &&
      q.signals.facts.length === 0 &&
      criteriaAfterFor(q) &&
      (q.strays.length > 0 || q.named.some((s) => s.type === 'unknown' && !asName(q, s))),
    compose: (q) => topicOnce(q),
  },
  {
    name: 'scope',
    examples: ['is Connect in scope?', 'are S3 and Athena covered?', 'is us-east-1 covered?', 'is Privacy covered?', 'is cloudwach logs in scope?', 'is Foo in scope?'],
    when: (q) => q.subjects.length > 0 && (q.named.length > 0 || q.hasCriterion),
    compose: scopeAnswer,
  },
  {
    name: 'what_is_in_scope',
    examples: ['what is in scope?', 'what is covered?'],
    when: (q) => q.signals.list && !q.signals.topical && q.asksScope,
    compose: (q) => composeList(q.ctx, { categories: [], subjects: [], kinds: new Set(['service']), count: q.signals.count, whatIsInScope: true }),
  },
  {
    name: 'topic',
    examples: ['what happens to failed disks?', 'is stored data encrypted?', 'do employees get annual training?'],
    when: () => true,
    compose: (q) => topicOnce(q),
  },
  {
    name: 'unmentioned_practice',
    examples: ['are vulnerability scans performed?', 'How often are internal vulnerability scans run against the infrastructure?'],
    // A yes-or-no or how question about a practice, in words no rule placed and no sentence answers: the report
    // does not mention them (named as typed), rather than "I couldn't find that".
    when: (q) => (q.signals.yesNo || q.signals.topical) && q.subjects.length === 0 && q.strays.length > 0,
    compose: (q) => {
      const runs = unmentionedRuns(q);
      return runs.length > 0 ? composeNotMentioned(q.ctx, runs) : undefined;
    },
  },
  {
    name: 'unknown',
    examples: ['write me a poem', 'asdf qwer'],
    when: () => true,
    compose: (q) => composeUnknown(q.ctx),
  },
];

/**
 * Of the question's stray words, the runs of words the report never uses as typed ("vulnerability scans" of
 * "vulnerability scans performed"), kept when one of their words is none of the report's words in any form either
 * (Porter stems): "does not mention “encrypted”" would mislead where the report speaks of encryption.
 */
function unmentionedRuns(q: Question, among: readonly string[] = q.strays): string[] {
  const runs: string[] = [];
  for (const stray of among) {
    let run: string[] = [];
    const flush = () => {
      if (run.some((w) => !q.ctx.usesWord(fold(w)))) runs.push(run.join(' '));
      run = [];
    };
    const words = stray.split(/\s+/);
    for (const w of words) {
      if (!w || q.ctx.reportWordCount(fold(w)) > 0 || VOCABULARY_WORDS.has(fold(w)) || q.ctx.topicSynonym(fold(w))) flush();
      else run.push(w);
    }
    flush();
  }
  for (const c of unmentionedCompounds(q, among)) if (!runs.some((r) => fold(r).split(' ').includes(fold(c).split(' ')[0]!))) runs.push(c);
  return [...new Set(runs)];
}

/**
 * "access reviews", "risk assessments": the compounds of the question (a word of `among`, then a compound head) that
 * the report never uses, though it may use each of their words (the head may be a word of the vocabulary,
 * "assessments", and so in no stray).
 */
function unmentionedCompounds(q: Question, among: readonly string[]): string[] {
  const runs: string[] = [];
  const words = q.tokens;
  for (let k = 0; k + 1 < words.length; k++) {
    const [of, head] = [words[k]!.norm, words[k + 1]!.norm];
    if (!COMPOUND_HEADS.has(head) || COMPOUND_HEADS.has(of) || !among.some((t) => fold(t).split(' ').includes(of))) continue;
    const forms = [head, head.replace(/s$/u, ''), `${head}s`];
    if (!forms.some((h) => q.ctx.reportHas(`${of} ${h}`))) runs.push(`${words[k]!.word} ${words[k + 1]!.word}`);
  }
  return runs;
}

/** "which security services are covered?": a criterion's word that also names a category, asked as a list. */
function listCategories(q: Question): string[] {
  const out = q.categories.map((c) => c.name);
  if ((q.signals.list || q.signals.count) && q.signals.kinds.has('service') && out.length === 0) {
    for (const s of q.subjects) {
      if (s.type !== 'criterion') continue;
      const category = q.ctx.report.categories.find((c) => c.toLowerCase().split(/\W+/).includes(s.name.toLowerCase()));
      if (category) out.push(category);
    }
  }
  return out;
}

/**
 * The tokens of a questionnaire row's reference to `programmes`: their phrases, the item words ("item", "section",
 * "mapping") and the numbers of their clauses and versions ("A.11", "v4").
 */
function itemReferenceTokens(programmes: string[], words: readonly string[]): number[] {
  const out: number[] = [];
  const phrases = programmes.flatMap((p) => PROGRAMME_PHRASES.get(p) ?? []);
  words.forEach((w, i) => {
    for (const p of phrases) if (p.every((x, j) => words[i + j] === x)) for (let j = 0; j < p.length; j++) out.push(i + j);
    if (ITEM_WORDS.has(w) || /^v\d{1,2}$/u.test(w)) out.push(i);
    // ("A.11", "A.15" of ISO 27001 Annex A, typed as "a" and its number.)
    if (w === 'a' && /^\d{1,2}$/u.test(words[i + 1] ?? '') && (words[i - 1] === 'annex' || out.includes(i - 1))) out.push(i, i + 1);
  });
  return out;
}

/**
 * "Is S3 the only storage service covered?", "Is London covered only as an edge location?": a claim that nothing
 * else is, which a list of what is in scope does not confirm by listing one thing (each was "Yes", break-it round 8).
 */
// (Or "only" ending the question: "is S3 covered under Availability only?", break-it round 10.)
const EXCLUSIVE_CLAIM = / (?:the only|only as|only via|only through|only in|covered only|listed only|in scope only|only covered|only listed|is only|are only|only one|just one|the sole|solely|exclusively) /u;

/** "only" of what the asker wants ("only need yes/no", "only asking about EC2"), taken out before an exclusive claim is looked for. */
const ASKER_ONLY = / only (?:need|needs|want|wants|wanted|asking|ask|asked|care|interested|curious|looking|checking|concerned)\b/gu;

/** A yes to an exclusive claim ({@link EXCLUSIVE_CLAIM}) becomes not sure, saying why; other replies are left as they are. */
function withoutExclusiveYes(reply: Reply, q: Question): Reply {
  // ("is S3 covered? only need yes/no": what the asker wants, no claim.)
  const text = q.text.replace(ASKER_ONLY, ' ');
  if (reply.verdict !== 'yes' || !(EXCLUSIVE_CLAIM.test(text) || text.endsWith(' only '))) return reply;
  // ("is Connect covered (only Connect, not Direct Connect)?": "only" in brackets sets a name apart, not a claim.)
  if (q.tokens.some((t) => t.norm === 'only' && t.afterBracket)) return reply;
  const lead = note('unconfirmed', 'The question asks whether nothing else is: the report lists what is in scope, and naming one of them does not say that no other is; see its lists.');
  return { ...reply, verdict: 'unknown', notes: [lead, ...reply.notes] };
}

/**
 * A yes to a question that states a number of the report's things no rule compared ("does Sydney have 2 edge
 * locations?", "is S3 covered in 16 regions?", "is S3 covered in 3 AZs?", "is S3 covered for 12 months?") becomes not
 * sure, saying so: the yes answered the rest and dropped the number (break-it round 11). A number that is the report's
 * own count of that kind ("is S3 one of the 51 services?") is no claim.
 */
function withoutUncheckedCount(reply: Reply, q: Question): Reply {
  if (reply.verdict !== 'yes') return reply;
  const { report } = q.ctx;
  const own: Record<string, number> = { service: report.services.length, region: report.regions.length, edge: report.edgeLocations.length, category: report.categories.length, criterion: report.criteria.filter((c) => c.covered).length };
  const stated = q.words.some((w, k) => {
    // (A number written as a word of its own: not the "2" of "eu-west-2", "Route 53" is a name's, a date's no count.)
    if (!/^\d{1,6}$/u.test(w) || !/^\d{1,6}[?.!,;:]*$/u.test(q.tokens[k]?.word ?? '') || q.signals.dates.some((d) => d.tokens.includes(k))) return false;
    const kind = countedKindAt(q.words, k + 1);
    return kind !== undefined && (kind === 'zone' || Number(w) !== own[kind]);
  });
  // (A length of time that something is covered for, "for 12 months"; not the asker's "on a call in 5 mins".)
  const lasting = q.durations.some((d) => /^(?:for|over|throughout)\b/iu.test(d)) && q.signals.scope && reply.intent !== 'report_fact';
  if (!stated && !lasting) return reply;
  const text = stated ? 'The question gives a number of them that the report does not confirm as asked; ask “how many” for its count.' : `The report speaks for its period, ${periodText(report)}; it does not say what is covered ${joinAnd(q.durations.map((d) => `“${d}”`))}.`;
  return { ...reply, verdict: 'unknown', notes: [note('unconfirmed', text), ...reply.notes] };
}

/** The kind of the report's things a number counts, right after it ("16 regions", "3 AZs", "2 US regions"), if any. */
function countedKindAt(words: readonly string[], at: number): string | undefined {
  // (Up to three words of a place between: "all 3 US East regions".)
  for (let k = at; k <= at + 3 && k < words.length; k++) {
    const w = words[k]!;
    if (w === 'azs' || w === 'az' || w === 'zones' || (w === 'availability' && words[k + 1]?.startsWith('zone'))) return 'zone';
    if (w === 'services' || w === 'service') return 'service';
    if (w === 'regions' || w === 'region') return 'region';
    if (w === 'edge' || w === 'edges' || w === 'pops') return 'edge';
    if (w === 'criteria' || w === 'principles' || w === 'tscs' || w === 'tsc') return 'criterion';
    if (w === 'categories') return 'category';
  }
  return undefined;
}

/**
 * A questionnaire row's title that holds a criterion's word ("ISO 27001 A.14.2.8 System security testing") asks about
 * its practice, not the criterion: a yes that only the criterion is covered becomes not sure (it was "Yes: Security is
 * covered", break-it round 11).
 */
function withoutCriterionOfRow(reply: Reply): Reply {
  if (reply.verdict !== 'yes' || reply.items.length === 0 || !reply.items.every((i) => i.kind === 'criterion')) return reply;
  return { ...reply, verdict: 'unknown', notes: [note('unconfirmed', 'The row asks about a practice; that the report covers the trust services criterion its title names does not say the practice is addressed.'), ...reply.notes] };
}

/** The reading note of a questionnaire row's programmes set aside: the answer is the report's, not that programme's. */
function withItemReading(ctx: RouterContext, reply: Reply, programmes: string[]): Reply {
  const text = `Read as a row of a questionnaire that maps to ${joinAnd(programmes)}: this ${ctx.report.title} does not address ${programmes.length > 1 ? 'them' : 'it'} as such; the answer is what the report itself says.`;
  return { ...reply, notes: [...reply.notes, note('reading', text)] };
}

/**
 * Decides what a question asks and composes the reply: the first rule of {@link RULES} that applies and
 * answers. Returns the reply and the rule's name.
 */
export function route(ctx: RouterContext, tokens: Token[], signals: Signals): { reply: Reply; rule: string } {
  const q = readQuestion(ctx, tokens, signals);
  for (const rule of RULES) {
    if (!rule.when(q)) continue;
    const reply = rule.compose(q);
    if (!reply) continue;
    const read = q.itemOf.length ? withItemReading(ctx, withoutCriterionOfRow(reply), q.itemOf) : reply;
    const checked = rule.name === 'count_compared' ? read : withoutUncheckedCount(read, q);
    return { reply: rule.name === 'only_criteria' ? checked : withoutExclusiveYes(checked, q), rule: rule.name };
  }
  return { reply: composeUnknown(ctx), rule: 'unknown' };
}
