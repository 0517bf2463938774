/**
 * The row number a questionnaire puts before its question ("Q13: Is EC2 in scope?", "B.2.1 Does the report
 * cover…", "C-04 Is Lambda…", "2.01 Is EBS…", "HECVAT DATA-05 Is data…", "CAIQ A&A-02.1 …", "1) Is S3…"),
 * taken off before anything reads the question: read as a name, it was one more thing asked about ("The report
 * does not mention “Q13”", "Partly: 1 of 2 in scope").
 *
 * Only a label of a row's shape at the very start, after at most two words of a questionnaire's name, and only
 * before a question (a capitalised word, or a question word): "Q4 2017 covered?", "CC6.1 logical access",
 * "eu-west-1 covered?", "S3 in scope?" and "99.9 uptime?" keep every word.
 *
 * So are the row's answer options ("(Y/N)", "(Yes / No / N/A)") and its requests for evidence after its question ("Is Athena in scope? If not, please explain how the
 * service is assured.", "… annually? Provide evidence."): no report answers them, and read as part of the
 * question they made a scope question a description ("From the report: Athena is not listed").
 */

import { loadAliasData } from '../data/aliases.js';
import { VOCABULARY } from '../data/vocabulary.js';
import { readSignals, type Signals } from './intent.js';
import { cleanQuestion, tokenize } from './normalize.js';

/** A row label: "A.1.4", "D.2", "C-04", "DATA-05", "A&A-02.1", "1.06", "3.1.5", "Q13", "#12", "12)" or "12.". */
// (Also a NIST CSF subcategory, "PR.DS-1", and a list of labels, "PR.DS-1 / PR.DS-2".)
const ONE_LABEL = String.raw`(?:[A-Z]{2}\.[A-Z]{2}(?:-\d{1,2})?|(?:[Rr]ow|[Ii]tem|[Qq]uestion|[Ll]ine)\s+\d{1,4}(?:\.\d{1,3})*(?:\s*\([^()]{1,40}\))?|[A-Za-z]{1,6}(?:&[A-Za-z]{1,6})?[-.]\d{1,3}(?:[.-]\d{1,3})*[a-z]?|[A-Za-z](?:\.\d{1,3})+|\d{1,3}(?:\.\d{1,3})+|[Qq]\s?\d{1,3}(?:\.\d{1,3})+|[Qq]\d{1,3}(?=\s*[:.)\]—–-])|#\d{1,3}|\d{1,3}(?=[.)]))`;
const LABEL = String.raw`${ONE_LABEL}(?:\s*[/,&]\s*${ONE_LABEL})*`;
/** Up to two words of a questionnaire's name before the label ("HECVAT", "SIG Lite", "VSA"): capitalised. */
// With its version ("CAIQ v4"), and up to two plain words after ("Vendor due diligence Q14", "Hospital BAA checklist item 4.2").
// A standard's number is part of its name ("ISO 27001 A.7.2.2", "NIST 800-53 AC-2").
// ("ISO/IEC 27001:2022 A.7.14": a joint name with a slash, and the standard's edition after a colon.)
const NAME = String.raw`(?:(?:[A-Z][A-Za-z]{1,9}|[A-Z]{2,6}\/[A-Z]{2,6}|v\d{1,2}(?:\.\d{1,2})*|\d{4,5}(?:-\d{1,3})?(?::\d{4})?)\s+){0,3}(?:[a-z]{2,14}\s+){0,2}`;
/** What may stand between the label and the question: a colon, a dot, a bracket or a dash. */
const AFTER = String.raw`\s*[:.)\]—–-]?\s+`;

const ROW = new RegExp(`^\\s*(${NAME}${LABEL})${AFTER}(?=\\S)`, 'u');

/**
 * A questionnaire's name and the section of its row before a colon or a dash ("SIG Lite vendor management: does the
 * provider monitor its own third parties?", "HECVAT Data Security: ...", "HECVAT HFIH-01 follow-up: ...", "CAIQ v4
 * STA-01 context - is ..."): up to four words of the section or item, names from data/vocabulary/programmes.json.
 */
const SECTION = new RegExp(
  `^\\s*((?:${[...VOCABULARY.programmes.questionnaires.names]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[-\s]+/gu, '[-\\s]+'))
    .join('|')})(?:\\s+v\\d{1,2}(?:\\.\\d{1,2})*)?(?:\\s+[\\p{L}\\p{N}&/.-]{1,20}){0,4})(?:\\s*:|\\s+[-–—])\\s+(?=\\S)`,
  'iu',
);

