import type { Citation, Match, MatchKind, Suggestion } from '../answer.js';
import { citeSource, joinAnd } from '../cite.js';
import type { Subject } from '../resolve.js';
import { bold, descriptionCitation, scopeListCitation, serviceCitation, suggestionOf, type Context, type Kinds } from './shared.js';

/** What one subject of a scope question contributes: its matches, suggestions, sentences and citations. */
export interface Item {
  matches: Match[];
  suggestions: Suggestion[];
  lines: string[];
  citations: Citation[];
  /** The part of the text for a one-item answer. */
  intent: 'service_scope' | 'location_scope' | 'criteria_scope';
}

/** A listed service: in scope, with its scope-list bullet and description cited. */
export function serviceItem(ctx: Context, s: Extract<Subject, { type: 'service' }>): Item {
  const { report } = ctx;
  const service = report.services.find((x) => x.name === s.name)!;
  const lines: string[] = [];
  const renamed =
    s.via === 'later_name'
      ? ` (${bold(s.phrase)} is its later name; the report calls it ${bold(s.name)})`
      : s.reviewed
        ? ` (“${s.typed}” is read as ${bold(s.name)}, the name the report uses)`
        : '';
  const assumed = s.fuzzy ? `Did you mean ${bold(s.name)}? “${s.typed}” is not a name the report uses; if you meant ${bold(s.name)}: ` : '';
  lines.push(`${assumed}${bold(s.name)} is in scope${renamed}: it is on the report's list of the ${report.services.length} services covered, under the category ${bold(service.category)}.`);
  const citations = [serviceCitation(report, s.name)];
  const d = descriptionCitation(report, s.name);
  if (d) citations.push(d);
  return { matches: [{ kind: 'service', name: s.name, inScope: true }], suggestions: [], lines, citations, intent: 'service_scope' };
}

/** A well-known service the report does not list: not listed, with related listed services as suggestions. */
export function unlistedItem(ctx: Context, s: Extract<Subject, { type: 'unlisted' }>): Item {
  const related = s.related.length ? ` The report does list ${joinAnd(s.related.map(bold))}, a related but different service.` : '';
  const assumed = s.fuzzy ? `Reading “${s.typed}” as ${bold(s.name)}. ` : '';
  return {
    matches: [{ kind: 'service', name: s.name, inScope: false }],
    suggestions: s.related.map((name) => ({ kind: 'service' as const, name })),
    lines: [`${assumed}${bold(s.name)} is not listed in this report: it is not among the ${ctx.report.services.length} services in scope.${related}`],
    citations: [scopeListCitation(ctx.report)],
    intent: 'service_scope',
  };
}

/** A listed name with words the report does not use: neither confirmed nor denied. */
export function unknownVariantItem(ctx: Context, s: Extract<Subject, { type: 'unknown_variant' }>): Item {
  return {
    matches: [{ kind: 'service', name: s.typed, inScope: false }],
    suggestions: [{ kind: 'service', name: s.of }],
    lines: [`The report lists ${bold(s.of)}, but says nothing about “${s.typed}” as such, so it cannot confirm that it is covered. Ask about ${bold(s.of)} for its scope.`],
    citations: [scopeListCitation(ctx.report)],
    intent: 'service_scope',
  };
}

/** Two listed services asked about as one thing: the report lists each on its own. */
export function relationItem(ctx: Context, s: Extract<Subject, { type: 'relation' }>): Item {
  return {
    matches: [],
    suggestions: [
      { kind: 'service', name: s.a },
      { kind: 'service', name: s.b },
    ],
    lines: [`The report lists ${bold(s.a)} and ${bold(s.b)} as separate services in scope; it says nothing about “${s.typed}” as one thing, so it cannot confirm it.`],
    citations: [serviceCitation(ctx.report, s.a), serviceCitation(ctx.report, s.b)],
    intent: 'service_scope',
  };
}

/** A family name ("Kinesis"): what the report lists of it, and what it does not. */
export function familyItem(ctx: Context, s: Extract<Subject, { type: 'family' }>): Item {
  const { report } = ctx;
  const matches: Match[] = [...s.members.map((name) => ({ kind: 'service' as const, name, inScope: true })), ...s.others.map((name) => ({ kind: 'service' as const, name, inScope: false }))];
  const lines: string[] = [];
  if (s.members.length) lines.push(`Of the ${bold(s.name)} services, the report lists only ${joinAnd(s.members.map(bold))}.`);
  else lines.push(`The report lists no ${bold(s.name)} service.`);
  if (s.others.length) lines.push(`Not listed: ${joinAnd(s.others)}.`);
  return {
    matches,
    suggestions: [],
    lines,
    citations: s.members.length ? s.members.map((m) => serviceCitation(report, m)) : [scopeListCitation(report)],
    intent: 'service_scope',
  };
}

/** A trust services criterion: covered or not, citing the title block (and the TSP section for those not covered). */
export function criterionItem(ctx: Context, s: Extract<Subject, { type: 'criterion' }>): Item {
  const { report } = ctx;
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  const citations = [citeSource(report.criteriaSource.covered)];
  const lines = s.covered
    ? [`${bold(s.name)} is one of the trust services criteria this report covers (${joinAnd(covered)}).`]
    : [`${bold(s.name)} is not covered: the report addresses the trust services criteria for ${joinAnd(covered)} only.`];
  if (!s.covered && report.criteriaSource.named) citations.push(citeSource(report.criteriaSource.named));
  return { matches: [{ kind: 'criterion', name: s.name, inScope: s.covered }], suggestions: [], lines, citations, intent: 'criteria_scope' };
}

/** Words that name nothing the report lists (or several things at once): not listed, with any close names as suggestions. */
export function unknownItem(ctx: Context, s: Extract<Subject, { type: 'unknown' | 'ambiguous' }>, kinds: Kinds): Item {
  const { report } = ctx;
  const options = s.type === 'ambiguous' ? s.options : s.suggestions;
  const suggestions = options.map(suggestionOf).filter((x): x is Suggestion => !!x);
  const codeShaped = ctx.regionCode.test(s.typed.toLowerCase());
  const place = s.type === 'unknown' && s.place === true;
  const locationish = codeShaped || place || kinds.has('region') || kinds.has('edge') || kinds.has('country');
  const serviceish = kinds.has('service') && !locationish;
  const kind: MatchKind = locationish ? (kinds.has('edge') && !codeShaped ? 'edge_location' : 'region') : 'service';
  // Say what was looked through: the services, the places, or (when the question does not say) all of them.
  const what = serviceish
    ? `the ${report.services.length} services in scope`
    : locationish
      ? `the ${report.regions.length} regions or ${report.edgeLocations.length} edge locations it covers`
      : `its ${report.services.length} services, ${report.regions.length} regions or ${report.edgeLocations.length} edge locations`;
  const dym = suggestions.length ? ` Did you mean ${joinAnd(suggestions.map((x) => bold(x.name)), 'or')}?` : '';
  const places = [report.regionsSource, report.edgeLocationsSource].filter((x) => !!x).map((x) => citeSource(x!));
  const citations = locationish ? places : serviceish ? [scopeListCitation(report)] : [scopeListCitation(report), ...places];
  return {
    matches: [{ kind, name: s.typed, inScope: false }],
    suggestions,
    lines: [`“${s.typed}” is not listed in this report: it is not among ${what}.${dym}`],
    citations: citations.length ? citations : [scopeListCitation(report)],
    intent: locationish ? 'location_scope' : 'service_scope',
  };
}
