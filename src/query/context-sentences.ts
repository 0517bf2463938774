import type { FuzzyIndex } from './fuzzy.js';
import { readSignals } from './intent.js';
import type { Lexicon } from './lexicon.js';
import { quotations, QUOTED_REQUIREMENT_WORDS, type Token } from './normalize.js';
import { resolve, type Subject } from './resolve.js';
import { CHAT_FILLER, STOPWORDS, VOCABULARY_WORDS } from './vocabulary.js';
import { phraseIndexOf, phraseListIndex } from './phrases.js';
import { VOCABULARY } from '../data/vocabulary.js';
import { durationTokens } from './period.js';

/**
 * Sentences of context beside a question: "Does the SOC 3 cover Amazon Redshift? Filling out a vendor risk
 * assessment for our data warehouse vendor.", "who did the audit again? need it for the VRA". Their words put the
 * answer in doubt ("The report says nothing about “data warehouse vendor”") or were read as names ("VRA is not
 * listed in this report"), though they ask nothing. Every word must still be accounted for, so a sentence is read
 * as context only when it asks nothing and names nothing, by the same readers the question goes through:
 *
 * - the message has another sentence that is a question (ends with "?" or opens with a question word);
 * - the sentence itself is none: it ends with "." or "!" or nothing, and opens with neither a question word nor a
 *   request ("tell me about backups.", "list the regions");
 * - its signals name no date, fact, programme, list, count, description or topic (intent.ts), and it names
 *   nothing new: no service, place, criterion or category, not even a typo of one (resolve.ts), but those the
 *   questions name ("Is S3 covered? We keep backups in S3."), and, in a fragment of a few words, no word typed
 *   like a name outside the context clauses and the reviewed vocabulary ("Also Foo." may ask about Foo).
 *
 * The report's own programme (`ownProgrammes`: "SOC 3" for a SOC 3 report) names no other: "I am reviewing the AWS
 * SOC 3 for our vendor file." is context.
 *
 * Pure. Returns the tokens without those sentences (the question's own when there are none).
 */
export function withoutContextSentences(tokens: Token[], lexicon: Lexicon, fuzzy: Pick<FuzzyIndex, 'search' | 'near'>, ownProgrammes: ReadonlySet<string> = NONE): Token[] {
  const clauses = new Set<Token[]>();
  const sentences = sentencesOf(tokens)
    .flatMap(knownApart)
    .flatMap((s) => {
      const { parts, clause } = statementApart(s);
      if (clause) clauses.add(clause);
      return parts;
    });
  if (sentences.length < 2 || !sentences.some(asks)) return tokens;
  // (A questionnaire's requirement quoted word for word is what is asked of, never context: "'Media shall be disposed
  // of securely ...' how does AWS handle this?".)
  const statements = sentences.filter((s) => !asks(s) && !quotations(s).some((w) => w.length >= QUOTED_REQUIREMENT_WORDS));
  if (statements.length === 0) return tokens;
  // What the questions name, which a statement may name again ("We use S3 for backups").
  let asked: Set<string> | undefined;
  const askedKeys = () => (asked ??= new Set(resolve(sentences.filter(asks).flat(), lexicon, fuzzy, { allowUnknown: false }).subjects.map(keyOf).filter((k) => k !== undefined)));
  // What the asker says they know ("I know WorkMail and WorkSpaces are.") is context too, beside a question that
  // names something of its own.
  // Only when what they say they know holds (every name in it listed): "I know Athena is in scope" stays asked, so
  // that the answer says it is not.
  // A clause of what the asker does, before a question that names what it asks about ("we use Azure AD with AWS
  // IAM, is IAM covered?"), is context whatever it names: the question asks of its own names (it was "Partly: Azure
  // AD not listed"). Not one with a time or programme, which the question may ask of ("we need Q4 2017, is S3 ...").
  // (A sentence of its own stays asked: "Is S3 covered? We keep our backups in Glacier." asks of Glacier too. Nor what
  // the asker says they know, which is context only when it holds.)
  // Nor a sentence of who the customer is or what they want that names no service ("Is GovCloud covered? customer is
  // a US federal agency contractor", "Direct Connect in scope? customer in Frankfurt wants a dedicated line").
  // A place in either is a condition, never context: "is EC2 covered - they run it in eu-west-3", "is Connect covered?
  // we need it in Bahrain" ask of that place (they were a false yes).
  const doing = (s: Token[]) => {
    const clause = clauses.has(s);
    if (!(clause || STATEMENT_OPENERS.at(s.map((t) => t.norm), 0)) || opensWithKnown(s) || askedKeys().size === 0 || !plainStatement(s, ownProgrammes)) return false;
    const named = namedIn(s, lexicon, fuzzy);
    return !named.places && (clause || !named.names);
  };
  const context = statements.filter((s) => namesNothingNew(s, lexicon, fuzzy, askedKeys, ownProgrammes) || (opensWithKnown(s) && askedKeys().size > 0 && namesOnlyListed(s, lexicon, fuzzy)) || doing(s));
  if (context.length === 0) return tokens;
  const kept = sentences.filter((s) => !context.includes(s)).flat();
  // The first token of what is left opens the question: not capitalised by grammar alone.
  return kept.map((t, k) => (k === 0 && t.capitalised ? { ...t, capitalised: false } : t));
}

