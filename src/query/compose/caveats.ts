import type { Verdict } from '../answer.js';
import { citation, citeSource, joinAnd, longDate, periodText } from '../cite.js';
import { OPEN_END, relate, type AskedDate, type PeriodRelation } from '../period.js';
import type { AfterPeriod } from '../intent.js';
import { formatPeriod } from '../../present/words.js';
import { note, type Reply, type ReplyNote } from '../reply.js';
import { bold, cannotSay, type Context } from './shared.js';

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
export function notCertain(ctx: Context, reply: Reply, why: { strays: string[]; content: string[]; everywhere: boolean; usedStrays?: string[] }): Reply {
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
  // Words the report does use, but not of what was asked: never "does not mention" them.
  if (why.usedStrays?.length) reasons.push(note('unconfirmed', `The report says nothing about ${joinAnd(why.usedStrays.map((w) => `“${w}”`))} for what you asked, so it cannot confirm all of your question.`));
  if (reasons.length === 0) return reply;
  return qualified(reply, 'unknown', reasons);
}

/**
 * When a question asks about a time named from today (Signals.after, data/vocabulary/times.json): now ("is S3
 * covered today?"), just before now ("was S3 covered last week?"), later ("is S3 in the next report?") or the day
 * the report was signed ("as of the report date"), after its period. The
 * report speaks of its period only, and says so itself (the accountants' caveat on future periods is cited): a yes,
 * no or partly becomes `unknown`; so does a fact of a later report ("when will the next SOC 3 be issued?").
 */
export function withPeriodCaveat(ctx: Context, reply: Reply, after: AfterPeriod = { kind: 'now', phrase: 'today' }): Reply {
  const caveat = ctx.report.futurePeriodsCaveat;
  const period = periodText(ctx.report);
  const text =
    after.kind === 'now'
      ? `This report covers ${period} only; it cannot say what is covered today.`
      : after.kind === 'recent'
        ? `This report covers ${period} only; it cannot speak for “${after.phrase}”, after its period ended.`
        : after.kind === 'signing'
          ? `This report covers ${period} only; it was signed on ${longDate(ctx.report.auditor.reportDate)}, after its period, and speaks for the period, not for that day.`
          : `This report covers ${period} only; it cannot say what a later report or period (“${after.phrase}”) will cover.`;
  const line = note('period', text, ...(caveat ? [citeSource(caveat)] : []), citeSource(ctx.report.period.source));
  // The report cannot say what is covered now: no yes or no for today.
  const decided = reply.verdict === 'yes' || reply.verdict === 'no' || reply.verdict === 'partial' || (after.kind === 'future' && reply.verdict === 'info');
  return qualified(reply, decided ? 'unknown' : reply.verdict, [line]);
}

/** "**Q1 2017** (1 Jan – 31 Mar 2017)": an asked span with its days, unless it is one day or names no year. */
function spanText(d: AskedDate): string {
  // (A range of days is already named by its days: "1 Jul – 30 Sep 2026".)
  // (A time after a date runs on without end: its text already says from when.)
  if (!d.start || !d.end || d.kind === 'day' || d.end === OPEN_END || d.text === formatPeriod(d.start, d.end)) return bold(d.text);
  const fiscal = d.kind === 'fiscal_year' ? '; read as a calendar year: the report names no fiscal year' : '';
  return `${bold(d.text)} (${formatPeriod(d.start, d.end)}${fiscal})`;
}

/** Whether a date is one the report speaks for: inside its period, or (`lenientYear`) a bare year that holds it. */
function speaksFor(ctx: Context, d: AskedDate, lenientYear: boolean): boolean {
  const r = relate(d, ctx.report.period);
  return r.relation === 'inside' || (lenientYear && d.yearOnly && r.relation === 'partial');
}

/**
 * "Is Q3 2017 covered?", "does it cover the first half of 2017?", "all of 2017?": each span asked about against
 * the report's period (src/query/period.ts). Inside: yes; partly: partial, naming the part covered; outside: no;
 * no year, or a day no calendar has ("June 31"): unknown. Asked about the whole of a span ("all of 2017"), a part is not enough: no, naming the part.
 */
