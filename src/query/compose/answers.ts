import type { Suggestion } from '../answer.js';
import { citation, citeSource, firstSentences, joinAnd, longDate, periodText } from '../cite.js';
import type { Fact } from '../intent.js';
import { MAX_QUESTION_LENGTH, TOPIC_QUOTE_CHARS } from '../limits.js';
import { note, type Quote, type Reply, type ReplyItem, type ReplyNote } from '../reply.js';
import type { Subject } from '../resolve.js';
import type { TopicSearchOptions } from '../topics.js';
import { helpIntro, HELP_TOPICS } from '../../present/words.js';
import { readingOf, unknownItem, unlistedItem } from './items.js';
import { elapsed, elapsedText } from '../period.js';
import { socLevelOf } from './attestation.js';
import { bold, cannotSay, dedupeSuggestions, quoteOf, scopeListCitation, serviceCitation, type Context, type Kinds } from './shared.js';
import { serviceNamed } from '../../report/lookup.js';
import { flatten, sentences } from '../../report/parser.js';
import { fold } from '../normalize.js';
import { compares, type CountComparison, type CountedKind } from '../count-comparison.js';
import type { Report } from '../../report/schema.js';
import { composeScope } from './scope.js';
import { locationItem } from './location.js';

// Descriptions, lists, facts, topics, help.

/** What is X? The report's description of a listed service (a `description` note), with its scope as an item. */
export function composeDescription(ctx: Context, subjects: Subject[]): Reply {
  const { report } = ctx;
  const items: ReplyItem[] = [];
  const notes: ReplyNote[] = [];
  const suggestions: Suggestion[] = [];
  for (const s of subjects) {
    if (s.type === 'service') {
      const service = serviceNamed(report, s.name)!;
      const description = firstSentences(service.description, 3);
      items.push({
        asked: s.typed,
        kind: 'service',
        name: s.name,
        status: 'in_scope',
        reading: s.via === 'later_name' ? 'later_name' : s.via === 'name' ? 'exact' : 'abbreviation',
        category: service.category,
        citations: [citation(service.path, description), serviceCitation(report, s.name)],
      });
      if (s.via === 'later_name') notes.push(note('reading', `${bold(s.phrase)} is a later name of ${bold(s.name)}, the name the report uses.`));
      notes.push(note('description', `${subjects.length > 1 ? `${bold(s.name)}: ` : ''}${quoteOf(description)}`, citation(service.path, description)));
    } else if (s.type === 'unknown_variant') {
      // "what is the SLA for S3?": the report says nothing about it; no description of something else.
      items.push({ asked: s.typed, kind: 'service', name: s.typed, status: 'unconfirmed', reading: 'exact', citations: [serviceCitation(report, s.of)] });
      notes.push(note('unmentioned', `The report does not say what “${s.typed}” is. It lists ${bold(s.of)} in scope; ask “what is ${s.of}?” for its description.`, serviceCitation(report, s.of)));
      suggestions.push({ kind: 'service', name: s.of });
    } else {
      const part = s.type === 'unlisted' ? unlistedItem(ctx, s) : unknownItem(ctx, s as Extract<Subject, { type: 'unknown' | 'ambiguous' }>, new Set());
      items.push(...part.items);
      notes.push(...part.notes);
      suggestions.push(...part.suggestions);
    }
  }
  // Nothing asked about is something the report describes or lists as such ("what is the SLA for S3?"): the
  // report does not say.
  const verdict = subjects.some((s) => s.type !== 'unknown_variant') ? 'info' : 'unknown';
  return { intent: 'service_description', verdict, items, notes, suggestions: dedupeSuggestions(suggestions, items), citations: [] };
}

/**
 * "What is the SLA for S3?", "the availability SLA of DynamoDB?": the report states no service levels or recovery
 * targets; the listed services asked about are in scope, and the answer is `unknown` (never their description).
 * `services`: the listed services the question names; `unlisted`: the well-known services it names that the
 * report does not list.
 */
