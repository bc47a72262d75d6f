// Two answers to the same request, compared aspect by aspect on what a replay looks at: the status,
// the error code as SDKs read it, validity against the answer's schema, the presence and shape of
// JobId, NextToken and x-amzn-RequestId, and an error's wording. Values the contract leaves free
// (JobId values, request ids, times, faces) are never compared.
import { errors, operations, type ErrorName } from '../../generated/contract.js';
import * as checks from '../../generated/checks.js';
import { schemas } from '../../generated/schemas.js';
import { summarize, toViolations } from '../contract/violation.js';
import { headerValue } from '../contract/wire.js';
import { codeOf, responseJson, type Exchange } from './Exchange.js';

/** What is compared. */
export type ReplayAspect = 'status' | 'error code' | 'schema' | 'JobId' | 'NextToken' | 'RequestId' | 'message';

export interface ReplayDifference {
  aspect: ReplayAspect;
  /** The aspect as the recorded answer had it, and as the replay's did. */
  recorded: string;
  replayed: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the compiled checks, looked up by schema name.
const errorsOf = (schema: string): ((value: unknown, nullsAbsent: boolean) => any[]) | undefined =>
  (checks as unknown as Record<string, (value: unknown, nullsAbsent: boolean) => checks.SchemaError[]>)[`errorsOf${schema}`];

/** The schema an answer is held to: the operation's output for a 200, the error's for a declared error. */
function schemaOf(exchange: Exchange, operation: string | undefined): string | undefined {
  if (exchange.response.status === 200)
    return operation && Object.hasOwn(operations, operation) ? operations[operation as keyof typeof operations].output : undefined;
  const code = codeOf(exchange);
  return code && Object.hasOwn(errors, code) ? (code as ErrorName) : undefined;
}

/** `valid X`, `invalid X: why`, or why there is nothing to hold the answer to. Compared by its first word. */
function validityOf(exchange: Exchange, operation: string | undefined): string {
  const schema = schemaOf(exchange, operation);
  if (!schema) return 'no schema applies';
  const body = responseJson(exchange);
  if (body === undefined) return `invalid ${schema}: the body is not JSON`;
  const found = errorsOf(schema)!(body, true);
  return found.length === 0 ? `valid ${schema}` : `invalid ${schema}: ${summarize(toViolations(found))}`;
}

const matches = (schema: { pattern?: string; minLength?: number; maxLength?: number }, value: string) =>
  value.length >= (schema.minLength ?? 0) &&
  value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY) &&
  (schema.pattern === undefined || new RegExp(schema.pattern).test(value));

/** `absent`, `present`, or `malformed: "value"` against the member's schema. */
function shapeOf(value: unknown, schema: { pattern?: string; minLength?: number; maxLength?: number }): string {
  if (value === undefined || value === null) return 'absent';
  return typeof value === 'string' && matches(schema, value) ? 'present' : `malformed: ${JSON.stringify(value)}`;
}
const kind = (description: string) => description.split(/[: ]/)[0];

/** An error answer's message, as SDKs read it (`message`, else `Message`). */
export function messageOf(exchange: Exchange): string | undefined {
  const body = responseJson(exchange);
  const text = body?.message ?? body?.Message;
  return typeof text === 'string' ? text : undefined;
}

/**
 * The differences between two answers to the same request. `sameText` maps the recorded
 * conversation's values (JobIds, NextTokens) to the replay's, so that a message quoting one
 * compares as equal.
 */
export function compareAnswers(
  recorded: Exchange,
  replayed: Exchange,
  operation: string | undefined,
  sameText: (recordedText: string) => string = (text) => text,
): ReplayDifference[] {
  const differences: ReplayDifference[] = [];
  const add = (aspect: ReplayAspect, a: string, b: string, same = a === b) => {
    if (!same) differences.push({ aspect, recorded: a, replayed: b });
  };
  add('status', String(recorded.response.status), String(replayed.response.status));
  add('error code', codeOf(recorded) ?? '(none)', codeOf(replayed) ?? '(none)');
  const [a, b] = [validityOf(recorded, operation), validityOf(replayed, operation)];
  add('schema', a, b, kind(a) === kind(b));
  const [bodyA, bodyB] = [responseJson(recorded), responseJson(replayed)];
  const [jobA, jobB] = [shapeOf(bodyA?.JobId, schemas.JobId!), shapeOf(bodyB?.JobId, schemas.JobId!)];
  add('JobId', jobA, jobB, kind(jobA) === kind(jobB));
  // Whether more pages follow depends on the job's state and its faces: compared on pages alike in both.
  if (bodyA?.JobStatus === bodyB?.JobStatus && bodyA?.Faces?.length === bodyB?.Faces?.length) {
    const [tokenA, tokenB] = [shapeOf(bodyA?.NextToken, schemas.PaginationToken!), shapeOf(bodyB?.NextToken, schemas.PaginationToken!)];
    add('NextToken', tokenA, tokenB, kind(tokenA) === kind(tokenB));
  }
  const id = (e: Exchange) => (headerValue(e.response.headers, 'x-amzn-requestid') ? 'present' : 'absent');
  add('RequestId', id(recorded), id(replayed));
  // Wording is compared only between errors alike in status and code: otherwise it differs with them.
  if (differences.length === 0 && recorded.response.status !== 200) {
    const [textA, textB] = [messageOf(recorded), messageOf(replayed)];
    add('message', textA === undefined ? '(none)' : sameText(textA), textB ?? '(none)');
  }
  return differences;
}
