// Runs the checks against a target and reports every violation with its shrunk counterexample,
// the seed and path that replay it, and a curl command that reproduces it; and, per check, the
// cases it ran and the requests each sent, so that a reader sees what was exercised. Interrupted
// (its signal aborted), a run stops sending at once and reports what it has: the checks it
// finished, the one it was in, and the rest, each as interrupted.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { factsNotChecked, type UncheckedFact } from './contractCoverage.js';
import fc from 'fast-check';
import type { S3Object } from '../../generated/types.js';
import type { Check, CheckCase, CheckContext, SharedJob } from './Check.js';
import { CheckSkipped } from './CheckSkipped.js';
import { checks as allChecks } from './checks/index.js';
import { awaitJob, startJob } from './checks/jobs.js';
import type { Page } from './Exchange.js';
import { fixedRequests, sharedJobRequest, uniqueTokens } from './checks/requests.js';
import { ContractViolation } from './ContractViolation.js';
import type { FindingRule } from './findings.js';
import { curlCommand, EMULATOR_DEFAULT_URL, redacted, shellQuote } from './curl.js';
import { embeddedTarget } from './embeddedTarget.js';
import { codeOf, type Exchange } from './Exchange.js';
import { HarRecorder } from './HarRecorder.js';
import { interruptible, interruptionOf, isInterruption } from './interruption.js';
import { httpTarget } from './httpTarget.js';
import { PACKAGE_NAME, packageVersion } from './packageVersion.js';
import { isLoopback } from './loopback.js';
import { JobLedger } from './jobLedger.js';
import { isNetworkError, laterBoundOf, runTarget, SELECTIVE_LATER_MS, type RunTarget } from './runTarget.js';
import { signingOf } from './signingOf.js';
import { sdkClientOf } from './sdkClient.js';
import { SetupError } from './SetupError.js';
import type { Target } from './Target.js';
import { UnreachableEndpointError } from './UnreachableEndpointError.js';
import { plural } from './plural.js';

export interface ConformanceOptions {
  /** The endpoint to hold to the contract; without one, the embedded mock. */
  endpoint?: string;
  region?: string;
  /** Runs of each check. Default 100. */
  runs?: number;
  /** Default: a fresh one, printed in the report so the run replays. Any integer fast-check takes. */
  seed?: number;
  /** With seed: replay one counterexample (fast-check's path), of one check. */
  path?: string;
  /** Names of the checks to run; default all. */
  checks?: string[];
  /** With a check made of cases, run only this case (as a finding names it). */
  case?: string;
  /** Run only the cases this keeps, of the checks selected (a self-test that runs the cases asserting one fact, say). */
  caseFilter?: (check: string, caseName: string) => boolean;
  /**
   * Skips the run accepts: a check's name (`pagination`), or a check and one of its cases
   * (`protocol/body not JSON`). A skip they name leaves the verdict conformant; any other makes it
   * inconclusive.
   */
  acceptSkips?: string[];
  /** Stop at the first check that finds a violation: the checks after it are not run (and their facts listed as not checked). */
  bail?: boolean;
  /** Demand the strict answers: ValidationException for constraints, the protocol tests' reading of null and overflow. */
  strict?: boolean;
  /**
   * Treat the endpoint as AWS is treated, wherever it is: jobs cost, so they are budgeted
   * (maxJobs) and shared between checks, and nothing is shrunk by sending requests again. Always
   * so for an endpoint that is not on loopback.
   */
  safe?: boolean;
  /** A video your account can read: the one job the job checks share starts on it where jobs cost. */
  video?: S3Object;
  /** Where jobs cost: the most jobs the run starts, counting any start the endpoint wrongly accepts. Default 5. */
  maxJobs?: number;
  /** How long a check waits for a job to finish, in ms. Default 10 minutes; 1 minute on a local target. */
  jobTimeoutMs?: number;
  /** The longest wait between two polls of a running job, in ms. Default 5000. */
  pollIntervalMs?: number;
  rps?: number;
  /** How long one request waits for its whole answer before the endpoint counts as unreachable, in ms. Default 30 s on loopback, 60 s elsewhere. */
  answerTimeoutMs?: number;
  /**
   * On an endpoint the run has to itself: how long one request is answered "later" before a valid
   * request of its operation is sent to compare (answered at once, and the request "later" still:
   * a finding), in ms. Default 3000.
   */
  selectiveLaterMs?: number;
  /** Longest time spent shrinking one counterexample, in ms. Default 3000. */
  shrinkTimeMs?: number;
  /** A ready-made target (tests, the emulator's own); overrides endpoint. */
  target?: Target;
  /**
   * Write every attempt of the run (retries and polls included) to this file as HAR 1.2, each
   * labelled with the check and case that sent it; signatures and session tokens are left out.
   * Written after each check and when the run ends, also when it ends early or is interrupted;
   * each time whole, then renamed over the file, so that the file is a valid recording at every
   * moment, even of a process killed mid-run. `replayHar` re-sends it to another endpoint.
   */
  record?: string;
  /**
   * Stops the run when it aborts: no request is sent after it, none in flight is waited for, the
   * checks it did not finish are reported as interrupted, and the report says by what (the
   * abort's reason when it is a string, a signal's name say: `controller.abort('SIGINT')`).
   */
  signal?: AbortSignal;
  /** Called as each check starts and ends, for progress. */
  onProgress?: (event: ProgressEvent) => void;
}

