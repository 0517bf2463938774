import type { Verdict } from '../answer.js';
import { citation, citeSource, joinAnd, periodText } from '../cite.js';
import type { AskedDate } from '../intent.js';
import { note, type Reply, type ReplyNote } from '../reply.js';
import { bold, type Context } from './shared.js';

/**
 * Caveats are notes put before the answer's own (the first one becomes the headline of a "not sure"), never
 * edits of text: the text is generated from the items and notes afterwards.
 */
function qualified(reply: Reply, verdict: Verdict, lead: ReplyNote[], tail: ReplyNote[] = []): Reply {
  return { ...reply, verdict, notes: [...lead, ...reply.notes, ...tail] };
}

/**
 * A yes (or partly) that the question's other words put in doubt: words the report does not mention ("Moscow",
 * "instant retrieval", "Azure"), what customers build ("our application"), or everywhere at once ("all
 * regions"). The verdict becomes `unknown`; the items say what the report does say.
 */
export function notCertain(ctx: Context, reply: Reply, why: { strays: string[]; content: string[]; everywhere: boolean }): Reply {
  if (reply.verdict !== 'yes' && reply.verdict !== 'partial') return reply;
  const reasons: ReplyNote[] = [];
  if (why.content.length) {
    const duty = ctx.report.customerResponsibility;
    reasons.push(note('customer_responsibility', `The report covers AWS's system, not what customers build on it (${joinAnd(why.content.map((w) => `“${w}”`))}).`, ...(duty ? [citeSource(duty)] : [])));
  }
  if (why.everywhere) {
    reasons.push(
      note(
        'everywhere',
        `The report does not cover “everywhere”: it names ${ctx.report.regions.length} regions and ${ctx.report.edgeLocations.length} edge locations, and does not say which services run in which region.`,
        ...(ctx.report.regionsSource ? [citeSource(ctx.report.regionsSource)] : []),
      ),
    );
  }
  if (why.strays.length) reasons.push(note('unmentioned', `The report does not mention ${joinAnd(why.strays.map((w) => `“${w}”`))}, so it cannot confirm all of your question.`));
  if (reasons.length === 0) return reply;
  return qualified(reply, 'unknown', reasons);
}

/**
 * When a question asks about now ("is S3 covered today?"): the report speaks of its period only, and says so
 * itself (the accountants' caveat on future periods is cited).
 */
export function withPeriodCaveat(ctx: Context, reply: Reply): Reply {
  const caveat = ctx.report.futurePeriodsCaveat;
  const line = note('period', `This report covers ${periodText(ctx.report)} only; it cannot say what is covered today.`, ...(caveat ? [citeSource(caveat)] : []), citeSource(ctx.report.period.source));
  // The report cannot say what is covered now: no yes or no for today.
  const verdict: Verdict = reply.verdict === 'yes' || reply.verdict === 'no' || reply.verdict === 'partial' ? 'unknown' : reply.verdict;
  return qualified(reply, verdict, [line]);
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
  const notes = dates.map((d) =>
    note(
      'period',
      !d.start
        ? `${bold(d.text)} names no year; the report covers ${period} only.`
        : speaksFor(ctx, d, whole)
          ? `${bold(d.text)} falls within the report's period, ${period}.`
          : `${bold(d.text)} is not within the report's period, ${period}; the report says nothing about it.`,
    ),
  );
  const fine = dates.filter((d) => speaksFor(ctx, d, whole)).length;
  const yearless = dates.some((d) => !d.start);
  const verdict: Verdict = yearless ? 'unknown' : fine === dates.length ? 'yes' : fine === 0 ? 'no' : 'partial';
  return { intent: 'report_fact', verdict, items: [], notes, suggestions: [], citations: [citeSource(ctx.report.period.source)] };
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
    return partYears.length ? qualified(reply, reply.verdict, [], [note('period', `Within ${joinAnd(partYears.map((d) => d.text))}, the report's period is ${periodText(ctx.report)}.`)]) : reply;
  }
  const lead = note('period', `This report covers ${periodText(ctx.report)} only; it cannot speak for ${joinAnd(outside.map((d) => bold(d.text)))}.`, citeSource(ctx.report.period.source));
  return qualified(reply, 'unknown', [lead]);
}

/** A question about another programme only ("is AWS PCI compliant?", "is this a SOC 2?"). */
export function composeOtherProgramOnly(ctx: Context, programs: string[]): Reply {
  const { report } = ctx;
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  return {
    intent: 'report_fact',
    verdict: 'unknown',
    items: [],
    notes: [
      note(
        'other_programme',
        `This is the ${bold(report.title)} (${report.subtitle}), relevant to ${joinAnd(covered)}; it does not address ${joinAnd(programs.map(bold))}, so it cannot answer that.`,
        citation([report.title], report.title),
        citeSource(report.criteriaSource.covered),
      ),
    ],
    suggestions: [],
    citations: [],
  };
}

/** Plain words the report never mentions ("do they do background checks?"): the report does not say. */
export function composeNotMentioned(ctx: Context, terms: string[]): Reply {
  return {
    intent: 'topic',
    verdict: 'unknown',
    items: [],
    notes: [note('unmentioned', `The ${ctx.report.title} does not mention ${joinAnd(terms.map((t) => `“${t}”`), 'or')}, so it cannot answer that.`), note('hint', 'Ask “help” for what it covers.')],
    suggestions: [],
    citations: [],
  };
}

/**
 * A scope question asked about another compliance programme ("is S3 HIPAA compliant?"): this report cannot
 * say yes or no to that, so the verdict is `unknown`; what the report does say follows, with its citations.
 */
export function otherProgram(ctx: Context, scope: Reply, programs: string[]): Reply {
  return qualified(scope, 'unknown', [note('other_programme', `This ${ctx.report.title} does not address ${joinAnd(programs.map(bold))}, so it cannot answer that.`)]);
}

