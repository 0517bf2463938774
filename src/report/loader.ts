import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import defaultReportJson from '../../data/reports/aws-soc3-2017.json' with { type: 'json' };
import { parseReport, ReportError } from './parser.js';
import { ReportSchema, type Report } from './schema.js';

export { ReportError };

/** The id of the project's own report (data/reports/aws-soc3-2017.txt and .json). */
export const DEFAULT_REPORT_ID = 'aws-soc3-2017';
/** Where the project's own structured report lives, relative to the project root (for messages). */
export const DEFAULT_REPORT_FILE = 'data/reports/aws-soc3-2017.json';

/** A report id from a file name: "data/reports/AWS SOC3 2017.txt" -> "aws-soc3-2017". */
export function reportIdFromFile(file: string): string {
  const id = basename(file, extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return id || 'report';
}

/**
 * Checks structured report JSON (as `npm run ingest` writes it) against the schema.
 * @throws ReportError naming `file` and the first field that is missing or wrong.
 */
export function validateReport(data: unknown, file: string): Report {
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the document';
    throw new ReportError(file, `not a valid structured report: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Loads a report from a file: structured JSON (`.json`, checked by the schema) or report text of the
 * project's layout (anything else, parsed). The id is taken from the file name for text.
 * @throws ReportError naming the file: unreadable, not JSON, or missing what the layout needs.
 */
export function loadReport(file: string): Report {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportError(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a report file' : `cannot be read (${code ?? String(error)})`);
  }
  if (extname(file).toLowerCase() === '.json' || content.trimStart().startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      throw new ReportError(file, `is not valid JSON (${(error as Error).message})`);
    }
    return validateReport(data, file);
  }
  return parseReport(content, { id: reportIdFromFile(file), file });
}

/**
 * The project's own report (AWS SOC 3, April 1 – September 30, 2017), from the committed structured JSON
 * bundled with the code. It is part of the build, not input: a test checks that it equals a fresh parse of
 * the report text and passes the schema (src/report/parser.test.ts), so a cold start skips validating it.
 */
export function loadDefaultReport(): Report {
  return defaultReportJson as Report;
}
