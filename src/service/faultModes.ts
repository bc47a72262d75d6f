// Fault modes: deliberately broken variants of the in-memory service, each breaking exactly one
// rule of the contract, so that the conformance suite can prove it catches a broken
// implementation. `new FaceDetectionService({ faultMode: 'token-maxLength-plus-one' })`.
//
// Where the break is in what goes in or out (an answer's status, headers or body, the error a
// constraint or a malformed body answers, an unknown X-Amz-Target), the mode wraps the service
// (`wrap`, built in faultWrappers.ts). Where it is in the model itself, the mode names hooks that
// reach the model through its one seam (ModelHooks.ts): after validation (`violations`), when a
// ClientRequestToken repeats (`idempotency`), when it makes a JobId (`jobId`: the id is the job's
// identity, in later calls and in its SNS notice), when it reads null members
// (`refusesNullMembers`), at the job limit (`limitCountsFinishedJobs`), as jobs run and finish
// (`jobsNeverFinish`, `faces`), and when GetFaceDetection pages a job's faces (`pageSize`,
// `nextOffset`, `unreadableTokenOffset`). Constraints are read from the spec's schemas
// (generated/schemas.js), never restated, so a mode stays one step off the contract when the
// contract changes.
import { errors, limits, operations, type ErrorName } from '../../generated/contract.js';
import type { SpecSchema } from '../../generated/schemas.js';
import { schemaAt } from '../contract/specSchema.js';
import type { FaceDetection } from '../../generated/types.js';
import type { S3ObjectInfo } from './S3Registry.js';
import { CONFORMANCE_VIDEO } from './defaults.js';
import { toViolations, type SchemaError, type Violation, type ViolationKind } from '../contract/violation.js';
import { CONTENT_TYPE, errorAnswer, operationOf, type OperationName } from '../contract/wire.js';
import { DEFAULT_MAX_CONCURRENT_JOBS, MAX_RESULTS_CAP } from '../contract/limits.js';
import {
  answerContentTypeFactId,
  answerHeaderFactId,
  answerSchemaFactId,
  alwaysPresentFactId,
  behaviourFactId,
  echoFactId,
  errorBodyFactId,
  errorStatusFactId,
  idempotencyFactId,
  inputMembers,
  limitFactId,
  memberFactId,
  nullFactId,
  impliedRuleOf,
  PROTOCOL_FACTS,
  ruleKeywordsOf,
  type RuleKeyword,
} from '../contract/facts.js';
import {
  contentTypeParametersAs,
  errorAs,
  errorStatus,
  errorWithoutType,
  isJsonObjectBody,
  isMalformedJson,
  requestJson,
  rewriteAnswer,
  rewriteResponse,
  rewriteSuccess,
  withJsonBody,
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
  /**
   * The facts of the contract it breaks, by id (src/contract/facts.ts): one, for all but a few
   * older modes that break several at once. The conformance suite's checks that assert the fact
   * must catch the mode, on every seed.
   */
  breaks: readonly string[];
  /**
   * What the service must hold for the break to show (objects that exist, so that others do not; a
   * video with more faces than a page holds): what a self-test registers beside the mode.
   */
  needs?: { s3Objects: Record<string, S3ObjectInfo> };
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
  /** The most jobs that may run at once, when less than the service's own: what makes the job limit answer at all. */
  maxConcurrentJobs?: number;
  /** Every `every`th call (of `operation`, or of any) answers `error`: the service's own quota, made to answer. */
  throttleEvery?: { every: number; error: ErrorName; operation?: OperationName };
  /** A start without a ClientRequestToken whose parameters an earlier start had answers that start's JobId. */
  idempotentWithoutToken?: boolean;
  /** A start with a ClientRequestToken whose parameters an earlier start with another token had answers that start's JobId. */
  tokenIgnored?: boolean;
  /** Every job ends FAILED, without a StatusMessage. */
  jobsFailSilently?: boolean;
  /** The concurrent-job limit counts every job ever started, finished ones too. */
  limitCountsFinishedJobs?: boolean;
  /** Jobs never finish by themselves: they stay IN_PROGRESS (the test controls still finish them). */
  jobsNeverFinish?: boolean;
  /** A finished job's faces, given them in timestamp order: the order they are answered in. */
  faces?: (faces: FaceDetection[]) => FaceDetection[];
  /** GetFaceDetection paging: the size of a page, given MaxResults capped at 1000, and MaxResults as asked (if it was). */
  pageSize?: (healthy: number, asked: number | undefined) => number;
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

/** GetFaceDetection's 200 answers without `member`. */
const answersWithout = (member: string): Wrap =>
  rewriteSuccess('GetFaceDetection', (body) => {
    delete body[member];
  });

/** The conformance suite's job video, as the S3 registry keys it (see CONFORMANCE_VIDEO). */
const PAGING_VIDEO_KEY = `${CONFORMANCE_VIDEO.Bucket}/${CONFORMANCE_VIDEO.Name}`;
const NEXT_TOKEN_MAX_LENGTH = Number(limits.GetFaceDetection.nextTokenMaxLength);

/** `count` faces, one every 40 ms, each a plain valid face: a video with more faces than a page holds. */
function manyFaces(count: number): FaceDetection[] {
  const Face = { BoundingBox: { Width: 0.2, Height: 0.3, Left: 0.4, Top: 0.2 }, Confidence: 99.5 };
  return Array.from({ length: count }, (_, i) => ({ Timestamp: i * 40, Face }));
}

/** A 200 answer of GetFaceDetection to a request with a NextToken: a later page. */
const isLaterPage = (
  answer: { status: number; error?: ErrorName },
  request: Parameters<typeof requestJson>[0],
  operation?: OperationName,
) =>
  operation === 'GetFaceDetection' && answer.status === 200 && answer.error === undefined && requestJson(request)?.NextToken !== undefined;

/** JobIds as some other service might make them: `job.` and hexadecimal, of the same length. */
const FOREIGN_JOB_ID_PREFIX = 'job.';
/** What some REST services answer for a missing resource; the contract says 400. */
const NOT_FOUND_STATUS = 404;

// ---- The modes ------------------------------------------------------------------------------------

const START: OperationName = 'StartFaceDetection';
const GET: OperationName = 'GetFaceDetection';

const definitions = {
  'token-maxLength-plus-one': {
    breaks: [memberFactId(START, 'ClientRequestToken', 'maxLength')],
    description: 'Accepts a ClientRequestToken one character longer than its maxLength.',
    violations: offByOne(START, '/ClientRequestToken', 'maxLength', 1),
  },
  'token-maxLength-minus-one': {
    breaks: [memberFactId(START, 'ClientRequestToken', 'maxLength')],
    description: 'Refuses a ClientRequestToken of exactly its maxLength, as if the limit were one less.',
    violations: offByOne(START, '/ClientRequestToken', 'maxLength', -1),
  },
  'jobTag-maxLength-plus-one': {
    breaks: [memberFactId(START, 'JobTag', 'maxLength')],
    description: 'Accepts a JobTag one character longer than its maxLength.',
    violations: offByOne(START, '/JobTag', 'maxLength', 1),
  },
  'jobTag-maxLength-minus-one': {
    breaks: [memberFactId(START, 'JobTag', 'maxLength')],
    description: 'Refuses a JobTag of exactly its maxLength, as if the limit were one less.',
    violations: offByOne(START, '/JobTag', 'maxLength', -1),
  },
  'bucket-minLength-minus-one': {
    breaks: [memberFactId(START, 'Video.S3Object.Bucket', 'minLength')],
    description: 'Accepts an S3 bucket name one character shorter than its minLength.',
    violations: offByOne(START, '/Video/S3Object/Bucket', 'minLength', -1),
  },
  'bucket-minLength-plus-one': {
    breaks: [memberFactId(START, 'Video.S3Object.Bucket', 'minLength')],
    description: 'Refuses an S3 bucket name of exactly its minLength, as if the limit were one more.',
    violations: offByOne(START, '/Video/S3Object/Bucket', 'minLength', 1),
  },
  'objectName-length-in-utf16-units': {
    breaks: [PROTOCOL_FACTS.codePoints.id],
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
    breaks: [memberFactId(START, 'ClientRequestToken', 'pattern')],
    description: 'Matches the ClientRequestToken pattern without its `$`: a token that merely starts validly is accepted.',
    violations: loosePattern(START, '/ClientRequestToken', withoutEnd),
  },
  'token-pattern-unanchored-start': {
    breaks: [memberFactId(START, 'ClientRequestToken', 'pattern')],
    description: 'Matches the ClientRequestToken pattern without its `^`: a token that merely ends validly is accepted.',
    violations: loosePattern(START, '/ClientRequestToken', withoutStart),
  },
  'jobTag-pattern-unanchored': {
    breaks: [memberFactId(START, 'JobTag', 'pattern')],
    description: 'Matches the JobTag pattern anywhere in the value: a tag with one valid character is accepted.',
    violations: loosePattern(START, '/JobTag', (source) => withoutStart(withoutEnd(source))),
  },
  'roleArn-pattern-unanchored': {
    breaks: [memberFactId(START, 'NotificationChannel.RoleArn', 'pattern')],
    description: 'Matches the NotificationChannel RoleArn pattern anywhere in the value: text around a valid ARN is accepted.',
    violations: loosePattern(START, '/NotificationChannel/RoleArn', (source) => withoutStart(withoutEnd(source))),
  },
  'jobTag-pattern-too-strict': {
    breaks: [memberFactId(START, 'JobTag', 'pattern')],
    description: 'Leaves `:` and `/` out of the JobTag pattern: valid tags such as `a:b` or `a/b` are refused.',
    violations: strictPattern(START, '/JobTag', [':', '\\/']),
  },
  'faceAttributes-case-folding': {
    breaks: [memberFactId(START, 'FaceAttributes', 'enum')],
    description: 'Compares FaceAttributes with its enum ignoring case: `all` and `Default` are accepted.',
    violations: looseEnum(START, '/FaceAttributes', (value) => value.toUpperCase()),
  },
  'faceAttributes-trimming': {
    breaks: [memberFactId(START, 'FaceAttributes', 'enum')],
    description: 'Trims FaceAttributes before comparing it with its enum: ` ALL` is accepted.',
    violations: looseEnum(START, '/FaceAttributes', (value) => value.trim()),
  },
  'faceAttributes-all-refused': {
    breaks: [memberFactId(START, 'FaceAttributes', 'enum')],
    description: 'Takes FaceAttributes DEFAULT alone: ALL, a value of its enum, is refused with ValidationException.',
    violations: refuse(member(START, '/FaceAttributes'), 'enum', { allowedValues: ['DEFAULT'] }, (value) => value === 'ALL', {
      ...member(START, '/FaceAttributes').schema,
      enum: ['DEFAULT'],
    }),
  },
  'video-not-required': {
    breaks: [memberFactId(START, 'Video', 'required')],
    description: 'Does not require Video: a start without it gets past validation and starts a job on nothing.',
    violations: notRequired(START, '', 'Video'),
    startsWithoutVideo: true,
  },
  'roleArn-not-required': {
    breaks: [memberFactId(START, 'NotificationChannel.RoleArn', 'required')],
    description: 'Does not require NotificationChannel.RoleArn: a channel with a topic alone is accepted.',
    violations: notRequired(START, '/NotificationChannel', 'RoleArn'),
  },
  'maxResults-minimum-zero': {
    breaks: [memberFactId(GET, 'MaxResults', 'minimum')],
    description: 'Accepts a GetFaceDetection MaxResults one below its minimum (0).',
    violations: offByOne(GET, '/MaxResults', 'minimum', -1),
  },
  'jobId-maxLength-plus-one': {
    breaks: [memberFactId(GET, 'JobId', 'maxLength')],
    description: 'Accepts a GetFaceDetection JobId one character longer than its maxLength (and answers ResourceNotFoundException for it).',
    violations: offByOne(GET, '/JobId', 'maxLength', 1),
  },
  'nextToken-maxLength-plus-one': {
    breaks: [memberFactId(GET, 'NextToken', 'maxLength')],
    description: 'Accepts a GetFaceDetection NextToken one character longer than its maxLength.',
    violations: offByOne(GET, '/NextToken', 'maxLength', 1),
  },
  'idempotency-ignored': {
    breaks: [idempotencyFactId(START, 'sameTokenSameParameters')],
    description: 'Ignores a repeated ClientRequestToken with the same parameters: each repeat starts a new job with a new JobId.',
    idempotency: (decision) => (decision === 'repeat' ? 'new' : decision),
  },
  'mismatch-not-detected': {
    breaks: [idempotencyFactId(START, 'sameTokenOtherParameters')],
    description:
      'Answers a repeated ClientRequestToken with other parameters as a repeat: the first JobId, 200, instead of IdempotentParameterMismatchException.',
    idempotency: (decision) => (decision === 'mismatch' ? 'repeat' : decision),
  },
  'jobId-outside-pattern': {
    breaks: [answerSchemaFactId(START)],
    description:
      'Makes JobIds like `job.` and hexadecimal digits (of the usual length), outside the JobId pattern. GetFaceDetection still reads those jobs back.',
    jobId: (healthy) => FOREIGN_JOB_ID_PREFIX + healthy.slice(FOREIGN_JOB_ID_PREFIX.length),
    // Only so that GetFaceDetection reads back the jobs the mode made (any other JobId outside the
    // pattern is still refused): the one broken rule is the shape of the JobIds answered.
    violations: accept(member(GET, '/JobId'), 'pattern', (value, request) => typeof value === 'string' && request.jobExists(value)),
  },
  'wrong-content-type': {
    breaks: [answerContentTypeFactId(CONTENT_TYPE)],
    description: 'Answers every call with Content-Type application/json instead of application/x-amz-json-1.1.',
    wrap: rewriteResponse((response) =>
      withStatusOrHeaders(response, { headers: (headers) => headers.set('Content-Type', 'application/json') }),
    ),
  },
  'errors-as-500': {
    breaks: [errorStatusFactId('ValidationException')],
    description: 'Answers ValidationException with status 500 instead of 400, the body unchanged.',
    wrap: errorStatus((error) => error === 'ValidationException', 500),
  },
  'errors-as-200': {
    breaks: [PROTOCOL_FACTS.brokenConstraint.id],
    description: 'Answers every client error with status 200, the error body unchanged.',
    wrap: errorStatus((error) => errors[error].fault === 'client', 200),
  },
  'missing-request-id': {
    breaks: [answerHeaderFactId('x-amzn-RequestId')],
    description: 'Answers without the x-amzn-RequestId header.',
    wrap: rewriteResponse((response) => withStatusOrHeaders(response, { headers: (headers) => headers.delete('x-amzn-RequestId') })),
  },
  'constraint-as-access-denied': {
    breaks: [PROTOCOL_FACTS.brokenConstraint.id],
    description: 'Answers a broken constraint with AccessDeniedException (400) instead of ValidationException, the message unchanged.',
    wrap: errorAs('ValidationException', 'AccessDeniedException'),
  },
  'constraint-as-invalid-parameter': {
    breaks: [PROTOCOL_FACTS.brokenConstraint.id],
    description:
      'Answers a broken constraint with InvalidParameterException instead of ValidationException: what some AWS services do, so a ' +
      'break only under the strict reading (conformance --strict).',
    wrap: errorAs('ValidationException', 'InvalidParameterException'),
    strictOnly: true,
  },
  'null-members-refused': {
    breaks: inputMembers().map((m) => nullFactId(m.operation, m.keys.join('.'))),
    description:
      'Refuses a member sent as null (400 SerializationException) instead of reading it as absent, as the awsJson1_1 protocol ' +
      'tests have it: a reading the contract leaves open to AWS itself, so a break only under --strict.',
    refusesNullMembers: true,
    strictOnly: true,
  },
  'limit-counts-finished-jobs': {
    breaks: [limitFactId(START, 'concurrentJobsExceeded')],
    description:
      `Counts finished jobs against the concurrent-job limit (${DEFAULT_MAX_CONCURRENT_JOBS}, or the service's own ` +
      'when lower): once that many jobs have started, every start answers LimitExceededException although none is running.',
    limitCountsFinishedJobs: true,
  },
  'unknown-target-accepted': {
    breaks: [PROTOCOL_FACTS.unknownTarget.id],
    description: 'Serves an X-Amz-Target that names no operation as StartFaceDetection instead of answering UnknownOperationException.',
    wrap: unknownTargetAs(START),
  },
  'malformed-json-as-500': {
    breaks: [PROTOCOL_FACTS.malformedBody.id],
    description: 'Answers a body that is not JSON with InternalServerError (500) instead of SerializationException (400).',
    wrap: errorAs('SerializationException', 'InternalServerError', isMalformedJson),
  },
  'wrong-status-for-modelled-error': {
    breaks: [errorStatusFactId('ResourceNotFoundException')],
    description: `Answers ResourceNotFoundException with status ${NOT_FOUND_STATUS} instead of 400.`,
    wrap: errorStatus((error) => error === 'ResourceNotFoundException', NOT_FOUND_STATUS),
  },
  'jobStatus-lowercase': {
    breaks: [answerSchemaFactId(GET)],
    description: 'Answers GetFaceDetection with JobStatus in lower case (`in_progress`), outside the VideoJobStatus enum.',
    wrap: rewriteResponse(async (response, { operation, error }) => {
      if (operation !== GET || error !== undefined) return response;
      const body = (await response.json()) as Record<string, unknown>;
      if (typeof body.JobStatus === 'string') body.JobStatus = body.JobStatus.toLowerCase();
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    }),
  },
  'job-never-finishes': {
    breaks: [behaviourFactId(GET, 'jobFinishes')],
    description: 'Never finishes a job: GetFaceDetection answers IN_PROGRESS forever.',
    jobsNeverFinish: true,
  },
  'faces-out-of-order': {
    breaks: [behaviourFactId(GET, 'facesInTimestampOrder')],
    description: "Answers a finished job's faces in reverse timestamp order.",
    faces: (faces) => [...faces].reverse(),
  },
  'maxResults-ignored': {
    breaks: [behaviourFactId(GET, 'pageAtMostMaxResults')],
    description: `Ignores MaxResults: every page holds up to ${MAX_RESULTS_CAP} faces.`,
    pageSize: () => MAX_RESULTS_CAP,
  },
  'pagination-repeats-last-face': {
    breaks: [behaviourFactId(GET, 'everyFaceOnce')],
    description:
      'Starts each page after the first one face early: the last face of a page comes again at the start of the next (with MaxResults 1, forever).',
    nextOffset: (healthy) => healthy - 1,
  },
  'pagination-drops-a-face': {
    breaks: [behaviourFactId(GET, 'everyFaceOnce')],
    description: 'Starts each page after the first one face late: the face between two pages is lost.',
    nextOffset: (healthy) => healthy + 1,
  },
  'foreign-token-accepted': {
    breaks: [behaviourFactId(GET, 'foreignNextToken')],
    description:
      'Reads a NextToken of another job, or a tampered one, as the first page instead of answering InvalidPaginationTokenException.',
    unreadableTokenOffset: 0,
  },
  'jobId-not-echoed': {
    breaks: [echoFactId(GET, 'JobId')],
    description:
      'Answers GetFaceDetection with a JobId other than the one asked for (its last character changed), the job otherwise its own.',
    wrap: rewriteSuccess(GET, (body) => {
      if (typeof body.JobId === 'string') body.JobId = body.JobId.slice(0, -1) + (body.JobId.endsWith('a') ? 'b' : 'a');
    }),
  },
  'jobTag-not-echoed': {
    breaks: [echoFactId(GET, 'JobTag')],
    description: 'Answers GetFaceDetection without the JobTag the start gave.',
    wrap: answersWithout('JobTag'),
  },
  'video-not-echoed': {
    breaks: [echoFactId(GET, 'Video')],
    description: 'Answers GetFaceDetection without the Video the start gave.',
    wrap: answersWithout('Video'),
  },
  'jobStatus-missing': {
    breaks: [alwaysPresentFactId(GET, 'JobStatus')],
    description: 'Answers GetFaceDetection without a JobStatus (the rest of the answer as it is).',
    wrap: answersWithout('JobStatus'),
  },
  'failed-without-status-message': {
    breaks: [behaviourFactId(GET, 'failedCarriesStatusMessage')],
    description: 'Ends every job FAILED, without a StatusMessage.',
    jobsFailSilently: true,
  },
  'idempotent-without-token': {
    breaks: [idempotencyFactId(START, 'noToken')],
    description:
      "Answers a start without a ClientRequestToken whose parameters an earlier start had with that start's JobId, as if they were a token.",
    idempotentWithoutToken: true,
  },
  'token-ignored-for-same-parameters': {
    breaks: [idempotencyFactId(START, 'otherToken')],
    description:
      "Answers a start whose parameters an earlier start had with that start's JobId whatever its ClientRequestToken, as if parameters were the token.",
    tokenIgnored: true,
  },
  'later-for-invalid': {
    breaks: [PROTOCOL_FACTS.brokenConstraint.id],
    description:
      'Answers every request that breaks a constraint 503 ServiceUnavailable ("later") for good, instead of refusing it with ValidationException; valid requests are answered at once.',
    wrap: rewriteAnswer((answer) =>
      answer.error === 'ValidationException'
        ? {
            status: 503,
            headers: answer.headers,
            body: JSON.stringify({ __type: 'ServiceUnavailable', message: 'Service unavailable: try again later' }),
            error: undefined,
          }
        : undefined,
    ),
  },
  'refusal-with-job-id': {
    breaks: [PROTOCOL_FACTS.brokenConstraint.id],
    description: 'Answers ValidationException with a JobId in its body, as if the refused start had started a job.',
    wrap: rewriteAnswer((answer) =>
      answer.error === 'ValidationException'
        ? withJsonBody(answer, { ...JSON.parse(answer.body), JobId: 'refused-but-started' })
        : undefined,
    ),
  },
  'error-without-code': {
    breaks: [errorBodyFactId('ValidationException')],
    description: 'Answers ValidationException with its message alone: no __type, no code, no x-amzn-ErrorType header.',
    wrap: rewriteAnswer((answer) => {
      if (answer.error !== 'ValidationException') return undefined;
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.toLowerCase() !== 'x-amzn-errortype'));
      const { message, Message } = JSON.parse(answer.body) as Record<string, unknown>;
      return { ...answer, headers, body: JSON.stringify({ message: message ?? Message }) };
    }),
  },
  'start-constraint-as-pagination-token': {
    breaks: [PROTOCOL_FACTS.brokenConstraint.id],
    description:
      'Answers a broken constraint of StartFaceDetection with InvalidPaginationTokenException (400), an error only GetFaceDetection declares.',
    wrap: errorAs(
      'ValidationException',
      'InvalidPaginationTokenException',
      (request) => operationOf(request.header('x-amz-target')) === START,
    ),
  },
  'start-answer-not-json': {
    breaks: [answerSchemaFactId(START)],
    description: 'Answers a started job with 200 and a body that is not JSON (`JobId=...`).',
    wrap: rewriteAnswer((answer, _, operation) =>
      operation === START && answer.status === 200 ? { ...answer, body: `JobId=${JSON.parse(answer.body).JobId}` } : undefined,
    ),
  },
  'start-without-job-id': {
    breaks: [alwaysPresentFactId(START, 'JobId')],
    description: 'Answers a started job with 200 and `{}`: no JobId.',
    wrap: rewriteSuccess(START, (body) => {
      delete body.JobId;
    }),
  },
  'later-pages-in-progress': {
    breaks: [behaviourFactId(GET, 'jobFinishes')],
    description: 'Answers every page after the first of a SUCCEEDED job with JobStatus IN_PROGRESS (its faces unchanged).',
    wrap: rewriteAnswer((answer, request, operation) =>
      isLaterPage(answer, request, operation) ? withJsonBody(answer, { ...JSON.parse(answer.body), JobStatus: 'IN_PROGRESS' }) : undefined,
    ),
  },
  'duplicate-face': {
    breaks: [behaviourFactId(GET, 'everyFaceOnce')],
    description: "Answers a job's first face twice, at the same Timestamp.",
    faces: (faces) => (faces.length > 0 ? [faces[0]!, ...faces] : faces),
  },
  'pagination-adds-a-face': {
    breaks: [behaviourFactId(GET, 'everyFaceOnce')],
    description:
      'Adds a face the job does not have (its last face, at half the Confidence) to the last page read with a NextToken, where the page has room for it.',
    wrap: rewriteAnswer((answer, request, operation) => {
      if (!isLaterPage(answer, request, operation)) return undefined;
      const body = JSON.parse(answer.body) as { Faces?: FaceDetection[]; NextToken?: string };
      const room = Number(requestJson(request)?.MaxResults ?? MAX_RESULTS_CAP) - (body.Faces?.length ?? 0);
      const last = body.Faces?.at(-1);
      if (body.NextToken !== undefined || !last || room < 1) return undefined;
      const added = { ...last, Face: { ...last.Face, Confidence: (last.Face?.Confidence ?? 50) / 2 } };
      return withJsonBody(answer, { ...body, Faces: [...body.Faces!, added] });
    }),
  },
  'null-optional-as-500': {
    breaks: [nullFactId(START, 'JobTag')],
    description: 'Answers a start with JobTag sent as null 500 InternalServerError, where the same start without it is accepted.',
    // Answered before the service sees it: no job starts.
    wrap: (respond) => async (request) =>
      operationOf(request.header('x-amz-target')) === START && requestJson(request)?.JobTag === null
        ? errorAnswer('InternalServerError', 'JobTag cannot be null')
        : respond(request),
  },
  'limit-exceeded-as-500': {
    breaks: [errorStatusFactId('LimitExceededException')],
    description: 'Lets 2 jobs run at once (a quota an account may have) and answers LimitExceededException with status 500 instead of 400.',
    maxConcurrentJobs: 2,
    wrap: errorStatus((error) => error === 'LimitExceededException', 500),
  },
  'throttling-as-400': {
    breaks: [errorStatusFactId('ThrottlingException')],
    description: 'Throttles every 7th call (ThrottlingException) and answers it with status 400 instead of 500.',
    throttleEvery: { every: 7, error: 'ThrottlingException' },
    wrap: errorStatus((error) => error === 'ThrottlingException', 400),
  },
  'throughput-exceeded-as-500': {
    breaks: [errorStatusFactId('ProvisionedThroughputExceededException')],
    description: 'Refuses every 7th start with ProvisionedThroughputExceededException and answers it with status 500 instead of 400.',
    throttleEvery: { every: 7, error: 'ProvisionedThroughputExceededException', operation: START },
    wrap: errorStatus((error) => error === 'ProvisionedThroughputExceededException', 500),
  },
  'maxResults-cap-ignored': {
    breaks: [limitFactId(GET, 'maxResultsCap')],
    description: `Answers MaxResults past the cap (${MAX_RESULTS_CAP}) with that many faces a page.`,
    pageSize: (healthy, asked) => asked ?? healthy,
    needs: { s3Objects: { [PAGING_VIDEO_KEY]: { faces: manyFaces(MAX_RESULTS_CAP + 200) } } },
  },
  'nextToken-too-long': {
    breaks: [limitFactId(GET, 'nextTokenMaxLength')],
    description: `Answers NextTokens longer than the contract's ${NEXT_TOKEN_MAX_LENGTH} characters (padded with \`=\`).`,
    wrap: rewriteSuccess(GET, (body) => {
      if (typeof body.NextToken === 'string') body.NextToken = body.NextToken.padEnd(NEXT_TOKEN_MAX_LENGTH + 1, '=');
    }),
  },
  'unknown-job-as-invalid-parameter': {
    breaks: [behaviourFactId(GET, 'unknownJob')],
    description:
      'Answers GetFaceDetection of a JobId nobody started with InvalidParameterException (400) instead of ResourceNotFoundException.',
    wrap: errorAs('ResourceNotFoundException', 'InvalidParameterException'),
  },
  'content-type-parameters-refused': {
    breaks: [PROTOCOL_FACTS.contentTypeParameters.id],
    description: 'Refuses a Content-Type with parameters (`application/x-amz-json-1.1; charset=utf-8`) with SerializationException.',
    wrap: contentTypeParametersAs('SerializationException'),
  },
  'unreadable-as-validation': {
    breaks: [PROTOCOL_FACTS.unreadableValue.id],
    description:
      'Answers a member it cannot read (a wrong JSON type, an integer past int32) with ValidationException instead of SerializationException: ' +
      'a reading the contract leaves open to AWS itself, so a break only under --strict.',
    wrap: errorAs('SerializationException', 'ValidationException', isJsonObjectBody),
    strictOnly: true,
  },
} satisfies Record<string, FaultMode>;

