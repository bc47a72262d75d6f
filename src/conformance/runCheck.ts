// One check of a run: each selected case's coverage, then its random runs, through fast-check; a
// failure shrunk (where that costs nothing) and reported with the flags that replay it; a case that
// could not judge, skipped with why; an interruption, the case and the check marked interrupted.
import fc from 'fast-check';
import type { Check, CheckCase, CheckContext } from './Check.js';
import { CheckSkipped } from './CheckSkipped.js';
import type { CaseResult, CheckResult, Finding } from './conformanceReport.js';
import { ContractViolation } from './ContractViolation.js';
import { curlCommand, EMULATOR_DEFAULT_URL, redacted, shellQuote } from './curl.js';
import { interruptionOf, isInterruption } from './interruption.js';
import type { HarRecorder } from './HarRecorder.js';
import { plural } from './plural.js';
import { isNetworkError } from './answerKinds.js';
import type { RunTarget } from './runTarget.js';
import type { ConformanceOptions } from './ConformanceOptions.js';
import { SetupError } from './SetupError.js';
import type { Target } from './Target.js';
import { UnreachableEndpointError } from './UnreachableEndpointError.js';

/** Runs per case: the check's runs divided among its cases, or by this when they are more, and never fewer than CASE_MIN_RUNS (1 where jobs cost). */
const CASE_SHARE = 10;
export const CASE_MIN_RUNS = 3;

/** What --accept-skip takes to accept a case's skip: the check's name, or the check's and the case's. */
export const acceptNameOf = (check: string, caseName: string) => (caseName === check ? check : `${check}/${caseName}`);

/** Whether --accept-skip names the case (by its check, or by both). */
function isAccepted(options: ConformanceOptions, check: string, caseName: string): boolean {
  const names = options.acceptSkips ?? [];
  return names.includes(check) || names.includes(acceptNameOf(check, caseName));
}

/** A SetupError for what was thrown, when it is one or says the credentials are missing. */
export function setupErrorOf(error: unknown, target: Target): SetupError | undefined {
  if (error instanceof SetupError) return error;
  if ((error as Error)?.name === 'CredentialsProviderError') {
    return new SetupError(
      `no AWS credentials to sign requests to ${target.name} with (${(error as Error).message}). ` +
        'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE, or any source of the standard AWS chain.',
    );
  }
  return undefined;
}

