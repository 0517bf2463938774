import type { Entity, Hit, Lexicon, Via } from './lexicon.js';
import { fold, type Token } from './normalize.js';
import { ordinaryWordAt, PLACE_TYPES, scan, surfaceOf, type Span } from './scan.js';
import { accepted, editDistance, type FuzzyIndex } from './fuzzy.js';
import { PhraseIndex } from './phrases.js';
import { contextClauseTokens, migrationBefore } from './context-clauses.js';
import { FACT_WORDS, isYear, monthOf } from './intent.js';
import { CONTENT_WORDS, CONTEXT_WORDS, CRITERION_SUFFIXES, NAME_CONTINUATIONS, QUANTIFIERS, PRACTICE_ACRONYMS, EVERYWHERE_WORDS, TEAM_NOUNS, KIND_WORDS, OTHER_PROVIDERS, PROGRAM_WORDS, SCOPE_WORDS, STOPWORDS, LIST_WORDS, HELP_WORDS, TIME_WORDS } from './vocabulary.js';

/**
 * What a question is about: each name it uses, resolved to what the report lists (or does not), in the
 * order asked. Exact phrases first; the fuzzy fallback only for words nothing matched exactly.
 */
export type Subject =
  | { type: 'service'; name: string; via: Via; phrase: string; typed: string; fuzzy: boolean; reviewed: boolean }
  /** `family`: asked as a member of a family the question names ("AD Connector in AWS Directory Service"). */
  | { type: 'unlisted'; name: string; related: string[]; typed: string; fuzzy: boolean; family?: { name: string; members: string[] } }
  /**
   * A listed service's name with words we do not know around it ("Amazon Connect Foo", "S3 object lock"), or a
   * reviewed feature, tier or edition of it (`feature`: "Shield Advanced", a tier of AWS Shield).
   */
  | { type: 'unknown_variant'; typed: string; of: string; feature?: { name: string; kind: string } }
  /** Two listed services asked about together as one thing ("Inspector for Lambda", "is DynamoDB a relational database"). */
  | { type: 'relation'; typed: string; a: string; b: string }
  | { type: 'family'; name: string; members: string[]; others: string[]; typed: string }
  | { type: 'location'; hits: Hit[]; typed: string; fuzzy: boolean }
  | { type: 'criterion'; name: string; covered: boolean; typed: string }
  | { type: 'category'; name: string; typed: string }
  /**
   * Words that look like a name but match nothing: answered "not listed". `provider`: another cloud's product
   * ("Google Cloud Storage" -> "Google Cloud"), never a look-alike of a listed service.
   */
  | { type: 'unknown'; typed: string; suggestions: Entity[]; nameLike: boolean; place?: boolean; provider?: string }
  /** Close to several things at once: answered with "did you mean". */
  | { type: 'ambiguous'; typed: string; options: Entity[] };

/** What `resolve` found in a question: its subjects in order, the exact spans, and words it could not place. */
export interface Resolution {
  subjects: Subject[];
  /** Words that are neither filler nor part of a subject ("weather" in "what's the weather in Paris?"), as typed. */
  strays: string[];
  /** Spans found by exact lookup (for intent detection). */
  spans: Span[];
  /** Token indexes of the context clauses (who asks and what for: "asking for a HECVAT"), see context-clauses.ts. */
  context: ReadonlySet<number>;
}

/** A subject that is a service, listed or not ("Connect", "SageMaker", "S3 Object Lock", "Directory Service"). */
export const isServiceSubject = (s: Subject) => s.type === 'service' || s.type === 'unlisted' || s.type === 'unknown_variant' || s.type === 'family';

/** The fuzzy index's best reading of `typed`, when it is taken and one edit away (a typo of words around a name). */
function oneEditGuess(fuzzy: Pick<FuzzyIndex, 'search'>, typed: string) {
  const guess = fuzzy.search(typed)[0];
  return guess && accepted(guess) && guess.edits <= 1 ? guess : undefined;
}

/** The token indexes of the spans that name something, every name of which `accepts`. */
function tokensOfNames(found: readonly Span[], accepts: (hit: Hit) => boolean): Set<number> {
  const out = new Set<number>();
  for (const s of found) if (s.hits.length > 0 && s.hits.every(accepts)) for (let k = s.start; k < s.end; k++) out.add(k);
  return out;
}

/** Words that never form a subject on their own. */
const isFiller = (norm: string) => FILLER_WORDS.has(norm) || isYear(norm) || monthOf(norm) >= 0;

/** The word sets of {@link isFiller} as one: it is asked of most words of a question, and a set per test added up. */
// (The words of "everywhere" too: "are all AWS regions worldwide covered?" asks of every region, not of “worldwide”.)
const FILLER_WORDS: ReadonlySet<string> = new Set([CONTEXT_WORDS, STOPWORDS, TIME_WORDS, FACT_WORDS, SCOPE_WORDS, PROGRAM_WORDS, LIST_WORDS, HELP_WORDS, EVERYWHERE_WORDS, ...Object.values(KIND_WORDS)].flatMap((s) => [...s]));

/** List separators between names ("S3 and EC2", "S3 or EC2", "S3, EC2"). */
// ("n" as chat writes "and": "elasticache n elastic beanstalk"; "N. Virginia" is a name the scan reads first.)
const SEPARATORS = new Set(['and', 'or', '&', 'plus', 'vs', 'versus', 'nor', 'n']);

const LOCATION_TYPES = new Set(['region', 'edge', 'country', 'group']);

