// What the contract demands of the answer to any one request of a conversation: the suite's own
// oracles (expectations.ts, refusalsOf), chosen by what the request is, not by the case that sent
// it, so that an answer from a recording or a replay can be judged on its own. A replay grades its
// differences with it: one side breaking the contract is a contract difference; both keeping it,
// a choice the contract leaves (or a world that differs).
import { operations } from '../../generated/contract.js';
import * as checks from '../../generated/checks.js';
import type { GetFaceDetectionRequest, StartFaceDetectionRequest } from '../../generated/types.js';
import { toViolations } from '../contract/violation.js';
import { withoutNullMembers } from '../contract/nullMembers.js';
import { CONTENT_TYPE, headerValue, operationOf, type OperationName } from '../contract/wire.js';
import { NULL_RULE } from '../arbitraries/requests.js';
import { refusalsOf } from './checks/negativeRejection.js';
import { codeOf, jsonOf, responseJson, type Exchange } from './Exchange.js';
import { protocolCases, type ProtocolCase } from './protocolCases.js';
import { expectErrorContract, expectJobAnswer, expectNotRefused, expectRefusal, expectSuccess } from './expectations.js';

/** What a request is, as far as the contract's demands on its answer go. */
export type RequestKind =
  | 'no operation'
  | 'protocol case'
  | 'other content type'
  | 'body not a JSON object'
  | 'invalid'
  | 'valid start'
  | 'valid get of a started job'
  | 'valid get with a foreign token'
  | 'valid get of an unknown job';

/** Refusals that say a request is invalid: never the answer to a valid one. */
const INVALID_REFUSALS = new Set([
  'ValidationException',
  'InvalidParameterException',
  'SerializationException',
  'UnknownOperationException',
]);
/** What a valid start may be answered besides a job: the world (objects, tokens used before), quotas, faults. */
const START_OUTCOMES = operations.StartFaceDetection.errors.filter((code) => !INVALID_REFUSALS.has(code));
/** A member sent as null may be refused, where the contract leaves the reading of null to the endpoint. */
const NULL_REFUSALS = refusalsOf({ kind: 'required', rule: NULL_RULE }, false);

/** The jobs and NextTokens one side of a conversation was answered, for judging the requests that name them. */
export class Conversation {
  /** Started jobs: JobId -> the start that made it. */
  readonly jobs = new Map<string, StartFaceDetectionRequest>();
  /** NextTokens answered: token -> the job it pages. */
  readonly tokens = new Map<string, string>();

