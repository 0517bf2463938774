import type { Suggestion } from '../answer.js';
import { citation, citeSource, joinAnd } from '../cite.js';
import type { Entity } from '../lexicon.js';
import { note, type Quote, type ReplyItem, type ReplyNote } from '../reply.js';
import type { Subject } from '../resolve.js';
import { readingOf, type Part } from './items.js';
import { bold, scopeListCitation, suggestionOf, type Context, type Kinds } from './shared.js';

type Region = Extract<Entity, { type: 'region' }>;

function regionLabel(ctx: Context, e: Region): string {
  const code = e.code ?? ctx.lexicon.regionInfo.get(e.name)?.code;
  return code ? `${bold(e.name)} (${code})` : bold(e.name);
}

/** A region is decided by the report's sentence that lists the regions (the list itself, not only its name). */
function regionQuote(ctx: Context, name: string): Quote {
  return ctx.report.regionsSource ? citeSource(ctx.report.regionsSource) : citation(ctx.report.servicesSource.path, name);
}

/** An edge location by the list's introduction and its own bullet. */
function edgeQuotes(ctx: Context, name: string): Quote[] {
  const src = ctx.report.edgeLocationsSource;
  return src ? [citeSource(src), citation(src.path, name)] : [citation(ctx.report.servicesSource.path, name)];
}

/**
 * A place: a region (by name, code or city), an edge location (by name or city), or a country. Regions
 * and edge locations are told apart: a city that is a covered edge location but whose region is not
 * covered is "covered as an edge location only", and a note says what that means.
 */
