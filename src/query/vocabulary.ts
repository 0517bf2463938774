import { VOCABULARY } from '../data/vocabulary.js';
import { fold } from './normalize.js';

/**
 * The words of questions that are not names, as the query core reads them: built once from the reviewed
 * vocabulary files under data/vocabulary/ (each set there carries its source). General English and the
 * field's terms, not knowledge about any service.
 */

const { questionWords, programmes, chatFiller, vendors, auditFirms, reportContents, corporateSuffixes, chatSpellings, britishSpellings, standards } = VOCABULARY;
const set = (words: string[]) => new Set(words);

/** Filler: never a name, never a subject. */
export const STOPWORDS = set(questionWords.sets.stopwords.words);

/**
 * Words about who asks and why ("for our customer", "for a prospect", "securely"): they never name anything
 * the report covers, and do not make an answer less certain.
 */
export const CONTEXT_WORDS = set(questionWords.sets.context.words);

/**
 * Words for what customers build and keep on AWS. The report covers AWS's system, not customers' content
 * ("Customers are responsible for ... their content"), so a question about them is not answered by a yes.
 */
export const CONTENT_WORDS = set(questionWords.sets.content.words);
/** Words hyphened to a criterion's name that only describe it ("privacy-related"). */
export const CRITERION_SUFFIXES = set(questionWords.sets.criterionSuffixes.words);
/** Words that continue a listed service's name into another product's ("S3 Express", "Cognito Plus"), though question words elsewhere. */
export const NAME_CONTINUATIONS = set(questionWords.sets.nameContinuations.words);
/** How many, before "availability zones" or "data centers" (data/vocabulary/question-words.json `quantifiers`). */
export const QUANTIFIERS = set(questionWords.sets.quantifiers.words);

/** Words of a scope question ("is X in scope / covered / included ...?"). */
export const SCOPE_WORDS = set(questionWords.sets.scope.words);

/** Words that ask about everywhere at once ("in all regions", "globally"): the report names its regions one by one. */
export const EVERYWHERE_WORDS = set(questionWords.sets.everywhere.words);

/** Other compliance programmes' words: ignored when looking for the subject of a question. */
export const PROGRAM_WORDS = set(programmes.words);

/**
 * Compliance programmes, as folded phrases -> name ("pci dss" -> "PCI DSS"). A question about one other than
 * the report's own is not answered by the report, whatever it says about scope.
 */
export const OTHER_PROGRAMS: Record<string, string> = Object.fromEntries(programmes.programmes.flatMap((p) => p.phrases.map((phrase) => [phrase, p.name])));

/** Programmes by name, with their phrases as word lists ("ISO 27001" -> [["iso", "iec", "27001"], ["iso", "27001"]]). */
export const PROGRAMME_PHRASES: Map<string, string[][]> = new Map(programmes.programmes.map((p) => [p.name, p.phrases.map((phrase) => phrase.split(' '))]));

/** Words after a programme or its control that make it a questionnaire row's reference ("CAIQ item", "ISO 27001 section"). */
export const ITEM_WORDS = set(programmes.itemWords.words);

/** The AICPA SOC level of a programme by name ("SOC 2" -> 2), for "is this a SOC 2?". */
export const SOC_LEVEL: Map<string, number> = new Map(programmes.programmes.filter((p) => p.soc).map((p) => [p.name, p.soc!]));

/** Words that name the kind of thing asked about. */
export const KIND_WORDS = {
  service: set(questionWords.kinds.service.words),
  region: set(questionWords.kinds.region.words),
  edge: set(questionWords.kinds.edge.words),
  country: set(questionWords.kinds.country.words),
  place: set(questionWords.kinds.place.words),
  category: set(questionWords.kinds.category.words),
  criterion: set(questionWords.kinds.criterion.words),
};

/** Words that say how a topic question is asked ("how does AWS handle ..."): never searched for in the prose. */
export const TOPIC_FILLER = set(questionWords.sets.topicFiller.words);

/**
 * Scope words that also name what a topic sentence speaks of ("tested", "controls", "approved"): they rank the
 * sentences that use them, but a sentence need not use them to answer ("are backups tested?").
 */
export const TOPIC_SOFT = set(questionWords.sets.topicSoft.words);