/** Resolves the names in a tokenised question. */
export function resolve(
  tokens: Token[],
  lexicon: Lexicon,
  fuzzy: Pick<FuzzyIndex, 'search' | 'near'>,
  options: {
    allowUnknown: boolean;
    ignore?: Set<number>;
    /** True when the report's prose uses the folded word or another form of it (absent: every word counts as used). */
    usesWord?: (word: string) => boolean;
  },
): Resolution {
  const vendorWords = lexicon.vendorWords;
  // Another cloud's products ("Google Cloud Storage", "Azure Blob") are read before any name of this report.
  // A name of this report that holds the provider's word ("AWS Directory Service for Microsoft Active Directory")
  // stays the report's.
  // A criterion's shorthand ("sec", "conf") names it only beside another criterion: alone it is an ordinary word.
  // Nor is it one typed in capitals ("SEC", the regulator), after a vendor word ("AWS conf") or after a number ("99.99
  // sec"): a regulator, an event, a unit.
  const scannedAll = scan(tokens, lexicon);
  const isShorthand = (s: Span) => s.hits.length > 0 && s.hits.every((h) => h.via === 'shorthand');
  const unlikely = (s: Span) => {
    const surface = tokens[s.start]!.surface;
    const before = tokens[s.start - 1];
    return (surface.length > 2 && surface === surface.toUpperCase()) || (!!before && !before.afterComma && (lexicon.vendorWords.has(before.norm) || before.digits));
  };
  const kept = scannedAll.filter((s) => !isShorthand(s) || !unlikely(s));
  const criteriaNamed = kept.filter((s) => s.hits.some((h) => h.entity.type === 'criterion')).length;
  const found = criteriaNamed >= 2 ? kept : kept.filter((s) => !isShorthand(s));
  const inName = tokensOfNames(found, () => true);
  // ... and so do words that stand inside a listed service's name ("Microsoft Active Directory").
  const serviceEnds = new Set(found.filter((s) => s.hits.some((h) => h.entity.type === 'service')).map((s) => s.end));
  const foreign = otherProviderProducts(tokens, options.ignore, inName).filter((f) => {
    // "RDS for Oracle", "EC2 with Microsoft": a provider's word linked to a listed service names an option of that
    // service, not the provider's product.
    if (f.start >= 2 && LINKS.has(tokens[f.start - 1]!.norm) && serviceEnds.has(f.start - 1)) return false;
    const typed = ` ${tokens.slice(f.start, f.end).map((t) => t.norm).join(' ')} `;
    // (The provider's word alone is the provider: "is Microsoft covered?" is not a question about Active Directory.)
    if (f.end - f.start === f.words) return true;
    return !lexicon.phrases.some((p) => p.hits.some((h) => h.entity.type === 'service') && ` ${p.key} `.includes(typed));
  });
  const inForeign = (k: number) => foreign.some((f) => k >= f.start && k < f.end);
  const scanned = found.filter((s) => !inForeign(s.start) && !inForeign(s.end - 1));
  const consumed = new Set<number>(options.ignore);
  // "We're moving off Oracle - is RDS in scope?": another provider's product being left is context, not asked.
  const left = new Set<(typeof foreign)[number]>();
  for (const f of foreign) {
    const from = migrationBefore(tokens, f.start);
    if (from < 0) continue;
    left.add(f);
    for (let k = from; k < f.start; k++) consumed.add(k);
  }
  // Who asks and what for ("a german bank", "customer in healthcare", "for a data lake"): whole clauses of reviewed
  // words, never a word of a name found above (context-clauses.ts).
  const inPlaceName = tokensOfNames(found, (h) => PLACE_TYPES.has(h.entity.type));
  const inCategoryName = tokensOfNames(found, (h) => h.entity.type === 'category');
  const context = contextClauseTokens(tokens, inName, inPlaceName, inCategoryName);
  for (const k of context) consumed.add(k);
  for (const f of foreign) for (let k = f.start; k < f.end; k++) consumed.add(k);
  for (const s of scanned) for (let k = s.start; k < s.end; k++) consumed.add(k);
  // "data center(s)" is one word for a region's buildings, not customer data.
  // So are "availability zone(s)", the report's own term for a region's separate locations: not the criterion
  // ("Are critical components replicated across multiple Availability Zones?" was "No: 0 of 2 in scope").
  const zones = new Set<number>();
  tokens.forEach((t, k) => {
    if (t.norm === 'data' && /^(center|centers|centre|centres)$/.test(tokens[k + 1]?.norm ?? '')) consumed.add(k).add(k + 1);
    if (t.norm === 'availability' && /^zones?$/.test(tokens[k + 1]?.norm ?? '')) zones.add(k).add(k + 1);
  });
  for (const k of zones) consumed.add(k);
  // "in multiple availability zones", "across several data centers": how many of them, not a place's name.
  tokens.forEach((t, k) => {
    if (QUANTIFIERS.has(t.norm) && !t.capitalised && (zones.has(k + 1) || (consumed.has(k + 1) && tokens[k + 1]!.norm === 'data'))) consumed.add(k);
  });
  // "what period does the audit comprehend?": a name's word used as the ordinary word is no typo of the name either.
  tokens.forEach((_, k) => {
    if (!consumed.has(k) && ordinaryWordAt(tokens, k, lexicon)) consumed.add(k);
  });
  // Spans without hits are ordinary words ("connect to"): consumed, but naming nothing.
  // (A place in a clause about who asks, "client is from france", names nothing asked.)
  const named = scanned.filter((s) => s.hits.length > 0 && !zones.has(s.start) && !(context.has(s.start) && context.has(s.end - 1)));
  // "the container orchestration service (Amazon ECS)", "dedicated hardware security modules (AWS CloudHSM)":
  // words right before a name in brackets that only say what it is (its reviewed glosses, a kind word such as
  // "service" after them allowed) are that name's, not a second thing asked about (nor "security", a criterion).
  const glossed = new Set<number>();
  for (const span of named) {
    const subject = tokens[span.start]!.afterBracket ? fromHits(span.hits, span.surface, false) : undefined;
    if (subject?.type !== 'service') continue;
    for (let k = glossBefore(tokens, span.start, named, consumed, lexicon.glosses.get(subject.name)); k < span.start; k++) consumed.add(k), glossed.add(k);
  }
  const spans = glossed.size ? named.filter((s) => !glossed.has(s.start)) : named;
  // "Amazon Cognito (user sign-up/sign-in)", "AWS CloudTrail (API activity logging)": words in brackets right after a
  // listed name that say what the report says it does are that name's gloss, not words it leaves unconfirmed.
  for (const span of spans) {
    if (!tokens[span.end]?.afterBracket) continue;
    const subject = fromHits(span.hits, span.surface, false);
    const service = subject.type === 'service' ? lexicon.services.get(subject.name) : undefined;
    const end = bracketEnd(tokens, span.end);
    if (!service || end < 0 || spans.some((x) => x.start >= span.end && x.start <= end)) continue;
    if (describedBy(service.description, tokens.slice(span.end, end + 1))) for (let k = span.end; k <= end; k++) consumed.add(k);
  }

  // A question that lists things ("Paris, Frankfurt and Tokyo") uses commas between items.
  // So do three or more names in a row with nothing between them ("S3 EC2 Lambda?").
  const inARow = spans.filter((s, k) => k >= 2 && spans[k - 1]!.end === s.start && spans[k - 2]!.end === spans[k - 1]!.start).length > 0;
  const listed = tokens.some((t) => SEPARATORS.has(t.norm)) || tokens.filter((t) => t.afterComma).length > 1 || inARow || pairInARow(spans, tokens);
  type Placed = { at: number; subject: Subject };
  const placed: Placed[] = foreign.filter((f) => !left.has(f)).map((f) => ({ at: f.start, subject: { type: 'unknown', typed: wordsOf(tokens, f.start, f.end), suggestions: [], nameLike: true, provider: f.provider } }));

  /** A country, a part of the world, or a state where the report names edge locations by state ("Texas"). */
  const stateLike = (hits: Hit[]) =>
    hits.some((h) => h.entity.type === 'country' || h.entity.type === 'group' || (h.entity.type === 'edge' && lexicon.stateLevelCountries.has(lexicon.edgeCountry.get(h.entity.name) ?? '')));
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    // A name found only with its spaces changed ("directconnect") is read as that name, and the answer says so.
    const subject = fromHits(span.hits, span.surface, span.joined === true);
    // "Amazon Connect Foo", "S3 object lock", "ECS for Kubernetes", "SnapStart for Lambda", "North Korea",
    // "London, Ontario": a name with words we do not know before or after it names a feature, tier, product
    // or place that the report does not list as such.
    // "Paris, Texas", "Dublin, Ohio", "Seoul, Japan": two places joined by a comma, in different countries and
    // not in a list, are one place in the second — not the listed place of the same name.
    // "Cork, Ireland", "Nagoya, Japan": a name we do not know, then a comma and a country or part of the world, is
    // one place in it that the report does not list; it was two items, and the country's regions made the answer
    // "Partly". (Before a US state the report lists ("Atlanta, Georgia") the state's edge location still answers.)
    // "Tbilisi, Georgia": a city of a country whose name a listed state shares (data/aliases/places.json
    // `sharedNames`) is one place in that country, not listed; it was "Partly", the US state's edge location.
    // (In a list too: a city of that country is never an item of its own before the state.)
    const shared = subject.type === 'location' && tokens[span.start]!.afterComma ? span.hits.map((h) => (h.entity.type === 'edge' ? lexicon.sharedNames.get(h.entity.name) : undefined)).find((x) => !!x) : undefined;
    if (shared) {
      let from = span.start;
      while (from > 0 && span.start - from < 3 && !consumed.has(from - 1) && !isFiller(tokens[from - 1]!.norm) && !SEPARATORS.has(tokens[from - 1]!.norm) && (from === span.start || !tokens[from]!.afterComma)) from--;
      if (from < span.start && shared.cities.has(fold(surfaceOf(tokens, from, span.start)))) {
        for (let k = from; k < span.end; k++) consumed.add(k);
        placed.push({ at: from, subject: { type: 'unknown', typed: `${surfaceOf(tokens, from, span.start)}, ${span.surface}`, suggestions: uniqueEntities(span.hits), nameLike: true, place: true } });
        continue;
      }
    }
    if (subject.type === 'location' && tokens[span.start]!.afterComma && !listed && span.hits.some((h) => h.entity.type === 'country' || h.entity.type === 'group')) {
      let from = span.start;
      while (from > 0 && span.start - from < 3 && !consumed.has(from - 1) && tokens[from - 1]!.capitalised && !isFiller(tokens[from - 1]!.norm) && !SEPARATORS.has(tokens[from - 1]!.norm) && (from === span.start || !tokens[from]!.afterComma)) from--;
      if (from < span.start) {
        for (let k = from; k < span.end; k++) consumed.add(k);
        placed.push({ at: from, subject: { type: 'unknown', typed: `${surfaceOf(tokens, from, span.start)}, ${span.surface}`, suggestions: uniqueEntities(span.hits), nameLike: true, place: true } });
        continue;
      }
    }
    const next = spans[i + 1];
    // "ap-east-1 (Hong Kong)", "Frankfurt (eu-central-1)": a region's code beside its own city, name or country
    // glosses one region; the city's edge location is not a second thing asked ("Partly: Hong Kong covered as an
    // edge location" was half a yes about a region the report does not cover).
    if (subject.type === 'location' && next && next.start === span.end && !tokens[next.start]!.afterComma) {
      const code = glossedRegion(span.hits, next.hits) ?? glossedRegion(next.hits, span.hits);
      if (code) {
        i++;
        for (let k = span.start; k < next.end; k++) consumed.add(k);
        placed.push({ at: span.start, subject: { type: 'location', hits: code, typed: surfaceOf(tokens, span.start, next.end), fuzzy: false } });
        continue;
      }
    }
    if (subject.type === 'location' && next && next.start === span.end && tokens[next.start]!.afterComma && !listed) {
      const second = fromHits(next.hits, next.surface, false);
      // The second must be a country or part of the world ("Seoul, Japan"), or a state where the report names
      // edge locations by state ("Paris, Texas"); two cities ("São Paulo, Seoul") are a list.
      const region = (hits: Hit[]) => hits.some((h) => h.via === 'code');
      // (Two countries or parts of the world, "Japan, Korea", are a list: fresh set 44.)
      const placeOnly = (hits: Hit[]) => hits.every((h) => h.entity.type === 'country' || h.entity.type === 'group');
      if (second.type === 'location' && stateLike(next.hits) && !region(span.hits) && !region(next.hits) && !placeOnly(span.hits)) {
        const a = countriesOf(span.hits, lexicon);
        const b = countriesOf(next.hits, lexicon);
        if (![...a].some((c) => b.has(c))) {
          i++;
          for (let k = span.start; k < next.end; k++) consumed.add(k);
          placed.push({ at: span.start, subject: { type: 'unknown', typed: `${span.surface}, ${next.surface}`, suggestions: uniqueEntities(span.hits), nameLike: true, place: true } });
          continue;
        }
      }
    }
    // "Inspector for Lambda", "DynamoDB Auto Scaling", "is DynamoDB a relational database?", "Glacier part of
    // S3": two listed services joined by a linking word, by nothing, or by "a"/"part of", outside a list, name a
    // feature of one or a relation between them; the report lists each on its own.
    if (subject.type === 'service' && next && !listed && !tokens[next.start]!.afterComma) {
      const second = fromHits(next.hits, next.surface, false);
      const between = tokens.slice(span.end, next.start).map((t) => t.norm);
      const gap = RELATION_GAPS.some((g) => g.join(' ') === between.join(' '));
      if (second.type === 'service' && second.name !== subject.name && gap) {
        i++;
        for (let k = span.start; k < next.end; k++) consumed.add(k);
        placed.push({ at: span.start, subject: { type: 'relation', typed: surfaceOf(tokens, span.start, next.end), a: subject.name, b: second.name } });
        continue;
      }
      // "Amazon Simple Storage Service Glacier Instant Retrieval", "ECS for Kubernetes": a listed service run
      // together with a name the report does not list is a tier or feature of it, not two things ("Partly: S3 in
      // scope" was half a yes about a storage class launched in 2021).
      if (second.type === 'unlisted' && gap) {
        i++;
        for (let k = span.start; k < next.end; k++) consumed.add(k);
        placed.push({ at: span.start, subject: { type: 'unknown_variant', typed: wordsOf(tokens, span.start, next.end), of: subject.name } });
        continue;
      }
    }
    // "AD Connector in AWS Directory Service", "Kinesis Streams, part of Kinesis": a service asked about as a
    // member of the family named with it is that service alone; the family is where it belongs, not a second
    // subject (its other members were not asked about).
    if ((subject.type === 'unlisted' || subject.type === 'service') && next && !tokens[next.start]!.afterComma) {
      const family = fromHits(next.hits, next.surface, false);
      const between = tokens
        .slice(span.end, next.start)
        .map((t) => t.norm)
        .filter((w) => !ARTICLES.has(w))
        .join(' ');
      if (family.type === 'family' && [...family.members, ...family.others].includes(subject.name) && MEMBER_GAPS.has(between)) {
        i++;
        for (let k = span.start; k < next.end; k++) consumed.add(k);
        placed.push({ at: span.start, subject: subject.type === 'unlisted' ? { ...subject, family: { name: family.name, members: family.members } } : subject });
        continue;
      }
    }
    // "cloudwatch logz": a shorter exact name ("CloudWatch", not listed) followed by a word the report never uses
    // is read as the longer name that word is a typo of (Amazon CloudWatch Logs), when that name is the one
    // within the fuzzy cut-off; "cloudwatch dashboards" is no typo of any name and stays CloudWatch.
    if (subject.type === 'unlisted') {
      const longer = typoAfter(tokens, span, consumed, listed, fuzzy, options.usesWord);
      if (longer) {
        for (let k = span.start; k < longer.end; k++) consumed.add(k);
        placed.push({ at: span.start, subject: fromHits(longer.hits, longer.typed, true) });
        continue;
      }
    }
    // "Directory Service Simple AD", "AWS Directory Service for Microsoft AD", "Directory Service's AD Connector": the
    // family named before one of its editions asks about that edition alone, as "Simple AD in Directory Service"
    // does; it was the whole family ("Partly: 1 of 3"), a yes for the listed edition beside two not listed.
    if (subject.type === 'family' && next && !tokens[next.start]!.afterComma) {
      const member = fromHits(next.hits, next.surface, false);
      const between = tokens
        .slice(span.end, next.start)
        .map((t) => t.norm)
        .join(' ');
      if ((member.type === 'unlisted' || member.type === 'service') && [...subject.members, ...subject.others].includes(member.name) && FAMILY_GAPS.has(between)) {
        i++;
        for (let k = span.start; k < next.end; k++) consumed.add(k);
        const typed = surfaceOf(tokens, span.start, next.end);
        placed.push({ at: span.start, subject: member.type === 'unlisted' ? { ...member, typed, family: { name: subject.name, members: subject.members } } : { ...member, typed } });
        continue;
      }
    }
    // "direkt connect": a typo of the word before a name that is itself a name ("Connect") may make another name
    // of the two ("AWS Direct Connect"), within one edit; read as that one, as a typo of a whole name is ("amazn
    // connect": the same name, with its typo read).
    const typoAt = span.start - 1;
    // "Amazn Aurora", "Amzon S3": the vendor word mistyped before a name is that name's vendor word.
    if (typoAt >= 0 && !consumed.has(typoAt) && !tokens[span.start]!.afterComma && vendorTypoOf(tokens[typoAt]!.norm, vendorWords)) consumed.add(typoAt);
    if (subject.type === 'service' && typoAt >= 0 && !consumed.has(typoAt) && !isFiller(tokens[typoAt]!.norm) && !SEPARATORS.has(tokens[typoAt]!.norm) && !tokens[span.start]!.afterComma && /^\p{L}{3,}$/u.test(tokens[typoAt]!.norm)) {
      const typed = wordsOf(tokens, typoAt, span.end);
      const guess = oneEditGuess(fuzzy, typed);
      if (guess) {
        for (let k = typoAt; k < span.end; k++) consumed.add(k);
        placed.push({ at: typoAt, subject: fromHits(guess.hits, typed, true) });
        continue;
      }
    }
    // (Not a word already accounted for, "security (common criteria)", nor one in brackets after it, "security (CC)":
    // "No: security CC is not listed" denied a criterion the report covers.)
    const glossAfter = span.end < tokens.length && (!!options.ignore?.has(span.end) || /^[([]/u.test(tokens[span.end]!.word));
    // A short word in brackets after a criterion is its abbreviation ("Security (CC)", "Availability (A1)"): accounted.
    if (subject.type === 'criterion' && glossAfter && /^[([][\p{L}\p{N}.]{1,5}[)\]]$/u.test(tokens[span.end]!.word)) consumed.add(span.end);
    // "the Confidentiality category (of the Trust Services Criteria)": the 2017 criteria call each one a category;
    // the word is the criterion's kind, not a second name ("No: Confidentiality category is not listed" was a false no).
    if (subject.type === 'criterion' && (tokens[span.end]?.norm === 'category' || tokens[span.end]?.norm === 'categories') && !tokens[span.end]!.afterComma) {
      for (let k = span.start; k <= span.end; k++) consumed.add(k);
      placed.push({ at: span.start, subject });
      continue;
    }
    // "is the soc3 security-only?": the rest of a hyphenated word that is no word of a name leaves the criterion
    // itself (it was "No: security-only is not listed").
    // So do "privacy-related", "security-focused" (words that only describe it, data/vocabulary/question-words.json),
    // and "security-and-privacy": a list of criteria in one word.
    const hyphened = tokens[span.end]?.word === tokens[span.end - 1]!.word ? tokens[span.end]!.norm : undefined;
    const listInWord = hyphened !== undefined && SEPARATORS.has(hyphened) && next?.start === span.end + 1 && next.hits.some((h) => h.entity.type === 'criterion');
    if (subject.type === 'criterion' && hyphened !== undefined && (NOT_NAME_WORDS.has(hyphened) || CRITERION_SUFFIXES.has(hyphened) || listInWord)) {
      consumed.add(span.end);
      placed.push({ at: span.start, subject });
      continue;
    }
    const qualifiable = subject.type === 'service' || subject.type === 'category' || subject.type === 'family' || subject.type === 'location' || (subject.type === 'criterion' && !glossAfter);
    // "Privacy Shield", "security groups", "availability zones": a criterion's word run together with another
    // word (a name, or any word but a function or scope word) names something else.
    // (Another criterion right after it is a list written without commas: "confidentiality availability and privacy".)
    const nextIsCriterion = next?.start === span.end && next.hits.some((h) => h.entity.type === 'criterion');
    // "customer's security team wants to know ...": people who ask, not the criterion asked about.
    if (subject.type === 'criterion' && span.end < tokens.length && TEAM_NOUNS.has(tokens[span.end]!.norm) && !tokens[span.end]!.afterComma) {
      for (let k = span.start; k <= span.end; k++) consumed.add(k);
      continue;
    }
    // "physical security", "network security", "high availability": a plain word right before a criterion's word
    // makes a topic of it, not the criterion (nothing between them, and not the end of a list).
    const before = span.start - 1;
    if (subject.type === 'criterion' && before >= 0 && !consumed.has(before) && !tokens[span.start]!.afterComma && !isFiller(tokens[before]!.norm) && !SEPARATORS.has(tokens[before]!.norm)) {
      for (let k = before; k < span.end; k++) consumed.add(k);
      const nameLike = tokens.slice(before, span.end).some((t) => t.capitalised || /\d/.test(t.word));
      placed.push({ at: before, subject: { type: 'unknown', typed: surfaceOf(tokens, before, span.end), suggestions: [], nameLike } });
      continue;
    }
    // (Not a negation's stem, "Processing Integrity isn't in scope, is it?": "isn" is no word of a name; nor "only" of
    // "is the soc3 security-only?".)
    if (subject.type === 'criterion' && !nextIsCriterion && !glossAfter && span.end < tokens.length && !tokens[span.end]!.afterComma && !BREAKERS.has(tokens[span.end]!.norm) && !SEPARATORS.has(tokens[span.end]!.norm) && !NOT_NAME_WORDS.has(tokens[span.end]!.norm)) {
      let end = span.end + 1;
      if (spans[i + 1]?.start === span.end) end = spans[++i]!.end;
      for (let k = span.start; k < end; k++) consumed.add(k);
      const nameLike = tokens.slice(span.start, end).some((t) => t.capitalised || /\d/.test(t.word));
      placed.push({ at: span.start, subject: { type: 'unknown', typed: surfaceOf(tokens, span.start, end), suggestions: [], nameLike } });
      continue;
    }
    if (qualifiable) {
      const start = qualifierStart(tokens, span.start, consumed, vendorWords);
      let end = qualifierEnd(tokens, span.end, consumed, subject.type === 'location', listed);
      // "S3 Express", "Cognito Plus", "Inspector 2": a word that continues the name into another product's, though a
      // question word, separator or context word elsewhere (data: question-words.json nameContinuations); a name
      // after it makes it a separator ("S3 plus EC2").
      if (end === span.end && subject.type === 'service' && continuesName(tokens, span.end) && spans[i + 1]?.start !== span.end + 1 && !named.some((s) => s.start <= span.end && s.end > span.end)) end = qualifierEnd(tokens, span.end + 1, consumed, false, listed);
      if (start < span.start || end > span.end) {
        // Names right after the qualifier belong to the same phrase ("S3 Object Lambda", "CloudFront Origin Shield").
        // (Not across a list boundary: "elasticache (redis), simpledb and dms" lists SimpleDB; it was read as one
        // variant of ElastiCache, "elasticache (redis) simpledb".)
        while (end > span.end && spans[i + 1]?.start === end && !tokens[end]!.afterComma) {
          i++;
          end = qualifierEnd(tokens, spans[i]!.end, consumed, false, listed);
          if (end === spans[i]!.end) break;
        }
        end = Math.max(end, spans[i]!.end);
        for (let k = start; k < end; k++) consumed.add(k);
        const typed = wordsOf(tokens, start, end);
        // "Amazon CloudFront (CDN)": words after the name that only say what it is (reviewed glosses) leave it the name.
        const gloss = subject.type === 'service' && start === span.start && lexicon.glosses.get(subject.name)?.has(tokens.slice(span.end, end).map((t) => t.norm).join(' '));
        if (gloss) {
          placed.push({ at: start, subject });
          continue;
        }
        // A typo in the words around a name ("Kinesis Strems") is still worth the fuzzy fallback, but only a
        // single edit: two ("North Korea" -> "South Korea", "Washington DC" -> "Washington") change the meaning.
        const guess = oneEditGuess(fuzzy, typed);
        if (guess) {
          placed.push({ at: start, subject: fromHits(guess.hits, typed, true) });
          continue;
        }
        placed.push({
          at: start,
          subject:
            subject.type === 'service'
              ? { type: 'unknown_variant', typed, of: subject.name }
              : {
                  type: 'unknown',
                  typed,
                  suggestions: [],
                  // A category with plain words ("DB snapshots", "database backups") is a thing the report may speak
                  // of, not a product's name; a place or a capitalised qualifier ("Storage Gateway Foo") names one.
                  nameLike: subject.type !== 'category' || qualifiers(tokens, start, end, span).some((t) => t.capitalised || /\d/.test(t.word)),
                  place: subject.type === 'location',
                },
        });
        // The qualified name stays what the words say; the listed name it contains is a suggestion.
        const within = placed.at(-1)!.subject;
        if (within.type === 'unknown' && subject.type !== 'location') within.suggestions = uniqueEntities(span.hits);
        continue;
      }
    }
    placed.push({ at: span.start, subject });
  }

  // Runs of unmatched, non-filler words: candidate names for the fuzzy fallback, or unknown terms.
  const runs: { start: number; end: number; consumed?: boolean }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (consumed.has(k) || isFiller(tokens[k]!.norm) || SEPARATORS.has(tokens[k]!.norm)) continue;
    const start = k;
    // A comma ends a run: "are foo, lamda and s3 covered?" asks about "foo" and "lamda" (read as one term, "foo
    // lamda", AWS Lambda was not shown at all); so does "lamda, cloudfrount covered?", a list of two (fresh set 45:
    // "Kenesis streams + cloudfrount" was one term the report does not mention).
    while (k + 1 < tokens.length && !consumed.has(k + 1) && !isFiller(tokens[k + 1]!.norm) && !SEPARATORS.has(tokens[k + 1]!.norm) && !tokens[k + 1]!.afterComma) k++;
    runs.push({ start, end: k + 1 });
  }

  const subjectRuns = new Set<{ start: number; end: number }>();
  /** Runs left out for standing apart from every name; a second pass takes those next to a run that named one. */
  const skipped: { start: number; end: number }[] = [];
  for (const run of runs) {
    // Only runs that stand as items of the question count: when names were found, a run must sit next to
    // one of them with nothing but separators or filler between ("S3 and Foo", "S3, Foo").
    const nameLike = tokens.slice(run.start, run.end).some((t) => t.capitalised || /\d/.test(t.word));
    // In a list ("São Paulo, Rio and Buenos Aires"), every name-like item counts, wherever it stands.
    // So does a name typed as a name, exactly (but for its vendor word), wherever it stands: "Is Comprehend covered
    // under security?" asks about Amazon Comprehend (it was "not sure": the report does not mention “Comprehend”).
    const asName = (r: { start: number; end: number }) => nameLike && r.end - r.start <= 3 && fuzzy.search(wordsOf(tokens, r.start, r.end)).some((c) => c.edits === 0 && accepted(c));
    // So does a run that is its own question's subject ("is lamda covered and is api gw covered?"): between "is"
    // and a scope word.
    const subjectSlot = (r: { start: number; end: number }) => r.end - r.start <= 3 && BE_OPENERS.has(tokens[r.start - 1]?.norm ?? '') && SCOPE_WORDS.has(tokens[r.end]?.norm ?? '');
    if (spans.length > 0 && !adjacentToSpan(run, spans, tokens) && !(listed && nameLike) && !asName(run) && !subjectSlot(run)) {
      skipped.push(run);
      continue;
    }
    if (run.end - run.start > 5) continue;
    // "Amazon Foo": keep the vendor word the user put in front of an unknown name.
    const from = run.start > 0 && vendorWords.has(tokens[run.start - 1]!.norm) ? run.start - 1 : run.start;
    const typed = wordsOf(tokens, from, run.end);
    // "Amzon Relational Databse Service": a vendor word mistyped before a name mistyped is read with the vendor
    // word as it is spelt, so that the name's own typo is all the fuzzy search weighs (it was "No: Amzon
    // Relational Databse is not listed").
    const vendorTypo = run.end - run.start > 1 ? vendorTypoOf(tokens[run.start]!.norm, vendorWords) : undefined;
    // "is Simple covered?", "is Export covered?": one word typed as a name that is a whole word of listed names asks
    // which of them, before any guess ("Did you mean AWS Simple AD?" offered a service the report does not list).
    // (The one word the question asks about: see `lone` below.)
    const lone = runs.length === 1 && spans.length === 0 && run.end - run.start === 1;
    const holding = lone && nameLike ? servicesHolding(lexicon, fold(typed)) : [];
    if (holding.length > 0) {
      placed.push({ at: run.start, subject: { type: 'ambiguous', typed, options: holding } });
      subjectRuns.add(run);
      continue;
    }
    const candidates = fuzzy.search(vendorTypo ? `${vendorTypo} ${wordsOf(tokens, run.start + 1, run.end)}` : typed);
    const best = candidates[0];
    // A plain lowercase word close to a service the report does not list ("backups" ~ AWS Backup) is more
    // likely the word itself when the report uses that word: it is not read as that service (at most
    // suggested). A word the report never uses ("athenna", "cloudwach") is a typo of the name.
    const plainWord = typed.split(' ').every((w) => options.usesWord?.(fold(w)) ?? true);
    const plainGuessAtUnlisted = !nameLike && plainWord && best?.hits.every((h) => h.entity.type === 'unlisted');
    if (best && accepted(best) && !plainGuessAtUnlisted) {
      // Read as that name only when it is the one name within the cut-off: any other (listed or not) makes it
      // "did you mean A or B?".
      const rivals = candidates.filter((c) => accepted(c) && !sameEntities(c.hits, best.hits));
      if (rivals.length === 0) {
        placed.push({ at: run.start, subject: fromHits(best.hits, typed, true) });
        subjectRuns.add(run);
        continue;
      }
      placed.push({ at: run.start, subject: { type: 'ambiguous', typed, options: uniqueEntities([...best.hits, ...rivals.flatMap((r) => r.hits)]) } });
      subjectRuns.add(run);
      continue;
    }
    // "is sxs in scope", "ecz covered?": a word of three letters the report never uses, one letter from a name, is
    // "did you mean" (never a reading: three letters cannot tell SQS from SNS or SES, nor "SQX" from a product
    // the lexicon does not know; nor a "no": it was "SQX is not listed").
    // Only as the one word the question asks about: beside other words, three letters are most often a word
    // ("can I see the tests?" is not about SES).
    // (Nor a practice's acronym, "SSE", "IDS": a practice, not a typo of SES or IVS.)
    const near = candidates.length === 0 && lone && !(options.usesWord?.(fold(typed)) ?? true) && !PRACTICE_ACRONYMS.has(fold(typed)) ? fuzzy.near(typed) : [];
    const nearNames = uniqueEntities(near.flatMap((c) => c.hits));
    if (nearNames.length > 0) {
      placed.push({ at: run.start, subject: { type: 'ambiguous', typed, options: nearNames } });
      subjectRuns.add(run);
      continue;
    }
    if (!options.allowUnknown && spans.length === 0 && candidates.length === 0) continue;
    placed.push({ at: run.start, subject: { type: 'unknown', typed, nameLike, suggestions: uniqueEntities(candidates.slice(0, 3).flatMap((c) => c.hits)) } });
    subjectRuns.add(run);
  }
  // "are foo, lamda and s3 covered?": "foo" stands next to "lamda", which named a service: an item of the list too.
  for (const run of listed ? skipped : []) {
    if (run.end - run.start > 3 || !adjacentToSpan(run, [...subjectRuns], tokens)) continue;
    const typed = wordsOf(tokens, run.start, run.end);
    const nameLike = tokens.slice(run.start, run.end).some((t) => t.capitalised || /\d/.test(t.word));
    placed.push({ at: run.start, subject: { type: 'unknown', typed, nameLike, suggestions: [] } });
  }

  placed.sort((a, b) => a.at - b.at);
  // "the DNS service (Route 53 Resolver)", "Aurora (RDS)", "the IoT service (IoT Greengrass)": a name in brackets
  // right after another says what the first one is; the two ask about one thing, and when one of them is a service
  // the report does not list, that one is the thing asked (it was "Partly: 1 of 2", the listed one a yes).
  for (let k = placed.length - 2; k >= 0; k--) {
    const [a, b] = [placed[k]!, placed[k + 1]!];
    const t = tokens[b.at];
    if (!t?.afterBracket || t.afterComma || tokens.slice(a.at + 1, b.at).some((x) => SEPARATORS.has(x.norm) || x.afterComma)) continue;
    const listedLike = (x: Subject) => x.type === 'service' || x.type === 'family';
    // "Microsoft AD (AWS Directory Service)": a family in brackets after one of its members says where it belongs.
    if ((a.subject.type === 'service' || a.subject.type === 'unlisted') && b.subject.type === 'family' && [...b.subject.members, ...b.subject.others].includes(a.subject.name)) placed.splice(k + 1, 1);
    else if (listedLike(a.subject) && b.subject.type === 'unlisted') placed.splice(k, 1);
    else if (a.subject.type === 'unlisted' && listedLike(b.subject)) placed.splice(k + 1, 1);
  }
  // "Is the notification service in scope, SNS?", "the Simple Storage one, S3": words that only say what a service
  // named in the question is, by its own name, category or reviewed glosses, are that service's, not a doubt.
  const describes = describingWords(placed.map((p) => p.subject), lexicon);
  const describing = (r: { start: number; end: number }) => describes.size > 0 && tokens.slice(r.start, r.end).every((t) => describes.has(t.norm));
  const strays = runs.filter((r) => !subjectRuns.has(r) && !r.consumed && !describing(r)).map((r) => wordsOf(tokens, r.start, r.end));
  return { subjects: placed.map((p) => p.subject), spans, strays, context };
}