/**
 * A mapping column's label before the question ("SOC 2 mapping:", "SOC 2 CC9.2 mapping:", "ISO 27001 mapping:"):
 * the framework the row is mapped to, not a programme the question asks about.
 */
const MAPPING = /^\s*((?:SOC\s?[123]|TSC|ISO(?:\/IEC)?\s?\d{4,5}(?::\d{4})?|NIST(?:\s+CSF)?|CCM)(?:\s+[\p{L}\p{N}.&\/-]{1,20}){0,3}?\s+mapping)\s*:\s+(?=\S)/iu;

/** Words a questionnaire row starts with when it is lowercased ("2.01 is s3 in scope"). */
const QUESTION_START = /^(?:is|are|was|were|does|do|did|can|has|have|will|what|which|who|when|where|how|provide|describe|list|state|confirm|indicate|specify|identify|explain|please)\b/iu;

/** The answer options a questionnaire row ends with: "(Y/N)", "Y/N", "(Yes / No / N/A)", "[Yes/No]". */
const OPTIONS = /\s*[([]?\s*(?:y(?:es)?\s*\/\s*n(?:o)?)(?:\s*\/\s*n\s*\/?\s*a)?\s*[)\]]?\s*[.?]?\s*$/iu;

/** Answer options right after the question's mark and before a follow-up or a dash ("? Y / N / N/A - if N, ..."). */
const OPTIONS_BEFORE_FOLLOW_UP = /\?\s*[([]?\s*y(?:es)?\s*\/\s*n(?:o)?(?:\s*\/\s*n\s*\/?\s*a)?(?:\s*\/\s*partial)?\s*[)\]]?\s*(?:[-–—,;.]\s*)?(?=(?:if|please|provide|explain|describe|attach|list)\b)/iu;

/** A sentence after the question that asks for evidence or for what to do otherwise. */
const FOLLOW_UP = /(?<=\?)\s+(?:if\s+(?:not|so|yes|no|y|n|partial|partly|applicable|available|none|any)\b|please\s+(?:provide|attach|upload|share|explain|describe|include|submit)\b|provide\s+(?:evidence|documentation|a\s+copy|copies|details|supporting|the\s+most\s+recent)\b|attach\b|upload\b|include\s+evidence\b).*$/isu;

/** The trust services categories' names (data/aliases/criteria.json `names`), as a pattern of words any case and spacing. */
const CRITERION_NAMES = (loadAliasData().criteria?.names.names ?? []).map((n) => n.trim().split(/\s+/u).join('\\s+')).join('|');
/** Words of the trust services criteria's names, or a SOC report's kind, which a follow-up may ask of ("if yes, is privacy covered?"). */
const CRITERIA_WORDS = new RegExp(`\\b(?:${CRITERION_NAMES}|soc\\s?[123])\\b`, 'iu');
/** The criteria's reviewed abbreviations, lower case with single spaces ("pi", "proc int") -> the criterion's name. */
const ABBREVIATIONS = new Map((loadAliasData().criteria?.criteria ?? []).flatMap((c) => c.aliases.map((a) => [a.trim().toLowerCase().split(/\s+/u).join(' '), c.criterion] as const)));
/** The criteria's names and their reviewed abbreviations ("PI", "priv"), as a pattern: what a criterion's column may hold. */
const CRITERION_LABELS = [CRITERION_NAMES, ...[...ABBREVIATIONS.keys()].map((a) => a.split(' ').join('\\s+'))].join('|');
/**
 * A cell that holds only a criterion's name or abbreviation, however marked up ("Privacy", "**Privacy**", "[PI]",
 * "Criterion: Availability", "TSC - Security", "TSC Privacy", "Privacy criteria"): the column the row asks under.
 */
