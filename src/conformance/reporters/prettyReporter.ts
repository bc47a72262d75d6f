// The report for people: a line per check as it finishes, then each finding in full.
import { styleText } from 'node:util';
import type { CheckResult, ConformanceReport, ProgressEvent } from '../runConformance.js';

type Style = Parameters<typeof styleText>[0];

export interface PrettyOptions {
  /** Colour the output. Default: when the stream is a TTY and NO_COLOR is unset. */
  color?: boolean;
}

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? styleText(style, text) : text);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A progress line per check: `[2/7] negative-rejection ... passed (100 runs, 0.2 s)`. */
export function prettyProgress(write: (text: string) => void, options: PrettyOptions = {}) {
  const paint = painter(options.color ?? false);
  return (event: ProgressEvent) => {
    if (event.type === 'start') return;
    const { result } = event;
    const mark = result.status === 'passed' ? paint('green', 'passed') : result.status === 'failed' ? paint('red', 'FAILED') : paint('yellow', 'skipped');
    const detail = result.status === 'skipped' ? result.reason : `${result.runs} runs, ${seconds(result.durationMs)}`;
    write(`[${event.index + 1}/${event.total}] ${result.name} ... ${mark} (${detail})\n`);
  };
}

function finding(result: CheckResult, paint: ReturnType<typeof painter>): string {
  const f = result.finding!;
  const lines = [
    paint('red', `✗ ${result.name}: ${f.message}`),
    `  oracle: ${result.oracle}`,
    `  counterexample (shrunk): ${JSON.stringify(f.counterexample)}`,
    `  replay: face-detection-contract conformance ${f.replay}`,
  ];
  if (f.exchange) lines.push(`  answer: ${f.exchange.response.status} ${f.exchange.response.body.slice(0, 500)}`);
  if (f.curl) lines.push(`  reproduce:\n    ${f.curl.replace(/\n/g, '\n    ')}`);
  return lines.join('\n');
}

/** The closing summary, with every finding. */
export function prettyReport(report: ConformanceReport, options: PrettyOptions = {}): string {
  const paint = painter(options.color ?? false);
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  const findings = report.checks.filter((c) => c.status === 'failed').map((c) => finding(c, paint));
  const verdict = report.conformant ? paint('green', 'conformant') : paint('red', 'NOT conformant');
  return [
    ...findings,
    '',
    `${report.target}: ${verdict}. ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped; ` +
      `${report.requests} requests in ${seconds(report.durationMs)}; seed ${report.seed}`,
    '',
  ].join('\n');
}
