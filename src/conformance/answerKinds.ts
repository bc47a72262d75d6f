// What an answer, or the lack of one, says before any check reads it: "slow down, try again", a
// gateway that cannot say whether the request was processed, a server's own fault that may pass,
// credentials the endpoint refuses, no answer at all. Classification only: what the run does with
// each is runTarget's, and what the contract says of each is the checks'.
import { codeOf, type Exchange } from './Exchange.js';
import { NoAnswerError } from './NoAnswerError.js';

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
const SLOW_DOWN_STATUSES = new Set([429, 503]);
/** A gateway's statuses: the request may or may not have been processed behind it. */
export const GATEWAY_STATUSES = new Set([502, 504]);
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

/** Whether an answer says "slow down, try again": the request was not processed. */
export function isSlowDown(exchange: Exchange): boolean {
  return SLOW_DOWN_STATUSES.has(exchange.response.status) || SLOW_DOWN_ERRORS.has(codeOf(exchange) ?? '');
}

/** Codes of a server's own fault, which may pass. */
const SERVER_FAULTS = new Set(['InternalServerError', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException']);

/** A server fault (5xx with no code, or one that says so): it may pass, and a remote run sends the request again. */
export function isServerFault(exchange: Exchange): boolean {
  const code = codeOf(exchange);
  return exchange.response.status >= 500 && (code === undefined || SERVER_FAULTS.has(code));
}
/** A request that got no answer within the target's time: sent again, it would only wait as long again. */
export function isTimeout(error: unknown): boolean {
  return (error instanceof NoAnswerError && error.timedOut) || (error instanceof Error && error.name === 'TimeoutError');
}

/** A request that got no whole answer: refused, reset or cut off mid-body, timed out, its host not found. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof NoAnswerError) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError') return true;
  // fetch's, for a Target of your own that sends with it: a TypeError, the system error as its cause.
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return (
    error instanceof TypeError &&
    (/fetch failed|terminated/.test(error.message) || (typeof code === 'string' && /^(UND_ERR|ECONN|EPIPE|ETIMEDOUT)/.test(code)))
  );
}