const CRITERION_CELL = new RegExp(
  `^[\\s*_\`[(]*(?:(?:criterion|criteria|tsc|trust\\s+services?\\s+(?:criteria|category|principle))\\s*[:\u2013-]?\\s*)?(${CRITERION_LABELS})(?:\\s+(?:criteria|criterion|category|principle|tsc))?[\\s*_\`\\])]*$`,
  'iu',
);
/** The criterion a criterion cell names, as the report's name when it is an abbreviation ("PI" -> "Processing Integrity"). */
function criterionOfCell(cell: string): string | undefined {
  const label = CRITERION_CELL.exec(cell)?.[1];
  if (!label) return undefined;
  return ABBREVIATIONS.get(label.toLowerCase().replace(/\s+/gu, ' ')) ?? label;
}

/** Whether a follow-up names a programme, a time or a criterion (intent.ts signals): then it is part of what is asked. */
function qualifies(followUp: string): boolean {
  if (CRITERIA_WORDS.test(followUp)) return true;
  const signals = readSignals(tokenize(cleanQuestion(followUp)));
  return signals.programs.length > 0 || signals.dates.length > 0;
}

/** The question without the row's requests for evidence after it, as typed when there were any. Pure. */
export function stripFollowUps(question: string): { text: string; followUp?: string } {
  // "... report? Y / N / N/A - if N, explain compensating controls": the options before a follow-up go with it.
  if (question.includes('/')) question = question.replace(OPTIONS_BEFORE_FOLLOW_UP, '? ');
  const options = OPTIONS.exec(question);
  // "Is EC2 included? (Y/N)": the question, with its question mark; "Y N" was asked about as a name.
  if (options && options.index > 0) question = `${question.slice(0, options.index).replace(/[\s?]*$/u, '')}?`;
  const m = FOLLOW_UP.exec(question);
  if (!m || m.index === 0) return { text: question };
  // A follow-up that asks of a programme, a time or a criterion qualifies the question ("Is S3 in scope? If yes, is
  // it PCI certified?"): kept, for the question's readers.
  if (qualifies(m[0])) return { text: question };
  return { text: question.slice(0, m.index), followUp: m[0].trim() };
}

/** A questionnaire's request before what it asks to be shown: "Please provide evidence that …", "Confirm that …". */
const REQUEST = /^\s*(?:please\s+|kindly\s+)?(?:(?:provide|attach|share|supply)\s+(?:evidence|documentation|proof)\s+that|confirm\s+that|demonstrate\s+that|evidence\s+that|show\s+that)\s+(?=\S)/iu;

/** The question without a leading request to show something ("Please provide evidence that X is within scope"): X is what it asks. */
function stripRequest(question: string): string {
  const m = REQUEST.exec(question);
  return m ? question.slice(m[0].length) : question;
}

/**
 * The question without a leading row label, and the label (as typed) when there was one. Pure; a question that is
 * nothing but a label, or whose label is not followed by a question, is returned as it is.
 */
export function stripRowLabel(question: string): { text: string; label?: string } {
  question = readRowCells(question);
  question = stripFollowUps(question).text;
  // (Only a question with a colon can have either: compiling these patterns was a twentieth of a cold `ask`.)
  const section = question.includes(':') || /\s[-–—]\s/u.test(question) ? (SECTION.exec(question) ?? MAPPING.exec(question)) : null;
  // Only before a question: "SIG Lite vendor management: does the provider ...".
  if (section && QUESTION_START.test(question.slice(section[0].length))) return { text: stripRequest(question.slice(section[0].length)), label: section[1]!.trim() };
  const m = ROW.exec(question);
  if (!m) return { text: stripRequest(question) };
  const rest = stripRequest(question.slice(m[0].length));
  // After a colon, whatever follows is the row's question ("NIST CSF PR.DS-4: adequate capacity maintained?").
  if (!/^\p{Lu}/u.test(rest) && !QUESTION_START.test(rest) && !/:\s*$/u.test(m[0])) return { text: question };
  // "Is S3 …" after "VSA": the name words must not be the question's own start ("Is 2.01 covered?").
  if (QUESTION_START.test(m[1]!)) return { text: question };
  return { text: rest, label: m[1]!.trim() };
}

