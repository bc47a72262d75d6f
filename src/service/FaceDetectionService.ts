// The in-memory face-detection service: one model of Rekognition's StartFaceDetection and
// GetFaceDetection, speaking the awsJson1_1 wire through respond() (bytes in, text out) and, for
// fetch, handle() (Request in, Response out). The msw handlers call handle(); the emulator calls
// respondNow() (respond() without the promise), the suite's embedded target respond(); tests steer
// it through the controls below. The protocol's front is readRequest.ts; a fault mode reaches the
// model only through its hooks (ModelHooks.ts) or wraps it (faultWrappers.ts).
import type { ErrorName } from '../../generated/contract.js';
import type { GetFaceDetectionRequest, GetFaceDetectionResponse, StartFaceDetectionRequest, Video } from '../../generated/types.js';
import { faultModes, isFaultModeName, type FaultModeName } from './faultModes.js';
import { validateAsGiven, validationResultOf } from '../contract/validators.js';
import {
  errorAnswer,
  jobId,
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
import { CallLog, type RecordedCall } from './CallLog.js';
import { CompletionNotices, type CompletionNotice } from './CompletionNotices.js';
import type { FaceDetectionServiceOptions } from './FaceDetectionServiceOptions.js';
import type { Job } from './Job.js';
import { modelHooksOf, type ModelHooks } from './ModelHooks.js';
import { readRequest } from './readRequest.js';
import type { Wrap } from './faultWrappers.js';
import { copyJson } from './copyJson.js';

export class FaceDetectionService {
  readonly #maxConcurrentJobs: number;
  /** The largest request body the service reads, in bytes: past it, 413 (transports read no further). */
  readonly maxBodyBytes: number;
  readonly #videos: S3Registry;
  #jobs = new Map<string, Job>();
  /** ClientRequestToken -> the first start's parameters and JobId. */
  readonly #tokens = new ClientRequestTokens();
  readonly #calls: CallLog;
  readonly #injected = new InjectedFaults();
  /** Where the model may be bent: the contract's own behaviour unless a fault mode says otherwise. */
  readonly #hooks: ModelHooks;
  /** A fault mode's wrapper around the model: what goes in or out, changed. */
  readonly #wrap: Wrap | undefined;
  /** The fault mode the service runs in, if any. */
  readonly faultMode: FaultModeName | undefined;
  /** The clock, and the running jobs in the order they fall due. */
  readonly #schedule: JobSchedule<Job>;
  /** Finished jobs, until they are forgotten. */
  readonly #retention: JobRetention<Job>;
  readonly #notices: CompletionNotices;
  /** Finished jobs' faces, sorted by Timestamp, made once. */
  readonly #results: JobResults;

  constructor(options: FaceDetectionServiceOptions = {}) {
    this.#maxConcurrentJobs = options.maxConcurrentJobs ?? DEFAULT_MAX_CONCURRENT_JOBS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (!Number.isSafeInteger(this.maxBodyBytes) || this.maxBodyBytes < 0)
      throw new RangeError(`maxBodyBytes must be a whole number of bytes, not ${this.maxBodyBytes}`);
    this.#calls = new CallLog(options.maxRecordedCalls);
    this.#videos = new S3Registry(options.s3Objects);
    if (options.faultMode !== undefined && !isFaultModeName(options.faultMode))
      throw new TypeError(`unknown fault mode ${String(options.faultMode)}`);
    this.faultMode = options.faultMode;
    const mode = options.faultMode === undefined ? undefined : faultModes[options.faultMode];
    this.#hooks = modelHooksOf(mode);
    this.#wrap = mode?.wrap;
    this.#notices = new CompletionNotices(options.onNotification);
    this.#results = new JobResults(this.#hooks);
    this.#schedule = new JobSchedule<Job>({
      clock: options.clock ?? 'real',
      durationMs: options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS,
      isCurrent: (job) => this.#jobs.get(job.JobId) === job,
      finish: (job) => this.#finish(job, undefined),
      neverFinish: !this.#hooks.jobsFinish,
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
    return this.#notices.list;
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
    job.JobStatus = message === undefined && this.#hooks.jobsSucceed ? 'SUCCEEDED' : 'FAILED';
    if (message !== undefined) job.StatusMessage = message;
    job.finishedAt = this.now();
    const channel = job.request.NotificationChannel;
    if (channel) this.#notices.publish(job, channel, job.finishedAt);
    this.#retention.finished(job);
  }

  /** Drops all the service holds of a finished job: the job, its results, its token and its notice. */
  #forget(job: Job): void {
    this.#jobs.delete(job.JobId);
    this.#results.forget(job.JobId);
    const token = job.request.ClientRequestToken;
    if (token !== undefined) this.#tokens.forget(token, job.JobId);
    this.#notices.forget(job.JobId);
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
    this.#notices.clear();
    this.#results.clear();
    this.#jobs.clear();
    this.#tokens.clear();
    this.#hooks.reset();
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
      body = (await readLimited(request, this.maxBodyBytes)) ?? 'too-large';
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
    if (this.#wrap) return this.#wrap(async (wrapped) => this.#model(wrapped, call, id))(request).then((answer) => recorded(call, answer));
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
    const read = readRequest(request, call, { maxBodyBytes: this.maxBodyBytes, nullMembers: this.#hooks.nullMembers });
    if ('error' in read) return fail(read.error, read.message, read.status);
    const { operation, body } = read;

    const injected = this.#injected.next(operation) ?? this.#hooks.refusal(operation);
    if (injected) return fail(injected.error, injected.message);

    const now = this.now();
    this.#schedule.settle(now);
    this.#retention.expire(now);
    const result = operation === 'StartFaceDetection' ? this.#start(body, now) : this.#get(body);
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
      const decision = this.#hooks.idempotency(first.decision);
      if (decision === 'mismatch') {
        return {
          error: 'IdempotentParameterMismatchException',
          message: 'ClientRequestToken was reused with different parameters',
          jobId: first.jobId,
        };
      }
      if (decision === 'repeat') return { body: { JobId: first.jobId }, jobId: first.jobId };
    }

    const earlier = this.#hooks.earlierStart(request, (id) => this.#jobs.has(id));
    if (earlier !== undefined) return { body: { JobId: earlier }, jobId: earlier };

    // (`?.`: with the video-not-required fault mode, Video may be missing.)
    const object = request.Video?.S3Object;
    if (object?.Bucket && object.Name) {
      const problem = this.#videos.problemOf(object.Bucket, object.Name);
      if (problem) return problem;
    } else if (!(this.#hooks.startsWithoutVideo && request.Video === undefined)) {
      return { error: 'InvalidParameterException', message: 'Video.S3Object must name a Bucket and a Name' };
    }
    const { counted: running, limit } = this.#hooks.jobLimit(
      { running: this.#schedule.running, held: this.#jobs.size },
      this.#maxConcurrentJobs,
    );
    if (running >= limit) {
      return { error: 'LimitExceededException', message: `Too many concurrent jobs: ${running} are running, the limit is ${limit}` };
    }

    const id = this.#hooks.jobId(jobId());
    // The job keeps a copy of its own where calls are kept: a test editing calls[].body must not change it.
    const job: Job = { JobId: id, JobStatus: 'IN_PROGRESS', request: this.#calls.keeps ? copyJson(request) : request, startedAt: now };
    this.#jobs.set(id, job);
    this.#schedule.started(job);
    if (token !== undefined) this.#tokens.bind(token, parameters, id);
    this.#hooks.started(request, id);
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

  /** The error a request that breaks the contract's constraints answers, or undefined for a valid one. */
  #invalid(operation: OperationName, body: object): { error: ErrorName; message: string } | undefined {
    let result = validateAsGiven(operation === 'StartFaceDetection' ? 'StartFaceDetectionRequest' : 'GetFaceDetectionRequest', body);
    const decided = this.#hooks.violations(result.violations, { operation, body, jobExists: (id) => this.#jobs.has(id) });
    if (decided !== result.violations) result = validationResultOf([...decided]);
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

type Outcome<T> = { body: T; jobId?: string } | { error: ErrorName; message: string; jobId?: string };