export function composePeriodCheck(ctx: Context, dates: AskedDate[], whole: boolean): Reply {
  const period = periodText(ctx.report);
  const notes: ReplyNote[] = [];
  const verdicts: Verdict[] = [];
  for (const d of dates) {
    const r = relate(d, ctx.report.period);
    if (d.impossible) {
      notes.push(note('period', `${bold(d.text)} is no day of the calendar; the report covers ${period}.`));
      verdicts.push('unknown');
    } else if (r.relation === 'unplaced') {
      notes.push(note('period', `${bold(d.text)} names no year; the report covers ${period} only.`));
      verdicts.push('unknown');
    } else if (r.relation === 'inside') {
      notes.push(note('period', `${spanText(d)} falls within the report's period, ${period}.`));
      verdicts.push('yes');
    } else if (r.relation === 'outside') {
      notes.push(note('period', `${spanText(d)} is outside the report's period, ${period}; the report says nothing about it.`));
      verdicts.push('no');
    } else {
      const part = formatPeriod(r.overlap.start, r.overlap.end);
      notes.push(
        note(
          'period',
          whole
            ? `Only ${bold(part)} of ${spanText(d)} is within the report's period; the report says nothing about the rest.`
            : `The report covers ${bold(part)} of ${spanText(d)}: its period is ${period}, and it says nothing about the rest.`,
        ),
      );
      verdicts.push(whole ? 'no' : 'partial');
    }
  }
  const verdict: Verdict = verdicts.includes('unknown') ? 'unknown' : verdicts.every((v) => v === 'yes') ? 'yes' : verdicts.every((v) => v === 'no') ? 'no' : 'partial';
  return { intent: 'report_fact', verdict, items: [], notes, suggestions: [], citations: [citeSource(ctx.report.period.source)] };
}

/**
 * "The report for the period ending September 30, 2017?": a day asked as the period's last (`end`) or first day.
 * That very day: yes; any other: no, giving the period (a day inside it is not its end: "ending June 30, 2017"
 * names another report).
 */
export function composePeriodBoundary(ctx: Context, day: AskedDate, boundary: 'start' | 'end'): Reply {
  const { period } = ctx.report;
  const actual = boundary === 'end' ? period.end : period.start;
  const which = boundary === 'end' ? 'ends' : 'begins';
  // A span holds the day or not ("does the period end in August 2017?": no, it ends on 30 Sep 2017). ISO days compare as strings.
  const same = !!day.start && !!day.end && day.start <= actual && actual <= day.end;
  const onDay = day.kind === 'day';
  const text = same
    ? `The report's period ${which} on ${bold(onDay ? day.text : longDate(actual))}: it covers ${periodText(ctx.report)}.`
    : `The report's period ${which} on ${bold(longDate(actual))}, not ${onDay ? '' : 'in '}${bold(day.text)}: it covers ${periodText(ctx.report)}.`;
  return { intent: 'report_fact', verdict: same ? 'yes' : 'no', items: [], notes: [note('period', text)], suggestions: [], citations: [citeSource(period.source)] };
}

/**
 * "Is the reporting period Apr-Jun 2017?", "is the report for the period April 1, 2017 to June 30, 2017?": the period
 * stated, which is the report's or not. A span within it is not it (it was "Yes: falls within the period"), nor one
 * that holds it ("Partly").
 */
export function composePeriodIs(ctx: Context, asked: AskedDate): Reply {
  const { period } = ctx.report;
  const same = asked.start === period.start && asked.end === period.end;
  const text = same ? `The report's period is ${bold(periodText(ctx.report))}.` : `The report's period is ${bold(periodText(ctx.report))}, not ${spanText(asked)}.`;
  return { intent: 'report_fact', verdict: same ? 'yes' : 'no', items: [], notes: [note('period', text)], suggestions: [], citations: [citeSource(period.source)] };
}

/**
 * A scope question that names a time ("was S3 in scope in Q4 2017?"). Outside the period, or with no year, the
 * report cannot say: `unknown`, with what it says for its own period. Partly inside: a yes becomes partial,
 * naming the part the report covers (a no or partly becomes unknown: the rest of the span is not spoken for). A bare year that holds the period ("for 2017") names the report's year:
 * the answer stands, with the period stated.
 */
