import type { Report } from '../report/schema.js';
import type { Citation, Match, MatchKind, Suggestion, Verdict } from './answer.js';
import { citation, citeSource, firstSentences, joinAnd, longDate, periodText } from './cite.js';
import type { AskedDate, Fact } from './intent.js';
import type { Entity, Lexicon } from './lexicon.js';
import { MAX_QUESTION_LENGTH } from './limits.js';
import type { Subject } from './resolve.js';
import type { TopicIndex } from './topics.js';
import type { Reply } from './engine.js';
import type { KIND_WORDS } from './vocabulary.js';

/**
 * Composing answers: from resolved subjects and the report to the verdict, matches, Markdown text and
 * citations. Every sentence that states a fact cites the report where it says so.
 */

export interface Context {
  report: Report;
  lexicon: Lexicon;
  topics: Pick<TopicIndex, 'search'>;
  /** The shape of an AWS region code (data/aliases/regions.json). */
  regionCode: RegExp;
}

type Kinds = Set<keyof typeof KIND_WORDS>;

const bold = (s: string) => `**${s}**`;
const quoteOf = (s: string) => `“${s}”`;

/** Keeps the first citation of each (path, quote). */
function dedupe(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const k = `${c.path.join('>')}|${c.quote}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function dedupeSuggestions(suggestions: Suggestion[], matches: Match[]): Suggestion[] {
  const seen = new Set(matches.map((m) => `${m.kind}:${m.name}`));
  return suggestions.filter((s) => {
    const k = `${s.kind}:${s.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The verdict the matches imply: all in scope, none, or some. */
function verdictOf(matches: Match[]): Verdict {
  if (matches.length === 0) return 'unknown';
  const inScope = matches.filter((m) => m.inScope).length;
  return inScope === matches.length ? 'yes' : inScope === 0 ? 'no' : 'partial';
}

const VERDICT_WORD: Record<Verdict, string> = { yes: 'Yes.', no: 'No.', partial: 'Partly.', info: '', unknown: '' };

function scopeListCitation(report: Report): Citation {
  return citeSource(report.servicesSource);
}

/** The report's scope-list bullet for a listed service. */
function serviceCitation(report: Report, name: string): Citation {
  return citation(report.servicesSource.path, name);
}

function descriptionCitation(report: Report, name: string, sentences = 1): Citation | undefined {
  const s = report.services.find((x) => x.name === name);
  return s ? citation(s.path, firstSentences(s.description, sentences)) : undefined;
}

function entityKind(e: Entity): MatchKind {
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

function suggestionOf(e: Entity): Suggestion | undefined {
  if (e.type === 'country' || e.type === 'group' || e.type === 'family') return undefined;
  return { kind: entityKind(e), name: e.name };
}

// ---------------------------------------------------------------------------------------------------
// Scope: services, locations, criteria, families, unknown names.

interface Item {
  matches: Match[];
  suggestions: Suggestion[];
  lines: string[];
  citations: Citation[];
  /** The part of the text for a one-item answer. */
  intent: 'service_scope' | 'location_scope' | 'criteria_scope';
}

function serviceItem(ctx: Context, s: Extract<Subject, { type: 'service' }>): Item {
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

function unlistedItem(ctx: Context, s: Extract<Subject, { type: 'unlisted' }>): Item {
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

function unknownVariantItem(ctx: Context, s: Extract<Subject, { type: 'unknown_variant' }>): Item {
  return {
    matches: [{ kind: 'service', name: s.typed, inScope: false }],
    suggestions: [{ kind: 'service', name: s.of }],
    lines: [`The report lists ${bold(s.of)}, but says nothing about “${s.typed}” as such, so it cannot confirm that it is covered. Ask about ${bold(s.of)} for its scope.`],
    citations: [scopeListCitation(ctx.report)],
    intent: 'service_scope',
  };
}

function relationItem(ctx: Context, s: Extract<Subject, { type: 'relation' }>): Item {
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

function familyItem(ctx: Context, s: Extract<Subject, { type: 'family' }>): Item {
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

function criterionItem(ctx: Context, s: Extract<Subject, { type: 'criterion' }>): Item {
  const { report } = ctx;
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  const citations = [citeSource(report.criteriaSource.covered)];
  const lines = s.covered
    ? [`${bold(s.name)} is one of the trust services criteria this report covers (${joinAnd(covered)}).`]
    : [`${bold(s.name)} is not covered: the report addresses the trust services criteria for ${joinAnd(covered)} only.`];
  if (!s.covered && report.criteriaSource.named) citations.push(citeSource(report.criteriaSource.named));
  return { matches: [{ kind: 'criterion', name: s.name, inScope: s.covered }], suggestions: [], lines, citations, intent: 'criteria_scope' };
}

function unknownItem(ctx: Context, s: Extract<Subject, { type: 'unknown' | 'ambiguous' }>, kinds: Kinds): Item {
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

function regionLabel(ctx: Context, e: Extract<Entity, { type: 'region' }>): string {
  const code = e.code ?? ctx.lexicon.regionInfo.get(e.name)?.code;
  return code ? `${bold(e.name)} (${code})` : bold(e.name);
}

function regionCitation(ctx: Context, name: string): Citation {
  return citation(ctx.report.regionsSource?.path ?? ctx.report.servicesSource.path, name);
}

function edgeCitation(ctx: Context, name: string): Citation {
  return citation(ctx.report.edgeLocationsSource?.path ?? ctx.report.servicesSource.path, name);
}

/**
 * A place: a region (by name, code or city), an edge location (by name or city), or a country. Regions
 * and edge locations are told apart: a city that is a covered edge location but whose region is not
 * covered is "yes, as an edge location", and the answer says which.
 */
function locationItem(ctx: Context, s: Extract<Subject, { type: 'location' }>, kinds: Kinds, withServices = false): Item {
  const { report, lexicon } = ctx;
  let regions = s.hits.filter((h) => h.entity.type === 'region').map((h) => h.entity as Extract<Entity, { type: 'region' }>);
  let edges = s.hits.filter((h) => h.entity.type === 'edge').map((h) => h.entity.name);
  const countryHit = s.hits.find((h) => h.entity.type === 'country' || h.entity.type === 'group')?.entity;
  const country = countryHit?.name;
  const viaCode = s.hits.some((h) => h.via === 'code');
  if (countryHit && regions.length === 0 && edges.length === 0) {
    // A country, or a part of the world as the countries it holds.
    const countries = countryHit.type === 'group' ? countryHit.countries : [countryHit.name];
    regions = countries.flatMap((c) => (lexicon.regionsByCountry.get(c) ?? []) as Extract<Entity, { type: 'region' }>[]);
    edges = countries.flatMap((c) => lexicon.edgesByCountry.get(c) ?? []);
  }
  // "the country Georgia": asked as a country, a place the report names only as a state or city is not it.
  if (kinds.has('country') && !country && !kinds.has('region') && !kinds.has('edge')) {
    return {
      matches: [{ kind: 'region', name: `${s.typed} (country)`, inScope: false }],
      suggestions: s.hits.map((h) => suggestionOf(h.entity)).filter((x): x is Suggestion => !!x),
      lines: [`The report names no country “${s.typed}”: no region or edge location there is covered. It does list ${joinAnd([...new Set(s.hits.map((h) => bold(h.entity.name)))])}, which is another place.`],
      citations: [report.regionsSource, report.edgeLocationsSource].filter((x) => !!x).map((x) => citeSource(x!)),
      intent: 'location_scope',
    };
  }
  const wantRegion = kinds.has('region') || viaCode;
  const wantEdge = kinds.has('edge') && !kinds.has('region');
  const coveredRegions = regions.filter((r) => r.listed);
  const uncoveredRegions = regions.filter((r) => !r.listed);
  const citations: Citation[] = [];
  const lines: string[] = [];
  const matches: Match[] = [];
  const suggestions: Suggestion[] = [];
  const place = country && !s.hits.some((h) => h.entity.type !== 'country' && h.entity.type !== 'group') ? country : undefined;
  const where = place ? ` in ${bold(place)}` : '';

  const regionCount = report.regions.length;
  const edgeCount = report.edgeLocations.length;
  const sayRegions = () => {
    for (const r of coveredRegions) {
      matches.push({ kind: 'region', name: r.name, inScope: true });
      citations.push(regionCitation(ctx, r.name));
    }
    if (coveredRegions.length) lines.push(`${joinAnd(coveredRegions.map((r) => regionLabel(ctx, r)))} ${coveredRegions.length > 1 ? 'are among' : 'is one of'} the ${regionCount} regions whose data centers are in scope.`);
  };
  const sayEdges = () => {
    for (const e of edges) {
      matches.push({ kind: 'edge_location', name: e, inScope: true });
      citations.push(edgeCitation(ctx, e));
    }
    if (edges.length) lines.push(`${joinAnd(edges.map(bold))} ${edges.length > 1 ? 'are among' : 'is one of'} the ${edgeCount} edge locations covered${coveredRegions.length || wantEdge ? '' : ' (an edge location serves content at the network edge, e.g. CloudFront; it is not a region with data centers for your workloads)'}.`);
  };
  const sayUncovered = (asMatches: boolean) => {
    if (!uncoveredRegions.length) return;
    for (const r of uncoveredRegions) {
      if (asMatches) matches.push({ kind: 'region', name: r.name, inScope: false });
      else suggestions.push({ kind: 'region', name: r.name });
    }
    lines.push(`${joinAnd(uncoveredRegions.map((r) => regionLabel(ctx, r)))} ${uncoveredRegions.length > 1 ? 'are' : 'is'} not among the regions covered by this report.`);
  };

  if (wantEdge) {
    if (edges.length) {
      sayEdges();
      for (const r of [...coveredRegions, ...uncoveredRegions]) suggestions.push({ kind: 'region', name: r.name });
    } else {
      matches.push({ kind: 'edge_location', name: place ?? s.typed, inScope: false });
      lines.push(`No edge location${where || ` “${s.typed}”`} is listed in this report.`);
      if (coveredRegions.length) {
        lines.push(`The region ${joinAnd(coveredRegions.map((r) => regionLabel(ctx, r)))} is covered, though.`);
        for (const r of coveredRegions) suggestions.push({ kind: 'region', name: r.name });
      }
      if (report.edgeLocationsSource) citations.push(citeSource(report.edgeLocationsSource));
    }
  } else if (wantRegion) {
    if (coveredRegions.length) {
      sayRegions();
      // Asked with a service ("is S3 covered in Europe?"), a region of the place that is not covered is part
      // of the answer, not an aside.
      sayUncovered(withServices);
    } else {
      sayUncovered(true);
      if (!uncoveredRegions.length) {
        matches.push({ kind: 'region', name: place ?? s.typed, inScope: false });
        lines.push(`No region${where || ` “${s.typed}”`} is among the ${regionCount} regions covered by this report.`);
      }
      if (edges.length) {
        lines.push(`The edge location${edges.length > 1 ? 's' : ''} ${joinAnd(edges.map(bold))} ${edges.length > 1 ? 'are' : 'is'} covered, though; an edge location is not a region.`);
        for (const e of edges) suggestions.push({ kind: 'edge_location', name: e });
      }
      if (report.regionsSource) citations.push(citeSource(report.regionsSource));
    }
  } else if (coveredRegions.length) {
    sayRegions();
    sayEdges();
    sayUncovered(false);
  } else if (edges.length) {
    if (place) {
      // A country with covered edge locations but no covered region: partly covered.
      if (uncoveredRegions.length) {
        sayEdges();
        sayUncovered(true);
        if (report.regionsSource) citations.push(citeSource(report.regionsSource));
      } else {
        // No AWS region is in that country at all: covered as far as anything there can be, by edge locations.
        lines.push(`Yes, as an edge location.`);
        sayEdges();
        lines.push(`The report lists no region in ${bold(place)}.`);
      }
    } else {
      lines.push(`Yes, as an edge location.`);
      sayEdges();
      sayUncovered(false);
    }
  } else {
    sayUncovered(true);
    if (!uncoveredRegions.length) {
      matches.push({ kind: 'region', name: place ?? s.typed, inScope: false });
      lines.push(`Nothing${where || ` called “${s.typed}”`} is among the regions or edge locations this report covers.`);
    }
    for (const src of [report.regionsSource, report.edgeLocationsSource]) if (src) citations.push(citeSource(src));
  }
  if (citations.length === 0) citations.push(scopeListCitation(report));
  if (s.fuzzy) lines.unshift(`Did you mean ${joinAnd([...new Set(s.hits.map((h) => h.phrase))].map(bold), 'or')}? “${s.typed}” is not a name the report uses; if you meant that:`);
  return { matches, suggestions, lines, citations, intent: 'location_scope' };
}

/** Is X in scope? Any mix of services, places and criteria; the verdict follows from the matches. */
export function composeScope(ctx: Context, subjects: Subject[], kinds: Kinds, options: { negated?: boolean } = {}): Reply {
  // Workloads run in regions: asked together with a service, a place is judged by its regions, never by an
  // edge location ("is S3 covered in Paris?" is not answered yes because Paris has an edge location).
  const withServices = subjects.some((s) => s.type === 'service' || s.type === 'unlisted' || s.type === 'unknown_variant' || s.type === 'family');
  const withPlaces = subjects.some((s) => s.type === 'location');
  if (withServices && withPlaces && !kinds.has('edge')) kinds = new Set([...kinds, 'region']);
  const items: Item[] = subjects.map((s) => {
    switch (s.type) {
      case 'service':
        return serviceItem(ctx, s);
      case 'unlisted':
        return unlistedItem(ctx, s);
      case 'unknown_variant':
        return unknownVariantItem(ctx, s);
      case 'relation':
        return relationItem(ctx, s);
      case 'family':
        return familyItem(ctx, s);
      case 'criterion':
        return criterionItem(ctx, s);
      case 'location':
        return locationItem(ctx, s, kinds, withServices);
      case 'unknown':
      case 'ambiguous':
        return unknownItem(ctx, s, kinds);
      case 'category':
        return { matches: [], suggestions: [], lines: [], citations: [], intent: 'service_scope' };
    }
  });
  // "S3 S3 S3": each thing once.
  const seen = new Set<string>();
  let matches = items.flatMap((i) => i.matches).filter((m) => {
    const k = `${m.kind}:${m.name}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  // "is Athena covered for security / in us-east-1?": the question is about Athena; when no service asked about is
  // in scope, a covered criterion or region does not make the answer "partly".
  const serviceMatches = matches.filter((m) => m.kind === 'service');
  const demoted: Suggestion[] = [];
  if (serviceMatches.length > 0 && serviceMatches.every((m) => !m.inScope)) {
    demoted.push(...matches.filter((m) => m.kind !== 'service').map((m) => ({ kind: m.kind, name: m.name })));
    matches = serviceMatches;
  }
  const ambiguousOnly = subjects.length > 0 && subjects.every((s) => s.type === 'ambiguous');
  // A feature or variant the report does not name ("S3 object lock") can be neither confirmed nor denied,
  // and a name read through a typo ("Conect") is a guess: neither gets a yes.
  const variant = subjects.some((s) => s.type === 'unknown_variant' || s.type === 'relation');
  const guessedInScope = subjects.some((s) => (s.type === 'service' || s.type === 'location') && s.fuzzy);
  const verdict: Verdict = ambiguousOnly || variant ? 'unknown' : guessedInScope && verdictOf(matches) !== 'no' ? 'unknown' : verdictOf(matches);
  const intents = new Set(items.map((i) => i.intent));
  const intent = intents.size === 1 ? items[0]!.intent : intents.has('service_scope') ? 'service_scope' : items[0]!.intent;
  const period = `(report period ${periodText(ctx.report)})`;
  let text: string;
  if (ambiguousOnly) {
    const options = items.flatMap((i) => i.suggestions).map((s) => bold(s.name));
    text = `I'm not sure which you mean: ${joinAnd(options, 'or')}? Ask again with the full name.`;
  } else if (items.length === 1) {
    const lines = items[0]!.lines;
    const first = lines[0] ?? '';
    // Asked in the negative ("is S3 not in scope?"), a bare "Yes." would read as "yes, it is not".
    const lead = first.startsWith('Yes, as') ? '' : options.negated ? 'To be clear: ' : `${VERDICT_WORD[verdict]} `;
    text = `${lead}${lines.join(' ')} ${period}`.trim();
  } else {
    text = `${options.negated ? 'To be clear:' : VERDICT_WORD[verdict]} ${period}\n${items.map((i) => `- ${i.lines.join(' ')}`).join('\n')}`;
  }
  if (withServices && withPlaces) {
    text += `\nThe report lists the services and the regions in scope separately; it does not say which services run in which region.`;
  }
  return {
    intent,
    verdict,
    matches: ambiguousOnly ? [] : matches,
    suggestions: dedupeSuggestions([...items.flatMap((i) => i.suggestions), ...demoted], matches),
    text,
    citations: dedupe(items.flatMap((i) => i.citations)),
  };
}

/**
 * A yes (or partly) that the question's other words put in doubt: words the report does not mention ("Moscow",
 * "instant retrieval", "Azure"), what customers build ("our application"), or everywhere at once ("all
 * regions"). The verdict becomes `unknown`; what the report does say follows, with its citations.
 */
export function notCertain(ctx: Context, reply: Reply, why: { strays: string[]; content: string[]; everywhere: boolean }): Reply {
  if (reply.verdict !== 'yes' && reply.verdict !== 'partial') return reply;
  const reasons: string[] = [];
  const citations = [...reply.citations];
  if (why.content.length) {
    const duty = ctx.report.customerResponsibility;
    reasons.push(`The report covers AWS's system, not what customers build on it (${joinAnd(why.content.map((w) => `“${w}”`))})${duty ? `: ${quoteOf(duty.quote)}` : '.'}`);
    if (duty) citations.push(citeSource(duty));
  }
  if (why.everywhere) {
    reasons.push(`The report does not cover “everywhere”: it names ${ctx.report.regions.length} regions and ${ctx.report.edgeLocations.length} edge locations, and does not say which services run in which region.`);
    if (ctx.report.regionsSource) citations.push(citeSource(ctx.report.regionsSource));
  }
  if (why.strays.length) reasons.push(`Your question also says ${joinAnd(why.strays.map((w) => `“${w}”`))}, which the report does not mention, so it cannot confirm all of it.`);
  if (reasons.length === 0) return reply;
  return { ...reply, verdict: 'unknown', text: `Not sure. ${reasons.join(' ')}\nWhat the report does say: ${reply.text.replace(/^(Yes|No|Partly)\. /, '')}`, citations: dedupe(citations) };
}

/**
 * Appended when a question asks about now ("is S3 covered today?"): the report speaks of its period only,
 * and says so itself.
 */
export function withPeriodCaveat(ctx: Context, reply: Reply): Reply {
  const caveat = ctx.report.futurePeriodsCaveat;
  const line = `Not sure: this report covers ${periodText(ctx.report)} only; it cannot say what is covered today.${caveat ? ` The accountants: ${quoteOf(caveat.quote)}` : ''}`;
  // The report cannot say what is covered now: no yes or no for today.
  const verdict: Verdict = reply.verdict === 'yes' || reply.verdict === 'no' || reply.verdict === 'partial' ? 'unknown' : reply.verdict;
  return { ...reply, verdict, text: `${line}\nFor its own period: ${reply.text.replace(/^(Yes|No|Partly)\. /, '')}`, citations: dedupe([...reply.citations, ...(caveat ? [citeSource(caveat)] : []), citeSource(ctx.report.period.source)]) };
}

/** Whether a date the question names is one the report speaks for: inside its period (a bare year that holds the period counts, unless the whole year is asked about). */
function speaksFor(ctx: Context, d: AskedDate, whole: boolean): boolean {
  if (!d.start || !d.end) return false;
  const inside = d.start >= ctx.report.period.start && d.end <= ctx.report.period.end;
  const overlaps = d.end >= ctx.report.period.start && d.start <= ctx.report.period.end;
  return inside || (d.yearOnly && !whole && overlaps);
}

/** "Is June 2017 covered?": whether the dates asked about fall in the report's period. */
export function composePeriodCheck(ctx: Context, dates: AskedDate[], whole: boolean): Reply {
  const period = periodText(ctx.report);
  const lines = dates.map((d) =>
    !d.start
      ? `${bold(d.text)} names no year; the report covers ${period} only.`
      : speaksFor(ctx, d, whole)
        ? `${bold(d.text)} falls within the report's period, ${period}.`
        : `${bold(d.text)} is not within the report's period, ${period}; the report says nothing about it.`,
  );
  const fine = dates.filter((d) => speaksFor(ctx, d, whole)).length;
  const yearless = dates.some((d) => !d.start);
  const verdict: Verdict = yearless ? 'unknown' : fine === dates.length ? 'yes' : fine === 0 ? 'no' : 'partial';
  return { intent: 'report_fact', verdict, matches: [], suggestions: [], text: `${VERDICT_WORD[verdict]} ${lines.join(' ')}`.trim(), citations: [citeSource(ctx.report.period.source)] };
}

/**
 * A question that names a time outside the report's period ("was S3 in scope in 2015?"): the report cannot
 * say, so the verdict is `unknown`; what it says for its own period follows, with its citations.
 */
export function outsidePeriod(ctx: Context, reply: Reply, dates: AskedDate[], whole: boolean): Reply {
  const outside = dates.filter((d) => !speaksFor(ctx, d, whole));
  if (outside.length === 0) {
    // "for 2017": the year holds the period, which is only part of it.
    const partYears = dates.filter((d) => d.yearOnly && d.start! < ctx.report.period.start);
    return partYears.length ? { ...reply, text: `${reply.text}\n(Within ${joinAnd(partYears.map((d) => d.text))}, the report's period is ${periodText(ctx.report)}.)` } : reply;
  }
  const lead = `This report covers ${periodText(ctx.report)} only; it cannot speak for ${joinAnd(outside.map((d) => bold(d.text)))}. For its own period: `;
  return { ...reply, verdict: 'unknown', text: `${lead}${reply.text.replace(/^(Yes|No|Partly)\. /, '')}`, citations: dedupe([...reply.citations, citeSource(ctx.report.period.source)]) };
}

/** A question about another programme only ("is AWS PCI compliant?", "is this a SOC 2?"). */
export function composeOtherProgramOnly(ctx: Context, programs: string[]): Reply {
  const { report } = ctx;
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  return {
    intent: 'report_fact',
    verdict: 'unknown',
    matches: [],
    suggestions: [],
    text: `This is the ${bold(report.title)} (${report.subtitle}), relevant to ${joinAnd(covered)}. It does not address ${joinAnd(programs.map(bold))}, so it cannot answer that.`,
    citations: [citation([report.title], report.title), citeSource(report.criteriaSource.covered)],
  };
}

/** Plain words the report never mentions ("do they do background checks?"): the report does not say. */
export function composeNotMentioned(ctx: Context, terms: string[]): Reply {
  return {
    intent: 'topic',
    verdict: 'unknown',
    matches: [],
    suggestions: [],
    text: `The ${ctx.report.title} does not mention ${joinAnd(terms.map((t) => `“${t}”`), 'or')}, so it cannot answer that. Ask “help” for what it covers.`,
    citations: [],
  };
}

/**
 * A scope question asked about another compliance programme ("is S3 HIPAA compliant?"): this report cannot
 * say yes or no to that, so the verdict is `unknown`; what the report does say follows, with its citations.
 */
export function otherProgram(ctx: Context, scope: Reply, programs: string[]): Reply {
  const lead = `This ${ctx.report.title} does not address ${joinAnd(programs.map(bold))}, so it cannot answer that. What it does say: `;
  return { ...scope, verdict: 'unknown', text: `${lead}${scope.text.replace(/^(Yes|No|Partly)\. /, '')}` };
}

// ---------------------------------------------------------------------------------------------------
// Descriptions, lists, facts, topics, help.

/** What is X? The report's description of a listed service, with its category and scope. */
export function composeDescription(ctx: Context, subjects: Subject[]): Reply {
  const { report } = ctx;
  const parts: string[] = [];
  const matches: Match[] = [];
  const citations: Citation[] = [];
  const suggestions: Suggestion[] = [];
  for (const s of subjects) {
    if (s.type === 'service') {
      const service = report.services.find((x) => x.name === s.name)!;
      const renamed = s.via === 'later_name' ? ` (the report's name for ${bold(s.phrase)})` : '';
      parts.push(`${bold(s.name)}${renamed} is in scope, in the category ${bold(service.category)}. The report describes it: ${quoteOf(firstSentences(service.description, 3))}`);
      matches.push({ kind: 'service', name: s.name, inScope: true });
      citations.push(citation(service.path, firstSentences(service.description, 3)), serviceCitation(report, s.name));
    } else {
      const item = s.type === 'unlisted' ? unlistedItem(ctx, s) : s.type === 'unknown_variant' ? unknownVariantItem(ctx, s) : unknownItem(ctx, s as Extract<Subject, { type: 'unknown' | 'ambiguous' }>, new Set());
      parts.push(`${item.lines.join(' ')} The report does not describe it.`);
      matches.push(...item.matches);
      suggestions.push(...item.suggestions);
      citations.push(...item.citations);
    }
  }
  return {
    intent: 'service_description',
    verdict: 'info',
    matches,
    suggestions: dedupeSuggestions(suggestions, matches),
    text: parts.length > 1 ? parts.map((p) => `- ${p}`).join('\n') : parts[0]!,
    citations: dedupe(citations),
  };
}

interface ListRequest {
  categories: string[];
  subjects: Subject[];
  kinds: Kinds;
  count: boolean;
  whatIsInScope?: boolean;
}

/** Lists: the services (all, or of some categories), the regions, the edge locations (all, or in a country). */
export function composeList(ctx: Context, req: ListRequest): Reply | undefined {
  const { report, lexicon } = ctx;
  const matches: Match[] = [];
  const citations: Citation[] = [];
  const sections: string[] = [];
  const countries = req.subjects.flatMap((s) =>
    s.type === 'location' ? s.hits.flatMap((h) => (h.entity.type === 'country' ? [h.entity.name] : h.entity.type === 'group' ? h.entity.countries : [])) : [],
  );
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

  if (req.categories.length) {
    for (const cat of req.categories) {
      const services = report.services.filter((s) => s.category === cat);
      matches.push(...services.map((s) => ({ kind: 'service' as const, name: s.name, inScope: true })));
      sections.push(`${bold(cat)}: ${count(services.length, 'service')} in scope:\n${services.map((s) => `- ${s.name}`).join('\n')}`);
      citations.push(...services.slice(0, 3).map((s) => citation(s.path.slice(0, -1), s.name)));
    }
  } else if (req.kinds.has('edge') || (req.kinds.has('region') && !req.kinds.has('service')) || (countries.length && !req.kinds.has('service'))) {
    const wantRegions = req.kinds.has('region') || !req.kinds.has('edge');
    const wantEdges = req.kinds.has('edge') || !req.kinds.has('region');
    const filter = countries.length ? countries : undefined;
    if (wantRegions) {
      const regions = report.regions.filter((r) => !filter || filter.includes(lexicon.regionInfo.get(r.name)?.country ?? ''));
      matches.push(...regions.map((r) => ({ kind: 'region' as const, name: r.name, inScope: true })));
      const label = filter ? `Regions in ${joinAnd(filter)}` : 'Regions';
      sections.push(
        !report.regionsSource
          ? `${bold(label)}: this report does not name the regions it covers.`
          : regions.length
          ? `${bold(label)}: ${count(regions.length, 'region')} covered:\n${regions.map((r) => `- ${r.name}${lexicon.regionInfo.get(r.name) ? ` (${lexicon.regionInfo.get(r.name)!.code})` : ''}`).join('\n')}`
          : `${bold(label)}: none covered.`,
      );
      if (report.regionsSource) citations.push(citeSource(report.regionsSource));
    }
    if (wantEdges) {
      const edges = report.edgeLocations.filter((e) => !filter || filter.includes(lexicon.edgeCountry.get(e.name) ?? e.country));
      matches.push(...edges.map((e) => ({ kind: 'edge_location' as const, name: e.name, inScope: true })));
      const label = filter ? `Edge locations in ${joinAnd(filter)}` : 'Edge locations';
      sections.push(
        !report.edgeLocationsSource
          ? `${bold(label)}: this report does not list edge locations.`
          : edges.length
            ? `${bold(label)}: ${count(edges.length, 'edge location')} covered:\n${edges.map((e) => `- ${e.name}`).join('\n')}`
            : `${bold(label)}: none covered.`,
      );
      if (report.edgeLocationsSource) citations.push(citeSource(report.edgeLocationsSource));
    }
  } else if (req.kinds.has('category')) {
    matches.push(...report.categories.map((c) => ({ kind: 'category' as const, name: c, inScope: true })));
    sections.push(`The report groups the services in scope into ${report.categories.length} categories:\n${report.categories.map((c) => `- ${c} (${report.services.filter((s) => s.category === c).length})`).join('\n')}`);
    const components = report.services[0]?.path.slice(0, 1);
    if (components) citations.push(citation([...components, report.categories[0]!], report.categories[0]!));
  } else if (req.kinds.has('criterion')) {
    return composeFacts(ctx, ['criteria']);
  } else if (req.kinds.has('service') || req.whatIsInScope) {
    matches.push(...report.services.map((s) => ({ kind: 'service' as const, name: s.name, inScope: true })));
    sections.push(`${count(report.services.length, 'service')} are in scope:\n${report.services.map((s) => `- ${s.name}`).join('\n')}`);
    if (req.whatIsInScope) sections.push(`Also in scope: ${report.regions.length} regions and ${report.edgeLocations.length} edge locations (ask “which regions are covered?”).`);
    citations.push(scopeListCitation(report));
  } else return undefined;

  // A list the report does not give at all ("which regions?" of a report that names none) is not an answer.
  if (citations.length === 0) return { intent: 'list', verdict: 'unknown', matches: [], suggestions: [], text: sections.join('\n\n'), citations: [] };
  return { intent: 'list', verdict: 'info', matches, suggestions: [], text: sections.join('\n\n'), citations: dedupe(citations) };
}

/** Facts about the report: period, auditor, dates, opinion, criteria, organization, counts. */
export function composeFacts(ctx: Context, facts: Fact[]): Reply {
  const { report } = ctx;
  const lines: string[] = [];
  const citations: Citation[] = [];
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  const notCovered = report.criteria.filter((c) => !c.covered).map((c) => c.name);
  for (const fact of [...new Set(facts)]) {
    switch (fact) {
      case 'period':
        lines.push(`The report covers the period ${bold(periodText(report))}.`);
        citations.push(citeSource(report.period.source));
        break;
      case 'auditor':
        lines.push(`The independent accountants are ${bold(report.auditor.firm)}; their report is dated ${bold(longDate(report.auditor.reportDate))}.`);
        citations.push(citeSource(report.auditor.source));
        break;
      case 'report_date':
        lines.push(`The accountants' report is dated ${bold(longDate(report.auditor.reportDate))}${report.assertionDate ? `; management's assertion is dated ${bold(longDate(report.assertionDate))}` : ''}. It covers the period ${periodText(report)}.`);
        citations.push(citeSource(report.auditor.source), citeSource(report.period.source));
        break;
      case 'opinion':
        lines.push(
          report.opinion.unmodified
            ? `The opinion is unmodified (a “clean” opinion): ${quoteOf(report.opinion.text)}`
            : `The opinion is not a plain unmodified one; read it in full: ${quoteOf(report.opinion.text)}`,
        );
        citations.push(citeSource(report.opinion.source));
        break;
      case 'criteria':
        lines.push(`The report covers the trust services criteria for ${bold(joinAnd(covered))}.${notCovered.length ? ` It does not cover ${joinAnd(notCovered)}.` : ''}`);
        citations.push(citeSource(report.criteriaSource.covered));
        if (report.criteriaSource.named && notCovered.length) citations.push(citeSource(report.criteriaSource.named));
        break;
      case 'organization':
        lines.push(`The service organization is ${bold(report.serviceOrganization)}; the system examined is the ${bold(report.system)}.`);
        citations.push(citeSource(report.serviceOrganizationSource));
        break;
      case 'report':
        lines.push(`This is the ${bold(report.title)}: ${report.subtitle}, for the period ${periodText(report)}, examined by ${report.auditor.firm}.`);
        citations.push(citation([report.title], report.title), citeSource(report.period.source));
        break;
      case 'assertion':
        if (report.assertion) {
          lines.push(`Management of ${report.serviceOrganization} asserts: ${quoteOf(report.assertion.quote)}${report.assertionDate ? ` The assertion is dated ${longDate(report.assertionDate)}.` : ''}`);
          citations.push(citeSource(report.assertion));
        } else {
          lines.push(`The accountants' opinion on management's assertion: ${quoteOf(report.opinion.text)}`);
          citations.push(citeSource(report.opinion.source));
        }
        break;
      case 'counts':
        lines.push(`In scope: ${bold(`${report.services.length} services`)}, ${bold(`${report.regions.length} regions`)} and ${bold(`${report.edgeLocations.length} edge locations`)}, in ${report.categories.length} service categories.`);
        citations.push(scopeListCitation(report));
        if (report.regionsSource) citations.push(citeSource(report.regionsSource));
        if (report.edgeLocationsSource) citations.push(citeSource(report.edgeLocationsSource));
        break;
    }
  }
  return { intent: 'report_fact', verdict: 'info', matches: [], suggestions: [], text: lines.join(' '), citations: dedupe(citations) };
}

/** A topic question, answered from the best matching sentences of the report. */
export function composeTopic(ctx: Context, words: string[], options: { requireAll?: boolean } = {}): Reply | undefined {
  const hits = ctx.topics.search(words, options);
  if (hits.length === 0) return undefined;
  const section = hits[0]!.path;
  const text = `The report addresses this under ${bold(section.join(' › '))}: ${hits.map((h) => quoteOf(h.quote)).join(' ')}`;
  return { intent: 'topic', verdict: 'info', matches: [], suggestions: [], text, citations: hits.map((h) => citation(h.path, h.quote)) };
}

const EXAMPLES = ['is Connect in scope?', 'are S3 and Athena covered?', 'is us-east-1 covered?', 'edge locations in Japan?', 'which database services are covered?', 'is Privacy covered?', 'who audited it, and for which period?', 'what is Amazon Cognito?', 'how are employees trained?'];

/** What the bot can answer, with examples. */
export function composeHelp(ctx: Context): Reply {
  const { report } = ctx;
  const text = [
    `I answer questions from the ${bold(report.title)} (${report.subtitle}, period ${periodText(report)}), and every answer cites the section and the words it rests on. You can ask:`,
    '- whether services are in scope, by name, abbreviation or later name',
    '- whether a region (name or code, e.g. us-east-1), an edge location, a city or a country is covered',
    '- which trust services criteria are covered, who the auditor is, the period and the opinion',
    '- what a listed service is, and which services a category holds',
    '- what the report says on topics such as training, media disposal, availability or confidentiality',
    '',
    `Examples: ${EXAMPLES.map((e) => `“${e}”`).join(', ')}.`,
  ].join('\n');
  return { intent: 'help', verdict: 'unknown', matches: [], suggestions: [], text, citations: [] };
}

/** Not a question about the report (or nothing in it says): a hint of what can be asked. */
export function composeUnknown(ctx: Context): Reply {
  return {
    intent: 'unknown',
    verdict: 'unknown',
    matches: [],
    suggestions: [],
    text: `I couldn't find that in the ${ctx.report.title} (period ${periodText(ctx.report)}). I answer questions about what it covers: services (“is Connect in scope?”), regions and edge locations (“is us-east-1 covered?”), trust services criteria, the auditor and period, and topics such as training or media disposal. Type “help” for more.`,
    citations: [],
  };
}

/** Over MAX_QUESTION_LENGTH characters: not read at all. */
export function composeTooLong(ctx: Context, length: number): Reply {
  return {
    intent: 'too_long',
    verdict: 'unknown',
    matches: [],
    suggestions: [],
    text: `That question is ${length.toLocaleString('en-US')} characters long; I read questions of up to ${MAX_QUESTION_LENGTH.toLocaleString('en-US')}. Ask one thing at a time, e.g. “is Connect in scope?”.`,
    citations: [],
  };
}

