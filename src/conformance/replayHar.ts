// Re-sends a recording (HAR, as `conformance --record` writes it) to another endpoint, in order,
// and compares each answer with the recorded one (compareAnswers.ts). Recorded JobIds and
// NextTokens are mapped to the ones the endpoint answers, so a start and its polls replay as one
// conversation. Every difference is graded with the suite's own oracles (gradeDifference.ts).
// Against the embedded mock, or a service given, the recording's world is loaded first
// (recordedWorld.ts); elsewhere, no start is sent that could take the replay past the recording's
// jobs.
import { headerValue, operationOf } from '../contract/wire.js';
import type { FaceDetectionService } from '../service/FaceDetectionService.js';
import { CheckSkipped } from './CheckSkipped.js';
import { compareAnswers, type ReplayAspect, type ReplayDifference } from './compareAnswers.js';
import { ContractViolation } from './ContractViolation.js';
import { codeOf, jsonOf, responseJson, type Exchange, type TargetRequest } from './Exchange.js';
import { embeddedTarget } from './embeddedTarget.js';
import { Conversation, requestKindOf } from './expectAnswer.js';
import { gradeOf, judge, type ReplayGrade } from './gradeDifference.js';
import { exchangeOf, type Har } from './har.js';
import { httpTarget } from './httpTarget.js';
import { JobLedger } from './jobLedger.js';
import { interruptible, interruptionOf, isInterruption, pause } from './interruption.js';
import { loadWorld, worldOf } from './recordedWorld.js';
import { isNetworkError, isServerFault, isSlowDown } from './answerKinds.js';
import { runTarget } from './runTarget.js';
import { jobsCostAt, type Target } from './Target.js';
import { UnreachableEndpointError } from './UnreachableEndpointError.js';

export type { ReplayAspect, ReplayDifference, ReplayGrade };

export interface ReplayOptions {
  /** The endpoint to replay against; without one (and no target), the embedded mock. */
  endpoint?: string;
  region?: string;
  rps?: number;
  /** A ready-made target; overrides endpoint. */
  target?: Target;
  /**
   * The service the endpoint answers from (an emulator's `service`, say): the recording's world is
   * loaded into it first. The embedded mock's own service gets it without asking.
   */
  service?: FaceDetectionService;
  /** How long a job may stay IN_PROGRESS where the recording had it finished, in ms. Default 60 s. */
  jobTimeoutMs?: number;
  /**
   * The endpoint already holds the recording's world (`serve --world`): what follows from it is
   * held to the contract, and starts go unguarded. Default: whether the replay loaded it.
   */
  worldLoaded?: boolean;
  /** Choices fail the replay too, not only contract differences. */
  strict?: boolean;
  /** Stops the replay: what was replayed is reported, with `interrupted`. */
  signal?: AbortSignal;
}

/** One difference, graded. */
export interface GradedDifference extends ReplayDifference {
  grade: ReplayGrade;
  /** Why it has that grade: the contract broken, or what leaves it free. */
  why: string;
}

/** One recorded request whose replay answered otherwise. */
export interface ReplayedEntry {
  /** Its place in the recording, from 1. */
  index: number;
  /** The operation its X-Amz-Target names, or the target itself. */
  operation: string;
  /** The recording's label: the check and case that sent it. */
  comment?: string;
  differences: GradedDifference[];
  recorded: Exchange['response'];
  replayed: Exchange['response'];
}

export interface ReplayReport {
  /** What was replayed against. */
  target: string;
  /** Entries in the recording. */
  entries: number;
  /** Recorded requests sent again. */
  replayed: number;
  /** Requests sent in all, polls of jobs still running included. */
  requests: number;
  /** The recording's world, when the replay loaded it into the endpoint's service: objects that exist and that do not. */
  world?: { readable: number; refused: number };
  /** Jobs the recording started, and jobs the replay started (never more). */
  jobs: { recorded: number; replayed: number };
  /** Entries not sent again, each with why. */
  skipped: { index: number; reason: string }[];
  /** The entries whose answers differ, in order. */
  differences: ReplayedEntry[];
  /** How many differences of each grade. */
  graded: Record<ReplayGrade, number>;
  /** No difference at all. */
  identical: boolean;
  strict: boolean;
  /** No contract difference, and with `strict` no choice either: exit 0. */
  passed: boolean;
  /** The signal that stopped the replay before its end. */
  interrupted?: string;
}

const FIRST_POLL_MS = 50;
const POLL_CAP_MS = 1000;
const DEFAULT_JOB_TIMEOUT_MS = 60_000;

