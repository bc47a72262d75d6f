// The in-memory face-detection service: one model of Rekognition's StartFaceDetection and
// GetFaceDetection, speaking the awsJson1_1 wire through respond() (bytes in, text out) and, for
// fetch, handle() (Request in, Response out). The msw handlers call handle(); the emulator calls
// respondNow() (respond() without the promise), the suite's embedded target respond(); tests steer
// it through the controls below.
import { operations, type ErrorName, type StructureName } from '../../generated/contract.js';
import type {
  GetFaceDetectionRequest,
  GetFaceDetectionResponse,
  NotificationChannel,
  StartFaceDetectionRequest,
  Video,
} from '../../generated/types.js';
import { faultModes, isFaultModeName, type FaultMode, type FaultModeName } from './faultModes.js';
import { withoutNullMembers } from '../contract/nullMembers.js';
import { validateAsGiven, validationResultOf } from '../contract/validators.js';
import {
  CONTENT_TYPE,
  isJsonContentType,
  errorAnswer,
  jobId,
  operationOf,
  requestId,
  toFetchResponse,
  successAnswer,
  type OperationName,
  type WireAnswer,
  type WireRequest,
} from '../contract/wire.js';
import { DEFAULT_MAX_CONCURRENT_JOBS } from '../contract/limits.js';
import { DEFAULT_JOB_DURATION_MS, DEFAULT_MAX_BODY_BYTES } from './defaults.js';
import { JobSchedule } from './JobSchedule.js';
import { JobRetention } from './JobRetention.js';
import { ClientRequestTokens, parametersOf } from './ClientRequestTokens.js';
import { S3Registry, type S3ObjectInfo } from './S3Registry.js';
import { InjectedFaults } from './InjectedFaults.js';
import { JobResults } from './JobResults.js';
import { readLimited } from './readLimited.js';
import { DEFAULT_MESSAGES } from './messages.js';
import { CallLog, type RecordedCall } from './CallLog.js';

/** Fatal: bytes that are not UTF-8 are refused, never replaced. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What the service knows of an S3 object: its size and, for a video, its length. */
export type { S3ObjectInfo } from './S3Registry.js';

/** What a finished job publishes to its NotificationChannel's SNS topic. */
export interface CompletionNotice {
  JobId: string;
  Status: 'SUCCEEDED' | 'FAILED';
  API: 'FACE_DETECTION';
  JobTag?: string;
  /** When the job finished, in milliseconds since the epoch. */
  Timestamp: number;
  Video: { S3ObjectName: string; S3Bucket: string };
}

export interface FaceDetectionServiceOptions {
  /** Jobs that may run at once before a start answers LimitExceededException. Default 20. */
  maxConcurrentJobs?: number;
  /**
   * How many of the latest calls `calls` keeps; older ones are forgotten, so that a long-running
   * emulator's memory does not grow with every request. Default 10,000.
   */
  maxRecordedCalls?: number;
  /**
   * The S3 objects that exist, keyed `bucket/key`. Without it every object exists; with it, a
   * start on any other object answers InvalidS3ObjectException.
   */
  s3Objects?: Record<string, S3ObjectInfo>;
  /** The largest request body, in bytes, before the service answers 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * How time passes for jobs: `real` (default), or `manual`, where only advance(), completeJob()
   * and failJob() move jobs on.
   */
  clock?: 'real' | 'manual';
  /** How long a job runs before it finishes, in milliseconds. Default 5000. */
  jobDurationMs?: number;
  /**
   * How long a finished job is kept after it finished, in milliseconds, on the service's clock
   * (with `clock: 'manual'`, advance() moves it on). Then it is forgotten: its JobId and its
   * NextTokens answer ResourceNotFoundException, as an unknown JobId does, its ClientRequestToken
   * starts a new job, and its completion notice leaves `notifications`. Running jobs are never
   * forgotten. Default Infinity: a test may read every job it started. An emulator that makes its
   * own service (`serve`, startEmulator) defaults to one hour instead.
   */
  jobRetentionMs?: number;
  /**
   * The most finished jobs kept: past it, the oldest-finished is forgotten as jobRetentionMs
   * forgets it. Running jobs never count. Default Infinity; 10,000 for an emulator that makes its
   * own service (`serve`, startEmulator), so that a long-running one keeps flat memory.
   */
  maxRetainedJobs?: number;
  /** Receives the completion notice of every finished job that named a NotificationChannel. */
  onNotification?: (notice: CompletionNotice, channel: NotificationChannel) => void;
  /**
   * Break exactly one rule of the contract, to prove that a conformance suite catches it (see
   * src/service/faultModes.ts). Default none: the service keeps the contract.
   */
  faultMode?: FaultModeName;
}

