import type { FuzzyIndex } from './fuzzy.js';
import type { Signals } from './intent.js';
import { fold, type Token } from './normalize.js';
import { resolve } from './resolve.js';
import { CONTENT_WORDS } from './vocabulary.js';
import type { Reply } from './reply.js';
import {
  composeDescription,
  composeFacts,
  composeHelp,
  composeList,
  composeNotMentioned,
  composeOtherProgramOnly,
  composePeriodCheck,
  composeScope,
  composeTopic,
  composeUnknown,
  notCertain,
  otherProgram,
  outsidePeriod,
  type Context,
} from './compose.js';

/** What routing needs besides the composers' context: the fuzzy index and the organization's names. */
export interface RouterContext extends Context {
  fuzzy: Pick<FuzzyIndex, 'search'>;
  /** The service organization and its system by name, folded ("amazon web services"). */
  organizationKeys: string[];
  /** The report's running text and headings, folded, with a space at each end (for "does the report use these words?"). */
  reportWords: string;
  /** Words of the report's title, subtitle and system name, folded. */
  titleWords: Set<string>;
}

const noCategory = (subjects: { type: string }[]) => !subjects.some((s) => s.type === 'category');

/**
 * Decides what a question asks, from its words (`signals`) and the names in it, and composes the reply.
 * The rules are tried in order, each with the example it exists for; the first that applies answers.
 */