export async function runCheck(
  check: Check,
  selected: CheckCase[],
  {
    context,
    target,
    options,
    seed,
    runs,
    recorder,
  }: { context: CheckContext; target: RunTarget; options: ConformanceOptions; seed: number; runs: number; recorder?: HarRecorder },
): Promise<CheckResult> {
  const started = Date.now();
  const base = { name: check.name, oracle: check.oracle };
  if (selected.length === 0) {
    return {
      ...base,
      status: 'skipped',
      runs: 0,
      requests: 0,
      durationMs: 0,
      reason: options.case !== undefined ? `no case named ${JSON.stringify(options.case)}` : 'no case selected',
      cases: [],
    };
  }
  const wanted = Math.min(runs, check.maxRuns ?? runs);
  // A check made of cases shares its runs among them (among CASE_SHARE at most), and gives every case at least a few.
  // Where every request counts against a quota, as few as --runs asks for.
  const minRuns = context.jobsCost ? 1 : CASE_MIN_RUNS;
  const perCase = check.cases ? Math.max(minRuns, Math.ceil(wanted / Math.min(selected.length, CASE_SHARE))) : wanted;
  const results: CaseResult[] = [];
  /** The check's result; `interrupted`, the reason of a check the run was stopped in. */
  const summary = (interrupted?: string): CheckResult => {
    const unjudged = results.filter((c) => c.status === 'skipped' && !c.accepted);
    const status: CheckResult['status'] = results.some((c) => c.status === 'failed')
      ? 'failed'
      : interrupted !== undefined
        ? 'interrupted'
        : unjudged.length
          ? 'inconclusive'
          : results.some((c) => c.status === 'passed')
            ? 'passed'
            : 'skipped';
    const skip = unjudged[0] ?? results.find((c) => c.status === 'skipped');
    return {
      ...base,
      status,
      runs: results.reduce((n, c) => n + c.runs, 0),
      requests: results.reduce((n, c) => n + c.requests, 0),
      durationMs: Date.now() - started,
      ...(status === 'interrupted' ? { reason: interrupted } : {}),
      ...((status === 'inconclusive' || status === 'skipped') && skip?.reason ? { reason: skip.reason } : {}),
      cases: results,
    };
  };
  const skipped = (outcome: Omit<CaseResult, 'status' | 'reason' | 'accepted'>, reason: string, remedy?: string): CaseResult => ({
    ...outcome,
    status: 'skipped',
    reason,
    ...(remedy ? { remedy } : {}),
    ...(isAccepted(options, check.name, outcome.name) ? { accepted: true } : {}),
  });

  const { signal } = options;
  for (const testCase of selected) {
    // Stopped between two cases: the ones done stand, the rest were never begun.
    if (signal?.aborted)
      return summary(`interrupted (${interruptionOf(signal)}) after ${plural(results.length, 'case')} of ${selected.length}`);
    if (recorder) recorder.label = `check ${check.name}, case ${testCase.name}`;
    const counter = { requests: 0 };
    target.countInto(counter);
    const limit = context.jobsCost ? (testCase.runsWhereJobsCost ?? check.runsWhereJobsCost) : undefined;
    const random = Math.min(perCase, limit ?? perCase, testCase.maxRuns ?? perCase);
    // The coverage first, every value of it, then the random runs: fast-check runs its examples
    // before it draws, and counts them among numRuns; a path indexes them as it does drawn runs.
    const examples = (testCase.coverage ?? []) as unknown[][];
    let details = await fc.check(testCase.property, {
      seed,
      examples,
      endOnFailure: true,
      numRuns: examples.length + random,
      ...(options.path ? { path: options.path } : {}),
    });
    /** Runs tried (judged or left by fc.pre), the failing one among them: coverage first. */
    const tried = details.numRuns + details.numSkips;
    const outcome = {
      name: testCase.name,
      requests: 0,
      coverage: Math.min(tried, examples.length),
      random: Math.max(0, tried - examples.length),
    };
    if (!details.failed) {
      const unjudged = testCase.unjudged?.();
      const judged = { ...outcome, runs: details.numRuns, requests: counter.requests };
      results.push(unjudged ? skipped(judged, unjudged.reason, unjudged.remedy) : { ...judged, status: 'passed' });
      continue;
    }
    const error = details.errorInstance;
    // The run was stopped, not the endpoint caught: the runs before it stand, nothing is shrunk or reported.
    if (isInterruption(error)) {
      const judged = Math.max(0, details.numRuns - 1);
      const reason = `interrupted (${interruptionOf(signal)}) in case ${testCase.name}${judged > 0 ? ` after ${plural(judged, 'judged run')}` : ''}`;
      results.push({ ...outcome, status: 'interrupted', runs: judged, requests: counter.requests, reason });
      return summary(reason);
    }
    const setup = setupErrorOf(error, target);
    if (setup) throw setup;
    if (!(error instanceof ContractViolation) && isUnreachable(error)) throw new UnreachableEndpointError(target.name, error);
    if (error instanceof CheckSkipped) {
      // The runs before it judged what they judged, but a case passes only when every run judged.
      const judged = details.numRuns - 1;
      const reason = judged > 0 ? `after ${plural(judged, 'judged run')}: ${error.message}` : error.message;
      results.push(skipped({ ...outcome, runs: judged, requests: counter.requests }, reason, error.remedy));
      continue;
    }
    // A coverage value is minimal by construction (one boundary value in the smallest valid
    // request) and fast-check cannot shrink it without the draw behind it; a random one is shrunk
    // within a time limit (a long value shrinks one character at a time), unless what it found
    // does not follow from the request (a "later" answer's status). Never where jobs cost:
    // each step is another request, maybe another job; nor in a replay (--path), whose path names
    // the counterexample as it was reported.
    const phase = phaseOf(details.counterexamplePath, examples.length);
    const shrinkable = !(error instanceof ContractViolation) || error.ofTheRequest;
    if (phase === 'random' && shrinkable && !context.jobsCost && !options.path && details.counterexamplePath) {
      const shrunk = await fc.check(testCase.property, {
        seed,
        examples,
        path: details.counterexamplePath,
        interruptAfterTimeLimit: options.shrinkTimeMs ?? 3000,
      });
      // Interrupted while shrinking: the violation stands as first found.
      if (
        shrunk.failed &&
        !(shrunk.errorInstance instanceof CheckSkipped) &&
        !setupErrorOf(shrunk.errorInstance, target) &&
        !isInterruption(shrunk.errorInstance)
      )
        details = shrunk;
    }
    const finding = { ...findingOf(check, check.cases ? testCase.name : undefined, details, { target, options, seed }), phase };
    results.push({ ...outcome, status: 'failed', runs: Math.max(0, details.numRuns - 1), requests: counter.requests });
    return { ...summary(), finding };
  }
  return summary();
}