export type JobStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

export interface Job {
  JobId: string;
  JobStatus: JobStatus;
  StatusMessage?: string;
  request: StartFaceDetectionRequest;
  /** When the job started (ms since the epoch, on the service's clock). */
  startedAt: number;
  /** When it finished, once it has. */
  finishedAt?: number;
}

export type { RecordedCall } from './CallLog.js';

/** Answered when a body is larger than the service takes; not an error of the contract. */
export const REQUEST_TOO_LARGE_STATUS = 413;

export class FaceDetectionService {
  readonly #options: Required<Pick<FaceDetectionServiceOptions, 'maxConcurrentJobs' | 'maxBodyBytes'>>;
  readonly #videos: S3Registry;
  #jobs = new Map<string, Job>();
  /** ClientRequestToken -> the first start's parameters and JobId. */
  readonly #tokens = new ClientRequestTokens();
  readonly #calls: CallLog;
  readonly #injected = new InjectedFaults();
  /** The fault mode's hooks; undefined for a service that keeps the contract. */
  readonly #fault: FaultMode | undefined;
  /** The fault mode the service runs in, if any. */
  readonly faultMode: FaultModeName | undefined;
  readonly #onNotification: FaceDetectionServiceOptions['onNotification'];
  /** The clock, and the running jobs in the order they fall due. */
  readonly #schedule: JobSchedule<Job>;
  /** Finished jobs, until they are forgotten. */
  readonly #retention: JobRetention<Job>;
  /** Completion notices, oldest first, from #noticesHead on: those of forgotten jobs are before it. */
  #notifications: CompletionNotice[] = [];
  #noticesHead = 0;
  /** Finished jobs' faces, sorted by Timestamp, made once. */
  readonly #results: JobResults;
  /** Fault mode: calls counted against the service's own quota (throttleEvery). */
  #quotaCalls = 0;
  /** Fault mode: the JobId each start without a token answered, by its parameters (idempotentWithoutToken). */
  readonly #untokened = new Map<string, string>();