/** Why a recorded answer is not replayed: it said "later" (back-pressure, which the contract leaves to the endpoint) or none came. */
export function notReplayed(recorded: Exchange, operation: string | undefined): string | undefined {
  const { status } = recorded.response;
  if (status === 0) return 'no answer was recorded';
  if (isSlowDown(recorded) || status === 502 || status === 504) return `recorded as "later" (${codeOf(recorded) ?? status}): back-pressure`;
  // The run sent it again where it was remote: the answer that counted is the next entry.
  if (isServerFault(recorded)) return `recorded as a server fault (${status} ${codeOf(recorded) ?? 'with no error code'}): it may pass`;
  if (operation !== 'GetFaceDetection' && codeOf(recorded) === 'LimitExceededException')
    return 'recorded as "later" (LimitExceededException): the job limit';
  return undefined;
}

/** Which recorded answers started a job (a start answered a JobId not answered before). */
function jobStartsOf(recorded: Exchange[]): boolean[] {
  const seen = new Set<string>();
  return recorded.map((exchange) => {
    const jobId = responseJson(exchange)?.JobId;
    const starts =
      exchange.response.status === 200 &&
      operationOf(headerValue(exchange.request.headers, 'x-amz-target')) === 'StartFaceDetection' &&
      typeof jobId === 'string' &&
      !seen.has(jobId);
    if (starts) seen.add(jobId);
    return starts;
  });
}

