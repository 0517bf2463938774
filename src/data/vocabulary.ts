import * as z from 'zod';
import { checkReviewed as check, source } from './reviewed.js';
import questionWordsJson from '../../data/vocabulary/question-words.json' with { type: 'json' };
import factsJson from '../../data/vocabulary/facts.json' with { type: 'json' };
import programmesJson from '../../data/vocabulary/programmes.json' with { type: 'json' };
import chatFillerJson from '../../data/vocabulary/chat-filler.json' with { type: 'json' };
import vendorsJson from '../../data/vocabulary/vendors.json' with { type: 'json' };
import auditFirmsJson from '../../data/vocabulary/audit-firms.json' with { type: 'json' };
import reportContentsJson from '../../data/vocabulary/report-contents.json' with { type: 'json' };
import corporateSuffixesJson from '../../data/vocabulary/corporate-suffixes.json' with { type: 'json' };
import chatSpellingsJson from '../../data/vocabulary/chat-spellings.json' with { type: 'json' };
import britishSpellingsJson from '../../data/vocabulary/british-spellings.json' with { type: 'json' };
import contextClausesJson from '../../data/vocabulary/context-clauses.json' with { type: 'json' };
import disambiguationJson from '../../data/vocabulary/disambiguation.json' with { type: 'json' };
import standardsJson from '../../data/vocabulary/standards.json' with { type: 'json' };
import timesJson from '../../data/vocabulary/times.json' with { type: 'json' };

/**
 * The reviewed vocabulary of questions (data/vocabulary/*.json): the words that are not names (filler, scope,
 * kinds, facts), other compliance programmes, chat filler phrases, other providers' names, corporate suffixes
 * and audit firms. Each file and set carries its source; the schemas below are checked by the tests
 * (src/data/vocabulary.test.ts), as the alias tables are.
 */

/** Folded words or phrases: lowercase letters, digits, "&" and single spaces (see `fold` in src/query/normalize.ts). */
const folded = z.lazy(() => z.string().regex(/^[\p{Ll}\p{N}&]+(?: [\p{Ll}\p{N}&]+)*$/u, 'expected a folded word or phrase (lowercase, single spaces)'));
const wordSet = z.lazy(() => z.object({ $comment: z.string().optional(), source, words: z.array(folded).min(1) }));
const phraseSet = z.lazy(() => z.object({ source, phrases: z.array(folded).min(1) }));

/** Comparisons of a count ("more than 10 regions"): `phrases` are "more than"; the others as named. */
const countComparisonSet = z.lazy(() => z.object({ source, phrases: z.array(folded).min(1), atLeast: z.array(folded).min(1), fewer: z.array(folded).min(1), atMost: z.array(folded).min(1), exactly: z.array(folded).min(1) }));

/** data/vocabulary/question-words.json: named word sets, kind words and the phrases of counts, descriptions and help. */
export const QuestionWordsSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    sets: z.object({
      stopwords: wordSet,
      context: wordSet,
      content: wordSet,
      scope: wordSet,
      everywhere: wordSet,
      list: wordSet,
      help: wordSet,
      /** How a topic question is asked, never searched for in the prose. */
      topicFiller: wordSet,
      /** Scope words that rank topic sentences without being required of them. */
      topicSoft: wordSet,
      /** Questionnaire verbs around a practice ("maintain", "documented"): rank topic sentences a little, never counted. */
      topicWrappers: wordSet,
      /** Nouns a practice is named by after what it is of ("access reviews", "penetration tests"): one practice. */
      compoundHeads: wordSet,
      /** Acronyms of security practices ("MFA", "SIEM"): practices asked about, never products. */
      practiceAcronyms: wordSet,
      /** Words about the examination itself ("absolute assurance"): only they are answered from the attestation's sections. */
      engagement: wordSet,
      /** Words hyphened to a criterion's name that only describe it ("privacy-related"): the criterion is asked. */
      criterionSuffixes: wordSet,
      nameContinuations: wordSet,
      /** How many, before the report's terms for a region's buildings ("multiple availability zones"): read only there. */
      quantifiers: wordSet,
      /** Words that stand for whatever a practice applies to ("back stuff up"): no topic's words. */
      placeholders: wordSet,
      /** Nouns after a criterion's word naming who asks ("security team", "privacy officer"). */
      teamNouns: wordSet,
      /** What places have or how they are run ("do the data centers have CCTV?"): a practice, not a place. */
      placeHas: wordSet,
      /** What an organisation has in place ("is there a procedure for ...?"): a practice is asked, never names. */
      practiceNouns: wordSet,
      /** Kinds of compliance document ("certificate", "attestation"): "is this an ISO 27001 certificate?". */
      documents: wordSet,
      /** Words about a span of time around a question's dates ("the whole of 2017"). */
      time: wordSet,
      /** Service levels and recovery targets ("SLA", "RTO"): a SOC 3 states none. */
      serviceLevels: wordSet,
      /** Units of a length of time ("90 days", "one year"): a duration names nothing the report lists. */
      durationUnits: wordSet,
      durationSuffixes: wordSet,
      /** Counts written as words before a unit ("one year", "a month", "ninety days"). */
      durationNumbers: wordSet,
    }),
    kinds: z.object({ service: wordSet, region: wordSet, edge: wordSet, country: wordSet, place: wordSet, category: wordSet, criterion: wordSet }),
    phrases: z.object({ count: phraseSet, describe: phraseSet, help: phraseSet, availability: phraseSet, allServices: phraseSet, zones: phraseSet, durationQualifiers: phraseSet, organizationReferences: phraseSet, advice: phraseSet, ownCompliance: phraseSet, askCues: phraseSet, fillForm: phraseSet, placesOfService: phraseSet, speaksOf: phraseSet, countComparisons: countComparisonSet }),
  }),
);

