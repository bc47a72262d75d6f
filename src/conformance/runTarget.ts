// The target as the checks of one run see it. Below every check: "later" answers (throttling,
// the job limit) are waited out and the request sent again, each first held to the contract where
// the contract models its error (its status, headers and body); starts are counted, and where jobs
// cost (AWS, --jobs-cost) never sent past --max-jobs; credentials the endpoint refuses end the run;
// requests are counted per case, for the report. Every wait is bounded: an answer by the target's
// own timeout (never sent again after it), "later" answers by busyTimeoutMs a request, and a job
// limit that none of the run's jobs explains, on an endpoint the run has to itself, by the job
// timeout from the run's start. There, too, "later" answers are judged by their pattern: one kind of
// request answered "later" for good while a valid request of the operation is answered at once is
// no back-pressure but a finding. An interrupted run (its signal aborted) ends every wait at once,
// and its RunInterrupted is never sent again nor taken for anything else. This file sends and
// waits; what an answer is comes from answerKinds.ts, and what the contract says of one from the
// oracles it calls (expectations.ts, laterVerdicts.ts).
import { operations } from '../../generated/contract.js';
import type { OperationName } from '../contract/wire.js';
import { validateGetFaceDetectionRequest, validateStartFaceDetectionRequest } from '../contract/validators.js';
import { CheckSkipped } from './CheckSkipped.js';
import { isInterruption, pause as sleep } from './interruption.js';
import { codeOf, jsonOf, responseJson, type Exchange, type TargetRequest } from './Exchange.js';
import { expectLaterAnswer } from './expectations.js';
import type { JobLedger } from './jobLedger.js';
import { DUMMY_ACCESS_KEY_ID } from './httpTarget.js';
import { SetupError } from './SetupError.js';
import { signingOf } from './signingOf.js';
import { withSend, type Target } from './Target.js';
import { CREDENTIAL_ERRORS, GATEWAY_STATUSES, isNetworkError, isServerFault, isSlowDown, isTimeout } from './answerKinds.js';
import { Pace } from './Pace.js';
import { expectNotSelective, idleJobLimit, SELECTIVE_LATER_MS, SELECTIVE_LATER_TRIES } from './laterVerdicts.js';

/** Where the endpoint is remote, the least pause before a request that met a server fault is sent again. */
const SERVER_FAULT_PAUSE_MS = 1000;

const GET_TARGET = operations.GetFaceDetection.target;
/** The first pause after a "later" answer or a failed connection; each doubles (up to the cap, for "later"). */
const FIRST_PAUSE_MS = 50;
const LOCAL_PAUSE_CAP_MS = 1000;
const REMOTE_PAUSE_CAP_MS = 20_000;
/** Where jobs cost, a 500 is sent again this many times before the check sees it (a transient fault of a remote service). */
const SERVER_FAULT_RETRIES = 3;

export interface RunTargetOptions {
  ledger: JobLedger;
  /** Jobs cost here (AWS, --jobs-cost): starts are budgeted, and the run may not be the endpoint's only user. */
  jobsCost: boolean;
  /**
   * How long one request may be answered "later" before its run is skipped as the endpoint being
   * busy; and, where the run has the endpoint to itself, how long after the run began a job of
   * anyone else's may still fill the job limit (the job timeout: a job that runs longer hangs).
   */
  busyTimeoutMs: number;
  /**
   * A valid request of each operation that a correct endpoint answers at once (a start that starts
   * no job, or one the run may afford; a GetFaceDetection of a job nobody started): sent, where the
   * run has the endpoint to itself, to tell a request answered "later" for good from a busy endpoint.
   */
  probes?: Record<OperationName, string>;
  /** With probes: see SELECTIVE_LATER_MS. */
  selectiveLaterMs?: number;
  /** The run's: once it aborts, every pause ends at once with a RunInterrupted. */
  signal?: AbortSignal;
}

/**
 * Where the run has the endpoint to itself: after a LimitExceededException with none of its own
 * jobs running, how long at least the endpoint is given to free a slot it has just freed (it may
 * lag behind its own answers), when the job timeout would give it less.
 */