/**
 * The verbs questionnaires wrap a practice in ("do you maintain a documented ...", "data stored in the service"):
 * they rank topic sentences a little, but never count as what was asked.
 */
export const TOPIC_WRAPPERS = set(questionWords.sets.topicWrappers.words);
/** Words about the examination itself (question-words.json `engagement`): they open the attestation's sections to a topic search. */
export const ENGAGEMENT_WORDS = set(questionWords.sets.engagement.words);

/**
 * Nouns that name a practice by what it is of ("access reviews", "vendor audits", "background checks"): the word
 * before one is that practice's, and a sentence speaks of it only with the two words together ("AWS' systems ...
 * enable customers to access their content" says nothing of access reviews).
 */
export const COMPOUND_HEADS = set(questionWords.sets.compoundHeads.words);

/** Acronyms of security practices ("MFA", "SIEM", "DLP"): a practice asked about, never a product's name. */
export const PRACTICE_ACRONYMS = set(questionWords.sets.practiceAcronyms.words);

/** Words that stand for whatever a practice applies to ("do they back stuff up?"): left out of topic searches. */
export const PLACEHOLDERS = set(questionWords.sets.placeholders.words);

/** Nouns after a criterion's word that name who asks ("our security team"): never the criterion asked about. */
export const TEAM_NOUNS = set(questionWords.sets.teamNouns.words);

/**
 * Words that ask what places have or how they are run ("do the data centers have CCTV?"): with them, an unknown
 * term beside a kind of place is a practice at those places, not a place.
 */
export const PLACE_HAS = set(questionWords.sets.placeHas.words);

/** What an organisation has in place ("is there a procedure for ...?", "do you have a policy ...?"): a practice is asked. */
export const PRACTICE_NOUNS = set(questionWords.sets.practiceNouns.words);

/** Words that name a kind of compliance document ("certificate", "attestation", "report"). */
export const DOCUMENT_WORDS = set(questionWords.sets.documents.words);

/** Words about a span of time around a question's dates ("the whole of 2017", "the year 2017"): they name nothing. */
export const TIME_WORDS = set(questionWords.sets.time.words);

/** Words for service levels and recovery targets ("SLA", "uptime", "RTO"): the report states none. */
export const SERVICE_LEVEL_WORDS = set(questionWords.sets.serviceLevels.words);

/** Units and counts of a duration ("90 days", "one year"), and the words before one ("at least", "a minimum of"). */
export const DURATION_UNITS = set(questionWords.sets.durationUnits.words);
/** Short units written onto their count ("72h", "30d"): with DURATION_UNITS, what may follow the digits of one word. */
export const DURATION_SUFFIXES = set([...questionWords.sets.durationUnits.words, ...questionWords.sets.durationSuffixes.words]);
export const DURATION_NUMBERS = set(questionWords.sets.durationNumbers.words);
export const DURATION_QUALIFIERS: readonly string[][] = questionWords.phrases.durationQualifiers.phrases.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);

/** Questions that ask for a list. */
export const LIST_WORDS = set(questionWords.sets.list.words);
/** Questions that ask for a count. */
export const COUNT_PHRASES = questionWords.phrases.count.phrases;
/** Questions that ask what something is. */
export const DESCRIBE_PHRASES = questionWords.phrases.describe.phrases;
/** Phrases that ask whether a service is offered in a place ("available in"): a SOC 3 cannot say. */
export const AVAILABILITY_PHRASES = questionWords.phrases.availability.phrases;
/** Phrases that ask for advice or a comparison ("which database should I use?", "the best storage service"): no report gives it. */
export const ADVICE_PHRASES = questionWords.phrases.advice.phrases;
/** Cues that hand over the one real question of a long message ("the one thing I need from you is:", "tl;dr:"). */
export const ASK_CUES = questionWords.phrases.askCues.phrases;
/** Phrases that ask the bot to fill in a whole questionnaire ("can u fill out the whole CAIQ for me"). */
export const FILL_FORM_PHRASES = questionWords.phrases.fillForm.phrases;
/** Phrases that ask whether the asker's own organization is compliant ("are we compliant?"): no provider's report can say. */
export const OWN_COMPLIANCE_PHRASES = questionWords.phrases.ownCompliance.phrases;
/** The report's word for a region's separate locations ("availability zones", "AZs"): it names them, never how many. */
export const ZONE_PHRASES = questionWords.phrases.zones.phrases;