/** The facts about a report as a whole that a question may ask for. */
export const FACTS = ['period', 'currency', 'age', 'soc_type', 'addressee', 'auditor', 'report_date', 'opinion', 'criteria', 'organization', 'report', 'counts', 'assertion'] as const;

/** data/vocabulary/facts.json: the phrases that ask for each fact. */
export const FactsSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    source,
    facts: z.partialRecord(z.enum(FACTS), z.array(folded)),
    /** Phrases that hold a fact's phrase but ask something else ("retention period", "notice period"): not that fact. */
    lookalikes: z.partialRecord(z.enum(FACTS), z.array(folded)),
    lookalikesSource: source,
    /** Words that ask whether the opinion departs from a clean one ("qualified") or is one ("clean"). */
    opinionReadings: z.object({ source, departs: z.array(folded).min(1), clean: z.array(folded).min(1) }),
    /** Editions of the trust services criteria, by the framework a report cites ("TSP section 100A") and how they are asked. */
    criteriaEditions: z.object({ source, editions: z.array(z.object({ framework: z.string().min(1), name: z.string().min(1), phrases: z.array(folded).min(1) })).min(1) }),
    /** Words after "period" that name its last day ("ending", "ended") or its first ("beginning"), before a date. */
    /** Kinds of attestation engagement: the report's (an examination, reasonable assurance) and the others ("limited assurance", "agreed-upon procedures"). */
    engagementKinds: z.object({ source, examination: z.array(folded).min(1), other: z.array(folded).min(1) }),
    periodBoundaries: z.object({ source, end: z.array(folded).min(1), start: z.array(folded).min(1) }),
  }),
);

/** data/vocabulary/programmes.json: other compliance programmes by phrase; `soc` marks the AICPA SOC reports. */
export const ProgrammesSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    source,
    programmes: z.array(z.object({ name: z.string().min(1), phrases: z.array(folded).min(1), soc: z.number().int().min(1).max(3).optional(), source })),
    words: z.array(folded),
    /**
     * Control identifiers of other frameworks, as typed ("A.5.15", "PR.AC-1", "CC6.1", "IAM-02"): a regular
     * expression over the lowercased word, and the programme it names (one of `programmes`).
     */
    controlIds: z.array(z.object({ pattern: z.string().min(1), programme: z.string().min(1), example: z.string().min(1), source })),
    /** Security questionnaires by name, as typed ("SIG Lite"): a row's section label starts with one (row-labels.ts). */
    questionnaires: z.object({ source, names: z.array(z.string().min(1)).min(1) }),
    /** Phrases that hold a programme's word but name none ("ISO format", "ISO 8601"): taken out before programmes are read. */
    lookalikes: z.object({ source, phrases: z.array(folded).min(1) }),
    /** Words after a programme or its control ("CAIQ item", "ISO 27001 section") that make it a questionnaire row's reference. */
    itemWords: z.object({ source, words: z.array(folded).min(1) }),
  }),
);

/** data/vocabulary/chat-filler.json: phrases of chat filler and context, accounted for as filler. */
export const ChatFillerSchema = z.lazy(() => z.object({ $comment: z.string().optional(), source, phrases: z.array(folded).min(1) }));

/** data/vocabulary/vendors.json: other providers' names. */
export const VendorsSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    otherProviders: z.array(z.object({ provider: z.string().min(1), words: z.array(folded).min(1), source })),
  }),
);

/** data/vocabulary/corporate-suffixes.json: legal-entity suffixes ("inc", "llp"), folded. */
export const CorporateSuffixesSchema = wordSet;