/** Replays a recording against the endpoint (default the embedded mock) and grades every difference. */
export async function replayHar(har: Har, options: ReplayOptions = {}): Promise<ReplayReport> {
  const embedded = options.target || options.endpoint ? undefined : embeddedTarget();
  const service = options.service ?? embedded?.service;
  const base = options.target ?? embedded ?? httpTarget({ endpoint: options.endpoint!, region: options.region, rps: options.rps });
  const world = worldOf(har);
  if (service) loadWorld(service, world);
  const worldLoaded = options.worldLoaded ?? service !== undefined;
  const jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  // Back-pressure of this endpoint is waited out as the suite waits it out. No budget: a start
  // without a token whose answer leaves open whether it started a job is never sent again
  // (runTarget), and jobGuard decides what is sent at all. A signal stops it as it stops a run.
  const { signal } = options;
  const target = runTarget(signal ? interruptible(base, signal) : base, {
    ledger: new JobLedger(Number.POSITIVE_INFINITY),
    jobsCost: jobsCostAt(base),
    busyTimeoutMs: jobTimeoutMs,
    ...(signal ? { signal } : {}),
  });
  const recordedExchanges = har.log.entries.map(exchangeOf);
  const startsJob = jobStartsOf(recordedExchanges);
  /** Recorded job starts from each entry on. */
  const startsAhead = startsJob.map((_, i) => startsJob.slice(i).filter(Boolean).length);
  /** Recorded JobIds and NextTokens -> the replay's; undefined: the replay's answer had none. */
  const mapped = new Map<string, { value?: string; from: number }>();
  const conversations = { recorded: new Conversation(), replayed: new Conversation() };
  const report: ReplayReport = {
    target: target.name,
    entries: har.log.entries.length,
    replayed: 0,
    requests: 0,
    ...(worldLoaded ? { world: { readable: world.readable.length, refused: world.refused.length } } : {}),
    jobs: { recorded: world.jobs, replayed: 0 },
    skipped: [],
    differences: [],
    graded: { contract: 0, choice: 0, world: 0 },
    identical: true,
    strict: options.strict ?? false,
    passed: true,
  };
  const counter = { requests: 0 };
  target.countInto(counter);
  try {
    for (const [i, entry] of har.log.entries.entries()) {
      if (signal?.aborted) break;
      const index = i + 1;
      const recorded = recordedExchanges[i]!;
      const xAmzTarget = headerValue(recorded.request.headers, 'x-amz-target');
      const operation = operationOf(xAmzTarget);
      const skip = (reason: string) => {
        report.skipped.push({ index, reason });
        conversations.recorded.observe(recorded);
        // The polls of a job the replay did not start are not sent either.
        const jobId = responseJson(recorded)?.JobId;
        if (operation === 'StartFaceDetection' && typeof jobId === 'string' && !mapped.has(jobId)) mapped.set(jobId, { from: index });
      };
      const why = notReplayed(recorded, operation) ?? jobGuard(i);
      if (why) {
        skip(why);
        continue;
      }
      let body = recorded.request.body;
      const sent = jsonOf(body);
      let orphan: string | undefined;
      for (const member of ['JobId', 'NextToken'] as const) {
        const value = sent?.[member];
        const counterpart = typeof value === 'string' ? mapped.get(value) : undefined;
        if (!counterpart) continue;
        if (counterpart.value === undefined) orphan = `it sends the ${member} of entry ${counterpart.from}, whose replay answered none`;
        else body = body.replaceAll(JSON.stringify(value), JSON.stringify(counterpart.value));
      }
      if (orphan) {
        skip(orphan);
        continue;
      }
      const request: TargetRequest = {
        target: xAmzTarget ?? null,
        body,
        ...(recorded.request.headers['content-type'] !== undefined ? { contentType: recorded.request.headers['content-type'] } : {}),
      };
      let replayed: Exchange;
      try {
        replayed = await sendUntilAsFar(target, request, recorded, jobTimeoutMs, signal);
      } catch (error) {
        if (isInterruption(error)) break;
        if (error instanceof CheckSkipped || error instanceof ContractViolation) {
          skip(error.message);
          continue;
        }
        if (isNetworkError(error)) throw new UnreachableEndpointError(target.name, error);
        throw error;
      }
      if (isServerFault(replayed)) {
        skip(`the endpoint answered a server fault (${replayed.response.status} ${codeOf(replayed) ?? 'with no error code'}): it may pass`);
        continue;
      }
      report.replayed++;
      const [a, b] = [responseJson(recorded), responseJson(replayed)];
      // A start gives a JobId, a page a NextToken (a page's JobId only repeats the one its start gave).
      const member = operation === 'StartFaceDetection' ? 'JobId' : 'NextToken';
      if (typeof a?.[member] === 'string' && !(member === 'JobId' && mapped.get(a.JobId)?.value !== undefined))
        mapped.set(a[member], { value: typeof b?.[member] === 'string' ? b[member] : undefined, from: index });
      const judgements = { recorded: judge(recorded, conversations.recorded), replayed: judge(replayed, conversations.replayed) };
      if (operation === 'StartFaceDetection' && typeof b?.JobId === 'string') report.jobs.replayed = conversations.replayed.jobs.size;
      const sameText = (text: string) => {
        for (const member of ['JobId', 'NextToken'] as const) {
          const value = sent?.[member];
          const to = typeof value === 'string' ? mapped.get(value)?.value : undefined;
          if (to !== undefined) text = text.split(value).join(to);
        }
        return text;
      };
      const differences = compareAnswers(recorded, replayed, operation, sameText).map((difference) => ({
        ...difference,
        ...gradeOf(difference, judgements, { recorded, replayed }, worldLoaded),
      }));
      if (differences.length > 0) {
        for (const d of differences) report.graded[d.grade]++;
        report.differences.push({
          index,
          operation: operation ?? xAmzTarget ?? '(no X-Amz-Target)',
          ...(entry.comment ? { comment: entry.comment } : {}),
          differences,
          recorded: recorded.response,
          replayed: replayed.response,
        });
      }
    }
  } finally {
    await target.close();
  }
  if (signal?.aborted) report.interrupted = interruptionOf(signal);
  report.requests = counter.requests;
  report.identical = report.differences.length === 0;
  report.passed = report.graded.contract === 0 && !(report.strict && report.graded.choice > 0);
  return report;

  /**
   * Where the endpoint's world is not the recording's, a valid start the recording saw refused
   * may start a job here: such a start is sent only while the replay has a job to spare for it,
   * and a recorded job start only while the replay has started fewer jobs than the recording. A
   * repeat of a start is sent: a correct endpoint answers it with the job it already started.
   */
  function jobGuard(i: number): string | undefined {
    const recorded = recordedExchanges[i]!;
    if (worldLoaded || requestKindOf(recorded.request, conversations.recorded) !== 'valid start') return undefined;
    const started = conversations.replayed.jobs.size;
    if (startsJob[i]) return started < world.jobs ? undefined : `the replay has started as many jobs as the recording did (${world.jobs})`;
    // A repeat of a start (its token's job answered again) starts no job where the contract is kept.
    if (recorded.response.status === 200 || started + startsAhead[i]! < world.jobs) return undefined;
    return (
      `a valid start the recorded endpoint answered ${recorded.response.status} ${codeOf(recorded) ?? ''}`.trimEnd() +
      ` may start a job here, and the replay has none to spare (the recording started ${world.jobs})`
    );
  }
}

/** Sends the request; a job the recording had finished and the endpoint still runs is polled until it is not. */
async function sendUntilAsFar(
  target: ReturnType<typeof runTarget>,
  request: TargetRequest,
  recorded: Exchange,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  const finished = ['SUCCEEDED', 'FAILED'].includes(responseJson(recorded)?.JobStatus);
  const deadline = Date.now() + timeoutMs;
  // Running in any spelling: the spelling is the oracles' to judge, the wait is for the job.
  const running = (exchange: Exchange) => String(responseJson(exchange)?.JobStatus).toUpperCase() === 'IN_PROGRESS';
  for (let wait = FIRST_POLL_MS; ; wait = Math.min(wait * 2, POLL_CAP_MS)) {
    const replayed = await target.send(request);
    if (!finished || !running(replayed) || Date.now() >= deadline) return replayed;
    await pause(wait, signal);
  }
}
