// Runs the checks against a target and reports every violation with its shrunk counterexample,
// the seed and path that replay it, and a curl command that reproduces it; and, per check, the
// cases it ran and the requests each sent, so that a reader sees what was exercised. Interrupted
// (its signal aborted), a run stops sending at once and reports what it has: the checks it
// finished, the one it was in, and the rest, each as interrupted.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { factsNotChecked } from './factsNotChecked.js';
import type { Check, CheckCase, CheckContext, SharedJob } from './Check.js';
import { CheckSkipped } from './CheckSkipped.js';
import { checks as allChecks } from './checks/index.js';
import { awaitJob, startJob } from './checks/jobs.js';
import type { Page } from './Exchange.js';
import { fixedRequests, sharedJobRequest, uniqueTokens } from './checks/requests.js';
import { embeddedTarget } from './embeddedTarget.js';
import { codeOf, type Exchange } from './Exchange.js';
import { HarRecorder } from './HarRecorder.js';
import { interruptible, interruptionOf, isInterruption } from './interruption.js';
import { httpTarget } from './httpTarget.js';
import { PACKAGE_NAME, packageVersion } from './packageVersion.js';
import { isLoopback } from './loopback.js';
import { JobLedger } from './jobLedger.js';
import { isNetworkError } from './answerKinds.js';
import { laterBoundOf, runTarget, type RunTarget } from './runTarget.js';
import { jobsCostAt } from './Target.js';
import { SELECTIVE_LATER_MS } from './laterVerdicts.js';
import { signingOf } from './signingOf.js';
import { sdkClientOf } from './sdkClient.js';
import { SetupError } from './SetupError.js';
import { UnreachableEndpointError } from './UnreachableEndpointError.js';
import { plural } from './plural.js';
import type { CheckResult, ConformanceReport, RunPlan, Unjudged, Verdict } from './conformanceReport.js';
import type { ConformanceOptions } from './ConformanceOptions.js';

export type { ConformanceOptions } from './ConformanceOptions.js';
import { acceptNameOf, CASE_MIN_RUNS, runCheck, setupErrorOf } from './runCheck.js';

/** How long a job may run before a check gives up on it: AWS's jobs take minutes; a local endpoint's, seconds. */
const JOB_TIMEOUT_MS = 10 * 60_000;
const LOCAL_JOB_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 5000;
const DEFAULT_MAX_JOBS = 5;

/** The object of the probe video: in the --video's bucket, and nowhere. */
const PROBE_VIDEO_NAME = 'face-detection-contract/no-such-video.mp4';

/** A JobId nobody started, for the first request: a valid GetFaceDetection that every endpoint answers without starting anything. */
const PROBE_JOB_ID = 'face-detection-contract-probe';

/** What the run will do where jobs cost: at most how many jobs, on which video. Undefined where they cost nothing. */
export function jobPlan(options: Pick<ConformanceOptions, 'endpoint' | 'jobsCost' | 'video' | 'maxJobs' | 'target'>): string | undefined {
  const jobsCost =
    options.jobsCost === true ||
    (options.target ? jobsCostAt(options.target) : options.endpoint !== undefined && !isLoopback(options.endpoint));
  if (!jobsCost) return undefined;
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
  if ('safe' in options) throw new TypeError('the option `safe` is now `jobsCost` (the CLI flag --safe is now --jobs-cost)');
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
  const jobsCost = options.jobsCost === true || jobsCostAt(bare);
  const maxJobs = jobsCost ? (options.maxJobs ?? DEFAULT_MAX_JOBS) : undefined;
  const jobs = new JobLedger(maxJobs ?? Number.POSITIVE_INFINITY, jobsCost ? PROBE_VIDEO_NAME : undefined);
  const jobTimeoutMs = options.jobTimeoutMs ?? (jobsCost ? JOB_TIMEOUT_MS : LOCAL_JOB_TIMEOUT_MS);
  // The valid requests a pattern of "later" answers is compared with: the smallest of each operation (see fixedRequests).
  const fixed = fixedRequests({ jobsCost, video: options.video, probeVideo: { Bucket: 'aaa', Name: PROBE_VIDEO_NAME } });
  const probes = {
    StartFaceDetection: JSON.stringify(fixed.StartFaceDetection),
    GetFaceDetection: JSON.stringify({ JobId: PROBE_JOB_ID }),
  };
  const selectiveLaterMs = options.selectiveLaterMs ?? SELECTIVE_LATER_MS;
  const target = runTarget(base, {
    ledger: jobs,
    jobsCost,
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
    randomRunsPerCase: Math.min(runs, jobsCost ? 1 : CASE_MIN_RUNS),
    ...(target.answerTimeoutMs !== undefined ? { answerTimeoutMs: target.answerTimeoutMs } : {}),
    jobTimeoutMs,
    // On an endpoint the run has to itself, an invalid request's wait is long enough to judge its pattern.
    laterTimeoutMs: jobsCost ? jobTimeoutMs : laterBoundOf(jobTimeoutMs, selectiveLaterMs),
    ...(jobsCost ? {} : { selectiveLaterMs }),
  };
  /** Set once the run stops short: by what. */
  let interrupted: string | undefined;
  try {
    const probed = await probe(target).catch((error: unknown) => {
      if (isInterruption(error)) return false;
      throw error;
    });
    const context = contextOf(target, options, { jobsCost, jobs, jobTimeoutMs });
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
    jobsCost,
    ...(maxJobs !== undefined ? { maxJobs } : {}),
    jobsStarted: jobs.started,
    plan,
    errorsAnswered,
    factsNotChecked: factsNotChecked({ jobsCost, checks: results, errorsAnswered }),
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

function contextOf(
  target: RunTarget,
  options: ConformanceOptions,
  { jobsCost, jobs, jobTimeoutMs }: { jobsCost: boolean; jobs: JobLedger; jobTimeoutMs: number },
): CheckContext {
  let shared: Promise<SharedJob> | undefined;
  let finished: Promise<Page> | undefined;
  const context: CheckContext = {
    target,
    strict: options.strict ?? false,
    video: options.video,
    jobsCost,
    probeVideo: { Bucket: options.video?.Bucket ?? 'face-detection-contract-no-such-bucket', Name: PROBE_VIDEO_NAME },
    jobs,
    uniqueToken: uniqueTokens(),
    jobTimeoutMs,
    pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    client: () => sdkClientOf(target),
    sharedJob: () =>
      (shared ??= (async () => {
        if (jobsCost && !options.video)
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
          runsWhereJobsCost: check.runsWhereJobsCost,
          ...(check.unjudged ? { unjudged: () => check.unjudged!(context) } : {}),
        },
      ];
  return cases.filter((c) => (options.case === undefined || c.name === options.case) && (options.caseFilter?.(check.name, c.name) ?? true));
}