export function locationItem(ctx: Context, s: Extract<Subject, { type: 'location' }>, kinds: Kinds, withServices = false): Part {
  const { report, lexicon } = ctx;
  let regions = s.hits.filter((h) => h.entity.type === 'region').map((h) => h.entity as Region);
  let edges = s.hits.filter((h) => h.entity.type === 'edge').map((h) => h.entity.name);
  const countryHit = s.hits.find((h) => h.entity.type === 'country' || h.entity.type === 'group')?.entity;
  const country = countryHit?.name;
  const viaCode = s.hits.some((h) => h.via === 'code');
  const readingFor = (name: string) => {
    const hit = s.hits.find((h) => h.entity.name === name);
    return hit ? readingOf(hit.via, s.fuzzy) : s.fuzzy ? 'typo' : 'place';
  };
  // Asked of a country or a part of the world ("are data centers in Europe covered?"): all its regions are asked.
  const byArea = !!countryHit && regions.length === 0 && edges.length === 0;
  if (byArea) {
    // A country, or a part of the world as the countries it holds.
    const countries = countryHit.type === 'group' ? countryHit.countries : [countryHit.name];
    regions = countries.flatMap((c) => (lexicon.regionsByCountry.get(c) ?? []) as Region[]);
    edges = countries.flatMap((c) => lexicon.edgesByCountry.get(c) ?? []);
  }
  const placeQuotes = [report.regionsSource, report.edgeLocationsSource].filter((x) => !!x).map((x) => citeSource(x!));
  // "the country Georgia": asked as a country, a place the report names only as a state or city is not it.
  if (kinds.has('country') && !country && !kinds.has('region') && !kinds.has('edge')) {
    return {
      items: [{ asked: s.typed, kind: 'region', name: `${s.typed} (country)`, status: 'not_listed', reading: 'exact', citations: placeQuotes }],
      notes: [note('reading', `The report names no country “${s.typed}”; it does list ${joinAnd([...new Set(s.hits.map((h) => bold(h.entity.name)))])}, which is another place.`)],
      suggestions: s.hits.map((h) => suggestionOf(h.entity)).filter((x): x is Suggestion => !!x),
      intent: 'location_scope',
    };
  }
  // (Both asked, "a full region or only an edge location?": what each is, as for a place asked as such.)
  const wantRegion = (kinds.has('region') && !kinds.has('edge')) || viaCode;
  const wantEdge = kinds.has('edge') && !kinds.has('region');
  const coveredRegions = regions.filter((r) => r.listed);
  const uncoveredRegions = regions.filter((r) => !r.listed);
  const items: ReplyItem[] = [];
  const notes: ReplyNote[] = [];
  const suggestions: Suggestion[] = [];
  const place = country && !s.hits.some((h) => h.entity.type !== 'country' && h.entity.type !== 'group') ? country : undefined;
  const regionCountry = (r: Region) => r.country ?? lexicon.regionInfo.get(r.name)?.country;
  const regionItem = (r: Region, covered: boolean): ReplyItem => {
    const code = r.code ?? lexicon.regionInfo.get(r.name)?.code;
    const c = regionCountry(r);
    return { asked: s.typed, kind: 'region', name: r.name, status: covered ? 'covered' : 'not_covered', reading: readingFor(r.name), ...(code ? { code } : {}), ...(c ? { country: c } : {}), citations: [regionQuote(ctx, r.name)] };
  };
  const edgeItem = (e: string, only: boolean): ReplyItem => {
    const c = lexicon.edgeCountry.get(e) ?? report.edgeLocations.find((x) => x.name === e)?.country;
    return { asked: s.typed, kind: 'edge_location', name: e, status: only ? 'edge_location_only' : 'covered', reading: readingFor(e), ...(c ? { country: c } : {}), citations: edgeQuotes(ctx, e) };
  };
  const notFound = (kind: 'region' | 'edge_location', status: 'not_listed' | 'not_covered') =>
    items.push({ asked: s.typed, kind, name: place ?? s.typed, status, reading: place ? 'place' : 'exact', citations: placeQuotes.length ? placeQuotes : [scopeListCitation(report)] });
  const sayRegions = () => items.push(...coveredRegions.map((r) => regionItem(r, true)));
  const sayEdges = (only = false) => items.push(...edges.map((e) => edgeItem(e, only)));
  const sayUncovered = (asItems: boolean) => {
    if (!uncoveredRegions.length) return;
    if (asItems) items.push(...uncoveredRegions.map((r) => regionItem(r, false)));
    else {
      suggestions.push(...uncoveredRegions.map((r) => ({ kind: 'region' as const, name: r.name })));
      notes.push(note('fact', `${joinAnd(uncoveredRegions.map((r) => regionLabel(ctx, r)))} ${uncoveredRegions.length > 1 ? 'are' : 'is'} not among the regions covered by this report.`, ...placeQuotes.slice(0, 1)));
    }
  };
  const edgeMeaning = () => notes.push(note('edge_location', 'An edge location serves content at the network edge (e.g. CloudFront); it is not a region with data centers for your workloads.'));

  if (wantEdge) {
    if (edges.length) {
      sayEdges();
      for (const r of [...coveredRegions, ...uncoveredRegions]) suggestions.push({ kind: 'region', name: r.name });
    } else {
      notFound('edge_location', 'not_listed');
      if (coveredRegions.length) {
        notes.push(note('fact', `The region ${joinAnd(coveredRegions.map((r) => regionLabel(ctx, r)))} is covered, though.`, ...placeQuotes.slice(0, 1)));
        for (const r of coveredRegions) suggestions.push({ kind: 'region', name: r.name });
      }
    }
  } else if (wantRegion) {
    if (coveredRegions.length) {
      sayRegions();
      // Asked with a service ("is S3 covered in Europe?"), or of a whole country or part of the world ("are data
      // centers in Europe covered?" was "Yes: 3 of 3", with Paris and Stockholm in a note), a region of the place
      // that is not covered is part of the answer, not an aside.
      // So is one of several regions a name stands for ("GovCloud": US-West and US-East; "Is GovCloud covered?" was
      // "Yes", break-it round 8).
      sayUncovered(withServices || byArea || regions.length > 1);
    } else {
      sayUncovered(true);
      if (!uncoveredRegions.length) notFound('region', 'not_listed');
      if (edges.length) {
        notes.push(note('fact', `The edge location${edges.length > 1 ? 's' : ''} ${joinAnd(edges.map(bold))} ${edges.length > 1 ? 'are' : 'is'} covered, though; an edge location is not a region.`, ...edges.flatMap((e) => edgeQuotes(ctx, e))));
        for (const e of edges) suggestions.push({ kind: 'edge_location', name: e });
      }
    }
  } else if (coveredRegions.length) {
    sayRegions();
    sayEdges();
    // A country or a group of them ("Europe", "Japan") with a region the report does not cover is partly
    // covered, as a country with edge locations only is: "is Europe covered?" was "Yes, 17 of 17" above a note
    // naming the five European regions it does not cover.
    sayUncovered(withServices || place !== undefined || regions.length > 1);
  } else if (edges.length) {
    if (place && uncoveredRegions.length) {
      // A country with covered edge locations but no covered region: partly covered.
      sayEdges();
      sayUncovered(true);
    } else {
      // Covered only as an edge location (a city, or a country with no AWS region at all).
      sayEdges(true);
      edgeMeaning();
      if (place) notes.push(note('fact', `The report lists no region in ${bold(place)}.`));
      else sayUncovered(false);
    }
  } else {
    sayUncovered(true);
    if (!uncoveredRegions.length) notFound('region', 'not_listed');
  }
  if (s.fuzzy) notes.unshift(note('reading', `Reading “${s.typed}” as ${joinAnd([...new Set(s.hits.map((h) => h.phrase))].map(bold), 'or')}.`));
  return { items, notes, suggestions, intent: 'location_scope' };
}
