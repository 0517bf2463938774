import { quotedPositions, type Token } from './normalize.js';
import { readDates, type AskedDate } from './period.js';
import { FACTS, VOCABULARY } from '../data/vocabulary.js';
import regionsJson from '../../data/aliases/regions.json' with { type: 'json' };
import { PhraseIndex, holdsPhrase, phraseIndexOf, phraseListIndex } from './phrases.js';

export { isYear, monthOf, type AskedDate } from './period.js';
import { CHAT_FILLER, EVERYWHERE_WORDS, OTHER_PROGRAMS, COUNT_PHRASES, DESCRIBE_PHRASES, HELP_PHRASES, HELP_WORDS, KIND_WORDS, LIST_WORDS, SCOPE_WORDS, STOPWORDS } from './vocabulary.js';

/** A fact about the report as a whole that a question may ask for. */
export type Fact = (typeof FACTS)[number];

/** What the words of a question say it asks, before looking at the names in it. */
export interface Signals {
  help: boolean;
  facts: Fact[];
  list: boolean;
  count: boolean;
  describe: boolean;
  /** Scope words: "in scope", "covered", "included", "audited", "SOC 3", ... */
  scope: boolean;
  /** Asked as a yes/no question ("is ...", "are ...", "does ..."). */
  yesNo: boolean;
  /** "how ...", "what does the report say about ...": a topic question. */
  topical: boolean;
  /** Other compliance programmes the question names ("HIPAA", "SOC 2"), longest first, without repeats. */
  programs: string[];
  /** Asked in the negative ("is S3 not in scope?", "is Athena excluded?"): a bare "Yes"/"No" would read wrongly. */
  negated: boolean;
  /** Asks about everywhere at once ("in all regions", "globally"). */
  everywhere: boolean;
  /** Dates the question names ("June 2017", "October 1, 2017", "2015", "March 1"). */
  dates: AskedDate[];
  /** Asks about a whole span ("all of 2017", "the entire year"): a year that merely holds the period is not it. */
  whole: boolean;
  /**
   * The question asks about now ("today", "still", "currently"), just before now ("last week") or a later report
   * ("the next audit"): the report speaks of its period only. See `after`.
   */
  now: boolean;
  /** The first such time, as typed and how it stands (data/vocabulary/times.json); absent if none. */
  after?: AfterPeriod;
  /** Kind words present: "region", "edge location", "service", ... */
  kinds: Set<keyof typeof KIND_WORDS>;
  /** "data centers" said as where something is ("are CCTV cameras at the data centers?"), not asked about as a kind. */
  atDataCenters: boolean;
}

const FACT_PHRASES = Object.fromEntries(FACTS.map((f) => [f, VOCABULARY.facts.facts[f] ?? []])) as Record<Fact, string[]>;

/** Single words of the fact phrases: never taken for the name of a service or place. */
export const FACT_WORDS = new Set(
  Object.values(FACT_PHRASES)
    .flat()
    .filter((p) => !p.includes(' ')),
);

/** The fact phrases of more than one word, as token lists ("audit window"): their words name nothing. */
export const FACT_PHRASE_TOKENS: string[][] = [...new Set(Object.values(FACT_PHRASES).flat())].filter((p) => p.includes(' ')).map((p) => p.split(' '));

/** Phrases with a space at each end, as {@link readSignals} looks for them in the question (` ${phrase} `). */
const padded = (phrases: readonly string[]) => phrases.map((p) => ` ${p} `);
/** A list of phrases by first word: a phrase stands in the question when its words stand in the question's words in a row. */
const indexed = phraseIndexOf;

// The phrase lists indexed once (src/query/phrases.ts), not tested one by one with a string built per phrase and
// question: the fact phrases alone are about 200, and testing them was a tenth of the time a question took to
// read (node --cpu-prof). The phrases are folded (single spaces, src/data/vocabulary.ts), as the question's
// words are, so " phrase " stands in " the question " exactly when its words stand there in a row.
const FACT_INDEX = new PhraseIndex(
  FACTS.flatMap((fact) => FACT_PHRASES[fact].map((p) => ({ fact, words: p.split(' ') }))),
  (e) => e.words,
);
/**
 * Look-alikes of the fact phrases (data/vocabulary/facts.json `lookalikes`: "retention period", "notice period"),
 * by fact: a fact phrase inside one of them asks about that other thing, not the report's fact.
 */