/** Other providers' names by first word (longest first among those that share it, as OTHER_PROVIDERS is sorted). */
const PROVIDER_INDEX = new PhraseIndex(OTHER_PROVIDERS, (p) => p.words);

/**
 * Products of other cloud providers: a provider's words (data/vocabulary/vendors.json) and the name-like words
 * after them, up to the next filler word or separator ("Google Cloud Storage", "Azure Blob", "GCP BigQuery").
 */
function otherProviderProducts(tokens: Token[], ignore: Set<number> | undefined, inName: Set<number>): { start: number; end: number; provider: string; words: number }[] {
  const out: { start: number; end: number; provider: string; words: number }[] = [];
  const norms = tokens.map((t) => t.norm);
  for (let i = 0; i < tokens.length; i++) {
    if (ignore?.has(i) || inName.has(i)) continue;
    const hit = PROVIDER_INDEX.at(norms, i);
    if (!hit) continue;
    let end = i + hit.words.length;
    // (A word for an edge network is the product's too: "Akamai CDN", "Azure CDN" are theirs, not AWS
    // CloudFront, which "CDN" names alone.)
    while (end < tokens.length && end - i < 6 && !tokens[end]!.afterComma && !ignore?.has(end) && !SEPARATORS.has(tokens[end]!.norm) && (!isFiller(tokens[end]!.norm) || KIND_WORDS.edge.has(tokens[end]!.norm))) end++;
    out.push({ start: i, end, provider: hit.provider, words: hit.words.length });
    i = end - 1;
  }
  return out;
}

