import type { Citation, Match, Suggestion } from '../answer.js';
import { citation, citeSource, joinAnd } from '../cite.js';
import type { Entity } from '../lexicon.js';
import type { Subject } from '../resolve.js';
import type { Item } from './items.js';
import { bold, scopeListCitation, suggestionOf, type Context, type Kinds } from './shared.js';

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
export function locationItem(ctx: Context, s: Extract<Subject, { type: 'location' }>, kinds: Kinds, withServices = false): Item {
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