// ---- Modes made from the facts ------------------------------------------------------------------
//
// For each fact of the contract that no mode above breaks, where the suite can see the break: a
// mode that breaks it alone. A rule of a request member let through (`lax-...`), an error
// answered with the other class of status (`status-...`), an error whose body names it only in
// `code` (`untyped-...`).

/** What makes the service answer an error it otherwise would not (a job limit, its own quota), or hold what shows it. */
const TRIGGERS: Partial<Record<ErrorName, Partial<FaultMode>>> = {
  LimitExceededException: { maxConcurrentJobs: 2 },
  ThrottlingException: { throttleEvery: { every: 7, error: 'ThrottlingException' } },
  ProvisionedThroughputExceededException: {
    throttleEvery: { every: 7, error: 'ProvisionedThroughputExceededException', operation: START },
  },
  // With one object registered, every other one does not exist: the spec's example starts name one.
  InvalidS3ObjectException: { needs: { s3Objects: { [PAGING_VIDEO_KEY]: {} } } },
};

/**
 * The errors a conformance run can make an endpoint answer (with the triggers above): not
 * AccessDeniedException (credentials denied the action), InternalServerError (the endpoint's own
 * fault), VideoTooLargeException (a video over 10 GB or 6 hours) or the SigV4 failures (the run
 * signs its own calls).
 */