const LOOKALIKE_INDEX = new PhraseIndex(
  FACTS.flatMap((fact) => (VOCABULARY.facts.lookalikes[fact] ?? []).map((p) => ({ fact, words: p.split(' ') }))),
  (e) => e.words,
);
const COUNT_INDEX = indexed(COUNT_PHRASES);
const HELP_INDEX = indexed(HELP_PHRASES);
const DESCRIBE_INDEX = indexed(DESCRIBE_PHRASES);
/** Chat filler phrases that say "not" ("i think not"), padded: taken out before a question is read as negative. */
const HEDGES = CHAT_FILLER.map((p) => ` ${p.join(' ')} `).filter((p) => p.includes(' not '));
const NEGATED_PADDED = padded(['not', 'isn', 'aren', 'wasn', 'weren', 'doesn', 'don', 'didn', 'excluded', 'exclude', 'excludes', 'exclusion', 'exclusions', 'outside', 'out of scope', 'never', 'false', 'untrue', 'wrong',
  // "is SageMaker missing from the report?", "did they leave out Athena?": asked in the negative too, so a bare "No"
  // (not listed) would read "not missing" (break-it round 4).
  'missing', 'omitted', 'omit', 'omits', 'left out', 'leave out', 'leaves out', 'absent', 'dropped',
  // "Is neither Athena nor Glue covered?": "No: 0 of 2" asserted that one of them is (break-it round 7).
  'neither', 'nor']);
const WHOLE_INDEX = indexed(['all of', 'entire', 'whole', 'full year', 'throughout', 'fully', 'completely', 'entirely', 'in full']);
/** A time named from today or the report's signing, of data/vocabulary/times.json: `now`, `recent` (just before now), `future` or `signing`. */
export interface AfterPeriod {
  kind: 'now' | 'recent' | 'future' | 'signing';
  /** The phrase as typed ("last week", "the next SOC" without "the"). */
  phrase: string;
}
const TIME_KINDS = ['now', 'recent', 'future', 'signing'] as const;
const TIME_INDEX = new PhraseIndex(
  TIME_KINDS.flatMap((kind) => VOCABULARY.times[kind].phrases.map((p) => ({ kind, words: p.split(' ') }))),
  (e) => e.words,
);
/** The time phrases (data/vocabulary/times.json) as word lists: their words name nothing (src/query/route.ts). */
export const TIME_PHRASE_TOKENS: string[][] = TIME_KINDS.flatMap((kind) => VOCABULARY.times[kind].phrases.map((p) => p.split(' ')));
/** Phrases that say a later name, not a time ("Amazon Glacier, now called S3 Glacier"). */
const LATER_NAME = ['now called', 'now known as', 'now named'];

/** The first time of the question named from today, if any, not "now" of a later name ("now called S3 Glacier"). */
/** Positions inside a phrase that holds a word of `now` but asks nothing of today (times.json `lookalikes`). */
const NOW_LOOKALIKES = new PhraseIndex(VOCABULARY.times.lookalikes.phrases.map((p) => ({ words: p.split(' ') })), (e) => e.words);

function afterPeriod(words: readonly string[], typed: readonly string[], quoted: ReadonlySet<number> = new Set()): AfterPeriod | undefined {
  let found: AfterPeriod | undefined;
  const lookalike = new Set<number>();
  NOW_LOOKALIKES.forEachIn(words, ({ words: phrase }, at) => {
    for (let j = 0; j < phrase.length; j++) lookalike.add(at + j);
  });
  TIME_INDEX.forEachIn(words, ({ kind, words: phrase }, at) => {
    if (found) return;
    if (phrase.length === 1 && phrase[0] === 'now' && LATER_NAME.some((p) => p.split(' ').every((w, j) => words[at + j] === w))) return;
    if ((kind === 'now' || kind === 'recent') && phrase.every((_, j) => lookalike.has(at + j))) return;
    // (Nor a word inside a quoted name: 'Is "Still Storage" covered?'.)
    if (phrase.some((_, j) => quoted.has(at + j))) return;
    found = { kind, phrase: typed.slice(at, at + phrase.length).join(' ').replace(/[?!.,;:]+$/u, '') };
  });
  return found;
}
/** Words before "data centers" that make them where something is, not the kind of thing asked about. */
const PLACE_BEFORE = new Set(['at', 'in', 'inside', 'within', 'across', 'throughout']);
/** Owners between such a word and "data centers" ("in AWS data centers", "at their data centers"). */
const OWNERS = new Set(['aws', 'amazon', 'its', 'their', 'our', 'your']);
/** The words of a data center, and those that make it a place ("datacentre" included). */
const DATA_CENTER_WORDS = new Set(['center', 'centers', 'centre', 'centres']);
// ("DCs" as sales engineers write data centers; "DC" alone may be Washington, DC.)
const DATA_CENTER_ONE_WORD = new Set(['datacenter', 'datacenters', 'datacentre', 'datacentres', 'dcs']);

/**
 * Positions of the words of "data center(s)" (one word or two) that say where something is: after "at", "in",
 * "inside", "within", "across" or "throughout", with "the" and an owner ("AWS", "their") between.
 */