/** data/vocabulary/chat-spellings.json: chat spellings of question words, folded, each with the word it is read as. */
export const ChatSpellingsSchema = z.lazy(() => z.object({ $comment: z.string().optional(), source, spellings: z.record(folded, folded) }));

/** data/vocabulary/british-spellings.json: British spellings, folded, each with the American one the report uses ("programme" -> "program"). */
export const BritishSpellingsSchema = ChatSpellingsSchema;

/** data/vocabulary/audit-firms.json: firms that sign SOC reports, with their folded aliases. */
export const AuditFirmsSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    source,
    firms: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) })),
    /** What a firm does with a report ("perform", "issue", "sign"): the words a question about the firm may hold. */
    verbs: z.object({ source, words: z.array(z.string().min(1)).min(1) }),
    /** Another firm, unnamed ("someone else"): the other side of a choice. */
    others: z.object({ source, phrases: z.array(folded).min(1) }),
  }),
);

/**
 * data/vocabulary/report-contents.json: phrases that ask about the accountants' tests and their results
 * (`asks`), words that ask what a document contains (`contents`), the heading words of a section that holds
 * tests (`sectionWords`), words for what tests found (`findings`), and what a SOC report of each level leaves out (`bySocLevel`, by the AICPA).
 */
export const ReportContentsSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    source,
    asks: z.array(folded).min(1),
    /** Kinds of test the organization itself runs ("penetration tests"): before an `asks` phrase, not the accountants' tests. */
    otherTests: z.object({ source, words: z.array(folded).min(1) }),
    contents: z.array(folded).min(1),
    sectionWords: z.array(folded).min(1),
    /** Words for what tests found ("exceptions", "deviations"): whether there were any, a SOC 3 cannot say. */
    findings: z.array(folded).min(1),
    bySocLevel: z.partialRecord(z.enum(['1', '2', '3']), z.string().min(1)),
    /** Complementary user entity controls: the phrases that ask for them, and the report's words for the customers' part. */
    userEntityControls: z.object({ $comment: z.string().optional(), asks: z.array(folded).min(1), customerPart: z.array(folded).min(1) }),
  }),
);

/**
 * data/vocabulary/disambiguation.json: cues that set a name apart from a look-alike ("Connect (not Direct Connect)"):
 * the cue and up to `maxWords` words after it are left out; `keeps` are words that, right after a cue, make it no
 * disambiguation ("not just", "not in scope").
 */
export const DisambiguationSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    source,
    cues: z.array(folded).min(1),
    keeps: z.array(folded),
    maxWords: z.number().int().min(1).max(8),
  }),
);

/**
 * data/vocabulary/context-clauses.json: the words of clauses about who asks and what for ("a german bank",
 * "customer in healthcare", "for a data lake"), read only in the patterns of src/query/context-clauses.ts.
 */
export const ContextClausesSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    source,
    /** Who asks: "bank", "customer", "insurance company". */
    askers: z.array(folded).min(1),
    /** Words before an asker: "german", "healthcare", "large". */
    modifiers: z.array(folded).min(1),
    /** What an asker is in: "healthcare", "financial services". */
    sectors: z.array(folded).min(1),
    /** Words after a sector: "sector", "industry". */
    sectorNouns: z.array(folded).min(1),
    /** What a question is for, after "for": "data lake", "migration". */
    purposes: z.array(folded).min(1),
    /** How an asker uses what was asked, before "for" and a purpose: "uses it", "wants to use them", "runs it". */
    usages: z.array(folded).min(1),
    /** Where a usage's purpose runs, after it: "there", "on it". */
    usageTails: z.array(folded).min(1),
    /** A participle clause before a purpose, with no asker: "as used by (our mobile app)", "as deployed in". */
    usedBy: z.array(folded).min(1),
    /** How an asker says what they already know before asking ("I know", "we're aware"): that is context. */
    knowns: z.array(folded).min(1),
    /** Words before another provider's product that is being left ("moving off Oracle", "migrating from Azure SQL"): context, not asked. */
    migrations: z.array(folded).min(1),
    /** Between a migration phrase and what is left ("migrating off an on-prem Oracle estate"): "on prem", "legacy". */
    migrationModifiers: z.array(folded).min(1),
    /** Between the asker's own system and a name ("their ledger runs on DynamoDB"): the system is context. */
    hostedOn: z.array(folded).min(1),
    /** A data-residency requirement ("data must stay in", "data location"): context, with its place when another is asked. */
    residency: z.array(folded).min(1),
    /** How a clause of what the asker does opens ("we", "our", "the customer"): before a comma or dash and a question, a statement. */
    statementOpeners: z.array(folded).min(1),
    /** A verb of asking after an asker and where it is ("customer in Oslo asks:"): the place is who asks. */
    askVerbs: z.array(folded).min(1),
  }),
);

