// Fault modes whose break is in what goes in or out of the service, not in its model: each wraps
// the service's respond() and changes the request before it, or the answer after it. A wrapper is
// made for each request and keeps no state, so the same one serves the mock and the emulator.
import { errors, operations, type ErrorName } from '../../generated/contract.js';
import {
  errorAnswer,
  fromFetchResponse,
  headerValue,
  isJsonContentType,
  operationOf,
  toFetchResponse,
  type OperationName,
  type WireAnswer,
  type WireRequest,
} from '../contract/wire.js';

/** Answers one request: the service's respond(), or another wrapper around it. */
export type Respond = (request: WireRequest) => Promise<WireAnswer>;
/** A fault mode that wraps the service: given how to answer, how to answer instead. */
export type Wrap = (respond: Respond) => Respond;

/** What a response rewrite knows of the call: the operation served (if any) and the error answered (if any). */
interface Answered {
  operation: OperationName | undefined;
  error: ErrorName | undefined;
}

/** The answer, as a fetch Response, changed by `change` (status, headers, body). */
export function rewriteResponse(change: (response: Response, answered: Answered) => Response | Promise<Response>): Wrap {
  return (respond) => async (request) => {
    const answer = await respond(request);
    const answered = { operation: operationOf(request.header('x-amz-target')), error: answer.error };
    return fromFetchResponse(await change(toFetchResponse(answer), answered), answer.error);
  };
}

/** The response with another status and/or headers; the body is passed on untouched. */
export function withStatusOrHeaders(response: Response, change: { status?: number; headers?: (headers: Headers) => void }): Response {
  const headers = new Headers(response.headers);
  change.headers?.(headers);
  return new Response(response.body, { status: change.status ?? response.status, headers });
}

/** Errors that `which` picks are answered with `status`, the body unchanged. */
export function errorStatus(which: (error: ErrorName) => boolean, status: number): Wrap {
  return rewriteResponse((response, { error }) =>
    error !== undefined && which(error) ? withStatusOrHeaders(response, { status }) : response,
  );
}

/**
 * Answers `to` (with its own status) where the service answered `from` with its contract status
 * and `applies` holds, with the same message and request id.
 */
export function errorAs(from: ErrorName, to: ErrorName, applies: (request: WireRequest) => boolean = () => true): Wrap {
  return (respond) => async (request) => {
    const answer = await respond(request);
    if (answer.error !== from || answer.status !== errors[from].httpStatus || !applies(request)) return answer;
    const body = JSON.parse(answer.body) as { Message?: string; message?: string };
    const id = headerValue(answer.headers, 'x-amzn-requestid');
    return errorAnswer(to, body.Message ?? body.message ?? to, id, errors[to].httpStatus);
  };
}

/** Serves an X-Amz-Target that names no operation as `operation`. */
export function unknownTargetAs(operation: OperationName): Wrap {
  const served = operations[operation].target;
  return (respond) => (request) => {
    const target = request.header('x-amz-target');
    if (target == null || operationOf(target) !== undefined) return respond(request);
    return respond({ ...request, header: (name) => (name.toLowerCase() === 'x-amz-target' ? served : request.header(name)) });
  };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the request is the awsJson1_1 media type and its body text (UTF-8) that is not JSON: a
 * malformed body, rather than another media type or unreadable bytes.
 */
export function isMalformedJson(request: WireRequest): boolean {
  if (!isJsonContentType(request.header('content-type')) || !(request.body instanceof Uint8Array)) return false;
  let text: string;
  try {
    text = UTF8.decode(request.body);
  } catch {
    return false;
  }
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** A 200 answer of `operation`, its JSON body changed by `change`; every other answer as it was. */
export function rewriteSuccess(operation: OperationName, change: (body: Record<string, unknown>) => void): Wrap {
  return rewriteResponse(async (response, answered) => {
    if (answered.operation !== operation || answered.error !== undefined || response.status !== 200) return response;
    const body = (await response.json()) as Record<string, unknown>;
    change(body);
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  });
}

/** Answers of `error` name it in `code` rather than `__type` (which SDKs also read, but the contract's body requires). */
export function errorWithoutType(error: ErrorName): Wrap {
  return rewriteResponse(async (response, answered) => {
    if (answered.error !== error) return response;
    const { __type, ...rest } = (await response.json()) as Record<string, unknown>;
    return new Response(JSON.stringify({ code: error, ...rest }), { status: response.status, headers: response.headers });
  });
}

/** Whether the request's body is a JSON object (whatever its members): what it answers comes from reading its members. */
export function isJsonObjectBody(request: WireRequest): boolean {
  if (!(request.body instanceof Uint8Array)) return false;
  try {
    const value: unknown = JSON.parse(UTF8.decode(request.body));
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A request whose Content-Type carries parameters (`; charset=utf-8`) is answered `error` instead. */
export function contentTypeParametersAs(error: ErrorName): Wrap {
  return (respond) => async (request) => {
    if (!request.header('content-type')?.includes(';')) return respond(request);
    return errorAnswer(error, 'Content-Type must be application/x-amz-json-1.1', undefined, errors[error].httpStatus);
  };
}

/** The request's body as a JSON object, or undefined when it is none. */
export function requestJson(request: WireRequest): Record<string, unknown> | undefined {
  if (!isJsonObjectBody(request)) return undefined;
  return JSON.parse(UTF8.decode(request.body as Uint8Array)) as Record<string, unknown>;
}

/** The answer changed by `change`, which sees the request and the operation it named (for breaks that depend on what was asked). */
export function rewriteAnswer(
  change: (answer: WireAnswer, request: WireRequest, operation: OperationName | undefined) => WireAnswer | undefined,
): Wrap {
  return (respond) => async (request) => {
    const answer = await respond(request);
    return change(answer, request, operationOf(request.header('x-amz-target'))) ?? answer;
  };
}

/** A 200 JSON answer with `body` in place of its own. */
export function withJsonBody(answer: WireAnswer, body: unknown): WireAnswer {
  return { ...answer, body: JSON.stringify(body) };
}