/** Comparisons of a count ("more than 10 regions", "at least 50 services"), as word lists with their operator, longest first. */
export const COUNT_COMPARISONS: readonly { words: string[]; op: '>' | '>=' | '<' | '<=' | '=' }[] = (() => {
  const c = questionWords.phrases.countComparisons;
  const ops = [
    ['>', c.phrases],
    ['>=', c.atLeast],
    ['<', c.fewer],
    ['<=', c.atMost],
    ['=', c.exactly],
  ] as const;
  return ops.flatMap(([op, phrases]) => phrases.map((p) => ({ words: p.split(' '), op }))).sort((a, b) => b.words.length - a.words.length);
})();

/** What came to be before a date ("launched in", "released"): the date is the thing's, not asked of (data/vocabulary/times.json `events`), longest first. */
export const EVENT_PHRASES: readonly string[][] = VOCABULARY.times.events.phrases.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);

/** How questionnaires name the service organization itself ("the vendor", "the provider"), as word lists. */
export const ORGANIZATION_REFERENCES: string[][] = questionWords.phrases.organizationReferences.phrases.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
/** Phrases that ask about every service at once ("everything", "all services"). */
export const ALL_SERVICES_PHRASES = questionWords.phrases.allServices.phrases;
/** Phrases that ask where a service runs ("which regions is Connect covered in?"), which the report cannot say. */
export const PLACES_OF_SERVICE_PHRASES = questionWords.phrases.placesOfService.phrases;
/** Phrases that ask what a part of the report says about something ("what does the auditor say about ..."). */
export const SPEAKS_OF_PHRASES = questionWords.phrases.speaksOf.phrases;
/** Help. */
export const HELP_WORDS = set(questionWords.sets.help.words);
/** Phrases that ask what the bot can do. */
export const HELP_PHRASES = questionWords.phrases.help.phrases;

/** Chat filler and context phrases as token lists, longest first ("just to double check", "thx"). */
export const CHAT_FILLER: string[][] = [...new Set(chatFiller.phrases)].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);

/** Other cloud providers' words as token lists, longest first, with the provider's name ("gcp" -> "Google Cloud"). */
export const OTHER_PROVIDERS: { words: string[]; provider: string }[] = vendors.otherProviders
  .flatMap((p) => p.words.map((w) => ({ words: w.split(' '), provider: p.provider })))
  .sort((a, b) => b.words.length - a.words.length);

/** Words after a company's name that do not change which company it is ("Inc", "LLP"). */
export const CORPORATE_SUFFIXES = set(corporateSuffixes.words);

/**
 * A company's name folded, without its legal-entity suffixes (data/vocabulary/corporate-suffixes.json):
 * "Amazon Web Services, Inc." -> "amazon web services", "Ernst & Young LLP" -> "ernst & young". A name that is
 * nothing but a suffix stays as it is.
 */