/**
 * data/vocabulary/standards.json: published standards and frameworks by folded phrase ("nist sp 800 88"), and the
 * words of a revision written after one ("rev", "v"). A standard in a question is how a practice is asked, not a name.
 */
export const StandardsSchema = z.lazy(() =>
  z.object({
    $comment: z.string().optional(),
    source,
    standards: z.array(z.object({ name: z.string().min(1), phrases: z.array(folded).min(1), source })).min(1),
    revisions: z.array(folded),
  }),
);

/**
 * data/vocabulary/times.json: times named by reference to today ("now", "last week", "the next report"), by how they
 * stand to any report's period: `now` (today), `recent` (just before today), `future` (a later report or period),
 * `signing` (the day the report was signed, after its period); `lookalikes` hold a word of `now` but ask nothing of
 * today ("does anyone still use that"); `events` come before a date that is a thing's own ("it launched in 2017").
 * Read by src/query/intent.ts as Signals.after; a report can say nothing of them.
 */
export const TimesSchema = z.lazy(() => z.object({ $comment: z.string().optional(), source, now: phraseSet, recent: phraseSet, future: phraseSet, signing: phraseSet, events: phraseSet, lookalikes: phraseSet }));

/** All vocabulary files, validated. */
export interface VocabularyData {
  questionWords: z.infer<typeof QuestionWordsSchema>;
  facts: z.infer<typeof FactsSchema>;
  programmes: z.infer<typeof ProgrammesSchema>;
  chatFiller: z.infer<typeof ChatFillerSchema>;
  vendors: z.infer<typeof VendorsSchema>;
  auditFirms: z.infer<typeof AuditFirmsSchema>;
  reportContents: z.infer<typeof ReportContentsSchema>;
  corporateSuffixes: z.infer<typeof CorporateSuffixesSchema>;
  chatSpellings: z.infer<typeof ChatSpellingsSchema>;
  britishSpellings: z.infer<typeof BritishSpellingsSchema>;
  disambiguation: z.infer<typeof DisambiguationSchema>;
  contextClauses: z.infer<typeof ContextClausesSchema>;
  standards: z.infer<typeof StandardsSchema>;
  times: z.infer<typeof TimesSchema>;
}


/**
 * Validates the vocabulary files against their schemas.
 * @throws Error naming the file and the first bad field.
 */
export function validateVocabulary(): VocabularyData {
  return {
    questionWords: check(QuestionWordsSchema, questionWordsJson, 'data/vocabulary/question-words.json'),
    facts: check(FactsSchema, factsJson, 'data/vocabulary/facts.json'),
    programmes: check(ProgrammesSchema, programmesJson, 'data/vocabulary/programmes.json'),
    chatFiller: check(ChatFillerSchema, chatFillerJson, 'data/vocabulary/chat-filler.json'),
    vendors: check(VendorsSchema, vendorsJson, 'data/vocabulary/vendors.json'),
    auditFirms: check(AuditFirmsSchema, auditFirmsJson, 'data/vocabulary/audit-firms.json'),
    reportContents: check(ReportContentsSchema, reportContentsJson, 'data/vocabulary/report-contents.json'),
    corporateSuffixes: check(CorporateSuffixesSchema, corporateSuffixesJson, 'data/vocabulary/corporate-suffixes.json'),
    chatSpellings: check(ChatSpellingsSchema, chatSpellingsJson, 'data/vocabulary/chat-spellings.json'),
    britishSpellings: check(BritishSpellingsSchema, britishSpellingsJson, 'data/vocabulary/british-spellings.json'),
    disambiguation: check(DisambiguationSchema, disambiguationJson, 'data/vocabulary/disambiguation.json'),
    contextClauses: check(ContextClausesSchema, contextClausesJson, 'data/vocabulary/context-clauses.json'),
    standards: check(StandardsSchema, standardsJson, 'data/vocabulary/standards.json'),
    times: check(TimesSchema, timesJson, 'data/vocabulary/times.json'),
  };
}

/** The vocabulary as bundled with the code (validated by the tests, not again at each start; see loadAliasData). */
export const VOCABULARY: VocabularyData = {
  questionWords: questionWordsJson,
  facts: factsJson,
  programmes: programmesJson,
  chatFiller: chatFillerJson,
  vendors: vendorsJson,
  auditFirms: auditFirmsJson,
  reportContents: reportContentsJson,
  corporateSuffixes: corporateSuffixesJson,
  chatSpellings: chatSpellingsJson,
  britishSpellings: britishSpellingsJson,
  disambiguation: disambiguationJson,
  contextClauses: contextClausesJson,
  standards: standardsJson,
  times: timesJson,
} as VocabularyData;