/** How an asker says what they know (data/vocabulary/context-clauses.json `knowns`). */
const KNOWNS = phraseIndexOf(VOCABULARY.contextClauses.knowns);
const opensWithKnown = (s: Token[]) => !!KNOWNS.at(s.map((t) => t.norm), 0);

/**
 * "We know WorkMail is in scope - is Amazon WorkDocs too?": a clause of what the asker knows, before a dash
 * standing alone, is a sentence of its own.
 */
function knownApart(s: Token[]): Token[][] {
  if (!opensWithKnown(s)) return [s];
  const dash = s.findIndex((t, k) => k > 0 && t.afterDash);
  return dash > 0 ? [s.slice(0, dash), s.slice(dash)] : [s];
}

/** How a clause of what the asker does opens (data/vocabulary/context-clauses.json `statementOpeners`). */
const STATEMENT_OPENERS = phraseIndexOf(VOCABULARY.contextClauses.statementOpeners);

/**
 * "we back up to S3 nightly, is S3 covered?", "our SIEM is Splunk; is CloudTrail covered?": a clause of what the
 * asker does, then a comma, semicolon or dash and a question, is a sentence of its own (context when it names nothing
 * the question does not: "does not mention “batch jobs”" put a listed service in doubt).
 */
function statementApart(s: Token[]): { parts: Token[][]; clause?: Token[] } {
  const norms = s.map((t) => t.norm);
  if (STATEMENT_OPENERS.at(norms, 0)) {
    const at = s.findIndex((t, k) => k > 1 && (t.afterComma || t.afterDash) && QUESTION_OPENERS.has(t.norm));
    if (at > 0) {
      const clause = s.slice(0, at);
      return { parts: [clause, s.slice(at)], clause };
    }
  }
  // After the question too: "customer asking if ECS is covered - they run everything on ECS Fargate-less clusters".
  const after = s.findIndex((t, k) => k > 2 && (t.afterComma || t.afterDash) && !!STATEMENT_OPENERS.at(norms, k));
  if (after > 0) {
    const clause = s.slice(after);
    return { parts: [s.slice(0, after), clause], clause };
  }
  return { parts: [s] };
}

/**
 * What a sentence names, read once: `names`, a service (listed or not) or a word typed like a name other than a
 * place's; `places`, a region, edge location, country or city, known or typed as one after "in", "at", "from".
 */
function namedIn(s: Token[], lexicon: Lexicon, fuzzy: Pick<FuzzyIndex, 'search' | 'near'>): { names: boolean; places: boolean } {
  const { subjects } = resolve(s, lexicon, fuzzy, { allowUnknown: true });
  const after = (k: number) => ['in', 'at', 'near', 'from', 'to'].includes(s[k - 1]?.norm ?? '');
  const places = subjects.some((x) => x.type === 'location' || (x.type === 'unknown' && x.place)) || s.some((t, k) => k > 0 && t.capitalised && after(k) && !lexicon.exact.has(t.norm));
  const names = subjects.some((x) => !(x.type === 'location' || (x.type === 'unknown' && !x.nameLike)));
  return { names, places };
}

const NONE: ReadonlySet<string> = new Set();

/** The programmes a sentence names other than the report's own (`own`: "SOC 3"). */
const otherProgrammes = (programs: readonly string[], own: ReadonlySet<string>) => programs.filter((p) => !own.has(p));

/** A statement with no time, fact, programme (but the report's own) or count in it: what the asker does, not what they ask of. */
function plainStatement(s: Token[], own: ReadonlySet<string>): boolean {
  const signals = readSignals(s);
  return !(signals.dates.length || signals.facts.length || otherProgrammes(signals.programs, own).length || signals.count);
}

/** Up to this many words, a sentence is a fragment that may name what it asks about ("Also Foo."). */
const FRAGMENT_WORDS = 3;