/** What a run will do, stated before it does it: its coverage, its random runs and the bound of every wait. */
export interface RunPlan {
  /** Runs of the checks' coverage: each boundary value of each rule, sent whatever the seed and --runs. */
  coverageRuns: number;
  /** Random runs of each check after its coverage (--runs; some checks take fewer), shared among its cases. */
  randomRuns: number;
  /** Random runs every case gets at least, whatever its share. */
  randomRunsPerCase: number;
  /** How long a request waits for its answer before the endpoint counts as unreachable, in ms (none for an in-process target). */
  answerTimeoutMs?: number;
  /** How long a job may run before it fails (or, where jobs cost, its check is skipped), in ms. */
  jobTimeoutMs: number;
  /** How long one request is answered "later" (throttling, the job limit) before its case is skipped as the endpoint being busy, in ms. */
  laterTimeoutMs: number;
  /**
   * Where the run has the endpoint to itself: how long one request is answered "later" before a
   * valid request of its operation is sent to compare; answered at once, and the request "later"
   * still, it is a finding (later-selective), in ms.
   */
  selectiveLaterMs?: number;
}

export type ProgressEvent =
  | { type: 'plan'; plan: RunPlan }
  | { type: 'start'; check: string; index: number; total: number }
  | { type: 'end'; result: CheckResult; index: number; total: number };

export interface Finding {
  message: string;
  /** Which of the oracles' findings it is (see FINDINGS); none for an error no oracle names (a check that threw). */
  rule?: FindingRule;
  /** The case of the check that failed, for checks made of cases. */
  case?: string;
  /** The shrunk counterexample: the smallest input found that breaks the contract. */
  counterexample: unknown;
  /** The seed of the run, as given: `--seed` takes it. */
  seed: number;
  /** fast-check's path to the counterexample: `--seed S --path P` replays it. */
  path: string;
  /**
   * Where the counterexample came from: the case's coverage (a boundary value, tried in every run
   * whatever the seed; minimal by construction) or its random runs (shrunk where jobs cost nothing).
   */
  phase: 'coverage' | 'random';
  /** Flags that replay this finding. */
  replay: string;
  /** The request and answer that show it, credentials redacted. */
  exchange?: Exchange;
  curl?: string;
}

/** One case of a check (a check without cases has one, named as the check). */
export interface CaseResult {
  name: string;
  /**
   * passed: every run judged and none found a violation; skipped: some run could not judge (the
   * reason says why); interrupted: the run was stopped during this case (its runs before that count).
   */
  status: 'passed' | 'failed' | 'skipped' | 'interrupted';
  /** A skip --accept-skip names: it leaves the verdict as it is. */
  accepted?: boolean;
  /** Runs that checked something. */
  runs: number;
  /** Runs of the case's coverage sent: its boundary values, the same whatever the seed and --runs. */
  coverage: number;
  /** Random runs sent after the coverage. */
  random: number;
  /** Requests the case sent, retries and polls included. */
  requests: number;
  /** Why it was skipped. */
  reason?: string;
  /** What would let it judge (a video with faces, a larger --max-jobs). */
  remedy?: string;
}

