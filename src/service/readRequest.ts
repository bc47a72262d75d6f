// The service's front: what the awsJson1_1 protocol decides before the model sees a request (the
// method, the X-Amz-Target, the Content-Type, the body's size, its UTF-8, its JSON, null members).
// A request it cannot read answers here, in the service's format; one it can goes on as the
// operation and its JSON object.
import { operations, type ErrorName, type StructureName } from '../../generated/contract.js';
import { withoutNullMembers } from '../contract/nullMembers.js';
import { CONTENT_TYPE, isJsonContentType, operationOf, type OperationName, type WireRequest } from '../contract/wire.js';
import type { RecordedCall } from './CallLog.js';

/** Answered when a body is larger than the service takes; not an error of the contract. */
export const REQUEST_TOO_LARGE_STATUS = 413;

/** Fatal: bytes that are not UTF-8 are refused, never replaced. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A request the model reads, or the refusal of one it cannot. */
export type ReadRequest = { operation: OperationName; body: object } | { error: ErrorName; message: string; status?: number };

export interface ReadOptions {
  /** The largest body read, in bytes: past it, 413. */
  maxBodyBytes: number;
  /** Members sent as null: read as absent (the protocol), or left for validation to refuse. */
  nullMembers: 'absent' | 'refused';
}

/** Reads a request as the protocol says, noting its operation and body in the call's record. */
export function readRequest(request: WireRequest, call: RecordedCall, options: ReadOptions): ReadRequest {
  const fail = (error: ErrorName, message: string, status?: number) => ({ error, message, ...(status ? { status } : {}) });
  const operation = operationOf(request.header('x-amz-target'));
  call.operation = operation;
  const bytes = request.body;
  // Past the cap whatever else it is: no transport reads further, so none can say more of it.
  if (bytes === 'too-large' || (bytes !== 'unreadable' && bytes.byteLength > options.maxBodyBytes))
    return fail('SerializationException', `The request body is larger than ${options.maxBodyBytes} bytes`, REQUEST_TOO_LARGE_STATUS);
  if (request.method !== 'POST') return fail('UnknownOperationException', `${request.method} is not supported; the service takes POST /`);
  if (!operation) return fail('UnknownOperationException', 'The X-Amz-Target header is missing or names no operation of this service');
  if (!isJsonContentType(request.header('content-type'))) return fail('SerializationException', `Content-Type must be ${CONTENT_TYPE}`);
  if (bytes === 'unreadable') return fail('SerializationException', 'The request body could not be read');

  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail('SerializationException', 'The request body is not valid UTF-8');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    call.body = text;
    return fail('SerializationException', 'The request body is not valid JSON');
  }
  call.body = body;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return fail('SerializationException', 'The request body must be a JSON object');
  // A member sent as null is absent, as awsJson1_1 reads it. A text without the token `null` holds no null to read out.
  if (options.nullMembers === 'absent' && text.includes('null'))
    body = withoutNullMembers(body, operations[operation].input as StructureName);
  return { operation, body: body as object };
}
