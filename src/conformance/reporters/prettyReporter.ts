// The report for people: a line per check as it finishes (with the cases it skipped or stopped
// early), then each finding in full, every check's cases with their runs and requests (with
// verbose; else a line saying where they are), which checks an interruption left unfinished, and
// the verdict.
import { styleText } from 'node:util';
import type { CaseResult, CheckResult, ConformanceReport, ProgressEvent, RunPlan } from '../conformanceReport.js';
import { plural } from '../plural.js';
import { shellQuote } from '../curl.js';

type Style = Parameters<typeof styleText>[0];

export interface PrettyOptions {
  /** Colour the output. Default: when the stream is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** List every case of every check with its runs and requests. Default: no, a line says where to find them. */
  verbose?: boolean;
}

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? styleText(style, text) : text);
}

/** How each check's status and each verdict read, and in which colour. */
const STATUS_MARKS: Record<CheckResult['status'], [Style, string]> = {
  passed: ['green', 'passed'],
  failed: ['red', 'FAILED'],
  inconclusive: ['yellow', 'INCONCLUSIVE'],
  // No case judged, every skip accepted (each case line says so), or no case selected.
  skipped: ['yellow', 'skipped'],
  interrupted: ['yellow', 'INTERRUPTED'],
};
const VERDICT_MARKS: Record<ConformanceReport['verdict'], [Style, string]> = {
  conformant: ['green', 'conformant'],
  'not conformant': ['red', 'NOT conformant'],
  inconclusive: ['yellow', 'INCONCLUSIVE'],
  interrupted: ['yellow', 'INTERRUPTED'],
};

const seconds = (ms: number, digits = 1) => `${(ms / 1000).toFixed(digits)} s`;

/** `skipped: <case>: <reason>`, and whether --accept-skip accepted it. */
function skippedLine(c: CaseResult): string {
  return `${c.accepted ? 'skipped (accepted)' : 'skipped'}: ${c.name}: ${c.reason ?? 'no reason given'}`;
}

/**
 * A progress line per check: `[2/10] negative-rejection ... passed (680 runs in 68 cases, 702
 * requests, 1.2 s)`, and under it each case skipped, with its reason.
 */
export function prettyProgress(write: (text: string) => void, options: PrettyOptions = {}) {
  const paint = painter(options.color ?? false);
  return (event: ProgressEvent) => {
    if (event.type === 'start') return;
    if (event.type === 'plan') return void write(`${planLine(event.plan)}\n`);
    const { result } = event;
    const mark = paint(...STATUS_MARKS[result.status]);
    const detail =
      result.status === 'skipped' && result.cases.length <= 1
        ? (result.reason ?? 'no case could check anything')
        : `${plural(result.runs, 'run')} in ${plural(result.cases.length, 'case')}, ${plural(result.requests, 'request')}, ${seconds(result.durationMs)}`;
    const lines = [`[${event.index + 1}/${event.total}] ${result.name} ... ${mark} (${detail})`];
    if (result.status === 'interrupted') lines.push(`    ${result.reason ?? 'interrupted'}`);
    for (const c of result.cases.filter((k) => k.status === 'skipped')) {
      // A check without cases has one, named as the check: its reason is the check's, said above.
      if (result.status === 'skipped' && c.name === result.name && c.reason === result.reason) continue;
      lines.push(`    ${skippedLine(c)}`);
    }
    write(`${lines.join('\n')}\n`);
  };
}

/** The run's plan in one line: what it sends whatever the draw, and how long it waits at most for anything. */
export function planLine(plan: RunPlan): string {
  const waits = [
    plan.answerTimeoutMs !== undefined ? `${seconds(plan.answerTimeoutMs, 0)} for an answer` : undefined,
    `${seconds(plan.jobTimeoutMs, 0)} for a job to finish (--job-timeout)`,
    `${seconds(plan.laterTimeoutMs, 0)} of "later" answers to one request`,
  ].filter(Boolean);
  const selective =
    plan.selectiveLaterMs !== undefined
      ? `; an invalid request answered "later" for ${seconds(plan.selectiveLaterMs, 0)} is compared with valid ones (answered at once, the "later" is a finding)`
      : '';
  return (
    `plan: ${plural(plan.coverageRuns, 'coverage run')} (every boundary of every rule, whatever --seed and --runs), then ` +
    `${plural(plan.randomRuns, 'random run')} a check (--runs), at least ${plan.randomRunsPerCase} a case; ` +
    `it waits at most ${waits.join(', ')}${selective}`
  );
}

function finding(result: CheckResult, paint: ReturnType<typeof painter>): string {
  const f = result.finding!;
  const lines = [
    paint('red', `✗ ${result.name}: ${f.message}`),
    `  oracle: ${result.oracle}`,
    `  counterexample (${f.phase === 'coverage' ? 'a boundary value of the coverage' : 'shrunk'}): ${JSON.stringify(f.counterexample)}`,
    `  replay: face-detection-contract conformance ${f.replay}`,
  ];
  if (f.exchange) lines.push(`  answer: ${f.exchange.response.status} ${f.exchange.response.body.slice(0, 500)}`);
  if (f.curl) lines.push(`  reproduce:\n    ${f.curl.replace(/\n/g, '\n    ')}`);
  return lines.join('\n');
}