/** Whether a counterexample is a coverage value (its path's first run is among the examples) or a random one. */
function phaseOf(path: string | null | undefined, coverage: number): Finding['phase'] {
  const first = Number((path ?? '').split(':')[0]);
  return Number.isInteger(first) && first < coverage ? 'coverage' : 'random';
}

function findingOf(
  check: Check,
  caseName: string | undefined,
  details: fc.RunDetails<unknown>,
  { target, options, seed }: { target: Target; options: ConformanceOptions; seed: number },
): Omit<Finding, 'phase'> {
  const error = details.errorInstance;
  const exchange = error instanceof ContractViolation && error.exchange ? redacted(error.exchange) : undefined;
  const path = details.counterexamplePath ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const rule = error instanceof ContractViolation ? error.rule : undefined;
  // Every flag that changes what the run sends or demands, as the run had it.
  const flags = [
    `--checks ${check.name}`,
    caseName ? `--case ${shellQuote(caseName)}` : '',
    `--seed ${seed} --path ${path}`,
    options.endpoint ? `--endpoint ${shellQuote(options.endpoint)}` : '',
    options.region ? `--region ${shellQuote(options.region)}` : '',
    options.strict ? '--strict' : '',
    options.jobsCost ? '--jobs-cost' : '',
    options.video ? `--video ${shellQuote(`s3://${options.video.Bucket}/${options.video.Name}`)}` : '',
    options.maxJobs !== undefined ? `--max-jobs ${options.maxJobs}` : '',
    options.rps !== undefined ? `--rps ${options.rps}` : '',
    options.jobTimeoutMs !== undefined ? `--job-timeout ${options.jobTimeoutMs / 1000}` : '',
    options.answerTimeoutMs !== undefined ? `--answer-timeout ${options.answerTimeoutMs / 1000}` : '',
  ];
  return {
    message: caseName ? `${caseName}: ${message}` : message,
    ...(rule ? { rule } : {}),
    ...(caseName ? { case: caseName } : {}),
    counterexample: (details.counterexample as unknown[] | null)?.[0],
    seed,
    path,
    replay: flags.filter(Boolean).join(' '),
    exchange,
    curl: exchange
      ? curlCommand(exchange.request, target.region, !target.jobsCost && !options.endpoint ? EMULATOR_DEFAULT_URL : exchange.request.url)
      : undefined,
  };
}

/** A request that got no whole answer (refused, reset, cut off, timed out; a GetFaceDetection was already sent again): nothing to judge. */
const isUnreachable = isNetworkError;
