import { note, type Reply } from '../reply.js';
import { citation, citeSource, joinAnd, longDate, periodText } from '../cite.js';
import { fold } from '../normalize.js';
import { organizationKey, REPORT_CONTENTS } from '../vocabulary.js';
import { flatten, sentences } from '../../report/parser.js';
import { bold, dedupe, scopeListCitation, type Context } from './shared.js';
import type { Quote } from '../reply.js';
import type { Report, Section } from '../../report/schema.js';

/** An answer stated as one `fact` note resting on `quotes`. */
function fact(intent: Reply['intent'], verdict: Reply['verdict'], text: string, quotes: Quote[]): Reply {
  return { intent, verdict, items: [], notes: [note('fact', text, ...dedupe(quotes))], suggestions: [], citations: [] };
}

/**
 * Answers about the attestation itself, each for exactly what it asks: which SOC report this is, who the
 * accountants are, what the opinion does not cover, whether the controls were effective, carve-outs and
 * exclusions. Every name comes from the report's fields (title, auditor, service organization), never from
 * literals.
 */

/**
 * What the exclusions name, in the report's words ("AWS' cybersecurity risk management program", from "... not
 * conducted for the purpose of evaluating AWS' cybersecurity risk management program."); the quotes themselves are
 * cited.
 */
function excludedSubject(exclusions: { quote: string }[]): string {
  for (const e of exclusions) {
    const m = /\b(?:evaluating|assurance on|opinion on)\s+(.+?)\.?$/i.exec(e.quote);
    if (m) return m[1]!;
  }
  return 'what the quoted passage names';
}

/** The AICPA SOC level a report's title names ("Service Organization Controls 3 Report" -> 3), if any. */
export function socLevelOf(title: string): number | undefined {
  const m = /\b(?:service organi[sz]ation controls?|soc)\s*(\d)\b/i.exec(title);
  return m ? Number(m[1]) : undefined;
}

/** "Is this a SOC 2?": no (or yes), from the report's title. `asked` is the SOC level asked about. */
export function composeSocLevel(ctx: Context, asked: { name: string; level: number }): Reply {
  const { report } = ctx;
  const own = socLevelOf(report.title)!;
  const same = own === asked.level;
  const text = same
    ? `This is a SOC ${own} report, the ${bold(report.title)} (${report.subtitle}), for the period ${periodText(report)}.`
    : `This is a SOC ${own} report, the ${bold(report.title)} (${report.subtitle}), not a ${asked.name} report. It cannot say whether a ${asked.name} report exists.`;
  return fact('report_fact', same ? 'yes' : 'no', text, [citation([report.title], report.title)]);
}

/**
 * "Is this document an ISO/IEC 27001 certificate?": no, the report is what its title says (a SOC 3 report);
 * `document` is the user's word for the kind of document ("certificate").
 */
export function composeReportIsNot(ctx: Context, programme: string, document: string): Reply {
  const { report } = ctx;
  const own = socLevelOf(report.title)!;
  const text = `This is a SOC ${own} report, the ${bold(report.title)} (${report.subtitle}), not ${/^[aeiou]/.test(document) ? 'an' : 'a'} ${document} under ${programme}. It cannot say whether one exists.`;
  return fact('report_fact', 'no', text, [citation([report.title], report.title)]);
}

/** A firm's name without its legal-entity suffix, folded: "Ernst & Young LLP" -> "ernst & young". */
export function firmKey(name: string): string {
  return organizationKey(name);
}

/** "Did KPMG audit it?": whether the firm named is the report's independent accountants. */
export function composeAuditorNamed(ctx: Context, firm: string): Reply {
  const { report } = ctx;
  const same = firmKey(firm) === firmKey(report.auditor.firm);
  const text = same
    ? `The independent accountants are ${bold(report.auditor.firm)}; their report is dated ${longDate(report.auditor.reportDate)}.`
    : `The independent accountants are ${bold(report.auditor.firm)}, not ${firm}; their report is dated ${longDate(report.auditor.reportDate)}.`;
  return fact('report_fact', same ? 'yes' : 'no', text, [citeSource(report.auditor.source), ...(report.auditor.dateSource ? [citeSource(report.auditor.dateSource)] : [])]);
}

/**
 * "Is there a cybersecurity opinion?": what the accountants expressly do not give an opinion on (the report's
 * `exclusions`). Asked about an opinion or assurance, the answer is no; asked otherwise, it is information.
 * `verdict: 'info'` when the question asks what the opinion leaves out ("what did they not give an opinion on?").
 */
