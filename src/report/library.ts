import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseReport, ReportError } from './parser.js';
import { DEFAULT_REPORT_FILE, loadDefaultReport, reportIdFromFile, validateReport } from './loader.js';
import type { Report } from './schema.js';

/**
 * The report library: every report the bot answers from, each with a stable id, newest period first.
 *
 * Rules (README, "A library of reports"):
 * - A folder (`REPORTS_DIR`, default `data/reports/`) holds report text (`.txt`, `.md`) and structured JSON
 *   (`.json`, as `npm run ingest` writes it). Other files and dotfiles are ignored.
 * - A report's id is its file name ("AWS SOC3 2017.txt" -> "aws-soc3-2017", see {@link reportIdFromFile}).
 *   A text and a JSON file with the same id are ONE report: the JSON is its ingested form and is served
 *   (it loads without parsing); the text is parsed only when the JSON is refused. A text changed well after
 *   its JSON (edited since it was ingested: file times, which a git checkout does not keep in order, so a
 *   minute's grace) gets a warning to re-ingest. A JSON file's own `id` must equal its file name's.
 * - Any other two files with the same id (two texts, two JSONs) are all refused, with the reason: the
 *   library cannot know which is right. A file that does not parse is refused with the file and the reason.
 *   The rest keep serving.
 * - `REPORT_FILE` is a library of one (the report keeps its own id, as before the library existed).
 */

/** One report of the library, with the facts listed by `npm run reports` and "which reports do you have?". */
export interface LibraryReport {
  /** Stable, unique within the library: from the file name. */
  id: string;
  /** As the report's first line spells it, e.g. "Service Organization Controls 3 Report". */
  title: string;
  /** What kind of report the title says: "SOC 3", "SOC 2", "SOC 2 Type II", ...; "report" when it names none. */
  kind: string;
  /** From "To the Management of ...", e.g. "Amazon Web Services, Inc.". */
  serviceOrganization: string;
  /** The independent accountants' firm and the date of their report (ISO). */
  auditor: { firm: string; reportDate: string };
  /** The period examined, ISO dates, both days included. */
  period: { start: string; end: string };
  /** How many services, regions and edge locations the report lists. */
  counts: { services: number; regions: number; edgeLocations: number };
  /** The files this report was read from (the one served first), as given to the loader. */
  files: string[];
  /** The whole structured report. */
  report: Report;
}

/** A file the library did not take: the file, the id it would have had, and why (one line). */
export interface Refusal {
  file: string;
  id?: string;
  reason: string;
}

/** The reports, newest period first, and the files refused. Immutable once built: a reload builds a new one. */
export interface ReportLibrary {
  /** Newest period end first (then newest start, then id). */
  reports: readonly LibraryReport[];
  refused: readonly Refusal[];
  /** What is served but needs attention (a text edited after its JSON was ingested), one line each. */
  warnings: readonly string[];
  /** Where it was read from: the folder, the single file, or "(bundled)" for the built-in default report. */
  source: string;
}

/** Where to read the library from: a folder, a single file, or neither (the default folder, else the bundled report). */
export interface LibrarySource {
  dir?: string;
  file?: string;
}

/** The folder read when neither `REPORTS_DIR` nor `REPORT_FILE` is set, relative to the working directory. */
export const DEFAULT_REPORTS_DIR = 'data/reports';

const TEXT_EXTENSIONS = new Set(['.txt', '.md']);
/** A text this much newer than its JSON was edited after ingesting (a checkout writes both within moments). */
const EDIT_GRACE_MS = 60_000;

/**
 * The kind of report its title names: "Service Organization Controls 3 Report" -> "SOC 3",
 * "SOC 2 Type II Report" -> "SOC 2 Type II"; "report" when the title names no SOC kind.
 */
export function reportKind(title: string): string {
  // "Service Organization Controls" before 2017, "System and Organization Controls (SOC)" since (AICPA).
  const soc = /\b(?:SOC|(?:Service|System)\s+(?:and\s+)?Organi[sz]ations?\s+Controls?(?:\s*\(SOC\))?)\s*([123])(?!\d)/i.exec(title);
  if (!soc) return 'report';
  const type = /\bType\s+(II|I|2|1)\b/i.exec(title);
  return `SOC ${soc[1]}${type ? ` Type ${type[1] === '2' || type[1]!.toUpperCase() === 'II' ? 'II' : 'I'}` : ''}`;
}

