import { fold } from '../normalize.js';
import type { Reading, Suggestion } from '../answer.js';
import { citeSource, joinAnd } from '../cite.js';
import type { Via } from '../lexicon.js';
import { note, type Quote, type ReplyItem, type ReplyNote } from '../reply.js';
import type { Subject } from '../resolve.js';
import { bold, scopeListCitation, serviceCitation, suggestionOf, type Context, type Kinds } from './shared.js';
import { serviceNamed } from '../../report/lookup.js';

/** What one subject of a scope question contributes: its items, notes, suggestions and any further quotes. */
export interface Part {
  items: ReplyItem[];
  notes: ReplyNote[];
  suggestions: Suggestion[];
  /** The intent a one-subject answer has. */
  intent: 'service_scope' | 'location_scope' | 'criteria_scope';
  /**
   * The term read as a name ("lamda" as AWS Lambda), with its `reading` note (one of `notes`): an answer
   * about several things says all such readings in one note (see {@link readingsNote}).
   */
  read?: AsRead;
}

/** A term read as a name: a typo (`reviewed: false`) or a reviewed abbreviation or alias (`reviewed: true`). */
export interface AsRead {
  typed: string;
  name: string;
  reviewed: boolean;
  /** The part's own note saying so. */
  note: ReplyNote;
}

/** "Reading “lamda” as **AWS Lambda**." / "Reading “ELB” as **Elastic Load Balancing**, the name the report uses." */
function readingNote(typed: string, name: string, reviewed: boolean): ReplyNote {
  return note('reading', `Reading “${typed}” as ${bold(name)}${reviewed ? ', the name the report uses' : ''}.`);
}

/**
 * Several terms read as names, in one note, so that a three-service answer is not three reading lines
 * (issue 8: a three-service answer is at most 6 lines before the evidence): "Reading “lamda” as **AWS
 * Lambda** and “dynamo” as **Amazon DynamoDB**." When every one is a reviewed alias: "…, the names the
 * report uses."
 */
export function readingsNote(reads: readonly AsRead[]): ReplyNote {
  if (reads.length === 1) return reads[0]!.note;
  const each = reads.map((r) => `“${r.typed}” as ${bold(r.name)}`);
  return note('reading', `Reading ${joinAnd(each)}${reads.every((r) => r.reviewed) ? ', the names the report uses' : ''}.`);
}

/** How a lexicon hit's `via` reads in an item. */
export function readingOf(via: Via, fuzzy = false): Reading {
  if (fuzzy) return 'typo';
  switch (via) {
    case 'name':
      return 'exact';
    case 'later_name':
      return 'later_name';
    case 'code':
      return 'code';
    case 'city':
    case 'country':
      return 'place';
    default:
      return 'abbreviation';
  }
}

/** A listed service: in scope, citing the report's list of services and its bullet. */
export function serviceItem(ctx: Context, s: Extract<Subject, { type: 'service' }>): Part {
  const { report } = ctx;
  const service = serviceNamed(report, s.name)!;
  const notes: ReplyNote[] = [];
  let read: AsRead | undefined;
  // A typo within the cut-off of exactly one name is read as that name, and the answer says so.
  if (s.fuzzy || (s.reviewed && s.via !== 'later_name')) {
    read = { typed: s.typed, name: s.name, reviewed: !s.fuzzy, note: readingNote(s.typed, s.name, !s.fuzzy) };
    notes.push(read.note);
  } else if (s.via === 'later_name') notes.push(note('reading', `${bold(s.phrase)} is a later name of ${bold(s.name)}, the name the report uses.`));
  const item: ReplyItem = {
    asked: s.typed,
    kind: 'service',
    name: s.name,
    status: 'in_scope',
    reading: readingOf(s.via, s.fuzzy),
    category: service.category,
    citations: [scopeListCitation(report), serviceCitation(report, s.name)],
  };
  return { items: [item], notes, suggestions: [], intent: 'service_scope', ...(read ? { read } : {}) };
}

