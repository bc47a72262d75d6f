// What the contract says of "later" answers where the run has the endpoint to itself (no
// --jobs-cost): a job limit that none of the run's jobs, nor any job started before the run,
// explains is a finding (idle-job-limit); so is one kind of request answered "later" for good
// while a valid request of its operation is answered at once (later-selective). runTarget waits
// the answers out and sends; the verdicts are here.
import type { OperationName } from '../contract/wire.js';
import { isSlowDown } from './answerKinds.js';
import { ContractViolation } from './ContractViolation.js';
import { codeOf, type Exchange, type TargetRequest } from './Exchange.js';
import { plural } from './plural.js';

/**
 * Where the run has the endpoint to itself: how long, and over how many answers at least, one
 * invalid request is answered "later" before a valid request of its operation is sent to compare.
 */
export const SELECTIVE_LATER_MS = 3000;
export const SELECTIVE_LATER_TRIES = 3;
/**
 * How many times in turn, back to back, the valid request is answered at once and the invalid one
 * "later" before it is a finding. Against "later" answers at random (rate p), 3 + 10 "later" and
 * 10 "at once" come by chance at most p^13·(1-p)^10 ≤ 2·10⁻⁷ a request; a rate limit answers the
 * valid requests of so quick a burst "later" too.
 */
const SELECTIVE_ROUNDS = 10;

/** The finding of a job limit answered while none of the run's `started` jobs runs, past the job timeout since the run began. */
export function idleJobLimit(exchange: Exchange, run: { started: number; runStarted: number; jobTimeoutMs: number }): ContractViolation {
  return new ContractViolation(
    'idle-job-limit',
    `StartFaceDetection answered LimitExceededException while none of the ${plural(run.started, 'job')} this run started ` +
      `was running, ${Math.round((Date.now() - run.runStarted) / 1000)} s into the run: longer than the job timeout (${Math.round(run.jobTimeoutMs / 1000)} s) ` +
      "leaves for any job started before it (a local endpoint, taken to be the run's alone; --jobs-cost makes no such assumption)",
    exchange,
    false,
  );
}

/** How the comparison reaches the endpoint: runTarget's own sending, and its count of starts. */
export interface ProbeSending {
  /** A valid request of each operation that a correct endpoint answers at once. */
  probes: Record<OperationName, string>;
  send: (request: TargetRequest, starting: boolean) => Promise<Exchange>;
  noteStart: (request: TargetRequest, exchange: Exchange) => void;
  mayStart: (request: TargetRequest) => boolean;
}

/**
 * A request answered "later" `tries` times since `since`: a valid request of its operation is
 * sent; answered at once, the request is sent again; "later" still, the endpoint answers "later"
 * to this kind of request alone, for good: a finding. Anything else returns, to wait on.
 */
export async function expectNotSelective(
  request: TargetRequest,
  exchange: Exchange,
  { tries, since }: { tries: number; since: number },
  { probes, send, noteStart, mayStart }: ProbeSending,
): Promise<Exchange | undefined> {
  const operation: OperationName = request.operation ?? 'GetFaceDetection';
  const probe = { operation, body: probes[operation] };
  let answer: Exchange | undefined;
  let again = exchange;
  // Round after round: a rate limit whose one free slot the valid request took would not answer every pair so.
  for (let round = 0; round < SELECTIVE_ROUNDS; round++) {
    answer = await send(probe, operation === 'StartFaceDetection');
    if (operation === 'StartFaceDetection') noteStart(probe, answer);
    if (isSlowDown(answer) || codeOf(answer) === 'LimitExceededException' || answer.response.status >= 500) return undefined;
    again = await send(request, mayStart(request));
    if (!isSlowDown(again)) return again;
  }
  const what = (e: Exchange) => `${e.response.status}${codeOf(e) ? ` ${codeOf(e)}` : ''}`;
  throw new ContractViolation(
    'later-selective',
    `answered ${what(exchange)} ("later") ${plural(tries + SELECTIVE_ROUNDS, 'time')} over ${((Date.now() - since) / 1000).toFixed(1)} s, while a valid ` +
      `${operation}, sent ${plural(SELECTIVE_ROUNDS, 'time')} in between, was answered at once (${what(answer!)}): an endpoint the run has to ` +
      'itself that answers one kind of request "later" for good, and others at once, is not slowing the run down but refusing that request',
    again,
    false,
  );
}