export function composeServiceLevel(ctx: Context, services: string[], unlisted: string[] = []): Reply {
  const { report } = ctx;
  const items: ReplyItem[] = services.map((name) => ({
    asked: name,
    kind: 'service',
    name,
    status: 'in_scope',
    reading: 'exact',
    category: serviceNamed(report, name)!.category,
    citations: [scopeListCitation(report), serviceCitation(report, name)],
  }));
  for (const name of unlisted) items.push({ asked: name, kind: 'service', name, status: 'not_listed', reading: 'exact', citations: [scopeListCitation(report)] });
  const text = services.length
    ? `The report states no service level, uptime or recovery target for ${joinAnd(services.map(bold))}; it lists ${services.length === 1 ? 'it' : 'them'} in scope.`
    : 'The report states no service levels, uptime or recovery targets.';
  const notes = [note('unmentioned', text, scopeListCitation(report))];
  if (unlisted.length) notes.push(note('fact', `${joinAnd(unlisted.map(bold))} ${unlisted.length === 1 ? 'is' : 'are'} not listed in this report.`, scopeListCitation(report)));
  return { intent: items.length ? 'service_description' : 'report_fact', verdict: 'unknown', items, notes, suggestions: [], citations: [] };
}

/**
 * "Which database should I use?", "the best storage service for X?": advice or a comparison, which no report gives.
 * Verdict `unknown`, saying what the report does instead (which services are in scope) and how to ask it.
 */
export function composeAdvice(ctx: Context): Reply {
  return cannotSay('unknown', [
    note('unmentioned', `The ${ctx.report.title} does not recommend or compare services; it says which services, regions and criteria its examination covered.`, scopeListCitation(ctx.report)),
    note('hint', 'Ask “is DynamoDB in scope?” or “which database services are covered?”.'),
  ]);
}

/** "What category is Lambda in?": the category heading each listed service stands under. */
export function composeCategoryOf(ctx: Context, subjects: Subject[]): Reply {
  const { report } = ctx;
  const items: ReplyItem[] = [];
  const notes: ReplyNote[] = [];
  for (const s of subjects) {
    if (s.type !== 'service') continue;
    const service = serviceNamed(report, s.name)!;
    const heading = citation(service.path.slice(0, -1), service.category);
    items.push({ asked: s.typed, kind: 'service', name: s.name, status: 'in_scope', reading: readingOf(s.via, s.fuzzy), category: service.category, citations: [heading, serviceCitation(report, s.name)] });
    notes.push(note('fact', `${bold(s.name)} is in the category ${bold(service.category)}, one of the report's ${report.categories.length} service categories.`, heading));
  }
  return { intent: 'service_description', verdict: 'info', items, notes, suggestions: [], citations: [] };
}

/**
 * "is S3 a database service?", "are S3 and DynamoDB storage services?", "is Amazon Inspector in the Management Tools
 * category?": whether each service stands under the category asked (`asked`: the report's category, or a word no
 * category of the report holds, as typed): `yes` when all do, `no` when none does, `partial` otherwise, naming the
 * category each stands under. The report's own headings answer (Components of the System).
 */
export function composeCategoryIs(ctx: Context, services: Extract<Subject, { type: 'service' }>[], asked: { name?: string; typed: string }): Reply {
  const standing = services.map((service) => ({ service, category: serviceNamed(ctx.report, service.name)!.category }));
  const holds = standing.map(({ category }) => asked.name !== undefined && fold(asked.name) === fold(category));
  const notes = standing.map(({ service, category }, k) => {
    const text = holds[k]
      ? `${bold(service.name)} is listed under ${bold(category)}.`
      : asked.name
        ? `${bold(service.name)} is listed under ${bold(category)}, not ${bold(asked.name)}.`
        : `${bold(service.name)} is listed under ${bold(category)}; the report has no “${asked.typed}” category.`;
    const service_ = serviceNamed(ctx.report, service.name)!;
    return note('fact', text, citation(service_.path.slice(0, -1), service_.category), serviceCitation(ctx.report, service.name));
  });
  const verdict = holds.every(Boolean) ? 'yes' : holds.some(Boolean) ? 'partial' : 'no';
  // (No items: the headline would say "in scope", which is not what was asked; the notes name each service.)
  return { intent: 'service_description', verdict, items: [], notes, suggestions: [], citations: [] };
}