/** A well-known service the report does not list: not listed, with related listed services as suggestions. */
export function unlistedItem(ctx: Context, s: Extract<Subject, { type: 'unlisted' }>): Part {
  const notes: ReplyNote[] = [];
  // An earlier or other name ("Amazon Elasticsearch Service" for Amazon OpenSearch Service) is said to be read as
  // the name answered, as a typo is: "No: Amazon OpenSearch Service is not listed" alone answered something not asked.
  const nameWords = new Set(fold(s.name).split(' '));
  const renamed = !s.fuzzy && !fold(s.typed).split(' ').every((w) => nameWords.has(w));
  const read: AsRead | undefined = s.fuzzy || renamed ? { typed: s.typed, name: s.name, reviewed: false, note: readingNote(s.typed, s.name, false) } : undefined;
  if (read) notes.push(read.note);
  if (s.family) {
    // Asked as a member of a family: what the report lists of the family, and that it does not name this one.
    const listed = s.family.members;
    notes.push(
      listed.length
        ? note('related', `Of ${bold(s.family.name)}, the report lists ${joinAnd(listed.map(bold))}; it does not name ${bold(s.name)} separately.`, ...listed.map((r) => serviceCitation(ctx.report, r)))
        : note('related', `The report lists no ${bold(s.family.name)} service, and does not name ${bold(s.name)}.`, scopeListCitation(ctx.report)),
    );
  } else if (s.related.length) notes.push(note('related', `The report does list ${joinAnd(s.related.map(bold))}, a related but different service.`, ...s.related.map((r) => serviceCitation(ctx.report, r))));
  return {
    items: [{ asked: s.typed, kind: 'service', name: s.name, status: 'not_listed', reading: s.fuzzy ? 'typo' : 'exact', citations: [scopeListCitation(ctx.report)] }],
    notes,
    suggestions: [...new Set([...s.related, ...(s.family?.members ?? [])])].map((name) => ({ kind: 'service' as const, name })),
    intent: 'service_scope',
    ...(read ? { read } : {}),
  };
}

/** A listed name with words the report does not use: neither confirmed nor denied. */
export function unknownVariantItem(ctx: Context, s: Extract<Subject, { type: 'unknown_variant' }>): Part {
  // A reviewed feature is named as AWS names it, with what it is of the listed service ("a tier of it").
  const text = s.feature
    ? `The report lists ${bold(s.of)}, but says nothing about ${bold(s.feature.name)}, ${article(s.feature.kind)} ${s.feature.kind} of it, as such; ask about ${bold(s.of)} for its scope.`
    : `The report lists ${bold(s.of)}, but says nothing about “${s.typed}” as such; ask about ${bold(s.of)} for its scope.`;
  return {
    items: [{ asked: s.typed, kind: 'service', name: s.feature?.name ?? s.typed, status: 'unconfirmed', reading: 'exact', citations: [scopeListCitation(ctx.report)] }],
    notes: [note('unconfirmed', text, serviceCitation(ctx.report, s.of))],
    suggestions: [{ kind: 'service', name: s.of }],
    intent: 'service_scope',
  };
}

/** "a" or "an" before a kind word ("a tier", "an edition"). */
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Two listed services asked about as one thing: the report lists each on its own. */
export function relationItem(ctx: Context, s: Extract<Subject, { type: 'relation' }>): Part {
  return {
    items: [],
    notes: [
      note(
        'unconfirmed',
        `The report lists ${bold(s.a)} and ${bold(s.b)} as separate services in scope; it says nothing about “${s.typed}” as one thing, so it cannot confirm it.`,
        serviceCitation(ctx.report, s.a),
        serviceCitation(ctx.report, s.b),
      ),
    ],
    suggestions: [
      { kind: 'service', name: s.a },
      { kind: 'service', name: s.b },
    ],
    intent: 'service_scope',
  };
}