export function outsidePeriod(ctx: Context, reply: Reply, dates: AskedDate[], whole: boolean): Reply {
  const { period } = ctx.report;
  // A bare year is a span like any other: "was S3 in scope in 2017?" holds for the part of 2017 the report
  // covers only (it was "Yes" with a note; the report says nothing of January to March or October on).
  void whole;
  const impossible = dates.filter((d) => d.impossible);
  if (impossible.length > 0) {
    const lead = note('period', `${joinAnd(impossible.map((d) => bold(d.text)))} is no day of the calendar; this report covers ${periodText(ctx.report)} only.`, citeSource(period.source));
    return qualified(reply, 'unknown', [lead]);
  }
  const outside = dates.filter((d) => !speaksFor(ctx, d, false) && relate(d, period).relation !== 'partial');
  if (outside.length > 0) {
    const lead = note('period', `This report covers ${periodText(ctx.report)} only; it cannot speak for ${joinAnd(outside.map((d) => bold(d.text)))}.`, citeSource(period.source));
    return qualified(reply, 'unknown', [lead]);
  }
  const partly = dates.filter((d) => !speaksFor(ctx, d, false));
  if (partly.length > 0) {
    const parts = partly.map((d) => {
      const r = relate(d, period) as Extract<PeriodRelation, { relation: 'partial' }>;
      return `${bold(formatPeriod(r.overlap.start, r.overlap.end))} of ${bold(d.text)}`;
    });
    const lead = note('period', `The report covers only ${joinAnd(parts)}, and says nothing about the rest; what follows holds for that part.`, citeSource(period.source));
    // A yes holds for the part only (partial); a no cannot speak for the rest of the span (unknown), except for a
    // year the report's period falls in: what the report does not list, it does not list for any part of it.
    const years = partly.every((d) => d.yearOnly);
    const verdict = reply.verdict === 'yes' ? 'partial' : (reply.verdict === 'no' && !years) || reply.verdict === 'partial' ? 'unknown' : reply.verdict;
    return qualified(reply, verdict, [lead]);
  }
  // "for 2017": the year holds the period, which is only part of it.
  const partYears = dates.filter((d) => d.yearOnly && relate(d, period).relation === 'partial');
  return partYears.length ? qualified(reply, reply.verdict, [], [note('period', `Within ${joinAnd(partYears.map((d) => d.text))}, the report's period is ${periodText(ctx.report)}.`)]) : reply;
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
 * The report uses the words asked about, but no sentence of it answers the question: it does not say (and never
 * "does not mention" words it does use).
 */
export function composeNotSaid(ctx: Context): Reply {
  return {
    intent: 'topic',
    verdict: 'unknown',
    items: [],
    notes: [note('unmentioned', `The ${ctx.report.title} does not say; no passage of it answers that.`), note('hint', 'Ask “help” for what it covers.')],
    suggestions: [],
    citations: [],
  };
}

/**
 * "Are we compliant?", "does this make us compliant?": whether the asker's own organization is, which no service
 * organization's report can say. Verdict `unknown`, citing the report's words on what customers are responsible for.
 */
export function composeOwnCompliance(ctx: Context): Reply {
  const { report } = ctx;
  const duty = report.customerResponsibility ? [citeSource(report.customerResponsibility)] : [];
  return cannotSay(
    'unknown',
    [
      note('customer_responsibility', `The ${report.title} speaks for ${report.serviceOrganization}'s own system over ${periodText(report)}; it cannot say whether your organization is compliant, which rests on your own controls.`, ...duty),
      note('hint', 'Ask what it covers: “is S3 in scope?”, “which trust services criteria are covered?”.'),
    ],
    duty,
  );
}

/**
 * "Does Azure have a SOC 3?": whether another cloud has a report or attestation, which this report cannot say.
 * Verdict `unknown`, naming the report and whose system it covers.
 */
export function composeOtherProviderReport(ctx: Context, providers: string[]): Reply {
  const { report } = ctx;
  const organization = citeSource(report.serviceOrganizationSource);
  return cannotSay(
    'unknown',
    [
      note('fact', `This ${report.title} covers the ${report.system} of ${report.serviceOrganization}; it cannot say which reports or attestations ${joinAnd(providers.map(bold), 'or')} ${providers.length === 1 ? 'has' : 'have'}.`, organization),
      note('hint', 'Ask what this report covers: “is S3 in scope?”, “who audited it?”.'),
    ],
    [organization],
  );
}

/**
 * "Can you fill out the whole CAIQ for me?": a whole questionnaire, which a chat answers one question at a time.
 * Verdict `unknown`, saying how a sheet is answered: attached to a message (adapters/slack/files.ts, adapters/teams/files.ts) or by the batch command
 * (README, "Security questionnaires in batch").
 */
export function composeFillForm(ctx: Context): Reply {
  return cannotSay('help', [
    note('help', `Here I answer one question at a time from the ${ctx.report.title}. A whole questionnaire (XLSX or CSV) is answered row by row, with evidence: attach it to a message to me, or run \`npm run questionnaire -- FILE\`.`),
    note('hint', 'Paste a row here to have it answered: “CAIQ A&A-02.1 Are independent audits conducted at least annually?”.'),
  ]);
}

/**
 * A scope question asked about another compliance programme ("is S3 HIPAA compliant?"): this report cannot
 * say yes or no to that, so the verdict is `unknown`; what the report does say follows, with its citations.
 */
export function otherProgram(ctx: Context, scope: Reply, programs: string[]): Reply {
  return qualified(scope, 'unknown', [note('other_programme', `This ${ctx.report.title} does not address ${joinAnd(programs.map(bold))}, so it cannot answer that.`)]);
}

