// The awsJson1_1 wire as Rekognition speaks it: media type, targets, request ids, error bodies,
// and how SDKs read an error's code. Works in any environment with fetch's Request/Response.
import { errors, operations, type ErrorName } from '../../generated/contract.js';
import { toHex } from './bytes.js';

export const CONTENT_TYPE = 'application/x-amz-json-1.1';
export const TARGET_PREFIX = 'RekognitionService';

/** Whether a Content-Type header names the awsJson1_1 media type (parameters and case aside). */
export function isJsonContentType(header: string | null | undefined): boolean {
  // The exact media type, as SDKs send it, needs no parsing.
  return header === CONTENT_TYPE || header?.split(';')[0]?.trim().toLowerCase() === CONTENT_TYPE;
}

export type OperationName = keyof typeof operations;

const OPERATIONS_BY_TARGET = new Map(Object.entries(operations).map(([name, facts]) => [facts.target, name as OperationName]));

/** `RekognitionService.StartFaceDetection` -> `StartFaceDetection`; anything else -> undefined. */
export function operationOf(target: string | null | undefined): OperationName | undefined {
  return typeof target === 'string' ? OPERATIONS_BY_TARGET.get(target) : undefined;
}

/** The error code as SDK v3 reads `__type`: the part after `#`, cut at `:` and `,`. */
export function errorCode(type: string): string {
  const afterHash = type.slice(type.lastIndexOf('#') + 1);
  return afterHash.split(/[:,]/)[0]!;
}

export function requestId(): string {
  return crypto.randomUUID();
}

/** Random bytes drawn a page at a time: one draw serves 128 JobIds. */
const pool = new Uint8Array(4096);
let poolAt = pool.length;

/**
 * A JobId shaped like the service's: 64 lowercase hexadecimal characters, a string of its own
 * (a slice of a longer one would keep all of it alive as long as the id).
 */
export function jobId(): string {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  poolAt += 32;
  return toHex(pool.subarray(poolAt - 32, poolAt));
}

/** A request as read off any transport. */
export interface WireRequest {
  /** The HTTP method, as sent (`POST`). */
  method: string;
  /** A header's value by lowercase name, repeated headers joined with `, `; null or undefined when absent. */
  header(name: string): string | null | undefined;
  /** The body's bytes; `too-large` past what the transport reads; `unreadable` when it broke off. */
  body: Uint8Array | 'too-large' | 'unreadable';
}

/** An answer ready for any transport: status, headers, body text, and the error it names, if any. */
export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  error: ErrorName | undefined;
}

/** A header's value in a record of headers whatever the case of its name there; `name` in lowercase. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function headers(id: string): Record<string, string> {
  return { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': id };
}

/** A 200 answer with the body as JSON. */
export function successAnswer(body: unknown, id = requestId()): WireAnswer {
  return { status: 200, headers: headers(id), body: JSON.stringify(body), error: undefined };
}

/** An error answer with the status the contract gives it. */
export function errorAnswer(name: ErrorName, message: string, id = requestId(), status = errors[name].httpStatus): WireAnswer {
  return { status, headers: headers(id), body: JSON.stringify(errorBody(name, message)), error: name };
}

/** The answer as a fetch Response. */
export function toFetchResponse(answer: WireAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A fetch Response as an answer naming `error`. */
export async function fromFetchResponse(response: Response, error: ErrorName | undefined): Promise<WireAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text(), error };
}

/** A 200 answer with the body as JSON. */
export function success(body: unknown, id = requestId()): Response {
  return toFetchResponse(successAnswer(body, id));
}

/** The body of an error as the service sends it: Message, Code, Logref for Rekognition's own errors; message for the protocol's. */
export function errorBody(name: ErrorName, message: string): Record<string, string> {
  if (errors[name].modelled) return { __type: name, Code: name, Logref: crypto.randomUUID(), Message: message };
  if (name === 'UnknownOperationException') return { __type: `com.amazon.coral.service#${name}`, message };
  return { __type: name, message };
}

/** An error answer with the status the contract gives it. */
export function errorResponse(name: ErrorName, message: string, id = requestId(), status = errors[name].httpStatus): Response {
  return toFetchResponse(errorAnswer(name, message, id, status));
}