/**
 * The region hits of `code` (a region typed by its code) when `gloss` names the same region (its city or name) or
 * its country; undefined otherwise.
 */
function glossedRegion(code: Hit[], gloss: Hit[]): Hit[] | undefined {
  const regions = code.filter((h) => h.via === 'code' && h.entity.type === 'region');
  if (regions.length === 0 || regions.length !== code.length) return undefined;
  const same = gloss.some((g) =>
    regions.some((r) => {
      const region = r.entity as Extract<Entity, { type: 'region' }>;
      if (g.entity.type === 'region') return g.entity.name === region.name && g.via !== 'code';
      return g.entity.type === 'country' && g.entity.name === region.country;
    }),
  );
  return same ? regions : undefined;
}

/** The countries a place's hits lie in (a region's, an edge location's, a country or part of the world). */
function countriesOf(hits: Hit[], lexicon: Lexicon): Set<string> {
  const out = new Set<string>();
  for (const h of hits) {
    const e = h.entity;
    if (e.type === 'region' && e.country) out.add(e.country);
    else if (e.type === 'edge') out.add(lexicon.edgeCountry.get(e.name) ?? e.name);
    else if (e.type === 'country') out.add(e.name);
    else if (e.type === 'group') for (const c of e.countries) out.add(c);
  }
  return out;
}