export const PROVOKED_ERRORS: readonly ErrorName[] = [
  'ValidationException',
  'SerializationException',
  'UnknownOperationException',
  'InvalidParameterException',
  'ResourceNotFoundException',
  'InvalidPaginationTokenException',
  'IdempotentParameterMismatchException',
  'InvalidS3ObjectException',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
];

/**
 * A rule let through that leaves the video unnamed (no object, or an empty key): this service then
 * answers InvalidParameterException, which the contract allows for a broken rule without --strict.
 */
function leavesNoVideo(member: string, keyword: RuleKeyword): boolean {
  return (
    (keyword === 'type' && (member === 'Video' || member === 'Video.S3Object')) ||
    (keyword === 'minLength' && member === 'Video.S3Object.Name')
  );
}

const JSON_TYPES: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number',
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
};

/** The member's `keyword` let through: the violations it raises are dropped, and the service goes on with the value. */
function lax(operation: OperationName, pointer: string, keyword: RuleKeyword): ViolationsHook {
  const m = member(operation, pointer);
  switch (keyword) {
    case 'required':
      return accept(m, 'required', () => true);
    case 'type': {
      // A value of another JSON type is taken as it is: every violation it raises goes (an enum's too).
      const isType = JSON_TYPES[String(m.schema.type)]!;
      const integer = m.schema.type === 'integer';
      return (violations, request) =>
        violations.filter((v) => {
          if (request.operation !== m.operation || v.pointer !== m.pointer) return true;
          const value = valueAt(request.body, m.pointer);
          return isType(value) && !(integer && !Number.isInteger(value));
        });
    }
    case 'pattern':
      return accept(m, 'pattern', () => true);
    case 'enum':
      return accept(m, 'enum', () => true);
    case 'format':
      return accept(m, 'overflow', () => true);
    default: {
      const { kind, measure, breaks } = BOUNDS[keyword];
      const limit = numberOf(m, keyword);
      return accept(m, kind, (value) => {
        const x = measure(value);
        return x !== undefined && breaks(x, limit);
      });
    }
  }
}