/** Cells of a row pasted from a spreadsheet: " | " between them, or tabs. */
const CELL_BREAK = /\s\|\s|\t+|\s\|$|^\|\s/u;
/** A cell that only labels the row: its id alone, a questionnaire's name and id, or an id and the control's title. */
const LABEL_CELL = new RegExp(`^\\s*(?:${NAME}${LABEL}(?:\\s+[\\p{L}][\\p{L}\\s&/-]{0,60})?|(?:[Rr]ow|[Ii]tem|[Qq]uestion)\\s*(?:id|no|#)?\\s*[\\p{N}.]*)\\s*$`, 'u');
/** A cell of answer options, evidence, comments or a mapping column: nothing asked. */
const FORM_CELL = /^\s*(?:[([]?\s*y(?:es)?\s*\/\s*n(?:o)?(?:\s*\/\s*n\s*\/?\s*a)?(?:\s*\/\s*partial)?\s*[)\]]?|[([]?\s*(?:free\s+text|evidence|comments?|notes?|remarks|attach|provide|upload|answer|response)\b.*|.*\bmapping\s*|iso(?:\/iec)?\s?\d{4,5}(?::\d{4})?\s+annex\s+a.*)\s*$/iu;
/** A cell that names what the row is about ("Service: Amazon WorkSpaces", "Location: US West (Oregon)"). */
const FIELD_CELL = /^\s*(?:service|services|product|location|region|regions|criterion|criteria|system)\s*:\s*(.+?)\s*$/iu;

/**
 * A row pasted from a spreadsheet ("SIG Lite A.12.3 | Is Amazon DynamoDB covered by the SOC report? | (Yes/No/N/A) |
 * Evidence: scope page", tab-separated alike): its question cell, with the fields that name what it asks about
 * before it ("Service: Amazon WorkSpaces | Covered by supplier attestation?" -> "Amazon WorkSpaces: Covered by
 * supplier attestation?"). Cells that only label the row or hold its answer options, evidence or mapping columns
 * are left out; any other cell stays where it stands, as a sentence, for the context reader to judge ("Is S3
 * covered? | HIPAA" stays a question about HIPAA). The question as it is when it has no cells or no cell asks
 * anything. Pure.
 */
export function readRowCells(question: string): string {
  if (!question.includes('|') && !question.includes('\t')) return question;
  const cells = question.split(CELL_BREAK).map((c) => c.trim()).filter(Boolean);
  if (cells.length < 2) return question;
  const asks = cells.findIndex((c) => /\?\s*(?:\(?[^?]{0,30}\)?)?$/u.test(c) && /\?/u.test(c));
  // With no cell that asks, the one cell that is neither label nor form ("SIG Lite A.4.4 | Date of management's
  // assertion | (Free text)").
  const plain = cells.filter((c) => !LABEL_CELL.test(c) && !FORM_CELL.test(c) && !FIELD_CELL.test(c));
  const at = asks >= 0 ? asks : cells.findIndex((c) => QUESTION_START.test(c));
  if (at < 0) return plain.length === 1 ? plain[0]! : question;
  // A criterion's column ("Privacy | Is S3 covered?") asks the question under that criterion: "Is S3 covered for
  // Privacy?" (read apart, the row was "Partly": S3 in scope, Privacy not covered).
  // Only a question of scope is asked under it; any other ("Privacy | Are backups performed?") is answered as asked,
  // the column being the questionnaire's heading (under it, "No" denied backups the report describes).
  // (The question is read for its signals only when a row has such a column.)
  const columns = cells.flatMap((c, k) => (k === at ? [] : (criterionOfCell(c) ?? [])));
  const ofScope = (signals: Signals) => signals.scope || signals.list || signals.count;
  const criteria = columns.length > 0 && ofScope(readSignals(tokenize(cleanQuestion(cells[at]!)))) ? columns : [];
  const fields = cells.flatMap((c) => (CRITERION_CELL.test(c) ? [] : (FIELD_CELL.exec(c)?.[1] ?? [])));
  const under = (c: string) => (criteria.length === 0 ? c : /\?\s*$/u.test(c) ? c.replace(/\s*\?\s*$/u, ` for ${criteria.join(' and ')}?`) : `${c} for ${criteria.join(' and ')}`);
  // Every other cell, before the question or after it, in its place: a second question, or a cell that qualifies
  // the question ("Is S3 covered? | HIPAA"), is read with it.
  const kept = cells.flatMap((c, k) => {
    if (k === at) return [under(fields.length ? `${fields.join(', ')}: ${c}` : c)];
    if (CRITERION_CELL.test(c) || FIELD_CELL.test(c) || LABEL_CELL.test(c) || FORM_CELL.test(c)) return [];
    return [/[.?!:]$/u.test(c) ? c : `${c}.`];
  });
  return kept.join(' ');
}