export function composeExclusion(ctx: Context, exclusions: { quote: string; path: string[] }[], asksOpinion: boolean, verdict?: 'info'): Reply {
  const { report } = ctx;
  const said = excludedSubject(exclusions);
  const covered = report.criteria.filter((c) => c.covered).map((c) => c.name);
  const text = asksOpinion
    ? `The accountants expressly give no opinion or any other form of assurance on ${bold(said)}. Their opinion is on management's assertion about the controls, for ${joinAnd(covered)}.`
    : `The accountants expressly did not evaluate ${bold(said)}. Their examination covers the trust services criteria for ${joinAnd(covered)}.`;
  return fact('report_fact', verdict ?? (asksOpinion ? 'no' : 'info'), text, [...exclusions.map((e) => citation(e.path, e.quote)), citeSource(report.opinion.source)]);
}

/** "Were the controls effective?": management's assertion that they were, and the accountants' opinion on it. */
export function composeControlsEffective(ctx: Context): Reply | undefined {
  const { report } = ctx;
  if (!report.assertion) return undefined;
  const opinion = report.opinion.unmodified
    ? `the accountants' opinion is that this assertion is ${bold('fairly stated')}.`
    : `the accountants' opinion on it is not a plain unmodified one; read it in full.`;
  return fact('report_fact', report.opinion.unmodified ? 'yes' : 'info', `Management of ${report.serviceOrganization} asserts that the controls were effective throughout the period ${periodText(report)}, and ${opinion}`, [citeSource(report.assertion), citeSource(report.opinion.source)]);
}

/**
 * "Is there a carve-out?", "which subservice organizations?": the report names none; what its accountants
 * do expressly leave out is stated with its quote.
 */
export function composeCarveOut(ctx: Context, yesNo = false): Reply {
  const { report } = ctx;
  const excluded = report.exclusions.length ? excludedSubject(report.exclusions) : '';
  // Asked yes or no ("are there any carve-outs?"), its silence cannot say whether AWS uses subservice organizations:
  // the report does not say (CONTRACT: unknown), with what it does say.
  const said = yesNo ? 'The report names no subservice organization and describes no carve-out, so it cannot say whether there are any.' : 'The report names no subservice organization and describes no carve-out.';
  return fact('report_fact', yesNo ? 'unknown' : 'info', `${said}${excluded ? ` What the accountants do expressly leave out of their opinion: ${bold(excluded)}.` : ''}`, report.exclusions.length ? report.exclusions.map((e) => citeSource(e)) : [citeSource(report.opinion.source)]);
}

/**
 * "Are there complementary user entity controls?", "which CUECs does the report list?": the report names none (a
 * SOC 3 need not); what its prose says of the customers' part is quoted (data/vocabulary/report-contents.json
 * `userEntityControls`). Asked yes or no, `unknown`: its silence cannot say whether AWS assumes any; else `info`.
 */
export function composeUserEntityControls(ctx: Context, yesNo = false): Reply {
  const { report } = ctx;
  const part = customerPartOf(report);
  const said = yesNo
    ? 'The report lists no complementary user entity controls, so it cannot say whether the service organization assumes any.'
    : 'The report lists no complementary user entity controls.';
  const text = `${said}${part ? ' What it says of the customers\' part is quoted below.' : ''}`;
  return fact('report_fact', yesNo ? 'unknown' : 'info', text, part ? [citation(part.path, part.quote)] : [citeSource(report.opinion.source)]);
}

const customerParts = new WeakMap<Report, { path: string[]; quote: string } | null>();
const sentencesByReport = new WeakMap<Report, { path: string[]; quote: string }[]>();

/** Every sentence of a report's sections with its heading path, in order; split once per report. */
function proseSentences(report: Report): { path: string[]; quote: string }[] {
  let all = sentencesByReport.get(report);
  if (!all) sentencesByReport.set(report, (all = flatten(report.sections).flatMap((s) => sentences(s.text.replace(/\s+/g, ' ').trim()).map((quote) => ({ path: s.path, quote })))));
  return all;
}

/** A sentence of the report's prose that holds a customer-part phrase (the first phrase found wins), read once per report. */
function customerPartOf(report: Report): { path: string[]; quote: string } | undefined {
  let found = customerParts.get(report);
  if (found === undefined) {
    // The phrases in their order: the first that a sentence holds decides ("customers are responsible" before "retain").
    const all = proseSentences(report).map((x) => ({ ...x, folded: ` ${fold(x.quote)} ` }));
    const hit = REPORT_CONTENTS.customerPart.map((p) => all.find((x) => x.folded.includes(` ${p} `))).find((x) => x !== undefined);
    found = hit ? { path: hit.path, quote: hit.quote } : null;
    customerParts.set(report, found);
  }
  return found ?? undefined;
}