const IDLE_LIMIT_GRACE_MS = 10_000;

export interface RunTarget extends Target {
  /** Where requests are counted from now on (a case's own counter). */
  countInto(counter: { requests: number }): void;
  /** How many answers carried each error code, "later" ones included. */
  readonly errorsAnswered: Readonly<Record<string, number>>;
}

/** What lets a check answered "later" for good judge. */
const LATER_REMEDY = 'an endpoint with room for the run (fewer jobs of others running, a higher quota), or a longer --job-timeout';

/** Connection failures sent again when the request starts nothing. */
const NETWORK_RETRIES = 2;
function jobIdOf(body: string): string | undefined {
  const JobId = jsonOf(body)?.JobId;
  return typeof JobId === 'string' ? JobId : undefined;
}

function hasToken(body: string): boolean {
  return typeof jsonOf(body)?.ClientRequestToken === 'string';
}

/** Whether the body is a start the contract lets the endpoint accept (null members read as absent). */
function isValidStart(body: string): boolean {
  return validateStartFaceDetectionRequest(jsonOf(body)).valid;
}

/** Whether the request is one the contract has the endpoint take: an operation's, and valid. */
function isValidRequest(request: TargetRequest): boolean {
  if (request.operation === undefined || request.target !== undefined || request.contentType !== undefined) return false;
  const body = jsonOf(request.body);
  return (request.operation === 'StartFaceDetection' ? validateStartFaceDetectionRequest : validateGetFaceDetectionRequest)(body).valid;
}

/** The kind of the valid GetFaceDetection requests: see busyKinds. */
const VALID_GETS = 'valid GetFaceDetection requests';

/** How long an invalid request is answered "later", where the run has the endpoint to itself, before its case is skipped: long enough to judge its pattern. */
export const laterBoundOf = (busyTimeoutMs: number, selectiveLaterMs: number) => Math.max(busyTimeoutMs, 4 * selectiveLaterMs);

/** A duration in seconds, as a person reads it. */
const inSeconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;

/** A request that may start a job: any but GetFaceDetection's (an endpoint may serve an unknown target as a start). */
function mayStart(request: TargetRequest): boolean {
  const target = request.target !== undefined ? request.target : request.operation ? operations[request.operation].target : null;
  return target !== GET_TARGET;
}

