import type { Report } from '../../report/schema.js';
import { COVERED_STATUSES, type ItemStatus, type MatchKind, type Suggestion, type Verdict } from '../answer.js';
import { citation, citeSource, firstSentences } from '../cite.js';
import type { Quote, Reply, ReplyNote } from '../reply.js';
import type { Entity, Lexicon } from '../lexicon.js';
import type { TopicIndex } from '../topics.js';
import type { KIND_WORDS } from '../vocabulary.js';
import { serviceNamed } from '../../report/lookup.js';

/**
 * What every composer shares: the context it reads from, and small helpers for Markdown, verdicts and
 * citations. Every sentence that states a fact cites the report where it says so.
 */

/** The report and its indexes, as the composers read them. */
export interface Context {
  report: Report;
  lexicon: Lexicon;
  topics: Pick<TopicIndex, 'search'>;
  /** The shape of an AWS region code (data/aliases/regions.json). */
  regionCode: RegExp;
  /** The clock, for "is it still current?" (how long ago the period ended); EngineOptions.now. */
  now: () => Date;
}

/** The kinds of thing a question's words name ("region", "edge location", "service", ...). */
export type Kinds = Set<keyof typeof KIND_WORDS>;

/** Markdown bold. */
export const bold = (s: string) => `**${s}**`;
/** A quotation in typographic quotes. */
export const quoteOf = (s: string) => `“${s}”`;

/** Keeps the first of each (path, quote). */
export function dedupe(citations: Quote[]): Quote[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const k = `${c.path.join('>')}|${c.quote}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Each suggestion once, and none that is already an item. */
export function dedupeSuggestions(suggestions: Suggestion[], items: { kind: MatchKind; name: string }[]): Suggestion[] {
  const seen = new Set(items.map((m) => `${m.kind}:${m.name}`));
  return suggestions.filter((s) => {
    const k = `${s.kind}:${s.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The verdict the items imply: all covered, none, or some (ambiguous items count for nothing; unconfirmed ones leave it unknown). */
export function verdictOfItems(items: { status: ItemStatus }[]): Verdict {
  const counted = items.filter((i) => i.status !== 'ambiguous');
  if (counted.length === 0) return 'unknown';
  const covered = counted.filter((i) => COVERED_STATUSES.has(i.status)).length;
  // What the report can neither confirm nor deny ("Amazon Connector": did you mean Amazon Connect?) is no "No":
  // unknown, unless something else asked is plainly not covered.
  const unconfirmed = counted.some((i) => i.status === 'unconfirmed');
  if (unconfirmed && covered + counted.filter((i) => i.status === 'unconfirmed').length === counted.length) return 'unknown';
  // A place covered as an edge location only ("is Paris covered?": its edge location, not the Paris region) is
  // covered in part: the ⚠️ of its line, and Partly, never a plain yes for a place with no region in scope.
  if (covered === counted.length && counted.some((i) => i.status === 'edge_location_only')) return 'partial';
  return covered === counted.length ? 'yes' : covered === 0 ? 'no' : 'partial';
}

/** The sentence that introduces the report's list of services. */
export function scopeListCitation(report: Report): Quote {
  return citeSource(report.servicesSource);
}

/** The report's scope-list bullet for a listed service. */
export function serviceCitation(report: Report, name: string): Quote {
  return citation(report.servicesSource.path, name);
}

/** The first `sentences` of a listed service's description. */
export function descriptionCitation(report: Report, name: string, sentences = 1): Quote | undefined {
  const s = serviceNamed(report, name);
  return s ? citation(s.path, firstSentences(s.description, sentences)) : undefined;
}

export function entityKind(e: Entity): MatchKind {
  switch (e.type) {
    case 'region':
      return 'region';
    case 'edge':
      return 'edge_location';
    case 'criterion':
      return 'criterion';
    case 'category':
      return 'category';
    default:
      return 'service';
  }
}

export function suggestionOf(e: Entity): Suggestion | undefined {
  if (e.type === 'country' || e.type === 'group' || e.type === 'family') return undefined;
  return { kind: entityKind(e), name: e.name };
}

/**
 * A reply that can only say what the report does not do ("does not recommend services", "cannot say whether your
 * organization is compliant"): verdict `unknown`, no items, its notes in order and the citations they rest on.
 */
export function cannotSay(intent: Reply['intent'], notes: ReplyNote[], citations: Quote[] = []): Reply {
  return { intent, verdict: 'unknown', items: [], notes, suggestions: [], citations };
}
