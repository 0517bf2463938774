// TEMPORARY STUB: replaced by the real loader (issue 2, in progress).
import type { Report } from './schema.js';
export const DEFAULT_REPORT_ID = 'aws-soc3-2017';
export class ReportError extends Error {}
export function loadReport(_file: string): Report { throw new ReportError('not yet'); }
export function loadDefaultReport(): Report { throw new ReportError('not yet'); }