  /** Notes the job or NextToken an answer gave. */
  observe(exchange: Exchange): void {
    if (exchange.response.status !== 200) return;
    const operation = operationOf(headerValue(exchange.request.headers, 'x-amz-target'));
    const request = jsonOf(exchange.request.body);
    const body = responseJson(exchange);
    // As the endpoint reads the start: null members absent (what a Get echoes is held to that).
    if (operation === 'StartFaceDetection' && typeof body?.JobId === 'string' && !this.jobs.has(body.JobId))
      this.jobs.set(body.JobId, withoutNullMembers(request, 'StartFaceDetectionRequest'));
    if (operation === 'GetFaceDetection' && typeof body?.NextToken === 'string' && typeof request?.JobId === 'string')
      this.tokens.set(body.NextToken, request.JobId);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** What a request is, and so which of the suite's oracles holds its answer. */
export function requestKindOf(request: Exchange['request'], conversation: Conversation): RequestKind {
  const operation = operationOf(headerValue(request.headers, 'x-amz-target'));
  if (!operation) return 'no operation';
  if (protocolCaseOf(request)) return 'protocol case';
  const type = headerValue(request.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== CONTENT_TYPE) return 'other content type';
  const body = jsonOf(request.body);
  if (!isObject(body)) return 'body not a JSON object';
  if (violationsOf(operation, body).length > 0) return 'invalid';
  if (operation === 'StartFaceDetection') return 'valid start';
  if (!conversation.jobs.has(body.JobId as string)) return 'valid get of an unknown job';
  const token = body.NextToken;
  return token !== undefined && token !== null && conversation.tokens.get(token as string) !== body.JobId
    ? 'valid get with a foreign token'
    : 'valid get of a started job';
}

/**
 * The protocol check's own case this request is, where it names its answer's codes (not JSON at
 * all, say: `MaxResults 2ABC`): the same operation, body and Content-Type.
 */
function protocolCaseOf(request: Exchange['request']): (ProtocolCase & { expect: { codes: string[] } }) | undefined {
  const operation = operationOf(headerValue(request.headers, 'x-amz-target'));
  const type = headerValue(request.headers, 'content-type');
  return protocolCases.find(
    (c): c is ProtocolCase & { expect: { codes: string[] } } =>
      'codes' in c.expect && c.operation === operation && c.body === request.body && (c.contentType ?? CONTENT_TYPE) === type,
  );
}

const namesWholeVideo = (request: StartFaceDetectionRequest) =>
  typeof request.Video?.S3Object?.Bucket === 'string' && typeof request.Video.S3Object.Name === 'string';

const inputOf = (operation: OperationName) => operations[operation].input as 'StartFaceDetectionRequest' | 'GetFaceDetectionRequest';
const violationsOf = (operation: OperationName, body: Record<string, unknown>) =>
  toViolations(checks.errorsOf[inputOf(operation)](body, true));

/**
 * Throws a ContractViolation when the answer breaks the contract for its request, as the checks
 * would judge it (without --strict: every choice the contract leaves is accepted). Answers what
 * the request is. A CheckSkipped (a start denied on a video the account may not read) means the
 * answer says nothing of the contract.
 */
export function expectAnswer(
  exchange: Exchange,
  conversation: Conversation,
  kind: RequestKind = requestKindOf(exchange.request, conversation),
): RequestKind {
  const operation = operationOf(headerValue(exchange.request.headers, 'x-amz-target'));
  const request = jsonOf(exchange.request.body);
  const hasNull = operation !== undefined && isObject(request) && withoutNullMembers(request, inputOf(operation)) !== request;
  // Valid once nulls are read as absent; refusing a null is the other reading the contract leaves.
  const nullRefused = hasNull && exchange.response.status === 400 && NULL_REFUSALS.includes(codeOf(exchange) ?? '');
  switch (kind) {
    case 'no operation':
      expectRefusal(undefined, exchange, ['UnknownOperationException']);
      break;
    case 'protocol case': {
      // As the protocol check judges it without --strict: its codes, and the lenient ones.
      const c = protocolCaseOf(exchange.request)!;
      expectRefusal(operation!, exchange, [...c.expect.codes, ...(c.lenient ?? [])]);
      break;
    }
    case 'other content type':
      // The contract fixes no answer to another media type, only that an error is one the operation declares.
      if (exchange.response.status === 200) expectSuccess(operation!, exchange);
      else expectErrorContract(operation!, exchange);
      break;
    case 'body not a JSON object':
      expectRefusal(operation!, exchange, ['SerializationException']);
      break;
    case 'invalid': {
      const violations = violationsOf(operation!, request);
      const allowed = new Set(violations.flatMap((v) => refusalsOf({ kind: v.kind, rule: '' }, false)));
      if (hasNull) for (const code of NULL_REFUSALS) allowed.add(code);
      // A malformed NextToken may be taken for one the endpoint did not give (the pagination check's reading).
      if (violations.some((v) => v.pointer === '/NextToken')) allowed.add('InvalidPaginationTokenException');
      expectRefusal(operation!, exchange, [...allowed]);
      break;
    }
    case 'valid start':
      if (nullRefused) expectRefusal(operation!, exchange, NULL_REFUSALS);
      // A start that names no whole video (no Bucket or no Name, which the model leaves optional) may
      // be refused with InvalidParameterException, as the service does: the checks start only whole ones.
      else
        expectNotRefused(
          'StartFaceDetection',
          exchange,
          namesWholeVideo(request) ? START_OUTCOMES : [...START_OUTCOMES, 'InvalidParameterException'],
        );
      break;
    case 'valid get of an unknown job':
      // As the unknown-job check has it; a token of a job the endpoint does not know may be refused as a token.
      expectRefusal('GetFaceDetection', exchange, [
        'ResourceNotFoundException',
        ...(request.NextToken !== undefined && request.NextToken !== null ? ['InvalidPaginationTokenException'] : []),
        ...(hasNull ? NULL_REFUSALS : []),
      ]);
      break;
    case 'valid get with a foreign token':
      // As the pagination check has it: a token this job's pages never gave.
      expectRefusal('GetFaceDetection', exchange, ['InvalidPaginationTokenException', ...(hasNull ? NULL_REFUSALS : [])]);
      break;
    case 'valid get of a started job': {
      const get = request as GetFaceDetectionRequest;
      // As the lifecycle check has it: a job started in this conversation is known, and its page is 200.
      if (nullRefused) expectRefusal(operation!, exchange, NULL_REFUSALS);
      else
        expectJobAnswer(exchange, withoutNullMembers(get, 'GetFaceDetectionRequest'), {
          JobId: get.JobId,
          request: conversation.jobs.get(get.JobId)!,
        });
      break;
    }
  }
  return kind;
}