/** `  check / case: N runs, M requests[; skipped: reason]` for every case of every check: what was exercised. */
function casesSection(report: ConformanceReport, paint: ReturnType<typeof painter>): string[] {
  const lines = [paint('bold', 'What was checked, case by case:')];
  for (const check of report.checks) {
    if (check.cases.length === 0)
      lines.push(
        `  ${check.name}: ${check.status === 'interrupted' ? (check.reason ?? 'interrupted') : `skipped: ${check.reason ?? 'no case ran'}`}`,
      );
    for (const c of check.cases) {
      const name = c.name === check.name ? check.name : `${check.name} / ${c.name}`;
      const status =
        c.status === 'skipped'
          ? `; ${skippedLine({ ...c, name: '' }).replace(': : ', ': ')}`
          : c.status === 'failed'
            ? '; FAILED'
            : c.status === 'interrupted'
              ? '; INTERRUPTED'
              : '';
      const phases = c.coverage > 0 ? ` (${c.coverage} coverage, ${c.random} random)` : '';
      lines.push(`  ${name}: ${plural(c.runs, 'run')}${phases}, ${plural(c.requests, 'request')}${status}`);
    }
  }
  return ['', ...lines];
}

/** What --verbose would list, in one line: how many cases, how many facts not checked, and where they are. */
function briefLine(report: ConformanceReport): string[] {
  const cases = report.checks.reduce((n, c) => n + c.cases.length, 0);
  const unchecked = report.factsNotChecked.length;
  if (cases === 0 && unchecked === 0) return [];
  const what = [
    ...(cases ? [`${plural(cases, 'case')} checked`] : []),
    ...(unchecked ? [`${plural(unchecked, 'fact')} of the contract not checked by this run`] : []),
  ].join(', ');
  return ['', `${what}: --verbose lists them, with runs and requests and why (so do the JSON and JUnit reports)`];
}

/** The facts the run did not check, a line per reason. */
function uncheckedSection(report: ConformanceReport, paint: ReturnType<typeof painter>): string[] {
  if (report.factsNotChecked.length === 0) return [];
  const byReason = new Map<string, string[]>();
  for (const { fact, why } of report.factsNotChecked) byReason.set(why, [...(byReason.get(why) ?? []), fact]);
  // `error X: status 400; error X: body` reads `error X (status 400, body)`.
  const compact = (facts: string[]) => {
    const byError = new Map<string, string[]>();
    for (const fact of facts) {
      const [subject, what] = /^(error \w+): (.*)$/.exec(fact)?.slice(1) ?? [fact, undefined];
      byError.set(subject!, [...(byError.get(subject!) ?? []), ...(what ? [what] : [])]);
    }
    return [...byError].map(([subject, whats]) => (whats.length ? `${subject} (${whats.join(', ')})` : subject)).join('; ');
  };
  return [
    '',
    paint(
      'bold',
      `Facts of the contract this run did not check (${report.factsNotChecked.length}; every fact and its checks: docs/contract-coverage.md):`,
    ),
    ...[...byReason].map(([why, facts]) => `  ${compact(facts)}: ${why}`),
  ];
}

/** By what the run was stopped, and which checks it left unfinished: what the report holds is what ran before. */
function interruptedSection(report: ConformanceReport, paint: ReturnType<typeof painter>): string[] {
  if (report.interrupted === undefined) return [];
  const unfinished = report.checks.filter((c) => c.status === 'interrupted').map((c) => c.name);
  return [
    '',
    paint(
      'yellow',
      `Interrupted by ${report.interrupted}: ${plural(unfinished.length, 'check')} did not finish (${unfinished.join(', ')}); ` +
        'this report holds what ran before.',
    ),
  ];
}

/** What the run could not judge: each case, why, what would let it judge, and the flag that accepts its skip. */
function inconclusiveSection(report: ConformanceReport, paint: ReturnType<typeof painter>): string[] {
  // An interrupted run lists the skips of the checks it finished too.
  if (report.verdict !== 'inconclusive' && !(report.verdict === 'interrupted' && report.inconclusive.length > 0)) return [];
  if (report.inconclusive.length === 0)
    return ['', paint('yellow', 'Inconclusive: no check judged anything (every skip was accepted, or no case was selected).')];
  return [
    '',
    paint('yellow', `Inconclusive: ${plural(report.inconclusive.length, 'case')} could not judge, and no --accept-skip accepts it:`),
    ...report.inconclusive.flatMap((u) => [
      `  ${u.case ? `${u.check} / ${u.case}` : u.check}: ${u.reason}`,
      ...(u.remedy ? [`    to judge it: ${u.remedy}`] : []),
      `    to accept the skip: --accept-skip ${shellQuote(u.accept)}`,
    ]),
  ];
}

/** The closing summary: every finding, every check's cases, the verdict. */
export function prettyReport(report: ConformanceReport, options: PrettyOptions = {}): string {
  const paint = painter(options.color ?? false);
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  const findings = report.checks.filter((c) => c.status === 'failed').map((c) => finding(c, paint));
  const verdict = paint(...VERDICT_MARKS[report.verdict]);
  const jobs = report.jobsCost ? `; ${plural(report.jobsStarted, 'job')} started of --max-jobs ${report.maxJobs ?? '(unset)'}` : '';
  return [
    ...findings,
    ...(options.verbose ? [...casesSection(report, paint), ...uncheckedSection(report, paint)] : briefLine(report)),
    ...inconclusiveSection(report, paint),
    ...interruptedSection(report, paint),
    '',
    `${report.target}: ${verdict}. ${count('passed')} passed, ${count('failed')} failed, ${count('inconclusive')} inconclusive, ` +
      `${count('skipped')} skipped${report.interrupted !== undefined ? `, ${count('interrupted')} interrupted` : ''}; ` +
      `${plural(report.requests, 'request')} in ${seconds(report.durationMs)}; seed ${report.seed}${jobs}`,
    '',
  ].join('\n');
}
