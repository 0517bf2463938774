import type { Citation, Match, Suggestion } from '../answer.js';
import { citation, citeSource, firstSentences, joinAnd, longDate, periodText } from '../cite.js';
import type { Reply } from '../engine.js';
import type { Fact } from '../intent.js';
import { MAX_QUESTION_LENGTH } from '../limits.js';
import type { Subject } from '../resolve.js';
import { unknownItem, unknownVariantItem, unlistedItem } from './items.js';
import { bold, dedupe, dedupeSuggestions, quoteOf, scopeListCitation, serviceCitation, type Context, type Kinds } from './shared.js';

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
  // The places as asked ("Europe", "Japan"), for headings; their countries, for filtering.
  const placeNames = req.subjects.flatMap((s) => (s.type === 'location' ? s.hits.filter((h) => h.entity.type === 'country' || h.entity.type === 'group').map((h) => h.entity.name) : []));
  const countries = req.subjects.flatMap((s) =>
    s.type === 'location' ? s.hits.flatMap((h) => (h.entity.type === 'country' ? [h.entity.name] : h.entity.type === 'group' ? h.entity.countries : [])) : [],
  );
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

  if (req.categories.length) {
    for (const cat of req.categories) {
      const services = report.services.filter((s) => s.category === cat);
      matches.push(...services.map((s) => ({ kind: 'service' as const, name: s.name, inScope: true })));
      sections.push(`${bold(cat)}: ${count(services.length, 'service')} in scope:\n${services.map((s) => `- ${s.name}`).join('\n')}`);
      citations.push(...services.map((s) => citation(s.path.slice(0, -1), s.name)));
    }
  } else if (req.kinds.has('edge') || (req.kinds.has('region') && !req.kinds.has('service')) || (countries.length && !req.kinds.has('service'))) {
    const wantRegions = req.kinds.has('region') || !req.kinds.has('edge');
    const wantEdges = req.kinds.has('edge') || !req.kinds.has('region');
    const filter = countries.length ? countries : undefined;
    if (wantRegions) {
      const regions = report.regions.filter((r) => !filter || filter.includes(lexicon.regionInfo.get(r.name)?.country ?? ''));
      matches.push(...regions.map((r) => ({ kind: 'region' as const, name: r.name, inScope: true })));
      const label = filter ? `Regions in ${joinAnd([...new Set(placeNames)])}` : 'Regions';
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
      const label = filter ? `Edge locations in ${joinAnd([...new Set(placeNames)])}` : 'Edge locations';
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
        citations.push(citeSource(report.auditor.source), ...(report.auditor.dateSource ? [citeSource(report.auditor.dateSource)] : []));
        break;
      case 'report_date':
        lines.push(`The accountants' report is dated ${bold(longDate(report.auditor.reportDate))}${report.assertionDate ? `; management's assertion is dated ${bold(longDate(report.assertionDate))}` : ''}. It covers the period ${periodText(report)}.`);
        citations.push(citeSource(report.auditor.source), ...(report.auditor.dateSource ? [citeSource(report.auditor.dateSource)] : []), citeSource(report.period.source));
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
export function composeTooLong(length: number): Reply {
  return {
    intent: 'too_long',
    verdict: 'unknown',
    matches: [],
    suggestions: [],
    text: `That question is ${length.toLocaleString('en-US')} characters long; I read questions of up to ${MAX_QUESTION_LENGTH.toLocaleString('en-US')}. Ask one thing at a time, e.g. “is Connect in scope?”.`,
    citations: [],
  };
}
