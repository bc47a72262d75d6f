// Fault modes: deliberately broken variants of the in-memory service, each breaking exactly one
// rule of the contract, so that the conformance suite can prove it catches a broken
// implementation. `new FaceDetectionService({ faultMode: 'token-maxLength-plus-one' })`.
//
// Where the break is in what goes in or out (an answer's status, headers or body, the error a
// constraint or a malformed body answers, an unknown X-Amz-Target), the mode wraps the service
// (`wrap`, built in faultWrappers.ts). Where it is in the model itself, the mode is a hook that
// FaceDetectionService calls at a fixed point: after validation (`violations`), when a
// ClientRequestToken repeats (`idempotency`), when it makes a JobId (`jobId`: the id is the job's
// identity, in later calls and in its SNS notice), when it reads null members
// (`refusesNullMembers`), at the job limit (`limitCountsFinishedJobs`), as jobs run and finish
// (`jobsNeverFinish`, `faces`), and when GetFaceDetection pages a job's faces (`pageSize`,
// `nextOffset`, `unreadableTokenOffset`). Constraints are read from the spec's schemas
// (generated/schemas.js), never restated, so a mode stays one step off the contract when the
// contract changes.
import { errors, operations } from '../../generated/contract.js';
import type { SpecSchema } from '../../generated/schemas.js';
import { schemaAt } from '../contract/specSchema.js';
import type { FaceDetection } from '../../generated/types.js';
import { toViolations, type SchemaError, type Violation, type ViolationKind } from '../contract/violation.js';
import type { OperationName } from '../contract/wire.js';
import { DEFAULT_MAX_CONCURRENT_JOBS, MAX_RESULTS_CAP } from '../contract/limits.js';
import {
  errorAs,
  errorStatus,
  isMalformedJson,
  rewriteResponse,
  unknownTargetAs,
  withStatusOrHeaders,
  type Wrap,
} from './faultWrappers.js';

/** What a start whose ClientRequestToken the service has seen does: answer the first JobId, answer IdempotentParameterMismatchException, or start a new job. */
export type IdempotencyDecision = 'repeat' | 'mismatch' | 'new';

/** A request as the validation hook sees it: the operation, its parsed JSON body, and what the service knows. */
export interface ValidatedRequest {
  operation: OperationName;
  body: object;
  /** Whether the service has a job with this JobId. */
  jobExists: (jobId: string) => boolean;
}

/** One way of breaking the contract. Every hook is optional; a missing hook leaves the service as it is. */
export interface FaultMode {
  /** The rule the mode breaks, and how. */
  description: string;
  /** After validation: the violations the service decides on. An empty list lets the request through. */
  violations?: (violations: readonly Violation[], request: ValidatedRequest) => Violation[];
  /** Idempotency: what a start with a known ClientRequestToken does, given what it should do. */
  idempotency?: (decision: 'repeat' | 'mismatch') => IdempotencyDecision;
  /** JobId creation: the JobId a new job gets, given the one it should get. */
  jobId?: (healthy: string) => string;
  /** Breaks the contract only under its strict reading: a suite must catch it with --strict, and pass it without. */
  strictOnly?: boolean;
  /** A start without a Video starts a job anyway (once validation lets it through). */
  startsWithoutVideo?: boolean;
  /** A member sent as `null` is refused as a wrong type instead of read as absent. */
  refusesNullMembers?: boolean;
  /** The concurrent-job limit counts every job ever started, finished ones too. */
  limitCountsFinishedJobs?: boolean;
  /** Jobs never finish by themselves: they stay IN_PROGRESS (the test controls still finish them). */
  jobsNeverFinish?: boolean;
  /** A finished job's faces, given them in timestamp order: the order they are answered in. */
  faces?: (faces: FaceDetection[]) => FaceDetection[];
  /** GetFaceDetection paging: the size of a page, given MaxResults (capped at 1000). */
  pageSize?: (healthy: number) => number;
  /** GetFaceDetection paging: where the page a NextToken names starts, given where it should. */
  nextOffset?: (healthy: number) => number;
  /** GetFaceDetection paging: the offset a NextToken the service did not give out for the job reads as (instead of InvalidPaginationTokenException). */
  unreadableTokenOffset?: number;
  /** Wraps the service: changes a request before it, or the answer after it (see faultWrappers.ts). */
  wrap?: Wrap;
}

type ViolationsHook = NonNullable<FaultMode['violations']>;