/** The library entry for a structured report read from `files`. */
export function libraryEntry(report: Report, files: string[]): LibraryReport {
  return {
    id: report.id,
    title: report.title,
    kind: reportKind(report.title),
    serviceOrganization: report.serviceOrganization,
    auditor: { firm: report.auditor.firm, reportDate: report.auditor.reportDate },
    period: { start: report.period.start, end: report.period.end },
    counts: { services: report.services.length, regions: report.regions.length, edgeLocations: report.edgeLocations.length },
    files,
    report,
  };
}

/** Newest period end first, then newest start, then id (a stable order for equal periods). */
export function byNewest(a: { id: string; period: { start: string; end: string } }, b: typeof a): number {
  return b.period.end.localeCompare(a.period.end) || b.period.start.localeCompare(a.period.start) || a.id.localeCompare(b.id);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportError(file, code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`);
  }
}

function readJsonReport(file: string, id: string | undefined): Report {
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof ReportError) throw error;
    throw new ReportError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const report = validateReport(data, file);
  if (id !== undefined && report.id !== id) {
    throw new ReportError(file, `its id is "${report.id}" but its file name gives "${id}" (rename the file, or re-ingest with --id ${id})`);
  }
  return report;
}

/** The reason a ReportError carries, without the file name it starts with. */
function reasonOf(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * Reads every report in a folder (see the rules above). Never throws for a bad report file: it is refused
 * with its reason and the rest are served.
 * @throws ReportError when the folder itself cannot be read (missing, not a folder).
 */
export function loadLibraryDir(dir: string): ReportLibrary {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportError(dir, code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'is a file, not a folder of reports (use REPORT_FILE for one report)' : `cannot be read (${code ?? String(error)})`);
  }
  const groups = new Map<string, { json: string[]; text: string[] }>();
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const ext = extname(name).toLowerCase();
    if (ext !== '.json' && !TEXT_EXTENSIONS.has(ext)) continue;
    const id = reportIdFromFile(name);
    const group = groups.get(id) ?? { json: [], text: [] };
    (ext === '.json' ? group.json : group.text).push(join(dir, name));
    groups.set(id, group);
  }
  const reports: LibraryReport[] = [];
  const refused: Refusal[] = [];
  const warnings: string[] = [];
  for (const [id, { json, text }] of groups) {
    if (json.length > 1 || text.length > 1) {
      const files = [...json, ...text];
      const same = json.length > 1 ? json : text;
      for (const file of files) refused.push({ file, id, reason: `two files have the id "${id}" (${same.map((f) => basename(f)).join(', ')}); rename one` });
      continue;
    }
    const [jsonFile] = json;
    const [textFile] = text;
    let served: LibraryReport | undefined;
    if (jsonFile && textFile && mtime(textFile) > mtime(jsonFile) + EDIT_GRACE_MS) {
      warnings.push(`${textFile} was changed after ${basename(jsonFile)} was ingested; the JSON is served (re-run npm run ingest -- ${textFile} --add)`);
    }
    if (jsonFile) {
      try {
        served = libraryEntry(readJsonReport(jsonFile, id), textFile ? [jsonFile, textFile] : [jsonFile]);
      } catch (error) {
        refused.push({ file: jsonFile, id, reason: reasonOf(error, jsonFile) });
      }
    }
    if (!served && textFile) {
      try {
        served = libraryEntry(parseReport(readText(textFile), { id, file: textFile }), jsonFile ? [textFile, jsonFile] : [textFile]);
      } catch (error) {
        refused.push({ file: textFile, id, reason: reasonOf(error, textFile) });
      }
    }
    if (served) reports.push(served);
  }
  return { reports: reports.sort(byNewest), refused, warnings, source: dir };
}

/**
 * A library of one report file (`REPORT_FILE`, the CLI's `--report`): text or JSON; the report keeps its own id.
 * @throws ReportError naming the file when it cannot be read or parsed (one report: nothing else to serve).
 */
export function loadLibraryFile(file: string): ReportLibrary {
  const content = readText(file);
  const isJson = extname(file).toLowerCase() === '.json' || content.trimStart().startsWith('{');
  const report = isJson ? readJsonReport(file, undefined) : parseReport(content, { id: reportIdFromFile(file), file });
  return { reports: [libraryEntry(report, [file])], refused: [], warnings: [], source: file };
}

/** The project's own report as a library of one, from the JSON bundled with the code (no file read). */
export function bundledLibrary(): ReportLibrary {
  return { reports: [libraryEntry(loadDefaultReport(), [DEFAULT_REPORT_FILE])], refused: [], warnings: [], source: '(bundled)' };
}

/**
 * True when `dir` holds exactly the project's own report files as committed (the JSON and its text), so the
 * bundled copy, checked against the text by a test, can stand in and a cold start reads nothing.
 */
function isDefaultFolder(dir: string): boolean {
  try {
    const names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
    if (names.join('|') !== 'aws-soc3-2017.json|aws-soc3-2017.txt') return false;
    // An edited copy (another size) is read like any other.
    return statSync(join(dir, 'aws-soc3-2017.json')).size === BUNDLED_SIZE();
  } catch {
    return false;
  }
}

let bundledSize: number | undefined;
/** Byte size of the bundled report as `ingest` writes it (pretty JSON with a final newline). */
const BUNDLED_SIZE = () => (bundledSize ??= Buffer.byteLength(`${JSON.stringify(loadDefaultReport(), null, 2)}\n`));

/**
 * Loads the library from a folder or a single file. With neither, reads `data/reports/` under the working
 * directory when it exists (the bundled report stands in when that folder holds exactly the committed
 * files), else serves the bundled report.
 * @throws ReportError for a single file that is bad, a folder that cannot be read, both set, or a folder
 * in which no report could be read (the message lists each file refused and why).
 */
export function loadLibrary(source: LibrarySource = {}): ReportLibrary {
  if (source.dir && source.file) throw new ReportError(source.dir, 'REPORTS_DIR and REPORT_FILE are both set; set one (REPORT_FILE is a library of one)');
  if (source.file) return loadLibraryFile(source.file);
  const dir = source.dir ?? DEFAULT_REPORTS_DIR;
  if (!source.dir && (!existsSync(dir) || isDefaultFolder(dir))) return { ...bundledLibrary(), source: existsSync(dir) ? dir : '(bundled)' };
  const library = loadLibraryDir(dir);
  if (library.reports.length === 0) {
    const why = library.refused.map((r) => `\n  ${r.file}: ${r.reason}`).join('');
    throw new ReportError(dir, `holds no report that can be read${why || ' (no .txt, .md or .json files)'}`);
  }
  return library;
}

/** The result of {@link reloadLibrary}: the library to serve now and what changed. */
export interface Reload {
  library: ReportLibrary;
  /** Ids new in this library, ids gone, and ids refused this time whose previous version is kept. */
  added: string[];
  removed: string[];
  kept: string[];
}

/**
 * Re-reads the library. A report whose file is refused this time but was served before keeps its previous
 * version (the refusal is still listed, so it is logged); new good files are added, deleted ones dropped.
 * @throws ReportError when the folder cannot be read or nothing could be read; the caller keeps `previous`.
 */
export function reloadLibrary(previous: ReportLibrary, source: LibrarySource): Reload {
  const next = loadLibrary(source);
  const ids = new Set(next.reports.map((r) => r.id));
  const kept = previous.reports.filter((r) => !ids.has(r.id) && next.refused.some((x) => x.id === r.id));
  const reports = [...next.reports, ...kept].sort(byNewest);
  const before = new Set(previous.reports.map((r) => r.id));
  return {
    library: { ...next, reports },
    added: reports.filter((r) => !before.has(r.id)).map((r) => r.id),
    removed: previous.reports.filter((r) => !reports.some((x) => x.id === r.id)).map((r) => r.id),
    kept: kept.map((r) => r.id),
  };
}
