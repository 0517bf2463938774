import type { Report, Service } from './schema.js';

/** Each report's services by name, made on first lookup (reports are never changed once loaded). */
const byReport = new WeakMap<Report, Map<string, Service>>();

/**
 * The listed service of `report` spelled exactly `name` (the first, should a structured report list a name twice,
 * as `report.services.find` would give), or undefined. A map lookup: an answer listing all 10,000 services of a
 * large report looked each one up by scanning the list, 2 s per answer.
 */
export function serviceNamed(report: Report, name: string): Service | undefined {
  let map = byReport.get(report);
  if (!map) {
    map = new Map();
    for (const s of report.services) if (!map.has(s.name)) map.set(s.name, s);
    byReport.set(report, map);
  }
  return map.get(name);
}