// ---- Reading the schemas --------------------------------------------------------------------------

/** A member of an operation's input: its JSON Pointer and the schema that constrains it. */
interface Member {
  operation: OperationName;
  pointer: string;
  schema: SpecSchema;
}

/** The member at `pointer` (`/Video/S3Object/Bucket`) of the operation's input schema. */
function member(operation: OperationName, pointer: string): Member {
  return { operation, pointer, schema: schemaAt(operations[operation].input, pointer.split('/').slice(1)) };
}

/** The schema's number for `keyword`, or throws when the spec no longer has it (the mode would mean nothing). */
function numberOf(m: Member, keyword: string): number {
  const value: unknown = m.schema[keyword];
  if (typeof value !== 'number') throw new TypeError(`${m.operation}${m.pointer} has no ${keyword}`);
  return value;
}

function patternSourceOf(m: Member): string {
  const value: unknown = m.schema.pattern;
  if (typeof value !== 'string') throw new TypeError(`${m.operation}${m.pointer} has no pattern`);
  return value;
}

/** The value at a JSON Pointer of plain member names, or undefined when absent. */
function valueAt(body: unknown, pointer: string): unknown {
  let value = body;
  for (const name of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

// ---- Adjusting the violations -----------------------------------------------------------------

/** Lets through the member's violations of `kind` whose value `accepts` takes. */
function accept(m: Member, kind: ViolationKind, accepts: (value: unknown, request: ValidatedRequest) => boolean): ViolationsHook {
  return (violations, request) =>
    violations.filter((v) => request.operation !== m.operation || v.pointer !== m.pointer || v.kind !== kind || !accepts(v.value, request));
}

/**
 * Adds a violation of `keyword` (with ajv's `params`) to the member when `refuses` refuses its
 * value. The violation is worded by violation.ts from a schema error, as any other.
 */
function refuse(
  m: Member,
  keyword: string,
  params: Record<string, unknown>,
  refuses: (value: unknown) => boolean,
  parentSchema: SpecSchema = m.schema,
): ViolationsHook {
  return (violations, request) => {
    const value = valueAt(request.body, m.pointer);
    if (request.operation !== m.operation || value === undefined || !refuses(value)) return [...violations];
    const error: SchemaError = { keyword, instancePath: m.pointer, params, parentSchema, data: value };
    return [...violations, ...toViolations([error])];
  };
}

function both(first: ViolationsHook, second: ViolationsHook): ViolationsHook {
  return (violations, request) => second(first(violations, request), request);
}

const codePoints = (value: unknown) => (typeof value === 'string' ? Array.from(value).length : undefined);
const numeric = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** Each bound keyword: the kind of violation it raises, what it measures, and when a measure breaks a limit. */
const BOUNDS = {
  minLength: { kind: 'length', measure: codePoints, breaks: (x: number, limit: number) => x < limit },
  maxLength: { kind: 'length', measure: codePoints, breaks: (x: number, limit: number) => x > limit },
  minimum: { kind: 'range', measure: numeric, breaks: (x: number, limit: number) => x < limit },
  maximum: { kind: 'range', measure: numeric, breaks: (x: number, limit: number) => x > limit },
} as const;

/**
 * The member's `keyword` bound, moved by `delta` from the schema's: values the moved bound takes
 * but the real one refuses get through; values the real bound takes but the moved one refuses are
 * refused, as if the schema said so.
 */
function offByOne(operation: OperationName, pointer: string, keyword: keyof typeof BOUNDS, delta: 1 | -1): ViolationsHook {
  const m = member(operation, pointer);
  const limit = numberOf(m, keyword);
  const moved = limit + delta;
  const { kind, measure, breaks } = BOUNDS[keyword];
  const only = (real: boolean) => (value: unknown) => {
    const x = measure(value);
    return x !== undefined && breaks(x, limit) === real && breaks(x, moved) !== real;
  };
  return both(accept(m, kind, only(true)), refuse(m, keyword, { limit: moved }, only(false)));
}

/** The member's pattern, loosened by `loosen` (say, without its `$`): what the loose one matches gets through. */
function loosePattern(operation: OperationName, pointer: string, loosen: (source: string) => string): ViolationsHook {
  const m = member(operation, pointer);
  const loose = new RegExp(loosen(patternSourceOf(m)), 'u');
  return accept(m, 'pattern', (value) => typeof value === 'string' && loose.test(value));
}

const withoutEnd = (source: string) => source.replace(/\$$/, '');
const withoutStart = (source: string) => source.replace(/^\^/, '');

/** `text` without `part`, or throws when the spec's pattern no longer has it. */
function cut(text: string, part: string): string {
  if (!text.includes(part)) throw new TypeError(`the pattern ${text} has no ${part}`);
  return text.replace(part, '');
}

/** The member's pattern with `parts` cut out (characters of its class): values only the real one matches are refused. */
function strictPattern(operation: OperationName, pointer: string, parts: string[]): ViolationsHook {
  const m = member(operation, pointer);
  const real = new RegExp(patternSourceOf(m), 'u');
  const source = parts.reduce(cut, patternSourceOf(m));
  const strict = new RegExp(source, 'u');
  const modelPattern: unknown = m.schema['x-aws-pattern'];
  // The message quotes the model's form of the pattern, as for the real one.
  const parentSchema = {
    ...m.schema,
    pattern: source,
    'x-aws-pattern': typeof modelPattern === 'string' ? parts.reduce(cut, modelPattern) : source,
  };
  return refuse(
    m,
    'pattern',
    { pattern: source },
    (value) => typeof value === 'string' && real.test(value) && !strict.test(value),
    parentSchema,
  );
}

/** Enum values that `normalize` turns into an allowed one get through. */
function looseEnum(operation: OperationName, pointer: string, normalize: (value: string) => string): ViolationsHook {
  const m = member(operation, pointer);
  const allowed: unknown[] = Array.isArray(m.schema.enum) ? m.schema.enum : [];
  return accept(m, 'enum', (value) => typeof value === 'string' && allowed.includes(normalize(value)));
}

/** A required member may be missing. */
function notRequired(operation: OperationName, parent: string, name: string): ViolationsHook {
  const m = member(operation, parent);
  if (!(m.schema.required ?? []).includes(name)) throw new TypeError(`${operation}${parent}/${name} is not required`);
  return accept({ ...m, pointer: `${parent}/${name}` }, 'required', () => true);
}

// ---- Constants ------------------------------------------------------------------------------------

/** JobIds as some other service might make them: `job.` and hexadecimal, of the same length. */
const FOREIGN_JOB_ID_PREFIX = 'job.';
/** What some REST services answer for a missing resource; the contract says 400. */
const NOT_FOUND_STATUS = 404;

// ---- The modes ------------------------------------------------------------------------------------

const START: OperationName = 'StartFaceDetection';
const GET: OperationName = 'GetFaceDetection';

const definitions = {
  'token-maxLength-plus-one': {
    description: 'Accepts a ClientRequestToken one character longer than its maxLength.',
    violations: offByOne(START, '/ClientRequestToken', 'maxLength', 1),
  },
  'token-maxLength-minus-one': {
    description: 'Refuses a ClientRequestToken of exactly its maxLength, as if the limit were one less.',
    violations: offByOne(START, '/ClientRequestToken', 'maxLength', -1),
  },
  'jobTag-maxLength-plus-one': {
    description: 'Accepts a JobTag one character longer than its maxLength.',
    violations: offByOne(START, '/JobTag', 'maxLength', 1),
  },
  'jobTag-maxLength-minus-one': {
    description: 'Refuses a JobTag of exactly its maxLength, as if the limit were one less.',
    violations: offByOne(START, '/JobTag', 'maxLength', -1),
  },
  'bucket-minLength-minus-one': {
    description: 'Accepts an S3 bucket name one character shorter than its minLength.',
    violations: offByOne(START, '/Video/S3Object/Bucket', 'minLength', -1),
  },
  'bucket-minLength-plus-one': {
    description: 'Refuses an S3 bucket name of exactly its minLength, as if the limit were one more.',
    violations: offByOne(START, '/Video/S3Object/Bucket', 'minLength', 1),
  },
  'objectName-length-in-utf16-units': {
    description:
      'Measures the S3 object name in UTF-16 code units rather than characters: a name of maxLength astral characters is refused.',
    violations: (() => {
      const m = member(START, '/Video/S3Object/Name');
      const max = numberOf(m, 'maxLength');
      return refuse(
        m,
        'maxLength',
        { limit: max },
        (value) => typeof value === 'string' && value.length > max && Array.from(value).length <= max,
      );
    })(),
  },
  'token-pattern-unanchored-end': {
    description: 'Matches the ClientRequestToken pattern without its `$`: a token that merely starts validly is accepted.',
    violations: loosePattern(START, '/ClientRequestToken', withoutEnd),
  },
  'token-pattern-unanchored-start': {
    description: 'Matches the ClientRequestToken pattern without its `^`: a token that merely ends validly is accepted.',
    violations: loosePattern(START, '/ClientRequestToken', withoutStart),
  },
  'jobTag-pattern-unanchored': {
    description: 'Matches the JobTag pattern anywhere in the value: a tag with one valid character is accepted.',
    violations: loosePattern(START, '/JobTag', (source) => withoutStart(withoutEnd(source))),
  },
  'roleArn-pattern-unanchored': {
    description: 'Matches the NotificationChannel RoleArn pattern anywhere in the value: text around a valid ARN is accepted.',
    violations: loosePattern(START, '/NotificationChannel/RoleArn', (source) => withoutStart(withoutEnd(source))),
  },
  'jobTag-pattern-too-strict': {
    description: 'Leaves `:` and `/` out of the JobTag pattern: valid tags such as `a:b` or `a/b` are refused.',
    violations: strictPattern(START, '/JobTag', [':', '\\/']),
  },
  'faceAttributes-case-folding': {
    description: 'Compares FaceAttributes with its enum ignoring case: `all` and `Default` are accepted.',
    violations: looseEnum(START, '/FaceAttributes', (value) => value.toUpperCase()),
  },
  'faceAttributes-trimming': {
    description: 'Trims FaceAttributes before comparing it with its enum: ` ALL` is accepted.',
    violations: looseEnum(START, '/FaceAttributes', (value) => value.trim()),
  },
  'video-not-required': {
    description: 'Does not require Video: a start without it gets past validation and starts a job on nothing.',
    violations: notRequired(START, '', 'Video'),
    startsWithoutVideo: true,
  },
  'roleArn-not-required': {
    description: 'Does not require NotificationChannel.RoleArn: a channel with a topic alone is accepted.',
    violations: notRequired(START, '/NotificationChannel', 'RoleArn'),
  },
  'maxResults-minimum-zero': {
    description: 'Accepts a GetFaceDetection MaxResults one below its minimum (0).',
    violations: offByOne(GET, '/MaxResults', 'minimum', -1),
  },
  'jobId-maxLength-plus-one': {
    description: 'Accepts a GetFaceDetection JobId one character longer than its maxLength (and answers ResourceNotFoundException for it).',
    violations: offByOne(GET, '/JobId', 'maxLength', 1),
  },
  'nextToken-maxLength-plus-one': {
    description: 'Accepts a GetFaceDetection NextToken one character longer than its maxLength.',
    violations: offByOne(GET, '/NextToken', 'maxLength', 1),
  },
  'idempotency-ignored': {
    description: 'Ignores a repeated ClientRequestToken with the same parameters: each repeat starts a new job with a new JobId.',
    idempotency: (decision) => (decision === 'repeat' ? 'new' : decision),
  },
  'mismatch-not-detected': {
    description:
      'Answers a repeated ClientRequestToken with other parameters as a repeat: the first JobId, 200, instead of IdempotentParameterMismatchException.',
    idempotency: (decision) => (decision === 'mismatch' ? 'repeat' : decision),
  },
  'jobId-outside-pattern': {
    description:
      'Makes JobIds like `job.` and hexadecimal digits (of the usual length), outside the JobId pattern. GetFaceDetection still reads those jobs back.',
    jobId: (healthy) => FOREIGN_JOB_ID_PREFIX + healthy.slice(FOREIGN_JOB_ID_PREFIX.length),
    // Only so that GetFaceDetection reads back the jobs the mode made (any other JobId outside the
    // pattern is still refused): the one broken rule is the shape of the JobIds answered.
    violations: accept(member(GET, '/JobId'), 'pattern', (value, request) => typeof value === 'string' && request.jobExists(value)),
  },
  'wrong-content-type': {
    description: 'Answers every call with Content-Type application/json instead of application/x-amz-json-1.1.',
    wrap: rewriteResponse((response) =>
      withStatusOrHeaders(response, { headers: (headers) => headers.set('Content-Type', 'application/json') }),
    ),
  },
  'errors-as-500': {
    description: 'Answers ValidationException with status 500 instead of 400, the body unchanged.',
    wrap: errorStatus((error) => error === 'ValidationException', 500),
  },
  'errors-as-200': {
    description: 'Answers every client error with status 200, the error body unchanged.',
    wrap: errorStatus((error) => errors[error].fault === 'client', 200),
  },
  'missing-request-id': {
    description: 'Answers without the x-amzn-RequestId header.',
    wrap: rewriteResponse((response) => withStatusOrHeaders(response, { headers: (headers) => headers.delete('x-amzn-RequestId') })),
  },
  'constraint-as-access-denied': {
    description: 'Answers a broken constraint with AccessDeniedException (400) instead of ValidationException, the message unchanged.',
    wrap: errorAs('ValidationException', 'AccessDeniedException'),
  },
  'constraint-as-invalid-parameter': {
    description:
      'Answers a broken constraint with InvalidParameterException instead of ValidationException: what some AWS services do, so a ' +
      'break only under the strict reading (conformance --strict).',
    wrap: errorAs('ValidationException', 'InvalidParameterException'),
    strictOnly: true,
  },
  'null-members-refused': {
    description:
      'Refuses a member sent as null (400 SerializationException) instead of reading it as absent, as the awsJson1_1 protocol ' +
      'tests have it: a reading the contract leaves open to AWS itself, so a break only under --strict.',
    refusesNullMembers: true,
    strictOnly: true,
  },
  'limit-counts-finished-jobs': {
    description:
      `Counts finished jobs against the concurrent-job limit (${DEFAULT_MAX_CONCURRENT_JOBS}, or the service's own ` +
      'when lower): once that many jobs have started, every start answers LimitExceededException although none is running.',
    limitCountsFinishedJobs: true,
  },
  'unknown-target-accepted': {
    description: 'Serves an X-Amz-Target that names no operation as StartFaceDetection instead of answering UnknownOperationException.',
    wrap: unknownTargetAs(START),
  },
  'malformed-json-as-500': {
    description: 'Answers a body that is not JSON with InternalServerError (500) instead of SerializationException (400).',
    wrap: errorAs('SerializationException', 'InternalServerError', isMalformedJson),
  },
  'wrong-status-for-modelled-error': {
    description: `Answers ResourceNotFoundException with status ${NOT_FOUND_STATUS} instead of 400.`,
    wrap: errorStatus((error) => error === 'ResourceNotFoundException', NOT_FOUND_STATUS),
  },
  'jobStatus-lowercase': {
    description: 'Answers GetFaceDetection with JobStatus in lower case (`in_progress`), outside the VideoJobStatus enum.',
    wrap: rewriteResponse(async (response, { operation, error }) => {
      if (operation !== GET || error !== undefined) return response;
      const body = (await response.json()) as Record<string, unknown>;
      if (typeof body.JobStatus === 'string') body.JobStatus = body.JobStatus.toLowerCase();
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    }),
  },
  'job-never-finishes': {
    description: 'Never finishes a job: GetFaceDetection answers IN_PROGRESS forever.',
    jobsNeverFinish: true,
  },
  'faces-out-of-order': {
    description: "Answers a finished job's faces in reverse timestamp order.",
    faces: (faces) => [...faces].reverse(),
  },
  'maxResults-ignored': {
    description: `Ignores MaxResults: every page holds up to ${MAX_RESULTS_CAP} faces.`,
    pageSize: () => MAX_RESULTS_CAP,
  },
  'pagination-repeats-last-face': {
    description:
      'Starts each page after the first one face early: the last face of a page comes again at the start of the next (with MaxResults 1, forever).',
    nextOffset: (healthy) => healthy - 1,
  },
  'pagination-drops-a-face': {
    description: 'Starts each page after the first one face late: the face between two pages is lost.',
    nextOffset: (healthy) => healthy + 1,
  },
  'foreign-token-accepted': {
    description:
      'Reads a NextToken of another job, or a tampered one, as the first page instead of answering InvalidPaginationTokenException.',
    unreadableTokenOffset: 0,
  },
} satisfies Record<string, FaultMode>;

/** The name of a fault mode: `token-maxLength-plus-one`, `idempotency-ignored`, ... */
export type FaultModeName = keyof typeof definitions;

/** Every fault mode, by name. Each breaks exactly one rule of the contract and leaves the rest as it is. */
export const faultModes: Readonly<Record<FaultModeName, FaultMode>> = definitions;

/** Whether `name` names a fault mode (for names from the command line). */
export function isFaultModeName(name: string): name is FaultModeName {
  return Object.hasOwn(faultModes, name);
}
