// A replay's report for people: what was replayed and skipped, then each answer that differs,
// the recorded and the replayed side by side, aspect by aspect and body by body.
import { codeOf, type Exchange } from '../Exchange.js';
import { plural } from '../plural.js';
import type { ReplayReport, ReplayedEntry } from '../replayHar.js';

/** How much of a body a column shows. */
const BODY_CHARS = 160;
const COLUMN = 48;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Text cut into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += width) lines.push(text.slice(at, at + width));
  return lines.length ? lines : [''];
}

/** Rows of two columns under an aspect name: long values wrap within their column. */
function rows(name: string, left: string, right: string): string[] {
  const [a, b] = [wrap(left, COLUMN), wrap(right, COLUMN)];
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) =>
    `    ${(i === 0 ? name : '').padEnd(11)} ${(a[i] ?? '').padEnd(COLUMN)} | ${b[i] ?? ''}`.trimEnd(),
  );
}

const answerLine = (response: Exchange['response']) => {
  const code = codeOf({ request: { method: 'POST', url: '', headers: {}, body: '' }, response });
  return `${response.status}${code ? ` ${code}` : ''}`;
};

function entryText(entry: ReplayedEntry): string {
  const lines = [`  #${entry.index} ${entry.operation}${entry.comment ? ` (${entry.comment})` : ''}`];
  lines.push(...rows('', 'recorded', 'replayed'));
  for (const d of entry.differences) lines.push(...rows(d.aspect, d.recorded, d.replayed));
  lines.push(...rows('answer', answerLine(entry.recorded), answerLine(entry.replayed)));
  lines.push(...rows('body', clip(entry.recorded.body, BODY_CHARS), clip(entry.replayed.body, BODY_CHARS)));
  return lines.join('\n');
}

export function prettyReplay(report: ReplayReport): string {
  const out = [
    `replay of ${plural(report.entries, 'recorded request')} against ${report.target}: ${report.replayed} replayed (${plural(report.requests, 'request')} sent), ${report.skipped.length} skipped`,
  ];
  const reasons = new Map<string, number>();
  for (const { reason } of report.skipped) {
    const kind = reason.replace(/ of entry \d+/, ' of an earlier entry').replace(/ \([^)]*\)/, '');
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) out.push(`  skipped ${count}: ${reason}`);
  if (report.identical) {
    out.push('no difference: every answer agrees with the recording on what the contract fixes');
    return `${out.join('\n')}\n`;
  }
  const count = report.differences.reduce((n, e) => n + e.differences.length, 0);
  out.push(`${plural(count, 'difference')} in ${plural(report.differences.length, 'answer')}:`, '');
  for (const entry of report.differences) out.push(entryText(entry), '');
  return `${out.join('\n')}\n`;
}
