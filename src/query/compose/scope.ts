import { COVERED_STATUSES, type Suggestion, type Verdict } from '../answer.js';
import { joinAnd } from '../cite.js';
import { note, type Reply, type ReplyItem, type ReplyNote } from '../reply.js';
import { isServiceSubject, type Subject } from '../resolve.js';
import { criterionItem, familyItem, readingsNote, relationItem, serviceItem, unknownItem, unknownVariantItem, unlistedItem, type Part } from './items.js';
import { locationItem } from './location.js';
import { bold, dedupeSuggestions, verdictOfItems, type Context, type Kinds } from './shared.js';

/**
 * Is X in scope? Any mix of services, places and criteria; the verdict follows from the items. (`negated`,
 * "is S3 not in scope?", needs nothing here: the router makes such an answer `info`.) `availability`: asked
 * whether a service is offered in a place ("is Connect available in São Paulo?"), which a report that lists
 * services and regions apart cannot say: a service with a place is then `unknown`, with both items shown;
 * likewise `allServices`, every service in a place ("is everything in us-east-1 covered?").
 */
export function composeScope(ctx: Context, subjects: Subject[], kinds: Kinds, options: {
    negated?: boolean;
    availability?: boolean;
    allServices?: boolean;
    apart?: boolean;
    /** Regions or edge locations were asked of the services, none named ("which regions is Connect covered in?"). */
    placesAsked?: boolean;
    /** The kind of place typed right after a place ("the Berlin edge location"): among several places, that place's. */
    kindOf?: (s: Extract<Subject, { type: 'location' }>) => 'region' | 'edge' | undefined;
  } = {},
): Reply {
  // Workloads run in regions: asked together with a service, a place is judged by its regions, never by an
  // edge location ("is S3 covered in Paris?" is not answered yes because Paris has an edge location).
  const withServices = subjects.some(isServiceSubject);
  const withPlaces = subjects.some((s) => s.type === 'location');
  if (withServices && withPlaces && !kinds.has('edge')) kinds = new Set([...kinds, 'region']);
  // In a list of places, a word we do not know is asked about as a place ("Are Berlin and Hamburg covered?").
  const placesOnly = withPlaces && !withServices && subjects.every((s) => s.type === 'location' || s.type === 'unknown' || s.type === 'ambiguous');
  const severalPlaces = subjects.filter((s) => s.type === 'location').length > 1;
  const ambiguousOnly = subjects.length > 0 && subjects.every((s) => s.type === 'ambiguous');
  const parts: Part[] = subjects.map((s) => {
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
        // Among several places, an edge word is another place's ("eu-west-2 + the london edge"): a region's code
        // still names its region, not an edge location that is not listed.
        // So is a kind typed right after a place: "the Frankfurt region and the Berlin edge location" asks each as typed.
        if (severalPlaces && !withServices && options.kindOf?.(s)) return locationItem(ctx, s, new Set([options.kindOf(s)!]), withServices);
        return locationItem(ctx, s, severalPlaces && kinds.has('edge') && s.hits.some((h) => h.via === 'code') ? new Set([...kinds].filter((k) => k !== 'edge')) : kinds, withServices);
      case 'unknown':
        return unknownItem(ctx, placesOnly ? { ...s, place: true } : s, kinds);
      case 'ambiguous': {
        // Among other names, a word that could mean several things is not listed as typed (with a did-you-mean).
        const part = unknownItem(ctx, s, kinds);
        return ambiguousOnly ? part : { ...part, items: part.items.map((i) => ({ ...i, status: 'not_listed' as const })) };
      }
      case 'category':
        return { items: [], notes: [], suggestions: [], intent: 'service_scope' };
    }
  });
  // "S3 S3 S3": each thing once.
  const seen = new Set<string>();
  let items: ReplyItem[] = parts.flatMap((p) => p.items).filter((i) => {
    const k = `${i.kind}:${i.name}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  // "is Athena covered for security / in us-east-1?": the question is about Athena; when no service asked about is
  // in scope, a covered criterion or region does not make the answer "partly".
  // (Only the services asked about by name count here: an unknown word in a list of places is not a service.)
  const named = new Set(subjects.flatMap((s) => (isServiceSubject(s) ? [s.typed] : [])));
  const services = named.size ? items.filter((i) => i.kind === 'service') : [];
  const demoted: Suggestion[] = [];
  if (services.length > 0 && services.every((i) => !COVERED_STATUSES.has(i.status))) {
    demoted.push(...items.filter((i) => i.kind !== 'service').map((i) => ({ kind: i.kind, name: i.name })));
    items = services;
  }
  // A feature or variant the report does not name ("S3 object lock") can be neither confirmed nor denied. A
  // typo within the cut-off of exactly one name ("Conect") is read as that name, with a `reading` note.
  const variant = subjects.some((s) => s.type === 'unknown_variant' || s.type === 'relation');
  // A service in a place ("is Connect in scope in Frankfurt?", "is S3 available in eu-central-1?") or every
  // service in a place ("is everything in us-east-1 covered?"): the report lists both, but never which service
  // runs where (Connect was not offered in Frankfurt in 2017), so both listed is no yes. Found by three testers.
  // (Not when they are asked apart, in questions of their own: "redshift ok? also is ap-south-1 covered".)
  const offeredWhere = !options.apart && ((withServices && withPlaces) || (options.allServices === true && withPlaces && !withServices));
  const verdict: Verdict = ambiguousOnly || variant ? 'unknown' : verdictOfItems(items);
  const intents = new Set(parts.map((p) => p.intent));
  const intent = intents.size === 1 ? parts[0]!.intent : intents.has('service_scope') ? 'service_scope' : parts[0]!.intent;
  const notes = partsNotes(parts);
  if (ambiguousOnly && notes.length === 0) {
    notes.push(note('ambiguous', `I'm not sure which you mean: ${joinAnd(parts.flatMap((p) => p.suggestions).map((s) => bold(s.name)), 'or')}? Ask again with the full name.`));
  }
  // "Which regions is Connect covered in?": a service asked of places it does not name: where it runs the report
  // does not say either (its region list is for the whole report).
  const placesOfService = withServices && !withPlaces && options.placesAsked === true;
  // (First, as what the answer turns on: the report cannot say which regions, so no yes.)
  if (placesOfService) {
    notes.unshift(
      note(
        'not_mapped_to_regions',
        `The report lists the services and the regions in scope separately; it does not say in which regions or edge locations a service runs. It names ${ctx.report.regions.length} regions and ${ctx.report.edgeLocations.length} edge locations for the whole report (ask “which regions are covered?”).`,
      ),
    );
  }
  if ((withServices || offeredWhere) && withPlaces && !options.apart) {
    notes.push(
      note(
        'not_mapped_to_regions',
        options.availability === true && withServices
          ? 'The report lists the services and the regions in scope separately; it cannot say whether a service is offered in a region.'
          : 'The report lists the services and the regions in scope separately; it does not say which services run in which region.',
      ),
    );
  }
  return {
    intent,
    // "is Connect available in São Paulo?" (it was not, in 2017): both listed is no yes to that.
    verdict: offeredWhere ? servicesInPlacesVerdict(items, verdict) : placesOfService && verdict === 'yes' ? 'unknown' : verdict,
    items,
    notes,
    suggestions: dedupeSuggestions([...parts.flatMap((p) => p.suggestions), ...demoted], items),
    citations: [],
  };
}