/** A case the run could not judge, whose skip no --accept-skip names: what makes the verdict inconclusive. */
export interface Unjudged {
  check: string;
  /** The case, for a check made of cases. */
  case?: string;
  reason: string;
  /** What would let it judge. */
  remedy?: string;
  /** What --accept-skip takes to accept this skip. */
  accept: string;
}

export interface CheckResult {
  name: string;
  oracle: string;
  /**
   * passed: every case judged every run (or its skip was accepted) and none found a violation;
   * inconclusive: some case could not judge, and no --accept-skip names it; skipped: no case
   * judged anything, every skip accepted; interrupted: the run was stopped during the check (its
   * finished cases are listed, the one in progress as interrupted) or before it (no case). Never
   * passed without judging.
   */
  status: 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'interrupted';
  runs: number;
  requests: number;
  durationMs: number;
  reason?: string;
  cases: CaseResult[];
  finding?: Finding;
}

export interface ConformanceReport {
  target: string;
  seed: number;
  runs: number;
  strict: boolean;
  /** Whether jobs cost in this run (AWS, or --safe): budgeted and shared. */
  economical: boolean;
  /** The job budget, where jobs cost. */
  maxJobs?: number;
  /** Jobs the run started, as their answers tell. */
  jobsStarted: number;
  /** What the run set out to do, and the bound of every wait. */
  plan: RunPlan;
  /** How many answers carried each error code ("later" ones included). */
  errorsAnswered: Record<string, number>;
  /** The facts of the contract this run did not check, and why (see docs/contract-coverage.md for them all). */
  factsNotChecked: UncheckedFact[];
  durationMs: number;
  requests: number;
  checks: CheckResult[];
  /** The cases the run could not judge, unaccepted: each with why, and what would let it judge. */
  inconclusive: Unjudged[];
  /** What stopped the run before it finished (options.signal): a signal's name (SIGINT), or 'interrupted'. */
  interrupted?: string;
  /** True when the verdict is conformant. */
  conformant: boolean;
  /**
   * not conformant: a finding (also in a run interrupted after it). conformant: every selected
   * check judged every case (skips --accept-skip names aside, and at least one judged).
   * inconclusive: no finding, but a case could not judge (see `inconclusive`), or nothing was
   * judged at all. interrupted: no finding before the run was stopped (see `interrupted`).
   */
  verdict: Verdict;
}

export type Verdict = 'conformant' | 'not conformant' | 'inconclusive' | 'interrupted';

/**
 * The exit status of each verdict, for the CLI and anyone who wraps it. 130, as a shell reports
 * Ctrl-C; the CLI exits 130 for any interrupted run, a finding in it too, since it did not finish.
 */
export const VERDICT_EXIT_CODES: Readonly<Record<Verdict, number>> = {
  conformant: 0,
  'not conformant': 1,
  inconclusive: 3,
  interrupted: 130,
};

/** How long a job may run before a check gives up on it: AWS's jobs take minutes; a local endpoint's, seconds. */
const JOB_TIMEOUT_MS = 10 * 60_000;
const LOCAL_JOB_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 5000;
const DEFAULT_MAX_JOBS = 5;

/** Runs per case: the check's runs divided among its cases, or by this when they are more, and never fewer than CASE_MIN_RUNS (1 where jobs cost). */
const CASE_SHARE = 10;
const CASE_MIN_RUNS = 3;

/** The object of the probe video: in the --video's bucket, and nowhere. */
const PROBE_VIDEO_NAME = 'face-detection-contract/no-such-video.mp4';

/** A JobId nobody started, for the first request: a valid GetFaceDetection that every endpoint answers without starting anything. */
const PROBE_JOB_ID = 'face-detection-contract-probe';

