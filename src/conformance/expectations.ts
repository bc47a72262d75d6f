// What the checks demand of single answers, shared by them. Each throws a ContractViolation.
import { alwaysPresent, echoes, errors, operations, type ErrorName } from '../../generated/contract.js';
import type { GetFaceDetectionRequest, GetFaceDetectionResponse, StartFaceDetectionRequest } from '../../generated/types.js';
import * as checks from '../../generated/checks.js';
import { toViolations, summarize } from '../contract/violation.js';
import { CONTENT_TYPE, type OperationName } from '../contract/wire.js';
import { ContractViolation } from './ContractViolation.js';
import type { FindingRule } from './findings.js';
import { codeOf, responseJson, type Exchange } from './Exchange.js';
import { signingOf } from './signingOf.js';
import { CheckSkipped } from './CheckSkipped.js';
import { SetupError } from './SetupError.js';

export function fail(rule: FindingRule, message: string, exchange?: Exchange): never {
  throw new ContractViolation(rule, message, exchange);
}

function expectHeaders(exchange: Exchange): void {
  const type = exchange.response.headers['content-type']?.split(';')[0]?.trim();
  if (type !== CONTENT_TYPE)
    fail('content-type', `Content-Type is ${JSON.stringify(exchange.response.headers['content-type'])}, not ${CONTENT_TYPE}`, exchange);
  if (!exchange.response.headers['x-amzn-requestid']) fail('request-id', 'the answer has no x-amzn-RequestId header', exchange);
}

/** Valid against the schema as a client reads the body: members sent as null are absent. */
function expectValid(rule: FindingRule, schema: string, value: unknown, exchange: Exchange): void {
  const found = checks.errorsOf[schema as keyof typeof checks.errorsOf](value, true);
  if (found.length > 0) fail(rule, `the body does not satisfy ${schema}: ${summarize(toViolations(found))}`, exchange);
}

