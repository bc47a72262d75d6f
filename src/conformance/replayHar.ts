// Re-sends a recording (HAR, as `conformance --record` writes it) to another endpoint, in order,
// and compares each answer with the recorded one on what the contract fixes: the status, the
// error code as SDKs read it, validity against the answer's schema, and the presence and shape of
// JobId, NextToken and x-amzn-RequestId. What it leaves free (JobId values, request ids, times,
// message wording, faces) is not compared; recorded JobIds and NextTokens are mapped to the ones
// the endpoint answers, so a start and its polls replay as one conversation.
import { errors, operations, type ErrorName } from '../../generated/contract.js';
import * as checks from '../../generated/checks.js';
import { schemas } from '../../generated/schemas.js';
import { summarize, toViolations } from '../contract/violation.js';
import { headerValue, operationOf } from '../contract/wire.js';
import { CheckSkipped } from './CheckSkipped.js';
import { ContractViolation } from './ContractViolation.js';
import { codeOf, jsonOf, responseJson, type Exchange, type TargetRequest } from './Exchange.js';
import { embeddedTarget } from './embeddedTarget.js';
import { headersOf, type Har, type HarEntry } from './har.js';
import { httpTarget } from './httpTarget.js';
import { JobLedger } from './jobLedger.js';
import { isNetworkError, isSlowDown, runTarget } from './runTarget.js';
import type { Target } from './Target.js';
import { UnreachableEndpointError } from './UnreachableEndpointError.js';

export interface ReplayOptions {
  /** The endpoint to replay against; without one (and no target), the embedded mock. */
  endpoint?: string;
  region?: string;
  rps?: number;
  /** A ready-made target; overrides endpoint. */
  target?: Target;
  /** How long a job may stay IN_PROGRESS where the recording had it finished, in ms. Default 60 s. */
  jobTimeoutMs?: number;
}

/** What is compared: each is fixed by the contract. */
export type ReplayAspect = 'status' | 'error code' | 'schema' | 'JobId' | 'NextToken' | 'RequestId';

export interface ReplayDifference {
  aspect: ReplayAspect;
  /** The aspect as the recorded answer had it, and as the replay's did. */
  recorded: string;
  replayed: string;
}

/** One recorded request whose replay answered otherwise. */
export interface ReplayedEntry {
  /** Its place in the recording, from 1. */
  index: number;
  /** The operation its X-Amz-Target names, or the target itself. */
  operation: string;
  /** The recording's label: the check and case that sent it. */
  comment?: string;
  differences: ReplayDifference[];
  recorded: Exchange['response'];
  replayed: Exchange['response'];
}

export interface ReplayReport {
  /** What was replayed against. */
  target: string;
  /** Entries in the recording. */
  entries: number;
  /** Recorded requests sent again. */
  replayed: number;
  /** Requests sent in all, polls of jobs still running included. */
  requests: number;
  /** Entries not sent again, each with why. */
  skipped: { index: number; reason: string }[];
  /** The entries whose answers differ, in order. */
  differences: ReplayedEntry[];
  /** No difference. */
  identical: boolean;
}

const FIRST_POLL_MS = 50;
const POLL_CAP_MS = 1000;
const DEFAULT_JOB_TIMEOUT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** The differences between two answers to the same request, on what the contract fixes. */
export function compareAnswers(recorded: Exchange, replayed: Exchange, operation: string | undefined): ReplayDifference[] {
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
  // Whether more pages follow depends on the job's state and its faces, which the contract leaves free.
  if (bodyA?.JobStatus === bodyB?.JobStatus && bodyA?.Faces?.length === bodyB?.Faces?.length) {
    const [tokenA, tokenB] = [shapeOf(bodyA?.NextToken, schemas.PaginationToken!), shapeOf(bodyB?.NextToken, schemas.PaginationToken!)];
    add('NextToken', tokenA, tokenB, kind(tokenA) === kind(tokenB));
  }
  const id = (e: Exchange) => (headerValue(e.response.headers, 'x-amzn-requestid') ? 'present' : 'absent');
  add('RequestId', id(recorded), id(replayed));
  return differences;
}

/** The recorded exchange of an entry, as the checks read exchanges. */
function exchangeOf(entry: HarEntry): Exchange {
  return {
    request: {
      method: entry.request.method,
      url: entry.request.url,
      headers: headersOf(entry.request.headers),
      body: entry.request.postData?.text ?? '',
    },
    response: { status: entry.response.status, headers: headersOf(entry.response.headers), body: entry.response.content?.text ?? '' },
  };
}