function dataCentersAsPlace(words: readonly string[]): Set<number> {
  const out = new Set<number>();
  words.forEach((w, i) => {
    const first = DATA_CENTER_ONE_WORD.has(w) ? i : DATA_CENTER_WORDS.has(w) && words[i - 1] === 'data' ? i - 1 : -1;
    if (first < 0) return;
    let j = first - 1;
    while (j >= 0 && (words[j] === 'the' || OWNERS.has(words[j]!))) j--;
    if (PLACE_BEFORE.has(words[j] ?? '')) for (let k = first; k <= i; k++) out.add(k);
  });
  return out;
}

/** Other programmes' phrases, longest first (a shorter one inside a longer one is not asked again), padded. */
const PROGRAM_PHRASES = Object.keys(OTHER_PROGRAMS)
  .sort((a, b) => b.length - a.length)
  .map((phrase) => ({ padded: ` ${phrase} `, program: OTHER_PROGRAMS[phrase]! }));

/** How a yes-or-no question opens: a verb, or a questionnaire's request to say whether. */
// (After "is it true that", chat filler, a claim is asked yes or no: "Is it true that the report states ...".)
const YES_NO_OPENING = /^(?:(?:please |kindly )?(?:indicate|confirm|state|specify|verify|tell me|let me know|advise) (?:whether|if) |(?:is|are|does|do|did|was|were|can|has|have|had|will|and|or|what about|how about)\b)/;
/**
 * A how-question inside a yes-or-no one ("Does the report say how often the Resiliency Program is reviewed?", "does
 * it describe how media are disposed of?"): asked of a topic, as "how ..." is. It was a scope question: "No: often
 * and Resiliency Program are not listed" (fresh set 45). Folded and padded text.
 */
const EMBEDDED_HOW = / (?:say|says|state|states|mention|mentions|describe|describes|explain|explains|talk about|talks about|specify|specifies|indicate|indicates|cover|covers|address|addresses|detail|details|tell me|tell us) (?:anything )?(?:about )?how /u;
/** Chat filler that puts a claim as a yes-or-no question ("is it true that ..."): what follows is asked yes or no. */
const CLAIM_ASKED = /^(?:is it (?:true|correct|right|accurate|the case)|am i right(?: in thinking)?) that\b/;

/** How many of the words `norms` opens with are chat filler ("lol ok", "quick q", "thx"), phrase by phrase. */
function leadingFiller(norms: readonly string[]): number {
  const index = phraseListIndex(CHAT_FILLER);
  let at = 0;
  for (let phrase = index.at(norms, at); phrase && phrase.length; phrase = index.at(norms, at)) at += phrase.length;
  return at;
}

/** The kinds of thing asked about and their words, as a list once. */
const KIND_ENTRIES = Object.entries(KIND_WORDS) as [keyof typeof KIND_WORDS, Set<string>][];

/** Reads the signals of a question from its folded words. */
/** Phrases that hold a programme's word but name none, padded. */
const PROGRAMME_LOOKALIKES = VOCABULARY.programmes.lookalikes.phrases.map((p) => ` ${p} `);

/** "all regions", "every data center", "each of the locations": every place asked of (in the padded, folded question). */
export const EVERY_PLACE = / (all|every|each)( \S+){0,2} (regions?|locations?|data ?centers?|countries|places)\b/;

/** A region code as one typed word ("us-iso-east-1", "us-gov-west-1"): AWS General Reference's form, as data/aliases/regions.json `codePattern`. */
const REGION_CODE_WORD = new RegExp(regionsJson.codePattern, 'i');