/**
 * The notes of the parts, in order, each once: the terms read as names are said in one note, where the
 * first of them was ("are lamda, dynamo and EC2 covered?"), and a note two parts give alike ("The report
 * does list ECS, a related but different service", for EKS and for Fargate) is given once.
 */
function partsNotes(parts: Part[]): ReplyNote[] {
  const reads = parts.flatMap((p) => (p.read ? [p.read] : []));
  const merged = new Set(reads.map((r) => r.note));
  const out: ReplyNote[] = [];
  const seen = new Set<string>();
  for (const n of parts.flatMap((p) => p.notes)) {
    if (merged.has(n)) {
      if (n === reads[0]!.note) out.push(readingsNote(reads));
      continue;
    }
    const key = `${n.kind}\u0000${n.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

/**
 * The verdict of services asked in places ("is Connect covered in Canada?"): the report never says which service runs
 * where, so a listed service in a covered region is no yes, and a country with some regions covered no "Partly"
 * either (it read as half a yes about Connect in Canada). No when every service asked is unlisted; the verdict of
 * the items when no place asked is covered as a region ("is S3 covered in Paris?": Partly, S3 in scope and the
 * Paris region not). Otherwise the report cannot tell.
 */
function servicesInPlacesVerdict(items: ReplyItem[], verdict: Verdict): Verdict {
  if (verdict === 'no' || verdict === 'unknown') return verdict;
  const services = items.filter((i) => i.kind === 'service' && i.status !== 'ambiguous');
  const places = items.filter((i) => i.kind !== 'service' && i.status !== 'ambiguous');
  if (services.length > 0 && services.every((i) => i.status === 'not_listed')) return 'no';
  // No place asked covered as a region ("is S3 covered in Paris?"): S3 in scope, Paris not, as the items say (the
  // contract's Partly: some of it covered, some not).
  if (places.length > 0 && places.every((i) => i.status === 'not_covered' || i.status === 'not_listed')) return verdict;
  return 'unknown';
}