/** A valid request denied to these credentials says nothing of the contract: the run cannot go on. */
function expectAllowed(operation: OperationName, exchange: Exchange): void {
  if (codeOf(exchange) === 'AccessDeniedException') {
    throw new SetupError(
      `the endpoint denied ${operation} to these credentials: ${exchange.response.status} AccessDeniedException (${signingOf(exchange, 'unknown')})`,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: valid against the operation's output schema; the caller names the type.
export function expectSuccess(operation: OperationName, exchange: Exchange): any {
  if (exchange.response.status !== 200) {
    expectAllowed(operation, exchange);
    fail('valid-refused', `${operation} answered ${exchange.response.status} ${codeOf(exchange) ?? ''} to a valid request`, exchange);
  }
  expectHeaders(exchange);
  const body = responseJson(exchange);
  if (body === undefined) fail('body-not-json', 'the 200 body is not JSON', exchange);
  expectValid('output-schema', operations[operation].output, body, exchange);
  return body;
}

/** The answer to a valid request that is not a success: one that does not refuse it as invalid, and within the contract. */
export function expectNotRefused(operation: OperationName, exchange: Exchange, allowed: readonly string[]): void {
  if (exchange.response.status === 200) return void expectSuccess(operation, exchange);
  // A start on a video the account may not read can be denied (a bucket or key policy): nothing to judge.
  if (operation === 'StartFaceDetection' && codeOf(exchange) === 'AccessDeniedException')
    throw new CheckSkipped(
      'the endpoint denied a start on a video the account may not read (AccessDeniedException)',
      'a --video the credentials may read',
    );
  expectAllowed(operation, exchange);
  const code = codeOf(exchange);
  if (!code || !allowed.includes(code))
    fail('valid-refused', `a valid ${operation} request got ${exchange.response.status} ${code ?? '(no error code)'}`, exchange);
  expectErrorContract(operation, exchange);
}

/** An error answer as the contract has it: a code the operation declares, its status, its headers, its body. */
export function expectErrorContract(operation: OperationName | undefined, exchange: Exchange): ErrorName {
  const { status } = exchange.response;
  const code = codeOf(exchange);
  if (!code) fail('error-code-missing', `a ${status} answer with no error code (__type)`, exchange);
  const declared: readonly string[] = operation ? operations[operation].errors : Object.keys(errors);
  if (!declared.includes(code))
    fail(
      'error-undeclared',
      `${operation ?? 'the endpoint'} answered ${code}, which ${operation ? 'it does not declare' : 'the contract does not name'}`,
      exchange,
    );
  const name = code as ErrorName;
  if (status !== errors[name].httpStatus)
    fail('error-status', `${code} came with status ${status}; the contract gives it ${errors[name].httpStatus}`, exchange);
  expectHeaders(exchange);
  expectValid('error-body-schema', name, responseJson(exchange), exchange);
  return name;
}

/**
 * A "later" answer (throttling, the job limit) as the contract has it, where the contract models
 * its error: its status, headers and body, before the run waits it out. A code the contract does
 * not name (a proxy's `SlowDown`, a bare 503) fixes nothing to judge.
 */
export function expectLaterAnswer(operation: OperationName | undefined, exchange: Exchange, code: string): void {
  if (!Object.hasOwn(errors, code)) return;
  try {
    expectErrorContract(operation, exchange);
  } catch (error) {
    if (error instanceof ContractViolation)
      throw new ContractViolation(
        'later-answer',
        `a "later" answer (${code}), before it was waited out: ${error.message}`,
        error.exchange,
        false,
      );
    throw error;
  }
}

/**
 * A refusal of an invalid request: 400, one of the codes allowed, no JobId, and an error answer
 * as the contract has it (status, headers, body schema). `operation` undefined: no operation was named.
 */
export function expectRefusal(operation: OperationName | undefined, exchange: Exchange, allowed: readonly string[]): string {
  const code = codeOf(exchange);
  if (exchange.response.status !== 400 || !code || !allowed.includes(code)) {
    fail(
      exchange.response.status === 200 ? 'invalid-accepted' : 'refusal-code',
      `expected 400 with ${allowed.join(' or ')}, got ${exchange.response.status} ${code ?? '(no error code)'}`,
      exchange,
    );
  }
  if (responseJson(exchange)?.JobId !== undefined) fail('refusal-job-id', 'a refused request was answered with a JobId', exchange);
  expectErrorContract(operation, exchange);
  return code;
}

/** A job the run started, as the checks that read it know it: its JobId and the start that made it. */
export interface StartedJob {
  JobId: string;
  request: StartFaceDetectionRequest;
}

/** JSON text of a value with its object members sorted and its null members left out: equal texts, equal values as a client reads them. */
function canonicalJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v) ?? 'null').join(',')}]`;
  const members = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== null && (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

/**
 * A GetFaceDetection answer of a job the run started, as the contract has it: 200 and valid,
 * every member the spec marks always present there (JobStatus), and every member it marks as an
 * echo (x-aws-echo) equal to the request's or the start's member it repeats, or absent with it.
 */
export function expectJobAnswer(exchange: Exchange, request: GetFaceDetectionRequest, job: StartedJob): GetFaceDetectionResponse {
  const body = expectSuccess('GetFaceDetection', exchange) as GetFaceDetectionResponse & Record<string, unknown>;
  for (const member of alwaysPresent.GetFaceDetection)
    if (body[member] === undefined || body[member] === null)
      fail('always-present', `a GetFaceDetection answer of the job ${job.JobId} has no ${member}`, exchange);
  for (const [member, source] of Object.entries(echoes.GetFaceDetection)) {
    const [shape, name] = source.split('.') as [string, string];
    const from = shape === 'GetFaceDetectionRequest' ? (request as Record<string, unknown>) : (job.request as Record<string, unknown>);
    const [want, got] = [canonicalJson(from[name]), canonicalJson(body[member])];
    if (want === got) continue;
    const what = shape === 'GetFaceDetectionRequest' ? 'the request' : 'its StartFaceDetection';
    fail(
      'echo',
      want === undefined
        ? `GetFaceDetection of the job ${job.JobId} answered ${member} ${got}, which ${what} did not give`
        : `GetFaceDetection of the job ${job.JobId} answered ${member} ${got ?? '(none)'}, where ${what} gave ${want}`,
      exchange,
    );
  }
  return body;
}