export function readSignals(tokens: Token[]): Signals {
  const norms = tokens.map((t) => t.norm);
  const q = ` ${norms.join(' ')} `;
  const has = (phrase: string) => holdsPhrase(q, phrase);
  // The question's words as its text has them (a word read as two stays two: the norms, one word each).
  const words = norms;
  const kinds = new Set<keyof typeof KIND_WORDS>();
  // "which data centers are covered?" asks of regions; "are CCTV cameras at data centers?" says where a practice
  // is: those words name no kind asked about.
  const where = dataCentersAsPlace(words);
  for (const [kind, set] of KIND_ENTRIES) {
    if (norms.some((n, i) => set.has(n) && n !== 'aws' && n !== 'amazon' && !where.has(i))) kinds.add(kind);
  }
  if (has('point of presence') || has('points of presence')) kinds.add('edge');

  // Facts in the order the question asks them ("who audited it, and for which period?": auditor first).
  const firstAt = new Map<Fact, number>();
  // Positions inside a look-alike of a fact ("the retention period for logs"): that fact is not asked there.
  const lookalike = new Map<Fact, Set<number>>();
  LOOKALIKE_INDEX.forEachIn(words, ({ fact, words: phrase }, at) => {
    const covered = lookalike.get(fact) ?? new Set<number>();
    for (let j = 0; j < phrase.length; j++) covered.add(at + j);
    lookalike.set(fact, covered);
  });
  FACT_INDEX.forEachIn(words, ({ fact, words: phrase }, at) => {
    if (phrase.every((_, j) => lookalike.get(fact)?.has(at + j))) return;
    if (!firstAt.has(fact)) firstAt.set(fact, at);
  });
  let facts = (Object.keys(FACT_PHRASES) as Fact[]).filter((f) => firstAt.has(f)).sort((a, b) => firstAt.get(a)! - firstAt.get(b)!);
  // "the auditor's opinion", "the accountants' opinion": whose opinion, not a question about who they are.
  // "did the auditor issue a qualified opinion?": the auditor as the one who gives it, likewise.
  const giver = (p: string) => has(`${p} s opinion`) || has(`${p} opinion`) || has(`did the ${p}`) || has(`has the ${p}`) || has(`have the ${p}`) || has(`did ${p}`);
  if (facts.includes('opinion') && FACT_PHRASES.auditor.some(giver)) facts = facts.filter((f) => f !== 'auditor');
  const count = COUNT_INDEX.occursIn(words);
  if (count && !kinds.size) facts.push('counts');

  const meaningful = norms.filter((n) => !STOPWORDS.has(n));
  // "hi", "hello bot": only greetings and filler are help too.
  const help =
    norms.length === 0 ||
    HELP_INDEX.occursIn(words) ||
    (meaningful.length > 0 && meaningful.every((n) => HELP_WORDS.has(n))) ||
    (norms.some((n) => HELP_WORDS.has(n)) && norms.every((n) => HELP_WORDS.has(n) || STOPWORDS.has(n)));

  // "covered or not", "in or out of scope": a plain question, not a negative one.
  // Nor is a hedge ("I think not but checking", data/vocabulary/chat-filler.json) a negative question.
  let plain = q.replace(/ or not /g, ' ').replace(/ in or out of scope /g, ' in scope ').replace(/ or out of scope /g, ' ');
  if (plain.includes(' not ')) for (const filler of HEDGES) plain = plain.split(filler).join(' ');
  const programs: string[] = [];
  // (Not the words of a region code: "us-iso-east-1" names a region, not ISO.)
  const codes = tokens.some((t) => REGION_CODE_WORD.test(t.word));
  let rest = codes ? ` ${tokens.filter((t) => !REGION_CODE_WORD.test(t.word)).map((t) => t.norm).join(' ')} ` : q;
  // (Nor "ISO format", "ISO 8601": data/vocabulary/programmes.json lookalikes.)
  for (const phrase of PROGRAMME_LOOKALIKES) if (rest.includes(phrase)) rest = rest.split(phrase).join(' ');
  for (const { padded: phrase, program } of PROGRAM_PHRASES) {
    if (rest.includes(phrase)) {
      if (!programs.includes(program)) programs.push(program);
      rest = rest.split(phrase).join(' ');
    }
  }

  const after = afterPeriod(words, tokens.map((t) => t.word), quotedPositions(tokens));
  return {
    help,
    programs,
    negated: NEGATED_PADDED.some((p) => plain.includes(p)),
    everywhere: norms.some((n) => EVERYWHERE_WORDS.has(n)) || // ("any" asks whether there is one: "are any locations in Japan covered?" is a list, not everywhere.)
    EVERY_PLACE.test(q),
    dates: readDates(norms, tokens.map((t) => t.word), tokens.map((t) => !!t.afterDash), tokens.map((t) => !!t.afterBracket)),
    whole: WHOLE_INDEX.occursIn(words),
    // ("Amazon Glacier, now called S3 Glacier": a later name, not today.)
    now: !!after,
    ...(after ? { after } : {}),
    facts,
    list: norms.some((n) => LIST_WORDS.has(n)) || has('what are') || count,
    count,
    describe: DESCRIBE_INDEX.occursIn(words),
    scope: norms.some((n) => SCOPE_WORDS.has(n)) || has('in scope'),
    // (After any chat filler it opens with: "lol ok, is Azure SQL Database in there".)
    // So is a questionnaire's "Indicate whether ...", "Please confirm if ...".
    yesNo: YES_NO_OPENING.test(norms.slice(leadingFiller(norms)).join(' ')) || CLAIM_ASKED.test(norms.join(' ')),
    topical: (norms[0] === 'how' && !count) || EMBEDDED_HOW.test(q) || has('say about') || has('says about') || has('tell me about') || has('explain') || has('what about') || has('anything about') || has('what does the report') || has('describe'),
    kinds,
    atDataCenters: where.size > 0,
  };
}
