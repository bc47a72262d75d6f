// The target as the checks of one run see it. Below every check: "later" answers (throttling,
// the job limit) are waited out and the request sent again, never judged; starts are counted, and
// where jobs cost (AWS, --safe) never sent past --max-jobs; credentials the endpoint refuses end
// the run; requests are counted per case, for the report.
import { setTimeout as sleep } from 'node:timers/promises';
import { operations } from '../../generated/contract.js';
import { errorCode } from '../wire.js';
import { CheckSkipped } from './CheckSkipped.js';
import { ContractViolation } from './ContractViolation.js';
import { responseJson, type Exchange, type WireRequest } from './Exchange.js';
import type { JobLedger } from './jobLedger.js';
import { SetupError } from './SetupError.js';
import type { Target } from './Target.js';

/** Codes that say "slow down": the request is sent again after a pause, whatever the endpoint. */
export const SLOW_DOWN_ERRORS: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'SlowDown',
]);
/** Statuses that say "try again" before any body is read. */
const SLOW_DOWN_STATUSES = new Set([429, 502, 503, 504]);
/** Codes that say the endpoint does not take the credentials: the run cannot judge anything. */
export const CREDENTIAL_ERRORS: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'AuthFailure',
]);

const GET_TARGET = operations.GetFaceDetection.target;
/** The first pause after a "later" answer; each doubles, up to the cap. */
const FIRST_PAUSE_MS = 50;
const LOCAL_PAUSE_CAP_MS = 1000;
const REMOTE_PAUSE_CAP_MS = 20_000;
/** Where jobs cost, a 500 is sent again this many times before the check sees it (a transient fault of a remote service). */
const SERVER_FAULT_RETRIES = 2;

/** The error code an SDK reads from an answer: body `__type`, else `code`/`Code`, else the header. */
export function codeOf(exchange: Exchange): string | undefined {
  const body = responseJson(exchange);
  const type = body?.__type ?? body?.code ?? body?.Code ?? exchange.response.headers['x-amzn-errortype'];
  return typeof type === 'string' ? errorCode(type) : undefined;
}

/** Whether an answer says "slow down, try again". */
export function isSlowDown(exchange: Exchange): boolean {
  return SLOW_DOWN_STATUSES.has(exchange.response.status) || SLOW_DOWN_ERRORS.has(codeOf(exchange) ?? '');
}

/** The access key id, region and signing name an exchange was signed with, as its Authorization header names them. */
export function signingOf(exchange: Exchange, fallbackRegion: string): string {
  const auth = Object.entries(exchange.request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';
  const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(auth);
  if (!scope) return `no signature was sent (region ${fallbackRegion}, signing name rekognition)`;
  return `access key id ${scope[1]}, region ${scope[2]}, signing name ${scope[3]}`;
}

export interface RunTargetOptions {
  ledger: JobLedger;
  /** Jobs cost here (AWS, --safe): starts are budgeted, and the run may not be the endpoint's only user. */
  guarded: boolean;
  /** How long one request may be answered "later" before its run is skipped as the endpoint being busy. */
  busyTimeoutMs: number;
}

export interface RunTarget extends Target {
  /** Where requests are counted from now on (a case's own counter). */
  countInto(counter: { requests: number }): void;
}

/** A request that may start a job: any but GetFaceDetection's (an endpoint may serve an unknown target as a start). */
function mayStart(request: WireRequest): boolean {
  const target = request.target !== undefined ? request.target : request.operation ? operations[request.operation].target : null;
  return target !== GET_TARGET;
}

export function runTarget(target: Target, { ledger, guarded, busyTimeoutMs }: RunTargetOptions): RunTarget {
  let counter = { requests: 0 };
  const cap = guarded ? REMOTE_PAUSE_CAP_MS : LOCAL_PAUSE_CAP_MS;

  async function once(request: WireRequest): Promise<Exchange> {
    counter.requests++;
    const exchange = await target.send(request);
    const code = codeOf(exchange);
    if (code && CREDENTIAL_ERRORS.has(code)) {
      throw new SetupError(`${target.name} refused the credentials: ${exchange.response.status} ${code} (${signingOf(exchange, target.region)})`);
    }
    return exchange;
  }

  /** Polls the run's own running jobs, oldest first, until one is still running; answers whether one is. */
  async function ownJobRunning(): Promise<boolean> {
    for (const JobId of ledger.running) {
      const poll = await once({ operation: 'GetFaceDetection', body: JSON.stringify({ JobId }) });
      const status = responseJson(poll)?.JobStatus;
      if (poll.response.status === 200 && status === 'IN_PROGRESS') return true;
      if (isSlowDown(poll)) return true; // cannot tell: take it as running
      ledger.finished(JobId);
    }
    return false;
  }

  async function send(request: WireRequest): Promise<Exchange> {
    const starting = mayStart(request);
    if (starting && guarded) ledger.claim();
    let deadline: number | undefined;
    let pause = FIRST_PAUSE_MS;
    let faults = 0;
    for (;;) {
      const exchange = await once(request);
      const code = codeOf(exchange);
      const limited = code === 'LimitExceededException' && starting;
      const faulted = guarded && exchange.response.status >= 500 && !isSlowDown(exchange) && faults++ < SERVER_FAULT_RETRIES;
      if (!limited && !faulted && !isSlowDown(exchange)) {
        if (starting) ledger.noteStart(exchange);
        return exchange;
      }
      if (limited && !(await ownJobRunning()) && !guarded) {
        // The run is a local endpoint's only user: with none of its jobs running, the limit is not reached.
        throw new ContractViolation(
          `StartFaceDetection answered LimitExceededException while none of the ${ledger.started} jobs this run started was running ` +
            '(a local endpoint, of which the run is the only user; --safe makes no such assumption)',
          exchange,
        );
      }
      deadline ??= Date.now() + busyTimeoutMs;
      const left = deadline - Date.now();
      if (left <= 0) throw new CheckSkipped(`the endpoint kept answering ${code ?? exchange.response.status} ("later") for ${Math.round(busyTimeoutMs / 1000)} s`);
      await sleep(Math.min(left, pause * (0.5 + Math.random())));
      pause = Math.min(pause * 2, cap);
    }
  }

  return {
    name: target.name,
    url: target.url,
    region: target.region,
    local: target.local,
    get requests() {
      return target.requests;
    },
    send,
    countInto(next) {
      counter = next;
    },
    close: () => target.close(),
  };
}

