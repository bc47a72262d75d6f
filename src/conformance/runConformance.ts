// Runs the checks against a target and reports every violation with its shrunk counterexample,
// the seed and path that replay it, and a curl command that reproduces it.
import fc from 'fast-check';
import type { S3Object } from '../../generated/types.js';
import type { Check, CheckContext } from './Check.js';
import { checks as allChecks } from './checks/index.js';
import { ContractViolation } from './ContractViolation.js';
import { curlCommand, redacted, shellQuote } from './curl.js';
import { embeddedTarget } from './embeddedTarget.js';
import type { Exchange } from './Exchange.js';
import { httpTarget } from './httpTarget.js';
import type { Target } from './Target.js';
import { UnreachableEndpointError } from './UnreachableEndpointError.js';

export interface ConformanceOptions {
  /** The endpoint to hold to the contract; without one, the embedded mock. */
  endpoint?: string;
  region?: string;
  /** Runs of each check. Default 100. */
  runs?: number;
  /** Default: a fresh one, printed in the report so the run replays. */
  seed?: number;
  /** With seed: replay one counterexample (fast-check's path), of one check. */
  path?: string;
  /** Names of the checks to run; default all. */
  checks?: string[];
  /** With a check made of cases, run only this case (as a finding names it). */
  case?: string;
  strict?: boolean;
  /** A video your account can read: lets job-starting checks run against AWS. */
  video?: S3Object;
  /** Most jobs started on a non-local endpoint. Default 5. */
  maxJobs?: number;
  /** How long a check waits for a job to finish, in ms. Default 10 minutes; 1 minute on a local target. */
  jobTimeoutMs?: number;
  /** The longest wait between two polls of a running job, in ms. Default 5000. */
  pollIntervalMs?: number;
  rps?: number;
  /** Longest time spent shrinking one counterexample, in ms. Default 3000. */
  shrinkTimeMs?: number;
  /** A ready-made target (tests, the emulator's own); overrides endpoint. */
  target?: Target;
  /** Called as each check starts and ends, for progress. */
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent = { type: 'start'; check: string; index: number; total: number } | { type: 'end'; result: CheckResult; index: number; total: number };

export interface Finding {
  message: string;
  /** The case of the check that failed, for checks made of cases. */
  case?: string;
  /** The shrunk counterexample: the smallest input found that breaks the contract. */
  counterexample: unknown;
  seed: number;
  /** fast-check's path to the counterexample: `--seed S --path P` replays it. */
  path: string;
  /** Flags that replay this finding. */
  replay: string;
  /** The request and answer that show it, credentials redacted. */
  exchange?: Exchange;
  curl?: string;
}

export interface CheckResult {
  name: string;
  oracle: string;
  status: 'passed' | 'failed' | 'skipped';
  runs: number;
  durationMs: number;
  reason?: string;
  finding?: Finding;
}

export interface ConformanceReport {
  target: string;
  seed: number;
  runs: number;
  strict: boolean;
  durationMs: number;
  requests: number;
  checks: CheckResult[];
  /** True when no check found a violation. */
  conformant: boolean;
}

/** Spends the job budget of a non-local target: a start past it is skipped, never sent. */
function withJobBudget(target: Target, budget: { left: number }): Target {
  return {
    ...target,
    get requests() {
      return target.requests;
    },
    async send(request) {
      if (request.operation === 'StartFaceDetection' && request.target === undefined) {
        fc.pre(budget.left > 0);
        budget.left--;
      }
      return target.send(request);
    },
  };
}

async function probe(target: Target): Promise<void> {
  try {
    await target.send({ target: null, body: '{}' });
  } catch (error) {
    throw new UnreachableEndpointError(target.name, error);
  }
}

export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const started = Date.now();
  const target = options.target ?? (options.endpoint ? httpTarget({ endpoint: options.endpoint, region: options.region, rps: options.rps }) : embeddedTarget());
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) >>> 0;
  const runs = options.runs ?? 100;
  const selected = options.checks ? allChecks.filter((c) => options.checks!.includes(c.name)) : allChecks;
  const unknown = (options.checks ?? []).filter((name) => !allChecks.some((c) => c.name === name));
  if (unknown.length) throw new TypeError(`unknown check ${unknown.join(', ')}; the checks are ${allChecks.map((c) => c.name).join(', ')}`);
  await probe(target);

  const budget = { left: options.maxJobs ?? 5 };
  const results: CheckResult[] = [];
  try {
    for (const [index, check] of selected.entries()) {
      options.onProgress?.({ type: 'start', check: check.name, index, total: selected.length });
      const result = await runCheck(check, { target, options, seed, runs, budget });
      results.push(result);
      options.onProgress?.({ type: 'end', result, index, total: selected.length });
    }
  } finally {
    await target.close();
  }
  return {
    target: target.name,
    seed,
    runs,
    strict: options.strict ?? false,
    durationMs: Date.now() - started,
    requests: target.requests,
    checks: results,
    conformant: results.every((r) => r.status !== 'failed'),
  };
}

