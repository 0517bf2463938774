import type { Express, Request } from 'express';
import { ReportError, type ServingEngine } from '../src/index.js';
import type { Logger } from './logger.js';

/**
 * Reloading the report library of a running server: on SIGHUP, and at `POST /admin/reports/reload`, which
 * `npm run reports -- reload` calls. The endpoint takes requests from this machine only (a loopback peer, and
 * no proxy header: behind a reverse proxy on the same machine every peer is loopback), since anyone who can
 * reach it can make the server re-read its folder. It changes nothing but what is read from REPORTS_DIR.
 */

/** The path of the reload endpoint. */
export const RELOAD_PATH = '/admin/reports/reload';

/** What a reload did, as the endpoint answers it and the log records it. */
export type ReloadOutcome =
  | { ok: true; reports: string[]; added: string[]; removed: string[]; kept: string[]; refused: { file: string; reason: string }[] }
  | { ok: false; error: string; reports: string[] };

/**
 * Re-reads the library and logs the result: each refused file (warn, with its reason), the ids kept at their
 * previous version, and a summary. A reload that fails as a whole is logged and changes nothing.
 */
export function reloadReports(engine: ServingEngine, logger: Logger): ReloadOutcome {
  try {
    const r = engine.reload();
    const refused = r.library.refused.map((x) => ({ file: x.file, reason: x.reason }));
    for (const x of refused) logger.warn({ file: x.file, reason: x.reason }, 'report file refused');
    for (const w of r.library.warnings) logger.warn({ warning: w }, 'report library');
    if (r.kept.length) logger.warn({ kept: r.kept }, 'previous version kept for reports whose file was refused');
    const reports = r.library.reports.map((x) => x.id);
    logger.info({ reports, added: r.added, removed: r.removed, kept: r.kept, refused: refused.length }, 'reports reloaded');
    return { ok: true, reports, added: r.added, removed: r.removed, kept: r.kept, refused };
  } catch (error) {
    const message = error instanceof ReportError || error instanceof Error ? error.message : String(error);
    logger.error({ error: message }, 'reports reload failed; the previous library keeps answering');
    return { ok: false, error: message, reports: engine.library.reports.map((x) => x.id) };
  }
}

/** A peer on this machine: 127.0.0.0/8 or ::1 (also as IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

const fromThisMachine = (req: Request) => isLoopback(req.socket.remoteAddress) && !req.headers['x-forwarded-for'] && !req.headers.forwarded && !req.headers['x-real-ip'];

/** Mounts `POST /admin/reports/reload`: 200 with the outcome, 422 when nothing could be read, 403 from elsewhere. */
export function mountReportsAdmin(app: Express, engine: ServingEngine, logger: Logger): void {
  app.post(RELOAD_PATH, (req, res) => {
    if (!fromThisMachine(req)) {
      res.status(403).json({ error: 'reloading the reports is allowed from this machine only' });
      return;
    }
    const outcome = reloadReports(engine, logger);
    res.status(outcome.ok ? 200 : 422).json(outcome);
  });
}