/**
 * A longer name that a span and the one or two unknown words after it are a typo of: the only accepted fuzzy
 * candidate (no rival within the cut-off), naming something else than the span, where the words after it are
 * not words the report uses. Undefined when there is none.
 */
function typoAfter(
  tokens: Token[],
  span: Span,
  consumed: Set<number>,
  listed: boolean,
  fuzzy: Pick<FuzzyIndex, 'search' | 'near'>,
  usesWord: ((word: string) => boolean) | undefined,
): { end: number; hits: Hit[]; typed: string } | undefined {
  const end = qualifierEnd(tokens, span.end, consumed, false, listed);
  if (end === span.end || end - span.end > 2 || LINKS.has(tokens[span.end]!.norm)) return undefined;
  if (tokens.slice(span.end, end).some((t) => usesWord?.(t.norm) ?? true)) return undefined;
  const typed = wordsOf(tokens, span.start, end);
  const candidates = fuzzy.search(typed).filter(accepted);
  const best = candidates[0];
  if (!best || candidates.some((c) => !sameEntities(c.hits, best.hits))) return undefined;
  if (best.hits.some((h) => span.hits.some((s) => s.entity.type === h.entity.type && s.entity.name === h.entity.name))) return undefined;
  return { end, hits: best.hits, typed };
}