/** Words that open a question. */
const QUESTION_OPENERS = new Set([
  'is', 'are', 'does', 'do', 'did', 'was', 'were', 'can', 'could', 'has', 'have', 'had', 'will', 'would', 'should', 'shall', 'may',
  'who', 'whom', 'whose', 'what', 'whats', 'which', 'when', 'where', 'how', 'why', 'any', 'isn', 'aren', 'doesn', 'don', 'didn', 'wasn',
]);
/** Words that open a request in the imperative ("tell me about backups", "list the regions"). */
const REQUEST_OPENERS = new Set([
  'tell', 'list', 'show', 'give', 'describe', 'explain', 'share', 'send', 'confirm', 'check', 'verify', 'please', 'pls', 'plz',
  'provide', 'name', 'summarize', 'summarise', 'compare', 'find', 'lookup', 'look', 'help', 'quote', 'cite',
]);

/** The question's sentences, split after each token that ends one. */
export function sentencesOf(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    current.push(t);
    if (t.sentenceEnd) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** A sentence that asks or requests something. */
// (So does one that reports a question, "customer asking if ECS is covered", "wants to know whether ...".)
const asks = (s: Token[]) => s.at(-1)!.sentenceEnd === '?' || QUESTION_OPENERS.has(s[0]!.norm) || REQUEST_OPENERS.has(s[0]!.norm) || s.some((t) => t.norm === 'if' || t.norm === 'whether');

/** Every name the sentence holds is a service the report lists or a criterion it covers, and it holds one. */
function namesOnlyListed(s: Token[], lexicon: Lexicon, fuzzy: Pick<FuzzyIndex, 'search' | 'near'>): boolean {
  const { subjects } = resolve(s, lexicon, fuzzy, { allowUnknown: true });
  return subjects.length > 0 && subjects.every((x) => x.type === 'service' || (x.type === 'criterion' && x.covered));
}

/** What a subject is, by the report's name for it: a statement naming it again adds nothing. */
function keyOf(s: Subject): string | undefined {
  if (s.type === 'service' || s.type === 'unlisted' || s.type === 'criterion' || s.type === 'category') return `${s.type}:${s.name}`;
  // "data warehouse vendor", read as Amazon Redshift with words around it.
  if (s.type === 'unknown_variant') return `service:${s.of}`;
  // A place asked about, named again ("Is GovCloud covered? customer is a US federal agency contractor").
  if (s.type === 'location') return `location:${s.hits.map((h) => h.entity.name).join('|')}`;
  return undefined;
}

/**
 * Nothing asked and nothing named, but what the questions name (`asked`, their subjects' keys, computed when
 * needed).
 */
function namesNothingNew(s: Token[], lexicon: Lexicon, fuzzy: Pick<FuzzyIndex, 'search' | 'near'>, asked: () => Set<string>, own: ReadonlySet<string>): boolean {
  const signals = readSignals(s);
  if (signals.dates.length || signals.facts.length || otherProgrammes(signals.programs, own).length || signals.list || signals.count || signals.describe || signals.topical || signals.help) return false;
  const { subjects, context, spans } = resolve(s, lexicon, fuzzy, { allowUnknown: false });
  // (Plain words near a name are no name: "a private line" is not AWS PrivateLink.)
  const names = subjects.filter((x) => !(x.type === 'unknown' && !x.nameLike));
  if (names.length && !names.every((x) => asked().has(keyOf(x) ?? ''))) return false;
  const named = (k: number) => spans.some((x) => x.hits.length > 0 && k >= x.start && k < x.end);
  // (A number outside a name may be a time or an amount the sentence asks about; not a length of time, "in 10 min".)
  const lengths = durationTokens(s.map((t) => t.norm));
  // (Nor the number of the report's own programme, "SOC 3": another programme has returned above.)
  if (s.some((t, k) => t.digits && !named(k) && !lengths.has(k) && s[k - 1]?.norm !== 'soc')) return false;
  // A fragment with a word typed as a name ("Also Foo.") may ask about it; a whole sentence ("Our hospital's IT team
  // plans to ...", "Kind regards, Priya") tells who asks.
  if (s.length > FRAGMENT_WORDS) return true;
  // "Kind regards, Priya", "Thanks, Sam": a closing of chat filler, then who signs it.
  const closing = phraseListIndex(CHAT_FILLER).at(s.map((t) => t.norm), 0);
  if (closing && s.length - closing.length <= 2) return true;
  return !s.some((t, k) => k > 0 && t.capitalised && !named(k) && !context.has(k) && !VOCABULARY_WORDS.has(t.norm) && !STOPWORDS.has(t.norm));
}