/** A family name ("Kinesis"): what the report lists of it, and what it does not. */
export function familyItem(ctx: Context, s: Extract<Subject, { type: 'family' }>): Part {
  const { report } = ctx;
  const items: ReplyItem[] = [
    ...s.members.map((name): ReplyItem => ({
      asked: s.typed,
      kind: 'service',
      name,
      status: 'in_scope',
      reading: 'family',
      ...(serviceNamed(report, name) ? { category: serviceNamed(report, name)!.category } : {}),
      citations: [scopeListCitation(report), serviceCitation(report, name)],
    })),
    ...s.others.map((name): ReplyItem => ({ asked: s.typed, kind: 'service', name, status: 'not_listed', reading: 'family', citations: [scopeListCitation(report)] })),
  ];
  const notes = items.length ? [] : [note('fact', `The report lists no ${bold(s.name)} service.`, scopeListCitation(report))];
  return { items, notes, suggestions: [], intent: 'service_scope' };
}

/** A trust services criterion: covered or not, citing the title block (and the TSP section for those not covered). */
export function criterionItem(ctx: Context, s: Extract<Subject, { type: 'criterion' }>): Part {
  const { report } = ctx;
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  const citations: Quote[] = [citeSource(report.criteriaSource.covered)];
  if (!s.covered && report.criteriaSource.named) citations.push(citeSource(report.criteriaSource.named));
  const notes = s.covered ? [] : [note('fact', `The report addresses the trust services criteria for ${joinAnd(covered.map(bold))} only.`)];
  return {
    items: [{ asked: s.typed, kind: 'criterion', name: s.name, status: s.covered ? 'covered' : 'not_covered', reading: 'exact', citations }],
    notes,
    suggestions: [],
    intent: 'criteria_scope',
  };
}

/** Words that name nothing the report lists (or several things at once): not listed, with any close names as suggestions. */
export function unknownItem(ctx: Context, s: Extract<Subject, { type: 'unknown' | 'ambiguous' }>, kinds: Kinds): Part {
  const { report } = ctx;
  const options = s.type === 'ambiguous' ? s.options : s.suggestions;
  const suggestions = options.map(suggestionOf).filter((x): x is Suggestion => !!x);
  const codeShaped = ctx.regionCode.test(s.typed.toLowerCase());
  const place = s.type === 'unknown' && s.place === true;
  const locationish = codeShaped || place || kinds.has('region') || kinds.has('edge') || kinds.has('country');
  const serviceish = kinds.has('service') && !locationish;
  const kind = locationish ? (kinds.has('edge') && !codeShaped ? 'edge_location' : 'region') : 'service';
  const places = [report.regionsSource, report.edgeLocationsSource].filter((x) => !!x).map((x) => citeSource(x!));
  const citations = locationish ? places : serviceish ? [scopeListCitation(report)] : [scopeListCitation(report), ...places];
  if (s.type === 'unknown' && s.provider) {
    // Another cloud's product: not a look-alike of anything listed, and no list of this report's services.
    return {
      items: [{ asked: s.typed, kind: 'service', name: s.typed, status: 'not_listed', reading: 'exact', citations: [scopeListCitation(report)] }],
      notes: [note('fact', `This report covers the ${report.system}, not ${s.provider} products.`)],
      suggestions: [],
      intent: 'service_scope',
    };
  }
  const ambiguous = s.type === 'ambiguous';
  const notes = suggestions.length
    ? [note(ambiguous ? 'ambiguous' : 'did_you_mean', ambiguous ? `“${s.typed}” could mean ${joinAnd(suggestions.map((x) => bold(x.name)), 'or')}; ask again with the full name.` : `Did you mean ${joinAnd(suggestions.map((x) => bold(x.name)), 'or')}?`)]
    : [];
  // A name close to a service the report lists ("Amazon Connector": did you mean Amazon Connect?) may be a typo of
  // it: neither yes nor no ("No: not listed" above the suggestion read as "Connect is not covered", break-it round 8).
  const nearListed = !ambiguous && kind === 'service' && options.some((o) => o.type === 'service');
  return {
    items: [{ asked: s.typed, kind, name: s.typed, status: ambiguous ? 'ambiguous' : nearListed ? 'unconfirmed' : 'not_listed', reading: 'exact', citations: citations.length ? citations : [scopeListCitation(report)] }],
    notes,
    suggestions,
    intent: locationish ? 'location_scope' : 'service_scope',
  };
}