/**
 * "What is excluded?", "which services are not in scope?": the report lists what is in scope and names no
 * excluded services; the list of what is in scope is offered.
 */
export function composeNoExclusions(ctx: Context): Reply {
  const { report } = ctx;
  const excluded = report.exclusions.length ? ` The one thing the accountants expressly leave out of their opinion: ${bold(excludedSubject(report.exclusions))}.` : '';
  return fact('list', 'info', `The report lists what is in scope (${report.services.length} services, ${report.regions.length} regions and ${report.edgeLocations.length} edge locations) and names no excluded services or places: anything not on its lists is not listed in this report.${excluded} Ask “which services are in scope?” for the list.`, [scopeListCitation(report), ...(report.regionsSource ? [citeSource(report.regionsSource)] : []), ...report.exclusions.map((e) => citeSource(e))]);
}

/** A heading of many words in a list: its first three ("Management's Assertion Regarding …"). */
const shortTitle = (title: string) => (title.split(' ').length > 6 ? `${title.split(' ').slice(0, 3).join(' ')} …` : title);

/**
 * "Does the SOC 3 include the auditor's detailed tests?": from the report's own sections. A section whose heading
 * speaks of tests or results holds them (yes); otherwise the report does not include them (no), and the answer
 * says what it does hold, quotes where the accountants say their examination tested the controls, and what a
 * report of this SOC level leaves out (data/vocabulary/report-contents.json). With `findings` (the question asks
 * whether exceptions or deviations were found), `unknown`: the report cannot say, and a "No" would read as "none".
 */
export function composeReportContents(ctx: Context, findings = false): Reply {
  const { report } = ctx;
  const { testSection, said, holds } = reportContents(report);
  if (testSection) {
    const first = sentences(testSection.text.replace(/\s+/g, ' ').trim())[0] ?? testSection.title;
    return fact('report_fact', 'yes', `The report has a section ${bold(testSection.path.join(' › '))}.`, [citation(testSection.path, first)]);
  }
  const level = socLevelOf(report.title);
  const general = level ? REPORT_CONTENTS.bySocLevel[String(level) as '1' | '2' | '3'] : undefined;
  // "Were any exceptions noted?": a bare "No" would read as "none were found", which the report does not say.
  const text = [
    findings
      ? `The ${bold(report.title)} does not say whether exceptions were found: it holds no tests or results.`
      : `The ${bold(report.title)} does not include the accountants' tests of controls or their results.`,
    `It holds these sections: ${joinAnd(holds)}.`,
    said ? 'The accountants say only that their examination included testing the operating effectiveness of the controls.' : '',
    general ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return fact('report_fact', findings ? 'unknown' : 'no', text, [citation([report.title], report.title), ...(said ? [citation(said.path, said.quote)] : []), citeSource(report.opinion.source)]);
}

/** What {@link composeReportContents} reads of a report's sections; the same for every question. */
interface ReportContents {
  /** The first section whose heading speaks of tests or results (data/vocabulary/report-contents.json). */
  testSection?: Section;
  /** The first sentence of the prose that speaks of testing ("(2) testing and evaluating the operating effectiveness"). */
  said?: { path: string[]; quote: string };
  /** The top-level sections' short titles. */
  holds: string[];
}

const contentsByReport = new WeakMap<Report, ReportContents>();

/**
 * {@link ReportContents} of a report, read once per report: splitting every section into sentences was most of
 * the time of a question about the report's contents (about 0.2 ms of 0.9 ms, by `node --cpu-prof`).
 */
function reportContents(report: Report): ReportContents {
  const known = contentsByReport.get(report);
  if (known) return known;
  const all = flatten(report.sections);
  const words = (s: string) => fold(s).split(' ');
  const testSection = all.find((s) => words(s.title).some((w) => REPORT_CONTENTS.sectionWords.has(w)));
  // Where the accountants say they tested the controls ("(2) testing and evaluating the operating effectiveness").
  const said = testSection
    ? undefined
    : proseSentences(report).find((x) => words(x.quote).some((w) => REPORT_CONTENTS.sectionWords.has(w) || w === 'test'));
  const contents: ReportContents = { ...(testSection ? { testSection } : {}), ...(said ? { said } : {}), holds: report.sections.map((s) => shortTitle(s.title)) };
  contentsByReport.set(report, contents);
  return contents;
}