const handWritten: Record<string, FaultMode> = definitions;
const brokenByHand = new Set(Object.values(handWritten).flatMap((mode) => mode.breaks));

const laxModes = Object.fromEntries(
  inputMembers().flatMap((m) =>
    ruleKeywordsOf(m)
      .filter((keyword) => impliedRuleOf(m, keyword) === undefined)
      .map((keyword) => [m, keyword, memberFactId(m.operation, m.keys.join('.'), keyword)] as const)
      .filter(([, , fact]) => !brokenByHand.has(fact))
      .map(([m, keyword, fact]): [string, FaultMode] => [
        `lax-${m.operation}-${m.keys.join('.')}-${keyword}`,
        {
          breaks: [fact],
          description:
            `Lets through a ${m.operation} ${m.keys.join('.')} that breaks its ${keyword === 'format' ? String(m.schema.format) : keyword} rule, and goes on with it` +
            (leavesNoVideo(m.keys.join('.'), keyword)
              ? ' (to answer InvalidParameterException for a video it cannot name: a refusal the contract allows without --strict, so a break only under --strict).'
              : '.'),
          violations: lax(m.operation, `/${m.keys.join('/')}`, keyword),
          ...(leavesNoVideo(m.keys.join('.'), keyword) ? { strictOnly: true } : {}),
        },
      ]),
  ),
);