interface ListRequest {
  categories: string[];
  subjects: Subject[];
  kinds: Kinds;
  count: boolean;
  whatIsInScope?: boolean;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Lists: the services (all, or of some categories), the regions, the edge locations (all, or in a country). */
export function composeList(ctx: Context, req: ListRequest): Reply | undefined {
  const { report, lexicon } = ctx;
  const items: ReplyItem[] = [];
  const notes: ReplyNote[] = [];
  const citations: Quote[] = [];
  // The places as asked ("Europe", "Japan"), for headings; their countries, for filtering.
  const placeNames = req.subjects.flatMap((s) => (s.type === 'location' ? s.hits.filter((h) => h.entity.type === 'country' || h.entity.type === 'group').map((h) => h.entity.name) : []));
  const countries = req.subjects.flatMap((s) =>
    s.type === 'location' ? s.hits.flatMap((h) => (h.entity.type === 'country' ? [h.entity.name] : h.entity.type === 'group' ? h.entity.countries : [])) : [],
  );
  const asked = placeNames.length ? joinAnd([...new Set(placeNames)]) : '';
  const serviceItem = (name: string, askedAs: string): ReplyItem => {
    const s = serviceNamed(report, name)!;
    return { asked: askedAs, kind: 'service', name, status: 'in_scope', reading: 'exact', category: s.category, citations: [scopeListCitation(report), serviceCitation(report, name)] };
  };

  if (req.categories.length) {
    for (const cat of req.categories) {
      const services = report.services.filter((s) => s.category === cat);
      items.push(...services.map((s) => serviceItem(s.name, cat)));
      notes.push(note('fact', `The report lists ${bold(plural(services.length, 'service'))} in scope in the category ${bold(cat)}.`));
    }
  } else if (
    req.kinds.has('edge') ||
    ((req.kinds.has('region') || req.kinds.has('place')) && !req.kinds.has('service')) ||
    (countries.length && !req.kinds.has('service'))
  ) {
    // "Which locations / cities / places are covered?" asks for both: the report's "scope of locations" is its
    // regions' data centers and its edge locations.
    const wantRegions = req.kinds.has('region') || !req.kinds.has('edge');
    const wantEdges = req.kinds.has('edge') || !req.kinds.has('region');
    const filter = countries.length ? countries : undefined;
    const where = filter ? ` in ${bold(asked)}` : '';
    if (wantRegions) {
      const regions = report.regions.filter((r) => !filter || filter.includes(lexicon.regionInfo.get(r.name)?.country ?? ''));
      const src = report.regionsSource;
      for (const r of regions) {
        const info = lexicon.regionInfo.get(r.name);
        items.push({ asked: asked || 'regions', kind: 'region', name: r.name, status: 'covered', reading: 'exact', ...(info ? { code: info.code, country: info.country } : {}), citations: src ? [citeSource(src)] : [] });
      }
      notes.push(note('fact', !src ? 'This report does not name the regions it covers.' : regions.length ? `The report covers ${bold(plural(regions.length, 'region'))}${where}.` : `The report covers no region${where}.`));
      if (src) citations.push(citeSource(src));
    }
    if (wantEdges) {
      const edges = report.edgeLocations.filter((e) => !filter || filter.includes(lexicon.edgeCountry.get(e.name) ?? e.country));
      const src = report.edgeLocationsSource;
      for (const e of edges) {
        const country = lexicon.edgeCountry.get(e.name) ?? e.country;
        items.push({ asked: asked || 'edge locations', kind: 'edge_location', name: e.name, status: 'covered', reading: 'exact', ...(country ? { country } : {}), citations: src ? [citeSource(src), citation(src.path, e.name)] : [] });
      }
      notes.push(note('fact', !src ? 'This report does not list edge locations.' : edges.length ? `The report covers ${bold(plural(edges.length, 'edge location'))}${where}.` : `The report covers no edge location${where}.`));
      if (src) citations.push(citeSource(src));
    }
  } else if (req.kinds.has('category')) {
    const components = report.services[0]?.path.slice(0, 1);
    for (const c of report.categories) {
      items.push({ asked: 'categories', kind: 'category', name: c, status: 'in_scope', reading: 'exact', citations: components ? [citation([...components, c], c)] : [] });
    }
    notes.push(note('fact', `The report groups the services in scope into ${bold(`${report.categories.length} categories`)}.`));
    if (components && report.categories[0]) citations.push(citation([...components, report.categories[0]], report.categories[0]));
  } else if (req.kinds.has('criterion')) {
    return composeFacts(ctx, ['criteria']);
  } else if (req.kinds.has('service') || req.whatIsInScope) {
    // "Which services are covered in Frankfurt?": the report never says which services run where; the list is the
    // whole report's, and the answer says so first.
    // (A region asked by its code is named by it: "us-east-1", not the words it was read as.)
    const placeName = (hits: { entity: { type: string; code?: string } }[], typed: string) => (hits.length === 1 && hits[0]!.entity.code ? hits[0]!.entity.code : typed);
    const places = req.subjects.flatMap((s) => (s.type === 'location' ? [placeName(s.hits, s.typed)] : []));
    // "Which services are covered in Paris?": a place with no region in scope has no service in scope there.
    const placeItems = req.subjects.flatMap((s) => (s.type === 'location' ? locationItem(ctx, s, new Set(['region']), true).items : []));
    if (placeItems.length > 0 && placeItems.every((i) => i.status !== 'covered')) {
      const none = note('not_mapped_to_regions', `The report covers no region in ${joinAnd(places.map(bold))}, so no service is in scope there.`);
      return { intent: 'list', verdict: 'no', items: placeItems, notes: [none], suggestions: [], citations: [] };
    }
    if (places.length > 0) {
      notes.push(note('not_mapped_to_regions', `The report does not say which services run in ${joinAnd(places.map(bold))}: it lists the services and the regions in scope separately. The services below are in scope for the whole report.`));
    }
    items.push(...report.services.map((s) => serviceItem(s.name, 'services')));
    notes.push(note('fact', `The report lists ${bold(plural(report.services.length, 'service'))} in scope.`));
    if (req.whatIsInScope) notes.push(note('scope_extra', `Also in scope: ${report.regions.length} regions and ${report.edgeLocations.length} edge locations (ask “which regions are covered?”).`));
    citations.push(scopeListCitation(report));
  } else return undefined;

  // A list the report does not give at all ("which regions?" of a report that names none) is not an answer.
  if (citations.length === 0 && items.every((i) => i.citations.length === 0)) return { intent: 'list', verdict: 'unknown', items: [], notes, suggestions: [], citations: [] };
  return { intent: 'list', verdict: 'info', items, notes, suggestions: [], citations };
}

/** The places named, as the question's countries and parts of the world ("India", "United States"). */
function placesNamed(places: Subject[]): string {
  const names = places.flatMap((p) => (p.type === 'location' ? [...new Set(p.hits.filter((h) => h.entity.type === 'country' || h.entity.type === 'group').map((h) => h.entity.name))] : []));
  return joinAnd([...new Set(names)]);
}

/** How the answer names each counted list, singular and plural. */
const COUNTED_NAMES: Record<CountedKind, [string, string]> = {
  service: ['service in scope', 'services in scope'],
  region: ['region', 'regions'],
  edge: ['edge location', 'edge locations'],
  criterion: ['trust services criterion', 'trust services criteria'],
  category: ['service category', 'service categories'],
};
/** How the answer says each comparison. */
const COMPARED: Record<CountComparison['op'], string> = { '>': 'more than', '>=': 'at least', '<': 'fewer than', '<=': 'at most', '=': 'exactly' };

/**
 * "does the report cover more than 10 regions?": the count of the report's own list, compared as asked: `yes` when
 * it holds, `no` when not; cited to the list. (src/query/count-comparison.ts reads the question.)
 */
export function composeCountCompared(ctx: Context, c: CountComparison, places?: Subject[]): Reply {
  const { report } = ctx;
  const covered = report.criteria.filter((x) => x.covered);
  // Of places named ("does India have 2 edge locations?"): those the report covers there, as its list has them.
  const there = places?.length && (c.kind === 'region' || c.kind === 'edge') ? composeList(ctx, { categories: [], subjects: places, kinds: new Set([c.kind]) as Kinds, count: true }) : undefined;
  const where = there ? placesNamed(places!) : '';
  const count = there ? there.items.filter((i) => i.status === 'covered').length : { service: report.services.length, region: report.regions.length, edge: report.edgeLocations.length, criterion: covered.length, category: report.categories.length }[c.kind];
  const source =
    c.kind === 'region' && report.regionsSource ? citeSource(report.regionsSource)
    : c.kind === 'edge' && report.edgeLocationsSource ? citeSource(report.edgeLocationsSource)
    : c.kind === 'criterion' ? citeSource(report.criteriaSource.covered)
    : scopeListCitation(report);
  const [one, many] = COUNTED_NAMES[c.kind];
  const holds = compares(count, c.op, c.n);
  const asked = `${COMPARED[c.op]} ${c.n}`;
  const which = there ? there.items.filter((i) => i.status === 'covered').map((i) => i.name) : c.kind === 'criterion' ? covered.map((x) => x.name) : [];
  const text = `The report ${c.kind === 'criterion' ? 'covers' : 'lists'} ${bold(`${count} ${count === 1 ? one : many}`)}${where ? ` in ${bold(where)}` : ''}: ${holds ? '' : 'not '}${asked}.${which.length ? ` They are${there ? `: ${which.join('; ')}` : ` ${joinAnd(which)}`}.` : ''}`;
  // (No items: the headline would count them as covered, which is not what was asked; the note names them.)
  return { intent: 'report_fact', verdict: holds ? 'yes' : 'no', items: [], notes: [note('fact', text, source)], suggestions: [], citations: [] };
}

/** Facts about the report: period, auditor, dates, opinion, criteria, organization, counts; one `fact` note each. */
export function composeFacts(ctx: Context, facts: Fact[]): Reply {
  const { report } = ctx;
  const notes: ReplyNote[] = [];
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  const notCovered = report.criteria.filter((c) => !c.covered).map((c) => c.name);
  const dated = report.auditor.dateSource ? [citeSource(report.auditor.dateSource)] : [];
  for (const fact of [...new Set(facts)]) {
    switch (fact) {
      case 'period':
        notes.push(note('fact', `The report covers the period ${bold(periodText(report))}.`, citeSource(report.period.source)));
        break;
      case 'currency': {
        // No report can say it is the latest: it speaks for its own period, and its accountants say so.
        const ago = elapsedText(elapsed(report.period.end, ctx.now()));
        const caveat = report.futurePeriodsCaveat;
        notes.push(
          note(
            'fact',
            // With the date of the accountants' report: "Provide the date of your most recent independent audit."
            `The report cannot say whether it is the latest or still current: it speaks for its period only, ${periodText(report)}, which ended ${bold(`${ago} ago`)} (${longDate(report.period.end)}); the accountants' report is dated ${longDate(report.auditor.reportDate)}.`,
            citeSource(report.period.source),
            citeSource(report.auditor.source),
          ),
        );
        if (caveat) notes.push(note('period', 'The accountants warn that projecting their evaluation to future periods is subject to risk.', citeSource(caveat)));
        break;
      }
      case 'age': {
        // "how old is this report?": how long ago its period ended and its accountants signed, as information.
        const now = ctx.now();
        notes.push(
          note(
            'fact',
            `The report's period, ${periodText(report)}, ended ${bold(`${elapsedText(elapsed(report.period.end, now))} ago`)} (${longDate(report.period.end)}); the accountants' report is dated ${longDate(report.auditor.reportDate)}, ${elapsedText(elapsed(report.auditor.reportDate, now))} ago.`,
            citeSource(report.period.source),
            citeSource(report.auditor.source),
          ),
        );
        if (report.futurePeriodsCaveat && !facts.includes('currency')) notes.push(note('period', 'The accountants warn that projecting their evaluation to future periods is subject to risk.', citeSource(report.futurePeriodsCaveat)));
        break;
      }
      case 'soc_type': {
        // "Type 1 or Type 2?": the title's type when it names one; a SOC 3 has none, and speaks of a period.
        const type = /\btype\s*(1|2|i{1,2})\b/iu.exec(report.title)?.[1];
        const level = socLevelOf(report.title);
        const throughout = report.assertion ?? report.opinion.source;
        notes.push(
          type
            ? note('fact', `The report is a ${bold(`Type ${/^i+$/iu.test(type) ? type.length : type}`)} report, as its title says.`, citation([report.title], report.title))
            : level === 3
              ? note('fact', `This is a ${bold('SOC 3')} report, which has no Type 1 or Type 2: it speaks of the controls throughout the period ${periodText(report)}, as a Type 2 report does, not of their design at one date.`, citation([report.title], report.title), citeSource(throughout))
              : note('fact', `The report's title names no Type 1 or Type 2; it speaks of the period ${periodText(report)}.`, citation([report.title], report.title), citeSource(report.period.source)),
        );
        break;
      }
      case 'addressee':
        // "To the Management of Amazon Web Services, Inc.": the report's own line, without its "To".
      {
        // (The sentence's full stop closes "Inc." too: "... Services, Inc**.**".)
        const to = report.serviceOrganizationSource.quote.replace(/^to\s+/iu, 'to ').replace(/[.:]$/u, '');
        notes.push(note('fact', `The accountants' report is addressed ${bold(to)}.`, citeSource(report.serviceOrganizationSource)));
      }
        break;
      case 'auditor':
        notes.push(note('fact', `The independent accountants are ${bold(report.auditor.firm)}; their report is dated ${bold(longDate(report.auditor.reportDate))}.`, citeSource(report.auditor.source), ...dated));
        break;
      case 'report_date':
        notes.push(
          note(
            'fact',
            `The accountants' report is dated ${bold(longDate(report.auditor.reportDate))}${report.assertionDate ? `; management's assertion is dated ${bold(longDate(report.assertionDate))}` : ''}.`,
            citeSource(report.auditor.source),
            ...dated,
          ),
        );
        break;
      case 'opinion':
        notes.push(
          note(
            'fact',
            report.opinion.unmodified
              ? `The opinion is ${bold('unmodified')} (a “clean” opinion)${/assertion[^.]*is fairly stated/iu.test(report.opinion.text) ? `: management's assertion is fairly stated, in all material respects` : ''}.`
              : 'The opinion is not a plain unmodified one; read it in full.',
            citeSource(report.opinion.source),
          ),
        );
        break;
      case 'criteria':
        notes.push(
          note(
            'fact',
            `The report covers the trust services criteria for ${bold(joinAnd(covered))}${report.criteriaSource.framework ? `, as set out in the AICPA's ${bold(report.criteriaSource.framework)}` : ''}.${notCovered.length ? ` It does not cover ${joinAnd(notCovered)}.` : ''}`,
            citeSource(report.criteriaSource.covered),
            ...(report.criteriaSource.named && (notCovered.length || report.criteriaSource.framework) ? [citeSource(report.criteriaSource.named)] : []),
          ),
        );
        break;
      case 'organization':
        notes.push(note('fact', `The service organization is ${bold(report.serviceOrganization)}; the system examined is the ${bold(report.system)}.`, citeSource(report.serviceOrganizationSource)));
        break;
      case 'report':
      {
        // "What type of report is this?": its kind by the AICPA's short name too ("a SOC 3 report"), from the title.
        const level = socLevelOf(report.title);
        const kind = level && !/\bSOC\b/u.test(report.title) ? ` (a SOC ${level} report)` : '';
        notes.push(note('fact', `This is the ${bold(report.title)}${kind}: ${report.subtitle}, examined by ${report.auditor.firm}.`, citation([report.title], report.title), citeSource(report.period.source)));
      }
        break;
      case 'assertion':
        if (report.assertion) {
          notes.push(note('fact', `Management of ${report.serviceOrganization} asserts that its controls were effective${report.assertionDate ? `; the assertion is dated ${longDate(report.assertionDate)}` : ''}.`, citeSource(report.assertion)));
        } else {
          notes.push(note('fact', 'The accountants give their opinion on management’s assertion.', citeSource(report.opinion.source)));
        }
        break;
      case 'counts':
        notes.push(
          note(
            'fact',
            `In scope: ${bold(`${report.services.length} services`)}, ${bold(`${report.regions.length} regions`)} and ${bold(`${report.edgeLocations.length} edge locations`)}, in ${report.categories.length} service categories.`,
            scopeListCitation(report),
            ...[report.regionsSource, report.edgeLocationsSource].filter((x) => !!x).map((x) => citeSource(x!)),
          ),
        );
        break;
    }
  }
  // Whether it is current is something the report cannot say: that alone is `unknown`, not information.
  // Whether it is current (beside its period, "a bridge letter for the period after ...") the report cannot say.
  const verdict = facts.includes('currency') && facts.every((f) => f === 'currency' || f === 'period') ? 'unknown' : 'info';
  return { intent: 'report_fact', verdict, items: [], notes, suggestions: [], citations: [] };
}

/**
 * A topic question, answered from the one or two best matching sentences of the report, quoted in the answer
 * and cited (the search gives a second sentence only from the same section: "... end of its useful life ..."
 * then "... NIST 800-88 ...").
 */
export function composeTopic(ctx: Context, words: string[], options: TopicSearchOptions = {}): Reply | undefined {
  const hits = ctx.topics.search(words, options);
  if (hits.length === 0) return undefined;
  const section = hits[0]!.path;
  // In report order, so that a passage reads as the report has it; the second only when both fit.
  const both = hits.length > 1 && hits[0]!.quote.length + hits[1]!.quote.length <= TOPIC_QUOTE_CHARS;
  const quotes = (both ? [...hits].sort((a, b) => a.order - b.order) : hits.slice(0, 1)).map((h) => quoteOf(h.quote));
  // A service's description speaks of the service: said as such, not as a practice the report "addresses".
  const text = options.services
    ? `The report speaks of this in its description of ${bold(section.at(-1)!)} (${section.slice(0, -1).join(' › ')}): ${quotes.join(' ')}`
    : `The report addresses this under ${bold(section.join(' › '))}: ${quotes.join(' ')}`;
  return { intent: 'topic', verdict: 'info', items: [], notes: [note('topic', text, ...hits.map((h) => citation(h.path, h.quote)))], suggestions: [], citations: [] };
}

/** What the bot can answer (the examples are the layout's: src/present/words.ts). */
export function composeHelp(ctx: Context): Reply {
  const ref = { title: ctx.report.title, periodStart: ctx.report.period.start, periodEnd: ctx.report.period.end };
  const notes = [note('help', helpIntro(ref)), ...HELP_TOPICS.map((t) => note('help', `You can ask ${t}.`))];
  return { intent: 'help', verdict: 'unknown', items: [], notes, suggestions: [], citations: [] };
}

/** Not a question about the report (or nothing in it says): a hint of what can be asked. */
export function composeUnknown(ctx: Context): Reply {
  return {
    intent: 'unknown',
    verdict: 'unknown',
    items: [],
    notes: [
      note('hint', `I couldn't find that in the ${ctx.report.title}.`),
      note('hint', 'I answer questions about what it covers: services (“is Connect in scope?”), regions and edge locations (“is us-east-1 covered?”), trust services criteria, the auditor and period, and topics such as training. Type “help” for more.'),
    ],
    suggestions: [],
    citations: [],
  };
}

/** Over MAX_QUESTION_LENGTH characters: not read at all. */
export function composeTooLong(length: number): Reply {
  return {
    intent: 'too_long',
    verdict: 'unknown',
    items: [],
    notes: [note('hint', `That question is ${length.toLocaleString('en-US')} characters long; I read questions of up to ${MAX_QUESTION_LENGTH.toLocaleString('en-US')}. Ask one thing at a time, e.g. “is Connect in scope?”.`)],
    suggestions: [],
    citations: [],
  };
}

/** The report's sentence that names the most zone phrases, per report and phrase list (the report is immutable). */
const zoneSentences = new WeakMap<Report, WeakMap<readonly string[], { quote: Quote } | undefined>>();

function zoneSentence(report: Report, zonePhrases: readonly string[]): { quote: Quote } | undefined {
  let byPhrases = zoneSentences.get(report);
  if (!byPhrases) zoneSentences.set(report, (byPhrases = new WeakMap()));
  if (byPhrases.has(zonePhrases)) return byPhrases.get(zonePhrases);
  let best: { quote: Quote; score: number } | undefined;
  for (const section of flatten(report.sections)) {
    for (const s of sentences(section.text.replace(/\s+/g, ' ').trim())) {
      const folded = ` ${fold(s)} `;
      const score = zonePhrases.filter((p) => folded.includes(` ${p} `)).length;
      if (score > (best?.score ?? 0)) best = { quote: citation(section.path, s), score };
    }
  }
  byPhrases.set(zonePhrases, best);
  return best;
}

/**
 * "How many AZs does it cover?": the report names Availability Zones but never counts them (its 15 regions are
 * another thing), so the answer is `unknown`, quoting the sentence that speaks of them: the one that names the most
 * of the zone phrases (data/vocabulary/question-words.json, `zones`), where the report defines the term
 * ("Availability Zones (AZs)"), first in the report on a tie.
 */
export function composeZoneCount(ctx: Context, zonePhrases: readonly string[]): Reply {
  const { report } = ctx;
  const best = zoneSentence(report, zonePhrases);
  const text = best
    ? `The report does not say how many Availability Zones there are; it speaks of them only in passing, and counts regions (${report.regions.length}) and edge locations (${report.edgeLocations.length}), not zones.`
    : 'The report does not mention Availability Zones, nor how many there are.';
  return { intent: 'report_fact', verdict: 'unknown', items: [], notes: [note('unmentioned', text, ...(best ? [best.quote] : []))], suggestions: [], citations: [] };
}

/**
 * Criteria asked of listed services ("Is S3 covered for privacy?", "Is S3 covered for all five TSCs?"): the report's
 * criteria are its whole system's, so the answer is the criteria's (`criteria` undefined: all of them, as the
 * criteria fact with a yes only when every one is covered), and the services' scope is a `fact` note.
 */
export function composeCriteriaOfServices(ctx: Context, services: string[], criteria: Subject[] | undefined, kinds: Kinds, negated = false): Reply {
  const { report } = ctx;
  const inScope = note('fact', `${joinAnd(services.map(bold))} ${services.length === 1 ? 'is' : 'are'} in scope; the report's criteria apply to its whole system, not service by service.`, scopeListCitation(report));
  if (!criteria) {
    const facts = composeFacts(ctx, ['criteria']);
    return { ...facts, intent: 'criteria_scope', verdict: report.criteria.every((c) => c.covered) ? 'yes' : 'no', notes: [...facts.notes, inScope] };
  }
  const reply = composeScope(ctx, criteria, kinds, { negated });
  return { ...reply, notes: [...reply.notes, inScope] };
}

/**
 * The services asked under criteria ("Which services are covered for Privacy?"): the report's criteria apply to its
 * whole system, so a criterion it does not cover has no service examined for it (the criteria's scope answer, No or
 * Partly), and criteria it covers have every service in scope (the list). Cites the scope list.
 */
export function composeServicesUnderCriteria(ctx: Context, criteria: Extract<Subject, { type: 'criterion' }>[], kinds: Kinds, count: boolean): Reply | undefined {
  const whole = note('fact', "The report's criteria apply to its whole system, not service by service.", scopeListCitation(ctx.report));
  const uncovered = criteria.filter((c) => !c.covered);
  if (uncovered.length > 0) {
    const reply = composeScope(ctx, criteria, kinds, {});
    return { ...reply, notes: [...reply.notes, note('fact', `So no service is examined for ${joinAnd(uncovered.map((c) => bold(c.name)))} in this report.`), whole] };
  }
  const list = composeList(ctx, { categories: [], subjects: [], kinds: new Set(['service']), count });
  if (!list) return undefined;
  return { ...list, notes: [note('fact', `The report covers ${joinAnd(criteria.map((c) => bold(c.name)))} for its whole system: every service in scope is part of it.`), ...list.notes] };
}