/** What the run will do where jobs cost: at most how many jobs, on which video. Undefined where they cost nothing. */
export function jobPlan(options: Pick<ConformanceOptions, 'endpoint' | 'safe' | 'video' | 'maxJobs' | 'target'>): string | undefined {
  const local = options.target ? options.target.local : options.endpoint === undefined || isLoopback(options.endpoint);
  if (!options.safe && local) return undefined;
  const max = options.maxJobs ?? DEFAULT_MAX_JOBS;
  const video = options.video ? `s3://${options.video.Bucket}/${options.video.Name}` : undefined;
  return video
    ? `starts at most ${plural(max, 'job')} (--max-jobs), on ${video}; every other start names an object that does not exist, which a correct endpoint refuses without starting a job`
    : `starts no job of its own without --video (the job checks are skipped); starts that must be refused name an object that does not exist, and at most ${max} (--max-jobs) are sent should the endpoint accept them`;
}

export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const started = Date.now();
  const runs = options.runs ?? 100;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number of at least 1, not ${runs}`);
  const selected = options.checks ? allChecks.filter((c) => options.checks!.includes(c.name)) : allChecks;
  const unknown = (options.checks ?? []).filter((name) => !allChecks.some((c) => c.name === name));
  if (unknown.length) throw new TypeError(`unknown check ${unknown.join(', ')}; the checks are ${allChecks.map((c) => c.name).join(', ')}`);
  if (selected.length === 0) throw new TypeError(`no check selected; the checks are ${allChecks.map((c) => c.name).join(', ')}`);
  const unknownAccepted = (options.acceptSkips ?? []).filter((name) => !allChecks.some((c) => c.name === name.split('/')[0]));
  if (unknownAccepted.length)
    throw new TypeError(
      `--accept-skip ${unknownAccepted.join(', ')} names no check; it takes a check (${allChecks.map((c) => c.name).join(', ')}), or check/case`,
    );

  const recorder = options.record === undefined ? undefined : new HarRecorder();
  const bare =
    options.target ??
    (options.endpoint
      ? httpTarget({ endpoint: options.endpoint, region: options.region, rps: options.rps, answerTimeoutMs: options.answerTimeoutMs })
      : embeddedTarget());
  // Below runTarget's retries: each attempt is an entry. Above the recorder, the interruption: a
  // request in flight when it comes is still recorded, and nothing is sent after it.
  const recorded = recorder ? recorder.wrap(bare) : bare;
  const base = options.signal ? interruptible(recorded, options.signal) : recorded;
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) >>> 0;
  const economical = options.safe === true || !base.local;
  const maxJobs = economical ? (options.maxJobs ?? DEFAULT_MAX_JOBS) : undefined;
  const jobs = new JobLedger(maxJobs ?? Number.POSITIVE_INFINITY, economical ? PROBE_VIDEO_NAME : undefined);
  const jobTimeoutMs = options.jobTimeoutMs ?? (economical ? JOB_TIMEOUT_MS : LOCAL_JOB_TIMEOUT_MS);
  // The valid requests a pattern of "later" answers is compared with: the smallest of each operation (see fixedRequests).
  const fixed = fixedRequests({ economical, video: options.video, probeVideo: { Bucket: 'aaa', Name: PROBE_VIDEO_NAME } });
  const probes = {
    StartFaceDetection: JSON.stringify(fixed.StartFaceDetection),
    GetFaceDetection: JSON.stringify({ JobId: PROBE_JOB_ID }),
  };
  const selectiveLaterMs = options.selectiveLaterMs ?? SELECTIVE_LATER_MS;
  const target = runTarget(base, {
    ledger: jobs,
    guarded: economical,
    busyTimeoutMs: jobTimeoutMs,
    probes,
    selectiveLaterMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const record = () => {
    if (recorder)
      writeAtomically(options.record!, `${JSON.stringify(recorder.har({ name: PACKAGE_NAME, version: packageVersion() }), null, 2)}\n`);
  };

  const results: CheckResult[] = [];
  const plan: RunPlan = {
    coverageRuns: 0,
    randomRuns: runs,
    randomRunsPerCase: Math.min(runs, economical ? 1 : CASE_MIN_RUNS),
    ...(target.answerTimeoutMs !== undefined ? { answerTimeoutMs: target.answerTimeoutMs } : {}),
    jobTimeoutMs,
    // On an endpoint the run has to itself, an invalid request's wait is long enough to judge its pattern.
    laterTimeoutMs: economical ? jobTimeoutMs : laterBoundOf(jobTimeoutMs, selectiveLaterMs),
    ...(economical ? {} : { selectiveLaterMs }),
  };
  /** Set once the run stops short: by what. */
  let interrupted: string | undefined;
  try {
    const probed = await probe(target).catch((error: unknown) => {
      if (isInterruption(error)) return false;
      throw error;
    });
    const context = contextOf(target, options, { economical, jobs, jobTimeoutMs });
    const cases = selected.map((check) => selectedCases(check, context, options));
    plan.coverageRuns = cases.flat().reduce((n, c) => n + (c.coverage?.length ?? 0), 0);
    options.onProgress?.({ type: 'plan', plan });
    for (const [index, check] of selected.entries()) {
      if (interrupted === undefined && (probed === false || options.signal?.aborted)) interrupted = interruptionOf(options.signal);
      if (interrupted !== undefined) {
        // Stopped before this check: it and every one after it, listed as not run.
        for (const rest of selected.slice(index))
          results.push({
            name: rest.name,
            oracle: rest.oracle,
            status: 'interrupted',
            runs: 0,
            requests: 0,
            durationMs: 0,
            reason: `interrupted (${interrupted}) before it ran`,
            cases: [],
          });
        break;
      }
      options.onProgress?.({ type: 'start', check: check.name, index, total: selected.length });
      const result = await runCheck(check, cases[index]!, { context, target, options, seed, runs, recorder });
      results.push(result);
      options.onProgress?.({ type: 'end', result, index, total: selected.length });
      // The recording so far, on disk after every check: a run killed later keeps it.
      record();
      if (result.status === 'interrupted') interrupted = interruptionOf(options.signal);
      else if (options.bail && result.status === 'failed') break;
    }
  } finally {
    await target.close();
    record();
  }
  const failed = results.some((r) => r.status === 'failed');
  const inconclusive = unjudgedOf(results);
  const judged = results.some((r) => r.status === 'passed' || r.status === 'inconclusive');
  const verdict: Verdict = failed
    ? 'not conformant'
    : interrupted !== undefined
      ? 'interrupted'
      : inconclusive.length || !judged
        ? 'inconclusive'
        : 'conformant';
  const errorsAnswered = { ...target.errorsAnswered };
  return {
    target: target.name,
    seed,
    runs,
    strict: options.strict ?? false,
    economical,
    ...(maxJobs !== undefined ? { maxJobs } : {}),
    jobsStarted: jobs.started,
    plan,
    errorsAnswered,
    factsNotChecked: factsNotChecked({ economical, checks: results, errorsAnswered }),
    durationMs: Date.now() - started,
    requests: target.requests,
    checks: results,
    inconclusive,
    ...(interrupted !== undefined ? { interrupted } : {}),
    conformant: verdict === 'conformant',
    verdict,
  };
}

/**
 * Writes the whole text to a file of its own beside `file`, then renames it over `file`: a reader,
 * or a process killed mid-write, never sees half of it.
 */
function writeAtomically(file: string, text: string): void {
  const partial = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(partial, text);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** What --accept-skip takes to accept a case's skip: the check's name, or the check's and the case's. */
const acceptNameOf = (check: string, caseName: string) => (caseName === check ? check : `${check}/${caseName}`);

/** Whether --accept-skip names the case (by its check, or by both). */
function isAccepted(options: ConformanceOptions, check: string, caseName: string): boolean {
  const names = options.acceptSkips ?? [];
  return names.includes(check) || names.includes(acceptNameOf(check, caseName));
}

/** The unaccepted skips of a run's checks. */
function unjudgedOf(results: CheckResult[]): Unjudged[] {
  return results.flatMap((check) =>
    check.cases
      .filter((c) => c.status === 'skipped' && !c.accepted)
      .map((c) => ({
        check: check.name,
        ...(c.name !== check.name ? { case: c.name } : {}),
        reason: c.reason ?? 'no reason given',
        ...(c.remedy ? { remedy: c.remedy } : {}),
        accept: acceptNameOf(check.name, c.name),
      })),
  );
}

/** The first request: a valid GetFaceDetection. Tells an unreachable endpoint, missing credentials and refused ones from anything the checks judge. */
async function probe(target: RunTarget): Promise<void> {
  let exchange: Exchange;
  try {
    exchange = await target.send({ operation: 'GetFaceDetection', body: JSON.stringify({ JobId: PROBE_JOB_ID }) });
  } catch (error) {
    if (isInterruption(error)) throw error;
    throw setupErrorOf(error, target) ?? new UnreachableEndpointError(target.name, error);
  }
  if (codeOf(exchange) === 'AccessDeniedException') {
    throw new SetupError(
      `${target.name} denied GetFaceDetection to these credentials: 400 AccessDeniedException (${signingOf(exchange, target.region)})`,
    );
  }
}

/** A SetupError for what was thrown, when it is one or says the credentials are missing. */
function setupErrorOf(error: unknown, target: Target): SetupError | undefined {
  if (error instanceof SetupError) return error;
  if ((error as Error)?.name === 'CredentialsProviderError') {
    return new SetupError(
      `no AWS credentials to sign requests to ${target.name} with (${(error as Error).message}). ` +
        'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE, or any source of the standard AWS chain.',
    );
  }
  return undefined;
}

function contextOf(
  target: RunTarget,
  options: ConformanceOptions,
  { economical, jobs, jobTimeoutMs }: { economical: boolean; jobs: JobLedger; jobTimeoutMs: number },
): CheckContext {
  let shared: Promise<SharedJob> | undefined;
  let finished: Promise<Page> | undefined;
  const context: CheckContext = {
    target,
    strict: options.strict ?? false,
    video: options.video,
    economical,
    probeVideo: { Bucket: options.video?.Bucket ?? 'face-detection-contract-no-such-bucket', Name: PROBE_VIDEO_NAME },
    jobs,
    uniqueToken: uniqueTokens(),
    jobTimeoutMs,
    pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    client: () => sdkClientOf(target),
    sharedJob: () =>
      (shared ??= (async () => {
        if (economical && !options.video)
          throw new CheckSkipped(
            'it needs a job, and where jobs cost the run starts one only on a video of yours',
            '--video s3://bucket/key (a video your account can read, with faces in it) to start the one job the job checks share',
          );
        const request = sharedJobRequest(context);
        const { JobId, exchange } = await startJob(context, request);
        return { request, JobId, started: exchange };
      })().catch((error: unknown) => {
        // Skipped for want of budget or video: later checks are told the same; anything else may be tried again.
        if (!(error instanceof CheckSkipped)) shared = undefined;
        throw error;
      })),
    finishedSharedJob: () =>
      (finished ??= (async () => awaitJob(context, await context.sharedJob()))().catch((error: unknown) => {
        // What the wait found (a job that never finished) stands for every check; a lost connection may be tried again.
        if (isNetworkError(error)) finished = undefined;
        throw error;
      })),
  };
  return context;
}

/** The cases of a check a run runs (all, or the one --case names); a check without cases has one, named as the check. */
function selectedCases(check: Check, context: CheckContext, options: ConformanceOptions): CheckCase[] {
  const cases: CheckCase[] = check.cases
    ? check.cases(context)
    : [
        {
          name: check.name,
          property: check.property!(context),
          coverage: check.coverage?.(context),
          economicalRuns: check.economicalRuns,
          ...(check.unjudged ? { unjudged: () => check.unjudged!(context) } : {}),
        },
      ];
  return cases.filter((c) => (options.case === undefined || c.name === options.case) && (options.caseFilter?.(check.name, c.name) ?? true));
}

async function runCheck(
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
  const minRuns = context.economical ? 1 : CASE_MIN_RUNS;
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
    const limit = context.economical ? (testCase.economicalRuns ?? check.economicalRuns) : undefined;
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
    if (phase === 'random' && shrinkable && !context.economical && !options.path && details.counterexamplePath) {
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
    options.safe ? '--safe' : '',
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
      ? curlCommand(exchange.request, target.region, target.local && !options.endpoint ? EMULATOR_DEFAULT_URL : exchange.request.url)
      : undefined,
  };
}

/** A request that got no whole answer (refused, reset, cut off, timed out; a GetFaceDetection was already sent again): nothing to judge. */
const isUnreachable = isNetworkError;