  constructor(options: FaceDetectionServiceOptions = {}) {
    this.#options = {
      maxConcurrentJobs: options.maxConcurrentJobs ?? DEFAULT_MAX_CONCURRENT_JOBS,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    };
    this.#calls = new CallLog(options.maxRecordedCalls);
    this.#videos = new S3Registry(options.s3Objects);
    if (options.faultMode !== undefined && !isFaultModeName(options.faultMode))
      throw new TypeError(`unknown fault mode ${String(options.faultMode)}`);
    this.faultMode = options.faultMode;
    this.#fault = options.faultMode === undefined ? undefined : faultModes[options.faultMode];
    this.#onNotification = options.onNotification;
    this.#results = new JobResults(this.#fault);
    this.#schedule = new JobSchedule<Job>({
      clock: options.clock ?? 'real',
      durationMs: options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS,
      isCurrent: (job) => this.#jobs.get(job.JobId) === job,
      finish: (job) => this.#finish(job, undefined),
      // Fault mode: jobs may never finish by themselves.
      neverFinish: this.#fault?.jobsNeverFinish ?? false,
    });
    this.#retention = new JobRetention<Job>({
      retentionMs: options.jobRetentionMs ?? Number.POSITIVE_INFINITY,
      maxJobs: options.maxRetainedJobs ?? Number.POSITIVE_INFINITY,
      forget: (job) => this.#forget(job),
    });
  }

  // ---- Time and the job lifecycle -----------------------------------------------------------

  /** The service's time: the wall clock, or the manual clock's. */
  now(): number {
    return this.#schedule.now();
  }

  /** Moves the manual clock on, finishing every job whose time has come. */
  advance(ms: number): void {
    this.#schedule.advance(ms);
    this.#retention.expire(this.now());
  }

  /** Finishes a running job now: SUCCEEDED, or FAILED when its video is registered as failing. */
  completeJob(id: string): void {
    this.#finish(this.#running(id), undefined);
  }

  /** Fails a running job now with the given StatusMessage. */
  failJob(id: string, message: string): void {
    this.#finish(this.#running(id), message);
  }

  /** Every completion notice published so far, oldest first, but those of forgotten jobs. */
  get notifications(): readonly CompletionNotice[] {
    this.#retention.expire(this.now());
    if (this.#noticesHead > 0) {
      this.#notifications = this.#notifications.slice(this.#noticesHead);
      this.#noticesHead = 0;
    }
    return this.#notifications;
  }

  #running(id: string): Job {
    const job = this.#jobs.get(id);
    if (!job) throw new TypeError(`no job ${id}`);
    if (job.JobStatus !== 'IN_PROGRESS') throw new TypeError(`job ${id} has already finished (${job.JobStatus})`);
    return job;
  }

  #videoInfo(job: Job): S3ObjectInfo | undefined {
    return this.#videos.infoOf(job.request.Video?.S3Object);
  }

  /** Ends a job: FAILED with `failure` (or its video's registered failure), else SUCCEEDED; then the notice. */
  #finish(job: Job, failure: string | undefined): void {
    if (job.JobStatus === 'IN_PROGRESS') this.#schedule.ended();
    const message = failure ?? this.#videoInfo(job)?.failure;
    // Fault mode: every job may fail, and say nothing of why.
    job.JobStatus = message === undefined && !this.#fault?.jobsFailSilently ? 'SUCCEEDED' : 'FAILED';
    if (message !== undefined) job.StatusMessage = message;
    job.finishedAt = this.now();
    const channel = job.request.NotificationChannel;
    if (channel) this.#notify(job, channel, job.finishedAt);
    this.#retention.finished(job);
  }

  /** Publishes the completion notice of a job that finished at `finishedAt`. */
  #notify(job: Job, channel: NotificationChannel, finishedAt: number): void {
    const object = job.request.Video?.S3Object ?? {};
    const notice: CompletionNotice = {
      JobId: job.JobId,
      Status: job.JobStatus as CompletionNotice['Status'],
      API: 'FACE_DETECTION',
      ...(job.request.JobTag !== undefined ? { JobTag: job.request.JobTag } : {}),
      Timestamp: finishedAt,
      Video: { S3ObjectName: object.Name ?? '', S3Bucket: object.Bucket ?? '' },
    };
    this.#notifications.push(notice);
    this.#onNotification?.(notice, channel);
  }

  /** Drops all the service holds of a finished job: the job, its results, its token and its notice. */
  #forget(job: Job): void {
    this.#jobs.delete(job.JobId);
    this.#results.forget(job.JobId);
    const token = job.request.ClientRequestToken;
    if (token !== undefined) this.#tokens.forget(token, job.JobId);
    // Notices are published in the order jobs finish, which is the order they are forgotten in.
    if (this.#notifications[this.#noticesHead]?.JobId === job.JobId) {
      this.#notifications[this.#noticesHead++] = undefined as unknown as CompletionNotice;
      if (this.#noticesHead > 1024 && this.#noticesHead * 2 > this.#notifications.length) {
        this.#notifications = this.#notifications.slice(this.#noticesHead);
        this.#noticesHead = 0;
      }
    }
  }

  // ---- Controls -------------------------------------------------------------------------------

  /** The latest calls (up to maxRecordedCalls, default 10,000), oldest first. */
  get calls(): readonly RecordedCall[] {
    return this.#calls.calls;
  }

  /** Every job not yet forgotten (see jobRetentionMs, maxRetainedJobs). */
  get jobs(): readonly Job[] {
    this.#retention.expire(this.now());
    return [...this.#jobs.values()];
  }

  /** The job, unless it is unknown or forgotten. */
  job(id: string): Job | undefined {
    this.#retention.expire(this.now());
    return this.#jobs.get(id);
  }

  /** The next `count` calls (of `operation`, or of any) answer `error` instead. */
  failNext(count: number, error: ErrorName, options: { message?: string; operation?: OperationName } = {}): void {
    this.#injected.failNext(count, error, options);
  }

  /** Past `perSecond` calls in any second, answer `error` (ThrottlingException unless told). `undefined` lifts it. */
  throttle(perSecond: number | undefined, error: ErrorName = 'ThrottlingException'): void {
    this.#injected.throttle(perSecond, error);
  }

  /** Registers an S3 object; the first registration switches from "every object exists" to the registry. */
  putS3Object(bucket: string, key: string, info: S3ObjectInfo = {}): void {
    this.#videos.put(bucket, key, info);
  }

  /** Removes an S3 object: its starts answer InvalidS3ObjectException, and so do those of every object never registered. */
  deleteS3Object(bucket: string, key: string): void {
    this.#videos.delete(bucket, key);
  }

  /** Forgets jobs, tokens, calls, notices, faults and throttling; keeps the options it was made with. */
  reset(): void {
    this.#schedule.reset();
    this.#retention.clear();
    this.#notifications = [];
    this.#noticesHead = 0;
    this.#results.clear();
    this.#jobs.clear();
    this.#tokens.clear();
    this.#untokened.clear();
    this.#quotaCalls = 0;
    this.#calls.clear();
    this.#injected.clear();
  }

  // ---- The wire -------------------------------------------------------------------------------

  /**
   * Answers one fetch Request as the service would (the msw handlers call this). Never throws;
   * never answers 500 unless told to.
   */
  async handle(request: Request): Promise<Response> {
    let body: WireRequest['body'];
    try {
      body = (await readLimited(request, this.#options.maxBodyBytes)) ?? 'too-large';
    } catch {
      body = 'unreadable';
    }
    const answer = await this.respond({ method: request.method, header: (name) => request.headers.get(name), body });
    return toFetchResponse(answer);
  }

  /**
   * Answers one request read off any transport (node:http, a Lambda event, a worker): the method,
   * a header lookup and the body's bytes in; status, headers and body text out. handle() and the
   * emulator (through respondNow) answer with it, so fetch objects are built only where fetch is the
   * transport.
   * Never throws; never answers 500 unless told to.
   */
  async respond(request: WireRequest): Promise<WireAnswer> {
    return this.respondNow(request);
  }

  /**
   * respond() without a promise where none is needed: the answer itself, unless a fault mode
   * changes what goes in or out (then the promise of it). Without SigV4 to check, the emulator
   * writes the answer in the tick the request's body ended, as a bare node:http server does.
   */
  respondNow(request: WireRequest): WireAnswer | Promise<WireAnswer> {
    const id = requestId();
    const call = this.#calls.start(id, Date.now());
    // Fault mode: what goes in or out, changed around the model.
    if (this.#fault?.wrap)
      return this.#fault
        .wrap(async (wrapped) => this.#model(wrapped, call, id))(request)
        .then((answer) => recorded(call, answer));
    return recorded(call, this.#model(request, call, id));
  }

  #model(request: WireRequest, call: RecordedCall, id: string): WireAnswer {
    try {
      return this.#answer(request, call, id);
    } catch (error) {
      // A bug of ours must still answer in the service's format, and say so.
      return errorAnswer('InternalServerError', `The emulated service failed: ${(error as Error).message}`, id);
    }
  }

  #answer(request: WireRequest, call: RecordedCall, id: string): WireAnswer {
    const fail = (error: ErrorName, message: string, status?: number) => errorAnswer(error, message, id, status);
    const operation = operationOf(request.header('x-amz-target'));
    call.operation = operation;
    if (request.method !== 'POST') return fail('UnknownOperationException', `${request.method} is not supported; the service takes POST /`);
    if (!operation) return fail('UnknownOperationException', 'The X-Amz-Target header is missing or names no operation of this service');
    if (!isJsonContentType(request.header('content-type'))) return fail('SerializationException', `Content-Type must be ${CONTENT_TYPE}`);

    const bytes = request.body;
    if (bytes === 'unreadable') return fail('SerializationException', 'The request body could not be read');
    if (bytes === 'too-large' || bytes.byteLength > this.#options.maxBodyBytes) {
      return fail(
        'SerializationException',
        `The request body is larger than ${this.#options.maxBodyBytes} bytes`,
        REQUEST_TOO_LARGE_STATUS,
      );
    }
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
    // A member sent as null is absent, as awsJson1_1 reads it (fault mode: or refused as a wrong
    // type). A text without the token `null` holds no null to read out.
    if (!this.#fault?.refusesNullMembers && text.includes('null'))
      body = withoutNullMembers(body, operations[operation].input as StructureName);

    const injected = this.#injected.next(operation) ?? this.#quota(operation);
    if (injected) return fail(injected.error, injected.message);

    const now = this.now();
    this.#schedule.settle(now);
    this.#retention.expire(now);
    const result = operation === 'StartFaceDetection' ? this.#start(body as object, now) : this.#get(body as object);
    call.jobId = result.jobId;
    if ('error' in result) return fail(result.error, result.message);
    return successAnswer(result.body, id);
  }

  #start(body: object, now: number): Outcome<{ JobId: string }> {
    const invalid = this.#invalid('StartFaceDetection', body);
    if (invalid) return invalid;
    const request = body as StartFaceDetectionRequest;

    // Idempotency first: a repeat of a started job answers its JobId even at the job limit.
    const token = request.ClientRequestToken;
    // Only a start with a token needs its parameters in canonical form.
    const parameters = token === undefined ? '' : parametersOf(request);
    const first = token === undefined ? undefined : this.#tokens.seen(token, parameters);
    if (first) {
      const healthy = first.decision;
      // Fault mode: a repeat may start a new job; a mismatch may pass for a repeat.
      const decision = this.#fault?.idempotency?.(healthy) ?? healthy;
      if (decision === 'mismatch') {
        return {
          error: 'IdempotentParameterMismatchException',
          message: 'ClientRequestToken was reused with different parameters',
          jobId: first.jobId,
        };
      }
      if (decision === 'repeat') return { body: { JobId: first.jobId }, jobId: first.jobId };
    }

    // Fault mode: a start without a token (or with one it has not seen) may repeat an earlier one with its parameters.
    const untokened = (token === undefined ? this.#fault?.idempotentWithoutToken : this.#fault?.tokenIgnored)
      ? parametersOf(request)
      : undefined;
    const earlier = untokened === undefined ? undefined : this.#untokened.get(untokened);
    if (earlier !== undefined && this.#jobs.has(earlier)) return { body: { JobId: earlier }, jobId: earlier };

    // (`?.`: with the video-not-required fault mode, Video may be missing.)
    const object = request.Video?.S3Object;
    if (object?.Bucket && object.Name) {
      const problem = this.#videos.problemOf(object.Bucket, object.Name);
      if (problem) return problem;
    } else if (!(this.#fault?.startsWithoutVideo && request.Video === undefined)) {
      // Fault mode: a start without a Video may start a job on nothing.
      return { error: 'InvalidParameterException', message: 'Video.S3Object must name a Bucket and a Name' };
    }
    // Fault mode: the limit may count finished jobs too, and at most the contract's default.
    const running = this.#fault?.limitCountsFinishedJobs ? this.#jobs.size : this.#schedule.running;
    // Fault mode: a limit of its own, lower than the service's.
    const limit = Math.min(
      this.#fault?.limitCountsFinishedJobs
        ? Math.min(this.#options.maxConcurrentJobs, DEFAULT_MAX_CONCURRENT_JOBS)
        : this.#options.maxConcurrentJobs,
      this.#fault?.maxConcurrentJobs ?? Number.POSITIVE_INFINITY,
    );
    if (running >= limit) {
      return { error: 'LimitExceededException', message: `Too many concurrent jobs: ${running} are running, the limit is ${limit}` };
    }

    const healthyId = jobId();
    // Fault mode: the JobId may break its pattern.
    const id = this.#fault?.jobId?.(healthyId) ?? healthyId;
    // The job keeps a copy of its own where calls are kept: a test editing calls[].body must not change it.
    const job: Job = { JobId: id, JobStatus: 'IN_PROGRESS', request: this.#calls.keeps ? copyOf(request) : request, startedAt: now };
    this.#jobs.set(id, job);
    this.#schedule.started(job);
    if (token !== undefined) this.#tokens.bind(token, parameters, id);
    if (untokened !== undefined) this.#untokened.set(untokened, id);
    return { body: { JobId: id }, jobId: id };
  }

  #get(body: object): Outcome<GetFaceDetectionResponse> {
    const invalid = this.#invalid('GetFaceDetection', body);
    if (invalid) return invalid;
    const request = body as GetFaceDetectionRequest;
    const job = this.#jobs.get(request.JobId);
    if (!job) return { error: 'ResourceNotFoundException', message: `The job ${request.JobId} was not found`, jobId: request.JobId };
    let offset = 0;
    if (request.NextToken !== undefined) {
      const read = this.#results.offsetOf(job.JobId, request.NextToken);
      if (read === undefined) return { error: 'InvalidPaginationTokenException', message: 'Invalid pagination token', jobId: job.JobId };
      offset = read;
    }
    const answer: GetFaceDetectionResponse = { JobStatus: job.JobStatus };
    if (job.StatusMessage !== undefined) answer.StatusMessage = job.StatusMessage;
    if (job.JobStatus === 'SUCCEEDED') {
      Object.assign(answer, this.#results.page(job, this.#videoInfo(job), offset, request.MaxResults));
    }
    answer.JobId = job.JobId;
    answer.Video = job.request.Video as Video;
    if (job.request.JobTag !== undefined) answer.JobTag = job.request.JobTag;
    return { body: answer, jobId: job.JobId };
  }

  /** Fault mode: the service's own quota answering every so many calls (of one operation, or of any). */
  #quota(operation: OperationName): { error: ErrorName; message: string } | undefined {
    const quota = this.#fault?.throttleEvery;
    if (!quota || (quota.operation !== undefined && quota.operation !== operation)) return undefined;
    this.#quotaCalls++;
    return this.#quotaCalls % quota.every === 0
      ? { error: quota.error, message: DEFAULT_MESSAGES[quota.error] ?? 'Rate exceeded' }
      : undefined;
  }

  /** The error a request that breaks the contract's constraints answers, or undefined for a valid one. */
  #invalid(operation: OperationName, body: object): { error: ErrorName; message: string } | undefined {
    let result = validateAsGiven(operation === 'StartFaceDetection' ? 'StartFaceDetectionRequest' : 'GetFaceDetectionRequest', body);
    // Fault mode: adjust the violations, then decide on the adjusted list.
    if (this.#fault?.violations)
      result = validationResultOf(this.#fault.violations(result.violations, { operation, body, jobExists: (id) => this.#jobs.has(id) }));
    if (result.valid) return undefined;
    return { error: result.errorType, message: result.message };
  }
}

/** The answer, its status and error noted in the call's record. */
function recorded(call: RecordedCall, answer: WireAnswer): WireAnswer {
  call.status = answer.status;
  call.error = answer.error;
  return answer;
}

/** A copy of a parsed JSON value: objects and arrays anew, at every depth. */
function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = copyOf((value as Record<string, unknown>)[key]);
    // A member named __proto__ stays a member, as JSON.parse makes it.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: member, enumerable: true, writable: true, configurable: true });
    else copy[key] = member;
  }
  return copy as T;
}

type Outcome<T> = { body: T; jobId?: string } | { error: ErrorName; message: string; jobId?: string };