/** Words that say two names are asked about each on its own ("sqs sns both in scope?"). */
const EACH_WORDS = new Set(['both', 'each']);

/**
 * Two listed services named in a row with nothing between them, each typed as one word, asked as two things: at
 * least one is an abbreviation ("ebs efs", "lambda sqs", "ec2 rds"), or the question says "both"/"each". Shorthand
 * like that is how chat lists names; a feature is named in words ("DynamoDB Auto Scaling", "Inspector Lambda"
 * stays one thing the report does not name).
 */
function pairInARow(spans: readonly Span[], tokens: Token[]): boolean {
  const oneWord = (s: Span) => tokens[s.end - 1]!.word === tokens[s.start]!.word;
  const service = (s: Span) => s.hits.length > 0 && s.hits.every((h) => h.entity.type === 'service');
  const each = tokens.some((t) => EACH_WORDS.has(t.norm));
  for (let k = 1; k < spans.length; k++) {
    const a = spans[k - 1]!;
    const b = spans[k]!;
    if (a.end !== b.start || tokens[b.start]!.afterComma || !service(a) || !service(b) || !oneWord(a) || !oneWord(b)) continue;
    if (a.hits[0]!.entity.name === b.hits[0]!.entity.name) continue;
    if (each || [a, b].some((s) => s.hits.some((h) => h.via === 'abbreviation'))) return true;
  }
  return false;
}