async function runCheck(
  check: Check,
  { target, options, seed, runs, budget }: { target: Target; options: ConformanceOptions; seed: number; runs: number; budget: { left: number } },
): Promise<CheckResult> {
  const started = Date.now();
  const base = { name: check.name, oracle: check.oracle };
  const guarded = check.startsJobs && !target.local;
  if (guarded && !options.video) {
    return { ...base, status: 'skipped', runs: 0, durationMs: 0, reason: 'it starts jobs: pass --video s3://bucket/key to run it against this endpoint' };
  }
  const wanted = Math.min(runs, check.maxRuns ?? runs);
  const numRuns = guarded ? Math.min(wanted, Math.floor(budget.left / (check.jobsPerRun ?? 1))) : wanted;
  if (numRuns === 0) return { ...base, status: 'skipped', runs: 0, durationMs: 0, reason: `the job budget (--max-jobs) is spent` };
  const context: CheckContext = {
    target: guarded ? withJobBudget(target, budget) : target,
    strict: options.strict ?? false,
    video: options.video,
    jobTimeoutMs: options.jobTimeoutMs ?? (target.local ? LOCAL_JOB_TIMEOUT_MS : JOB_TIMEOUT_MS),
    pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS,
  };

  const cases = check.cases ? check.cases(context) : [{ name: undefined, property: check.property!(context) }];
  const selected = options.case ? cases.filter((c) => c.name === options.case) : cases;
  if (selected.length === 0) return { ...base, status: 'skipped', runs: 0, durationMs: 0, reason: `no case named ${JSON.stringify(options.case)}` };
  // A check made of cases gives each a share of the runs, and every case at least a few.
  const perCase = check.cases ? Math.max(CASE_MIN_RUNS, Math.ceil(numRuns / CASE_SHARE)) : numRuns;
  let total = 0;
  for (const { name, property } of selected) {
    // Find a failure first, then shrink it within a time limit: a long value shrinks one
    // character at a time, and a remote endpoint makes every step a round trip.
    let details = await fc.check(property, { numRuns: perCase, seed, ...(options.path ? { path: options.path } : {}), endOnFailure: true });
    if (details.failed && !guarded && details.counterexamplePath) {
      // Shrinking re-runs the property: never against AWS with jobs at stake (guarded).
      const shrunk = await fc.check(property, { seed, path: details.counterexamplePath, interruptAfterTimeLimit: options.shrinkTimeMs ?? 3000 });
      if (shrunk.failed) details = shrunk;
    }
    total += details.numRuns;
    if (details.failed) return failure(check, name, details, { target, options, started: Date.now() - started, runs: total });
  }
  return { ...base, status: 'passed', runs: total, durationMs: Date.now() - started };
}

/** How long a job may run before a check gives up on it: AWS's jobs take minutes; a local endpoint's, seconds. */
const JOB_TIMEOUT_MS = 10 * 60_000;
const LOCAL_JOB_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 5000;

/** Runs per case: the check's runs divided by this, and never fewer than CASE_MIN_RUNS. */
const CASE_SHARE = 10;
const CASE_MIN_RUNS = 3;

function failure(
  check: Check,
  caseName: string | undefined,
  details: fc.RunDetails<unknown>,
  { target, options, started, runs }: { target: Target; options: ConformanceOptions; started: number; runs: number },
): CheckResult {
  const error = details.errorInstance;
  if (!(error instanceof ContractViolation) && isUnreachable(error)) throw new UnreachableEndpointError(target.name, error);
  const exchange = error instanceof ContractViolation && error.exchange ? redacted(error.exchange) : undefined;
  const path = details.counterexamplePath ?? '';
  const replayCase = caseName ? ` --case ${shellQuote(caseName)}` : '';
  return {
    name: check.name,
    oracle: check.oracle,
    status: 'failed',
    runs,
    durationMs: started,
    finding: {
      message: caseName ? `${caseName}: ${error instanceof Error ? error.message : String(error)}` : error instanceof Error ? error.message : String(error),
      ...(caseName ? { case: caseName } : {}),
      counterexample: (details.counterexample as unknown[] | null)?.[0],
      seed: details.seed,
      path,
      replay: `--checks ${check.name}${replayCase} --seed ${details.seed} --path ${path}${options.endpoint ? ` --endpoint ${options.endpoint}` : ''}`,
      exchange,
      curl: exchange ? curlCommand(exchange.request, target.region, target.local && !options.endpoint ? 'http://127.0.0.1:4566/' : exchange.request.url) : undefined,
    },
  };
}

function isUnreachable(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return error instanceof TypeError && /fetch failed/.test(error.message) && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT'].includes(cause?.code ?? '');
}