/** Why a recorded answer is not replayed: it said "later" (back-pressure, which the contract leaves to the endpoint) or none came. */
function notReplayed(recorded: Exchange, operation: string | undefined): string | undefined {
  const { status } = recorded.response;
  if (status === 0) return 'no answer was recorded';
  if (isSlowDown(recorded) || status === 502 || status === 504) return `recorded as "later" (${codeOf(recorded) ?? status}): back-pressure`;
  if (operation !== 'GetFaceDetection' && codeOf(recorded) === 'LimitExceededException')
    return 'recorded as "later" (LimitExceededException): the job limit';
  return undefined;
}

/** Replays a recording against the endpoint (default the embedded mock) and lists every difference. */
export async function replayHar(har: Har, options: ReplayOptions = {}): Promise<ReplayReport> {
  const base =
    options.target ??
    (options.endpoint ? httpTarget({ endpoint: options.endpoint, region: options.region, rps: options.rps }) : embeddedTarget());
  const jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  // Back-pressure of this endpoint is waited out as the suite waits it out; nothing is budgeted but
  // what the recording holds.
  const target = runTarget(base, { ledger: new JobLedger(Number.POSITIVE_INFINITY), guarded: !base.local, busyTimeoutMs: jobTimeoutMs });
  /** Recorded JobIds and NextTokens -> the replay's; undefined: the replay's answer had none. */
  const mapped = new Map<string, { value?: string; from: number }>();
  const report: ReplayReport = {
    target: target.name,
    entries: har.log.entries.length,
    replayed: 0,
    requests: 0,
    skipped: [],
    differences: [],
    identical: true,
  };
  const counter = { requests: 0 };
  target.countInto(counter);
  try {
    for (const [i, entry] of har.log.entries.entries()) {
      const index = i + 1;
      const recorded = exchangeOf(entry);
      const xAmzTarget = headerValue(recorded.request.headers, 'x-amz-target');
      const operation = operationOf(xAmzTarget);
      const skip = (reason: string) => void report.skipped.push({ index, reason });
      const why = notReplayed(recorded, operation);
      if (why) {
        skip(why);
        continue;
      }
      let body = recorded.request.body;
      const sent = jsonOf(body);
      let orphan: string | undefined;
      for (const member of ['JobId', 'NextToken'] as const) {
        const value = sent?.[member];
        const counterpart = typeof value === 'string' ? mapped.get(value) : undefined;
        if (!counterpart) continue;
        if (counterpart.value === undefined) orphan = `it sends the ${member} of entry ${counterpart.from}, whose replay answered none`;
        else body = body.replaceAll(JSON.stringify(value), JSON.stringify(counterpart.value));
      }
      if (orphan) {
        skip(orphan);
        continue;
      }
      const request: TargetRequest = {
        target: xAmzTarget ?? null,
        body,
        ...(recorded.request.headers['content-type'] !== undefined ? { contentType: recorded.request.headers['content-type'] } : {}),
      };
      let replayed: Exchange;
      try {
        replayed = await sendUntilAsFar(target, request, recorded, jobTimeoutMs);
      } catch (error) {
        if (error instanceof CheckSkipped || error instanceof ContractViolation) {
          skip(error.message);
          continue;
        }
        if (isNetworkError(error)) throw new UnreachableEndpointError(target.name, error);
        throw error;
      }
      report.replayed++;
      const [a, b] = [responseJson(recorded), responseJson(replayed)];
      for (const member of ['JobId', 'NextToken'] as const) {
        if (typeof a?.[member] === 'string')
          mapped.set(a[member], { value: typeof b?.[member] === 'string' ? b[member] : undefined, from: index });
      }
      const differences = compareAnswers(recorded, replayed, operation);
      if (differences.length > 0) {
        report.differences.push({
          index,
          operation: operation ?? xAmzTarget ?? '(no X-Amz-Target)',
          ...(entry.comment ? { comment: entry.comment } : {}),
          differences,
          recorded: recorded.response,
          replayed: replayed.response,
        });
      }
    }
  } finally {
    await target.close();
  }
  report.requests = counter.requests;
  report.identical = report.differences.length === 0;
  return report;
}

/** Sends the request; a job the recording had finished and the endpoint still runs is polled until it is not. */
async function sendUntilAsFar(
  target: ReturnType<typeof runTarget>,
  request: TargetRequest,
  recorded: Exchange,
  timeoutMs: number,
): Promise<Exchange> {
  const finished = ['SUCCEEDED', 'FAILED'].includes(responseJson(recorded)?.JobStatus);
  const deadline = Date.now() + timeoutMs;
  for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, POLL_CAP_MS)) {
    const replayed = await target.send(request);
    if (!finished || responseJson(replayed)?.JobStatus !== 'IN_PROGRESS' || Date.now() >= deadline) return replayed;
    await sleep(pause);
  }
}
