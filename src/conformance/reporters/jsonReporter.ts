import type { ConformanceReport } from '../conformanceReport.js';

/** The whole report as JSON (credentials already redacted by the runner). */
export function jsonReport(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