const otherStatus = (error: ErrorName) => (errors[error].httpStatus >= 500 ? 400 : 500);

const statusModes = Object.fromEntries(
  PROVOKED_ERRORS.filter((error) => !brokenByHand.has(errorStatusFactId(error))).map((error): [string, FaultMode] => [
    `status-${error}`,
    {
      ...TRIGGERS[error],
      breaks: [errorStatusFactId(error)],
      description: `Answers ${error} with status ${otherStatus(error)} instead of ${errors[error].httpStatus}, the body unchanged.`,
      wrap: errorStatus((e) => e === error, otherStatus(error)),
    },
  ]),
);

const untypedModes = Object.fromEntries(
  PROVOKED_ERRORS.filter((error) => !brokenByHand.has(errorBodyFactId(error))).map((error): [string, FaultMode] => [
    `untyped-${error}`,
    {
      ...TRIGGERS[error],
      breaks: [errorBodyFactId(error)],
      description: `Answers ${error} with a body that names it in \`code\` and has no \`__type\` (SDKs read either; the contract's body has \`__type\`).`,
      wrap: errorWithoutType(error),
    },
  ]),
);

/** The name of a fault mode: `token-maxLength-plus-one`, `idempotency-ignored`, `lax-GetFaceDetection-JobId-pattern`, ... */
export type FaultModeName = keyof typeof definitions | `lax-${string}` | `status-${string}` | `untyped-${string}`;

/** Every fault mode, by name. Each breaks one fact of the contract (a few older ones, several) and leaves the rest as it is. */
export const faultModes: Readonly<Record<FaultModeName, FaultMode>> = { ...definitions, ...laxModes, ...statusModes, ...untypedModes };

/** Whether `name` names a fault mode (for names from the command line). */
export function isFaultModeName(name: string): name is FaultModeName {
  return Object.hasOwn(faultModes, name);
}