export function organizationKey(name: string): string {
  const words = fold(name).split(' ');
  while (words.length > 1 && CORPORATE_SUFFIXES.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/** Audit firms by folded alias ("kpmg" -> "KPMG LLP"), longest alias first. */
/** What a firm does with a report (audit-firms.json `verbs`): "did E&Y perform the examination?". */
export const FIRM_VERBS = set(auditFirms.verbs.words);
/** Another firm, unnamed (audit-firms.json `others`): "is it EY or someone else?". */
export const OTHER_FIRM_PHRASES: readonly string[] = auditFirms.others.phrases;
/** Words asking whether the opinion departs from a clean one, or is one (facts.json `opinionReadings`). */
export const OPINION_DEPARTS: readonly string[] = VOCABULARY.facts.opinionReadings.departs;
export const OPINION_CLEAN: readonly string[] = VOCABULARY.facts.opinionReadings.clean;
/** What follows "period" to name its last day or its first (data/vocabulary/facts.json `periodBoundaries`). */
export const PERIOD_BOUNDARIES = { end: VOCABULARY.facts.periodBoundaries.end, start: VOCABULARY.facts.periodBoundaries.start };
/** Kinds of attestation engagement (facts.json `engagementKinds`): an examination's phrases, and the other kinds'. */
export const ENGAGEMENT_KINDS = { examination: VOCABULARY.facts.engagementKinds.examination, other: VOCABULARY.facts.engagementKinds.other };
/** Editions of the trust services criteria (facts.json `criteriaEditions`), longest phrase first within each. */
export const CRITERIA_EDITIONS: readonly { framework: string; name: string; phrases: string[] }[] = VOCABULARY.facts.criteriaEditions.editions.map((e) => ({ ...e, phrases: [...e.phrases].sort((a, b) => b.length - a.length) }));
export const AUDIT_FIRMS: { alias: string[]; name: string }[] = auditFirms.firms
  // Folded as questions are ("e&y" -> "e & y"), so that every alias can match.
  .flatMap((f) => f.aliases.map((a) => ({ alias: fold(a).split(' '), name: f.name })))
  .sort((a, b) => b.alias.length - a.alias.length);

/**
 * Questions about the accountants' tests and their results (data/vocabulary/report-contents.json): the phrases
 * that ask for them, as token lists; the words that ask what a document holds; the heading words of a section
 * that would hold them; what a SOC report of each level leaves out, by level.
 */
export const REPORT_CONTENTS = {
  asks: reportContents.asks.map((p) => p.split(' ')),
  contents: set(reportContents.contents),
  /** Kinds of test the organization itself runs ("penetration"): before an `asks` phrase, not the accountants' tests. */
  otherTests: set(reportContents.otherTests.words),
  sectionWords: set(reportContents.sectionWords),
  findings: set(reportContents.findings),
  bySocLevel: reportContents.bySocLevel as Partial<Record<'1' | '2' | '3', string>>,
  /** Phrases asking for complementary user entity controls ("CUECs"), and the report's words for the customers' part. */
  userEntityControls: reportContents.userEntityControls.asks,
  customerPart: reportContents.userEntityControls.customerPart,
};

/** Chat spellings of question words, folded -> the word each is read as ("covrd" -> "covered"). */
export const CHAT_SPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries(chatSpellings.spellings));

/** British spelling -> the American one the report writes (data/vocabulary/british-spellings.json): "programme" -> "program". */
export const BRITISH_SPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries(britishSpellings.spellings));

/**
 * Every word of the question vocabulary (all sets and kinds, the words of chat filler, fact, count, describe and
 * help phrases, programmes): a word here is known, never a typo of another.
 */
export const VOCABULARY_WORDS: ReadonlySet<string> = new Set(
  [
    // (Compound heads are plain nouns of a practice, "reviews", "tests": a question's own words, not vocabulary.)
    // (Nor quantifiers, read only before "availability zones" and "data centers": resolve.ts.)
    ...Object.entries(questionWords.sets).flatMap(([k, s]) => (k === 'compoundHeads' || k === 'practiceAcronyms' || k === 'quantifiers' ? [] : s.words)),
    ...Object.values(questionWords.kinds).flatMap((s) => s.words),
    ...Object.values(questionWords.phrases).flatMap((p) => p.phrases),
    ...COUNT_COMPARISONS.map((c) => c.words.join(' ')),
    ...chatFiller.phrases,
    ...programmes.words,
    ...programmes.programmes.flatMap((p) => p.phrases),
    ...Object.values(VOCABULARY.facts.facts).flat(),
  ].flatMap((phrase) => phrase.split(' ')),
);

/**
 * The question words a typo is read as (src/query/spelling.ts): the words of scope and of the kinds of thing
 * asked about, five letters or more ("scope", "covered", "report", "region").
 */
export const SPELLING_TARGETS: readonly string[] = [...new Set([...questionWords.sets.scope.words, ...Object.values(questionWords.kinds).flatMap((s) => s.words)])].filter((w) => w.length >= 5 && /^\p{L}+$/u.test(w));

/**
 * Published standards' phrases as word lists, longest first ("nist sp 800 88" before "800 88"), and the words of a
 * revision after one ("rev 1"): a standard named in a question is how a practice is asked, never a name.
 */
export const STANDARD_PHRASES: string[][] = standards.standards.flatMap((s) => s.phrases.map((p) => p.split(' '))).sort((a, b) => b.length - a.length);
export const REVISION_WORDS = set(standards.revisions);
