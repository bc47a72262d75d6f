// The awsJson1_1 wire as Rekognition speaks it: media type, targets, request ids, error bodies,
// and how SDKs read an error's code. Works in any environment with fetch's Request/Response.
import { errors, operations, type ErrorName } from '../generated/contract.js';

export const CONTENT_TYPE = 'application/x-amz-json-1.1';
export const TARGET_PREFIX = 'RekognitionService';

export type OperationName = keyof typeof operations;

/** `RekognitionService.StartFaceDetection` -> `StartFaceDetection`; anything else -> undefined. */
export function operationOf(target: string | null | undefined): OperationName | undefined {
  for (const [name, facts] of Object.entries(operations)) if (facts.target === target) return name as OperationName;
  return undefined;
}

/** The error code as SDK v3 reads `__type`: the part after `#`, cut at `:` and `,`. */
export function errorCode(type: string): string {
  const afterHash = type.slice(type.lastIndexOf('#') + 1);
  return afterHash.split(/[:,]/)[0]!;
}

export function requestId(): string {
  return crypto.randomUUID();
}

/** A JobId shaped like the service's: 64 lowercase hexadecimal characters. */
export function jobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function headers(id: string): Headers {
  return new Headers({ 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': id });
}

/** A 200 answer with the body as JSON. */
export function success(body: unknown, id = requestId()): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: headers(id) });
}

/** The body of an error as the service sends it: Message, Code, Logref for Rekognition's own errors; message for the protocol's. */
export function errorBody(name: ErrorName, message: string): Record<string, string> {
  if (errors[name].modelled) return { __type: name, Code: name, Logref: crypto.randomUUID(), Message: message };
  if (name === 'UnknownOperationException') return { __type: `com.amazon.coral.service#${name}`, message };
  return { __type: name, message };
}

/** An error answer with the status the contract gives it. */
export function errorResponse(name: ErrorName, message: string, id = requestId(), status = errors[name].httpStatus): Response {
  return new Response(JSON.stringify(errorBody(name, message)), { status, headers: headers(id) });
}