/** What may stand between two service names that are asked about as one thing. */
const RELATION_GAPS = [[], ['for'], ['on'], ['with'], ['of'], ['s'], ['a'], ['an'], ['the'], ['part', 'of'], ['a', 'part', 'of'], ['like'], ['same', 'as'], ['the', 'same', 'as'], ['type', 'of'], ['a', 'type', 'of'], ['kind', 'of'], ['a', 'kind', 'of'], ['inside'], ['within'], ['in']];

/** What may stand between a service and the family it belongs to ("AD Connector in AWS Directory Service"). */
const MEMBER_GAPS = new Set(['in', 'of', 'from', 'within', 'inside', 'under', 'part of', 'which is part of', 'that is part of', 'member of', 'feature of']);
const ARTICLES = new Set(['a', 'an', 'the']);
/** What may stand between a family and one of its editions named after it ("Directory Service for Microsoft AD"). */
const FAMILY_GAPS = new Set(['', 'for', 's', 'edition', 'with']);

/** Words that join a qualifier to a name: "ECS for Kubernetes", "Lambda on Graviton", "Lambda's SnapStart". */
const LINKS = new Set(['for', 'on', 'with', 's', 'of']);

/**
 * Function words, scope and programme words never qualify a name, even capitalised ("Is S3 In Scope?").
 * Other filler words do when capitalised in the middle of a question ("WAF Bot Control", "Route 53 Region").
 */
const BREAKERS = new Set([
  ...'a an the is are was were be been being am do does did has have had it its this that these those of for to in on at by with from as and or nor not no yes if than then so such any all each every some our my your their we i you they them me us he she what which who whom whose when where why how can could would should will shall may might must also both either neither whether please part parts one only together too alongside along well'.split(' '),
  ...SCOPE_WORDS,
  ...PROGRAM_WORDS,
  ...FACT_WORDS,
  ...KIND_WORDS.service,
  ...KIND_WORDS.country,
  // "the availability criterion", "the Security principle": the kind of the criterion named, not another thing.
  ...KIND_WORDS.criterion,
  // "Location" capitalised after a name is part of it ("Direct Connect Location", a facility, not the service).
  ...[...KIND_WORDS.place].filter((w) => w !== 'location' && w !== 'locations'),
]);

/** A token that may qualify a name: unknown, or a capitalised filler word that is not a breaker. */
function qualifierWord(t: Token): boolean {
  if (SEPARATORS.has(t.norm)) return false;
  if (!isFiller(t.norm)) return true;
  return t.capitalised && !BREAKERS.has(t.norm);
}

/**
 * Where the words qualifying a name end: the qualifier words right after it (not after a comma), or a
 * linking word followed by such words. For a place, a capitalised unknown word after a comma qualifies it too
 * ("London, Ontario"). `start` when nothing qualifies it.
 */
function qualifierEnd(tokens: Token[], start: number, consumed: Set<number>, place: boolean, listed: boolean): number {
  // The rest of a word the name only began ("us-east-3" after "US East") always qualifies it.
  const sameWord = (k: number) => k > 0 && k < tokens.length && tokens[k]!.word === tokens[k - 1]!.word && !consumed.has(k);
  // After a place, "Region" or "Edge Location" says what kind of place, not which one.
  const word = (t: Token) => qualifierWord(t) && !(place && (KIND_WORDS.region.has(t.norm) || KIND_WORDS.edge.has(t.norm) || KIND_WORDS.place.has(t.norm)));
  const free = (k: number, afterCommaOk = false) =>
    sameWord(k) || (k < tokens.length && !consumed.has(k) && (afterCommaOk || !tokens[k]!.afterComma) && word(tokens[k]!));
  let from = start;
  if (place && !listed && from < tokens.length && tokens[from]!.afterComma && tokens[from]!.capitalised && !isFiller(tokens[from]!.norm) && free(from, true)) {
    let end = from + 1;
    while (free(end)) end++;
    return end;
  }
  if (!free(from) && from < tokens.length && LINKS.has(tokens[from]!.norm) && !tokens[from]!.afterComma && free(from + 1)) from++;
  // "is the database encrypted?", "is S3 replicated?": a participle right after the name, in a question opened with
  // "is", says what is done to it, not which one ("No: database encrypted is not listed" answered a practice).
  if (from === start && predicateParticiple(tokens, start)) return start;
  let end = from;
  while (free(end) && !predicateParticiple(tokens, end)) end++;
  return end > from ? end : start;
}

/** The tokens of `start`..`end` outside the name's own span. */
function qualifiers(tokens: Token[], start: number, end: number, span: { start: number; end: number }): Token[] {
  return tokens.slice(start, end).filter((_, k) => start + k < span.start || start + k >= span.end);
}

/**
 * Whether the token at `k`, right after a service's name, continues it: a reviewed continuation word (capitalised, or
 * no function word: "S3 Express", "emr studio") or a number of one or two digits ("Inspector 2"); never after a comma or bracket.
 */
function continuesName(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  // (Nor a gloss in brackets: "Amazon Cognito (user sign-up/sign-in)".)
  if (!t || t.afterComma || t.afterBracket) return false;
  if (/^\d{1,2}$/.test(t.norm)) return true;
  // (Not before the customers' content: "is S3 user data encrypted?" asks of S3's data, "S3 User" is no product.)
  const next = tokens[k + 1];
  if (next && !next.capitalised && CONTENT_WORDS.has(next.norm)) return false;
  return NAME_CONTINUATIONS.has(t.norm) && (t.capitalised || !BREAKERS.has(t.norm));
}

/** Openers that make a participle after the name a predicate ("is S3 encrypted?"), not part of a name. */
const BE_OPENERS = new Set(['is', 'are', 'was', 'were']);

/** Whether the token at `k` is a lowercase past participle after a name, in a question opened with "is"/"are". */
function predicateParticiple(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || t.capitalised || t.afterComma || t.norm.length < 5 || !t.norm.endsWith('ed')) return false;
  return tokens.slice(0, k).some((x) => BE_OPENERS.has(x.norm));
}

/**
 * Where the words qualifying a name start: a capitalised qualifier word right before it ("Service Connect",
 * "North Korea"), or such a word and a linking word ("SnapStart for Lambda"). `start` when none.
 */
function qualifierStart(tokens: Token[], start: number, consumed: Set<number>, vendorWords: Set<string>): number {
  // Before a name, "Service" or "Product" is part of another name ("Service Connect"); a vendor word is not.
  const before = (t: Token) => qualifierWord(t) || (KIND_WORDS.service.has(t.norm) && !vendorWords.has(t.norm));
  const free = (k: number) =>
    k >= 0 && !consumed.has(k) && ((tokens[k]!.capitalised && before(tokens[k]!) && !tokens[k + 1]?.afterComma) || tokens[k]!.word === tokens[k + 1]?.word);
  let from = start - 1;
  if (from >= 1 && (tokens[from]!.norm === 'for' || tokens[from]!.norm === 'of') && !tokens[from]!.afterComma && free(from - 1)) from--;
  if (!free(from)) return start;
  while (free(from - 1)) from--;
  return from;
}

/**
 * Where a gloss of a bracketed name starts: the longest run of tokens right before `at` that, with one trailing
 * kind word ("service", "services") left off, is one of `glosses` (folded); `at` itself when none is. The run may
 * hold names found within it ("security" in "hardware security modules"), never part of one that reaches
 * outside it, nor a word consumed for another reason (a context clause).
 */
