import type { Suggestion, Verdict } from '../answer.js';
import { joinAnd, periodText } from '../cite.js';
import type { Reply } from '../engine.js';
import type { Subject } from '../resolve.js';
import { criterionItem, familyItem, relationItem, serviceItem, unknownItem, unknownVariantItem, unlistedItem, type Item } from './items.js';
import { locationItem } from './location.js';
import { bold, dedupe, dedupeSuggestions, verdictOf, VERDICT_WORD, type Context, type Kinds } from './shared.js';

/** Is X in scope? Any mix of services, places and criteria; the verdict follows from the matches. */
export function composeScope(ctx: Context, subjects: Subject[], kinds: Kinds, options: { negated?: boolean } = {}): Reply {
  // Workloads run in regions: asked together with a service, a place is judged by its regions, never by an
  // edge location ("is S3 covered in Paris?" is not answered yes because Paris has an edge location).
  const withServices = subjects.some((s) => s.type === 'service' || s.type === 'unlisted' || s.type === 'unknown_variant' || s.type === 'family');
  const withPlaces = subjects.some((s) => s.type === 'location');
  if (withServices && withPlaces && !kinds.has('edge')) kinds = new Set([...kinds, 'region']);
  // In a list of places, a word we do not know is asked about as a place ("Are Berlin and Hamburg covered?").
  const placesOnly = withPlaces && !withServices && subjects.every((s) => s.type === 'location' || s.type === 'unknown' || s.type === 'ambiguous');
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
        return unknownItem(ctx, placesOnly ? { ...s, place: true } : s, kinds);
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
  // (Only the services asked about by name count here: an unknown word in a list of places is not a service.)
  const named = new Set(subjects.flatMap((s) => (s.type === 'service' || s.type === 'unlisted' || s.type === 'unknown_variant' || s.type === 'family' ? [s.typed] : [])));
  const serviceMatches = named.size ? matches.filter((m) => m.kind === 'service') : [];
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