export function route(ctx: RouterContext, tokens: Token[], signals: Signals): Reply {
  const { report, lexicon, fuzzy, organizationKeys } = ctx;

  // A programme the report itself names ("NIST 800-88") is something it speaks of, not another programme.
  signals = { ...signals, programs: signals.programs.filter((p) => !fold(p).split(' ').every((w) => ctx.reportWords.includes(` ${w} `))) };
  const { subjects, spans, strays } = resolve(tokens, lexicon, fuzzy, {
    allowUnknown: signals.scope || signals.describe,
    // The words of dates ("October 1, 2017") are read as dates, never as names.
    ignore: new Set(signals.dates.flatMap((d) => d.tokens)),
  });
  // A yes/no question about something we recognise is a scope question even without scope words ("is S3?").
  const asksScope = signals.scope || (signals.yesNo && subjects.some((s) => s.type !== 'unknown' || s.nameLike));

  const named = subjects.filter((s) => s.type !== 'category' && s.type !== 'criterion');
  const hasNames = named.length > 0;
  // Names we recognised (an unknown word is not enough to turn a question about the report into a scope question).
  const recognised = named.filter((s) => s.type !== 'unknown');
  if (spans.length === 0 && signals.help && subjects.length === 0) return composeHelp(ctx);
  // "is Amazon Web Services covered?": the service organization or its system, named as a whole.
  if (recognised.length === 0 && organizationKeys.some((k) => ` ${tokens.map((t) => t.norm).join(' ')} `.includes(` ${k} `))) return composeFacts(ctx, ['organization']);
  if (signals.programs.length > 0 && recognised.length === 0 && !subjects.some((s) => s.type === 'criterion')) return composeOtherProgramOnly(ctx, signals.programs);
  // "what about physical security of data centers?": a topic, even though it names a kind of place.
  if (signals.topical && recognised.length === 0) {
    const topic = composeTopic(ctx, tokens.map((t) => t.norm));
    if (topic) return topic;
  }
  // Places named in a question that is not about scope and carries other words ("what's the weather in
  // Paris?"): not a question about the report.
  if (!asksScope && !signals.count && signals.kinds.size === 0 && strays.length > 0 && named.length > 0 && named.every((s) => s.type === 'location')) {
    return composeUnknown(ctx);
  }
  // "were there exceptions for S3?": the opinion, the auditor and the dates are the whole report's.
  const wholeReportFacts = signals.facts.filter((f) => f === 'opinion');
  if (wholeReportFacts.length > 0 && recognised.length > 0) return composeFacts(ctx, wholeReportFacts);
  if (signals.facts.length > 0 && recognised.length === 0 && !(signals.describe && subjects.some((s) => s.type === 'criterion') && !signals.facts.includes('criteria'))) {
    return composeFacts(ctx, signals.facts);
  }
  // "is June 2017 covered?": a question about the period itself.
  if (signals.dates.length > 0 && recognised.length === 0 && !subjects.some((s) => s.type === 'criterion') && signals.scope) {
    return composePeriodCheck(ctx, signals.dates, signals.whole);
  }
  if (signals.count && recognised.length === 0 && noCategory(subjects) && [...signals.kinds].every((k) => k === 'service')) {
    return composeFacts(ctx, ['counts']);
  }
  if (signals.describe && recognised.length > 0 && named.every((s) => s.type === 'service' || s.type === 'unlisted' || s.type === 'unknown_variant' || s.type === 'ambiguous' || s.type === 'unknown')) {
    return composeDescription(ctx, named);
  }
  const categories = subjects.filter((s) => s.type === 'category');
  // "which security services are covered?": a criterion's word that also names a category, asked as a list.
  if ((signals.list || signals.count) && signals.kinds.has('service') && categories.length === 0) {
    for (const s of subjects) {
      if (s.type !== 'criterion') continue;
      const category = report.categories.find((c) => c.toLowerCase().split(/\W+/).includes(s.name.toLowerCase()));
      if (category) categories.push({ type: 'category', name: category, typed: s.typed });
    }
  }
  const listKinds = signals.kinds;
  const placesOnly = named.length > 0 && named.every((s) => s.type === 'location' && s.hits.some((h) => h.entity.type === 'country' || h.entity.type === 'group'));
  const listish = signals.list || signals.count || (placesOnly && (signals.kinds.has('edge') || signals.kinds.has('region')) && !signals.scope);
  if (listish && !named.some((s) => s.type !== 'location') && (categories.length > 0 || listKinds.size > 0)) {
    const listed = composeList(ctx, { categories: categories.map((c) => c.name), subjects: named, kinds: listKinds, count: signals.count });
    if (listed) return listed;
  }
  if (categories.length > 0 && !hasNames) {
    const listed = composeList(ctx, { categories: categories.map((c) => c.name), subjects: [], kinds: new Set(['service']), count: signals.count });
    if (listed) return listed;
  }
  if (subjects.some((s) => s.type === 'criterion') && !hasNames && signals.topical) {
    const topic = composeTopic(ctx, tokens.map((t) => t.norm));
    if (topic) return topic;
  }
  // Only words we do not know: a topic the report speaks of, else "not listed" when asked as a scope question.
  if (recognised.length === 0 && hasNames && !subjects.some((s) => s.type === 'criterion')) {
    const words = tokens.map((t) => t.norm);
    const plainWords = named.every((s) => s.type === 'unknown' && !s.nameLike);
    // Several plain lowercase words ("employees get background checks") are a sentence, not a name.
    const sentenceLike = plainWords && named.some((s) => s.type === 'unknown' && s.typed.split(' ').length >= 3);
    // A name-like word ("us-east-3", "Rome") is asked as a name: no topic sentence stands in for it.
    // ... unless the report itself uses those words ("Resiliency Program", "Availability Zones").
    // (A term with digits must stand in the report as written; other words may stand apart: "AICPA standards".)
    const inReport = named.every(
      (s) =>
        s.type === 'unknown' &&
        (/\d/.test(s.typed) ? ctx.reportWords.includes(` ${fold(s.typed)} `) : fold(s.typed).split(' ').every((w) => ctx.reportWords.includes(` ${w} `))),
    );
    const nameLike = named.some((s) => s.type === 'unknown' && s.nameLike) && !inReport;
    const topic = nameLike && !signals.topical ? undefined : (composeTopic(ctx, words, { requireAll: asksScope }) ?? (plainWords ? composeTopic(ctx, words) : undefined));
    if (topic) return topic;
    // "how often is the BCP tested?", "do employees get annual training?": asked about a topic, not a name.
    if (signals.topical || (plainWords && !signals.scope && signals.yesNo)) return composeNotMentioned(ctx, named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean));
    if (!asksScope) return composeUnknown(ctx);
    // Plain lowercase words are things the report may speak of, not names of services: it does not mention them.
    if (plainWords || sentenceLike) return composeNotMentioned(ctx, named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean));
  }
  if (subjects.length > 0 && (hasNames || subjects.some((s) => s.type === 'criterion'))) {
    let scope = composeScope(ctx, subjects.filter((s) => s.type !== 'category'), signals.kinds, { negated: signals.negated });
    // Words the answer does not account for put a yes in doubt (never a yes on part of a question).
    const content = strays.filter((w) => CONTENT_WORDS.has(w.toLowerCase()));
    // The report's own title words ("Service Organization Controls 3 Report") never put an answer in doubt.
    const others = strays.filter((w) => !CONTENT_WORDS.has(w.toLowerCase()) && !fold(w).split(' ').every((x) => ctx.titleWords.has(x)));
    scope = notCertain(ctx, scope, { strays: others, content, everywhere: signals.everywhere });
    // "what is us-east-1?", "what is Security?": asked for information; "is S3 excluded?": a bare yes
    // would read as "yes, excluded", so the answer is information, stated plainly.
    if ((signals.describe && !signals.yesNo) || signals.negated) scope = scope.verdict === 'unknown' ? scope : { ...scope, verdict: 'info' };
    if (signals.programs.length) return otherProgram(ctx, scope, signals.programs);
    return signals.dates.length ? outsidePeriod(ctx, scope, signals.dates, signals.whole) : scope;
  }
  if (signals.list && !signals.topical) {
    const listed = composeList(ctx, { categories: [], subjects: [], kinds: new Set(['service']), count: signals.count, whatIsInScope: true });
    if (listed && asksScope) return listed;
  }
  const topic = composeTopic(ctx, tokens.map((t) => t.norm));
  if (topic) return topic;
  return composeUnknown(ctx);
}