export function runTarget(
  target: Target,
  { ledger, jobsCost, busyTimeoutMs, probes, selectiveLaterMs = SELECTIVE_LATER_MS, signal }: RunTargetOptions,
): RunTarget {
  let counter = { requests: 0 };
  // Starts have a quota of their own (a few a second on AWS); everything else shares one.
  const paces = { starts: new Pace(), others: new Pace() };
  /**
   * The kinds of request (an operation's valid or invalid ones) answered "later" for a whole wait,
   * none of which has been answered otherwise since: each request of such a kind is tried once,
   * not waited out again, so that a run meets an endpoint that never answers them within one wait
   * a kind.
   */
  const busyKinds = new Set<string>();
  const cap = jobsCost ? REMOTE_PAUSE_CAP_MS : LOCAL_PAUSE_CAP_MS;
  const runStarted = Date.now();
  const errorsAnswered: Record<string, number> = {};
  /** Where the run has the endpoint to itself: when a job the run lost track of may last have started (a start answered by a gateway). */
  let lastUnknownStart = runStarted;
  /** When a start was first answered LimitExceededException with none of the run's jobs running, since the last start it was not. */
  let idleLimitSince: number | undefined;

  async function once(request: TargetRequest): Promise<Exchange> {
    counter.requests++;
    const exchange = await target.send(request);
    const code = codeOf(exchange);
    if (code !== undefined && exchange.response.status !== 200) errorsAnswered[code] = (errorsAnswered[code] ?? 0) + 1;
    if (code && CREDENTIAL_ERRORS.has(code)) {
      const signing = signingOf(exchange, target.region);
      const dummy = signing.includes(`access key id ${DUMMY_ACCESS_KEY_ID},`)
        ? '. No AWS credentials were found, so the run signed with a dummy key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE'
        : '';
      throw new SetupError(`${target.name} refused the credentials: ${exchange.response.status} ${code} (${signing})${dummy}`);
    }
    return exchange;
  }

  /** Retries a failed connection, up to NETWORK_RETRIES times, for a request that starts nothing; else throws. */
  async function sendRetryingConnection(request: TargetRequest, starting: boolean): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(request);
      } catch (error) {
        // An interrupted run sends nothing again, even where a Target of your own gave the interruption as a failure's cause.
        if (isInterruption(error) || starting || attempt >= NETWORK_RETRIES || !isNetworkError(error) || isTimeout(error)) throw error;
        await sleep(FIRST_PAUSE_MS * 2 ** attempt, signal);
      }
    }
  }

  /** Polls the run's own running jobs, oldest first, until one is still running; answers whether one is. */
  async function ownJobRunning(): Promise<boolean> {
    for (const JobId of ledger.running) {
      const poll = await sendRetryingConnection({ operation: 'GetFaceDetection', body: JSON.stringify({ JobId }) }, false);
      const status = responseJson(poll)?.JobStatus;
      if (poll.response.status === 200 && status === 'IN_PROGRESS') return true;
      if (isSlowDown(poll) || GATEWAY_STATUSES.has(poll.response.status)) return true; // cannot tell: take it as running
      ledger.finished(JobId);
    }
    return false;
  }

  /** Backs off on answers that say "later" (throttling, the job limit) or may pass (a gateway's, a server fault) until busyTimeoutMs. */
  async function send(request: TargetRequest): Promise<Exchange> {
    const starting = mayStart(request);
    // A start without a token sent again after an answer that does not say it was refused may start a second job.
    const resendable = !starting || hasToken(request.body);
    if (starting && jobsCost) ledger.claim();
    let deadline: number | undefined;
    /** When this request was first answered "later". */
    let waitedSince: number | undefined;
    let pause = FIRST_PAUSE_MS;
    let faults = 0;
    /** Since when, and how many times, this request has been answered "later" with nothing that explains it (the job limit, a job not yet known). */
    let laterSince: number | undefined;
    let laterTries = 0;
    /** An answer to this request that the pattern's comparison got: taken as the next answer, not sent for again. */
    let answered: Exchange | undefined;
    /** A valid start's own quota is back-pressure; anything else may be held to the pattern. */
    const valid = isValidRequest(request);
    const kind = `${valid ? 'valid' : 'invalid'} ${request.operation ?? 'requests of no operation'}${request.operation ? ' requests' : ''}`;
    // Invalid requests only: a valid one may take a path of its own through the endpoint (a quota per job, per start).
    const selective = probes !== undefined && !jobsCost && !valid;
    const pace = starting ? paces.starts : paces.others;
    for (;;) {
      // A kind answered "later" for a whole wait is sent once, unpaced: answered, it is busy no more.
      if (!busyKinds.has(kind) && !answered) await pace.wait(signal);
      const exchange = answered ?? (await sendRetryingConnection(request, starting));
      answered = undefined;
      const code = codeOf(exchange);
      const slowDown = isSlowDown(exchange);
      // A kind answered "later" for good says nothing of the rate: the pace learns from the others.
      if (slowDown) {
        if (!busyKinds.has(kind)) pace.slower();
      } else pace.easier();
      const limited = code === 'LimitExceededException' && starting;
      // A job the run has just started may not be known everywhere yet (eventual consistency).
      const unknownYet = code === 'ResourceNotFoundException' && ledger.justStarted(jobIdOf(request.body));
      const refusedLater = limited || unknownYet || slowDown;
      // A server fault (no code, or one that says so) may pass: sent again a few times where the endpoint is remote.
      const serverFault = isServerFault(exchange);
      const ambiguous =
        !refusedLater && (GATEWAY_STATUSES.has(exchange.response.status) || (jobsCost && serverFault && faults++ < SERVER_FAULT_RETRIES));
      if (!refusedLater && !ambiguous) {
        if (starting) {
          noteStart(request, exchange);
          idleLimitSince = undefined;
        }
        busyKinds.delete(kind);
        return exchange;
      }
      if (ambiguous && jobsCost) pause = Math.max(pause, SERVER_FAULT_PAUSE_MS);
      if (ambiguous && starting && !resendable) {
        // A gateway's 5xx after the job may have started: count it as started, and send again only
        // within the budget; without one (a replay), not at all.
        if (jobsCost && Number.isFinite(ledger.limit)) {
          ledger.countUnknown();
          ledger.claim();
        } else {
          lastUnknownStart = Date.now();
          return exchange;
        }
      }
      // A "later" answer the contract models is held to it (status, headers, body) before it is waited out.
      if (refusedLater && code !== undefined) expectLaterAnswer(request.operation, exchange, code);
      if (selective && slowDown && !limited && !unknownYet) {
        laterSince ??= Date.now();
        laterTries++;
        if (laterTries >= SELECTIVE_LATER_TRIES && Date.now() - laterSince >= selectiveLaterMs) {
          answered = await expectNotSelective(
            request,
            exchange,
            { tries: laterTries, since: laterSince },
            {
              probes: probes!,
              send: sendRetryingConnection,
              noteStart,
              mayStart,
            },
          );
          if (answered) continue;
          laterSince = Date.now();
          laterTries = 0;
        }
      }
      /** Where the run has the endpoint to itself and none of its jobs runs: when the limit stops being one that jobs of anyone else's may explain. */
      let unexplainedAt: number | undefined;
      if (limited) {
        const idle = !(await ownJobRunning());
        if (!idle) idleLimitSince = undefined;
        else if (!jobsCost) {
          // The run has the endpoint to itself (a local endpoint, no --jobs-cost): a job of anyone
          // else's started before the run and is over within the job timeout of its start.
          idleLimitSince ??= Date.now();
          unexplainedAt = Math.max(lastUnknownStart + busyTimeoutMs, idleLimitSince + Math.min(busyTimeoutMs, IDLE_LIMIT_GRACE_MS));
          if (Date.now() >= unexplainedAt)
            throw idleJobLimit(exchange, { started: ledger.started, runStarted, jobTimeoutMs: busyTimeoutMs });
        }
      }
      // Long enough, where the pattern is judged, to judge it (the plan states this bound).
      waitedSince ??= Date.now();
      deadline ??= waitedSince + (selective ? laterBoundOf(busyTimeoutMs, selectiveLaterMs) : busyTimeoutMs);
      // Such a limit is waited out until it is a finding, not skipped as the endpoint being busy.
      const left = Math.max(deadline, unexplainedAt ?? 0) - Date.now();
      if (left <= 0) {
        // A poll of a job may be "later" for a while on its own (a quota per job): each is waited out.
        if (kind !== VALID_GETS) busyKinds.add(kind);
        throw new CheckSkipped(
          `the endpoint kept answering ${code ?? exchange.response.status} ("later") to ${kind} for ${inSeconds(Date.now() - waitedSince)}`,
          LATER_REMEDY,
        );
      }
      // Requests of this kind stayed "later" for a whole wait before: one try, not another whole wait, each.
      if (busyKinds.has(kind) && unexplainedAt === undefined)
        throw new CheckSkipped(
          `the endpoint still answers ${kind} ${code ?? exchange.response.status} ("later"), as it did for a whole wait before`,
          LATER_REMEDY,
        );
      await sleep(Math.min(left, pause * (0.5 + Math.random())), signal);
      pause = Math.min(pause * 2, cap);
    }
  }

  /** Counts a started job; a start the contract has the endpoint refuse that started one stops all further starts. */
  function noteStart(request: TargetRequest, exchange: Exchange): void {
    const before = ledger.started;
    ledger.noteStart(exchange);
    if (ledger.started > before && jobsCost && !isValidStart(request.body)) {
      ledger.stop('a start the contract has the endpoint refuse started a job: no more starts are sent');
    }
  }

  return Object.assign(withSend(target, send), {
    countInto(next: { requests: number }) {
      counter = next;
    },
    errorsAnswered,
  });
}