function glossBefore(tokens: Token[], at: number, spans: readonly Span[], consumed: Set<number>, glosses: Set<string> | undefined): number {
  if (!glosses) return at;
  let end = at;
  if (end > 0 && KIND_WORDS.service.has(tokens[end - 1]!.norm)) end--;
  for (let from = Math.max(0, end - 5); from < end; from++) {
    const free = (k: number) => !consumed.has(k) || spans.some((s) => s.start >= from && s.end <= at && k >= s.start && k < s.end);
    let ok = true;
    for (let k = from; k < at && ok; k++) ok = free(k) && (k === from || !tokens[k]!.afterComma);
    if (ok && glosses.has(tokens.slice(from, end).map((t) => t.norm).join(' '))) return from;
  }
  return at;
}

/**
 * The folded words of the listed services among `subjects`: of their names, their categories and their reviewed
 * glosses ("simple", "notification", "messaging" of Amazon Simple Notification Service (SNS)). Vendor words and
 * kind words are left to the filler sets.
 */
function describingWords(subjects: Subject[], lexicon: Lexicon): Set<string> {
  const out = new Set<string>();
  for (const s of subjects) {
    if (s.type !== 'service') continue;
    const info = lexicon.services.get(s.name);
    const texts = [s.name, info?.category ?? '', ...(lexicon.glosses.get(s.name) ?? [])];
    for (const t of texts) for (const w of fold(t).split(' ')) if (w.length > 2) out.add(w);
  }
  return out;
}

/** The vendor word ("amazon") that `word` is one typo of, when it is not one itself ("amzon", "amazn"); four letters at least. */
function vendorTypoOf(word: string, vendorWords: Set<string>): string | undefined {
  if (word.length < 4 || vendorWords.has(word)) return undefined;
  for (const v of vendorWords) if (v.length >= 4 && editDistance(word, v, 1) <= 1) return v;
  return undefined;
}

/** What is left of a negated verb once "n't" is split off ("isn't" -> "isn", "t"), and words that limit ("security-only", "privacy too"). */
const NOT_NAME_WORDS = new Set(['isn', 'aren', 'wasn', 'weren', 'doesn', 'don', 'didn', 'hasn', 'haven', 'hadn', 'won', 'wouldn', 'shouldn', 'couldn', 'can', 'cannot', 'only', 'too', 'alone', 'either']);

/** The user's whole words behind tokens [start, end): "us-east-7", not "east 7". */
function wordsOf(tokens: Token[], start: number, end: number): string {
  const words: string[] = [];
  for (let k = start; k < end; k++) if (words.at(-1) !== tokens[k]!.word) words.push(tokens[k]!.word);
  return words.join(' ');
}

/**
 * Whether an unmatched run stands as an item beside a name: a separator word ("and", "or") or a comma
 * between them, or nothing between them when the run itself looks like a name ("S3 Foo").
 */
function adjacentToSpan(run: { start: number; end: number }, spans: readonly { start: number; end: number }[], tokens: Token[]): boolean {
  const nameLike = tokens.slice(run.start, run.end).some((t) => t.capitalised || t.digits);
  return spans.some((s) => {
    const [from, to] = s.end <= run.start ? [s.end, run.start] : run.end <= s.start ? [run.end, s.start] : [0, -1];
    if (to < from) return false;
    for (let k = from; k < to; k++) if (!SEPARATORS.has(tokens[k]!.norm)) return false;
    const separated = to > from || tokens[to]!.afterComma;
    return separated || nameLike;
  });
}

function sameEntities(a: Hit[], b: Hit[]): boolean {
  const key = (h: Hit) => `${h.entity.type}:${h.entity.name}`;
  const sa = new Set(a.map(key));
  return b.every((h) => sa.has(key(h))) && a.length === b.length;
}

/** Listed services by each folded word of their names (but the vendor's and kind words), per lexicon, built on first use. */
const WORD_SERVICES = new WeakMap<Lexicon, Map<string, Entity[]>>();

/** The listed services whose names hold `word` as a whole word (up to five): "gateway" -> API Gateway, Storage Gateway. */
function servicesHolding(lexicon: Lexicon, word: string): Entity[] {
  let byWord = WORD_SERVICES.get(lexicon);
  if (!byWord) {
    byWord = new Map();
    for (const name of lexicon.services.keys()) {
      for (const w of new Set(fold(name.replace(/\([^)]*\)/g, ' ')).split(' '))) {
        // (Nor a short name that is also a word, "connect": a report without Amazon Connect does not list it.)
        if (!w || w.length < 4 || lexicon.vendorWords.has(w) || KIND_WORDS.service.has(w) || isFiller(w) || lexicon.commonWords.has(w)) continue;
        byWord.set(w, [...(byWord.get(w) ?? []), { type: 'service', name }]);
      }
    }
    WORD_SERVICES.set(lexicon, byWord);
  }
  // ("Containers": the plural of a word of the names.)
  return (byWord.get(word) ?? (word.endsWith('s') ? byWord.get(word.slice(0, -1)) : undefined) ?? []).slice(0, 5);
}

/**
 * The index of the last word of a bracket opened at `from` (the tokenizer keeps no closing mark): the run of words up
 * to a function or scope word, a comma or the end, at most six; -1 when longer.
 */
function bracketEnd(tokens: Token[], from: number): number {
  let k = from;
  // (The rest of a word always: "in" of "sign-in".)
  while (k + 1 < tokens.length && !tokens[k + 1]!.afterComma && !tokens[k + 1]!.afterBracket && (!BREAKERS.has(tokens[k + 1]!.norm) || tokens[k + 1]!.word === tokens[k]!.word)) k++;
  return k - from < 6 ? k : -1;
}

/**
 * Whether a service's description (the report's own, folded) speaks of each of these words: the word or its first
 * five letters begins one of the description's words ("logging" of "log files", "sign" of "sign-up").
 */
function describedBy(description: string | undefined, words: Token[]): boolean {
  if (!description) return false;
  const own = fold(description).split(' ');
  const plain = words.filter((t) => !STOPWORDS.has(t.norm) && t.norm.length > 2);
  return plain.length > 0 && plain.every((t) => {
    const stem = t.norm.slice(0, Math.min(5, t.norm.length));
    return stem.length >= 3 && own.some((w) => w.startsWith(stem) || (t.norm.startsWith(w) && w.length >= 3));
  });
}

function uniqueEntities(hits: Hit[]): Entity[] {
  const seen = new Set<string>();
  const out: Entity[] = [];
  for (const h of hits) {
    const k = `${h.entity.type}:${h.entity.name}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(h.entity);
  }
  return out;
}

/** One phrase's hits as a subject. */
function fromHits(hits: Hit[], typed: string, fuzzy: boolean): Subject {
  const locations = hits.filter((h) => LOCATION_TYPES.has(h.entity.type));
  if (locations.length > 0 && locations.length === hits.length) return { type: 'location', hits: locations, typed, fuzzy };
  const services = hits.filter((h) => h.entity.type === 'service');
  if (services.length > 1) return { type: 'ambiguous', typed, options: uniqueEntities(services) };
  const first = services[0] ?? hits.find((h) => !LOCATION_TYPES.has(h.entity.type)) ?? hits[0]!;
  const e = first.entity;
  switch (e.type) {
    case 'service':
      return { type: 'service', name: e.name, via: first.via, phrase: first.phrase, typed, fuzzy, reviewed: first.reviewed === true };
    case 'unlisted':
      return { type: 'unlisted', name: e.name, related: e.related, typed, fuzzy };
    case 'feature':
      return { type: 'unknown_variant', typed, of: e.of, feature: { name: e.name, kind: e.kind } };
    case 'family':
      return { type: 'family', name: e.name, members: e.members, others: e.others, typed };
    case 'criterion':
      return { type: 'criterion', name: e.name, covered: e.covered, typed };
    case 'category':
      return { type: 'category', name: e.name, typed };
    default:
      return { type: 'location', hits: locations, typed, fuzzy };
  }
}
