// A replay's report for people: what was replayed and skipped, then each answer that differs on
// what the contract fixes, the recorded and the replayed side by side, aspect by aspect and body
// by body; choices and differences of the world, one line for each kind.
import { codeOf, type Exchange } from '../Exchange.js';
import { plural } from '../plural.js';
import type { ReplayGrade, ReplayReport, ReplayedEntry } from '../replayHar.js';

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
  const why = new Set(entry.differences.filter((d) => d.grade === 'contract').map((d) => d.why));
  for (const reason of why) lines.push(`    ${reason}`);
  lines.push(...rows('', 'recorded', 'replayed'));
  for (const d of entry.differences) lines.push(...rows(d.aspect, d.recorded, d.replayed));
  lines.push(...rows('answer', answerLine(entry.recorded), answerLine(entry.replayed)));
  lines.push(...rows('body', clip(entry.recorded.body, BODY_CHARS), clip(entry.replayed.body, BODY_CHARS)));
  return lines.join('\n');
}

/** How many entries a grouped line names before it says how many more. */
const NAMED_ENTRIES = 6;

/** The differences of one grade, one line per aspect and pair of values (wording: per error code), with the entries that show it. */
function groupedLines(report: ReplayReport, grade: ReplayGrade): string[] {
  const groups = new Map<string, { aspect: string; change: string; why: string; entries: number[] }>();
  for (const entry of report.differences) {
    for (const d of entry.differences) {
      if (d.grade !== grade) continue;
      const change =
        d.aspect === 'message' ? `wording of ${answerLine(entry.recorded)}` : `${clip(d.recorded, 40)} -> ${clip(d.replayed, 40)}`;
      const key = `${d.aspect}\u0000${change}`;
      const group = groups.get(key) ?? { aspect: d.aspect, change, why: d.why, entries: [] };
      group.entries.push(entry.index);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ aspect, change, why, entries }) => {
    const named = entries.slice(0, NAMED_ENTRIES).map((i) => `#${i}`);
    const more = entries.length > NAMED_ENTRIES ? ` and ${entries.length - NAMED_ENTRIES} more` : '';
    return `  ${aspect.padEnd(11)} ${change}: ${plural(entries.length, 'answer')} (${named.join(' ')}${more}); ${why}`;
  });
}

export function prettyReplay(report: ReplayReport): string {
  const out = [
    `replay of ${plural(report.entries, 'recorded request')} against ${report.target}: ${report.replayed} replayed (${plural(report.requests, 'request')} sent), ${report.skipped.length} skipped`,
  ];
  if (report.world)
    out.push(
      `  the recording's world at the endpoint: ${plural(report.world.readable, 'object')} readable, ${report.world.refused} refused (InvalidS3ObjectException)`,
    );
  out.push(`  jobs: the recording started ${report.jobs.recorded}, the replay ${report.jobs.replayed}`);
  const reasons = new Map<string, number>();
  for (const { reason } of report.skipped) {
    const kind = reason
      .replace(/ of entry \d+/, ' of an earlier entry')
      .replace(/ \([^)]*\)/, '')
      .replace(/answered \d+ \w+/, 'answered otherwise');
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) out.push(`  skipped ${count}: ${reason}`);
  if (report.interrupted)
    out.push(`interrupted (${report.interrupted}): the entries after #${report.replayed + report.skipped.length} were not replayed`);
  if (report.identical) {
    out.push('no difference: every answer agrees with the recording');
    return `${out.join('\n')}\n`;
  }
  const contract = report.differences.filter((e) => e.differences.some((d) => d.grade === 'contract'));
  out.push('');
  if (contract.length === 0) out.push('contract: no difference on what the contract fixes');
  else {
    out.push(
      `contract: ${plural(report.graded.contract, 'difference')} in ${plural(contract.length, 'answer')} on what the contract fixes:`,
      '',
    );
    for (const entry of contract) out.push(entryText(entry), '');
  }
  if (report.graded.choice > 0)
    out.push(
      `choice: ${plural(report.graded.choice, 'difference')} where the contract allows both answers${report.strict ? ' (--strict: each fails the replay)' : ' (--strict fails on them)'}:`,
      ...groupedLines(report, 'choice'),
    );
  if (report.graded.world > 0)
    out.push(
      `world: ${plural(report.graded.world, 'difference')} that follow from another world (which objects exist, what the jobs found), not from the contract:`,
      ...groupedLines(report, 'world'),
    );
  return `${out.join('\n')}\n`;
}
