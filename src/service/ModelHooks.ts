// The one seam through which a fault mode reaches the service's model: every point where the model
// may be bent off the contract, each defaulting to the contract's own behaviour. The model calls
// every hook, always, and never reads a fault mode itself; a mode whose break is only in what goes
// in or out wraps the service instead (faultWrappers.ts). What a mode must remember between calls
// (its own quota's count, the starts it repeats) lives here, not in the model.
import type { ErrorName } from '../../generated/contract.js';
import type { FaceDetection, StartFaceDetectionRequest } from '../../generated/types.js';
import type { Violation } from '../contract/violation.js';
import type { OperationName } from '../contract/wire.js';
import { DEFAULT_MAX_CONCURRENT_JOBS } from '../contract/limits.js';
import { parametersOf } from './ClientRequestTokens.js';
import type { FaultMode, IdempotencyDecision, ValidatedRequest } from './faultModes.js';
import { DEFAULT_MESSAGES } from './messages.js';

export interface ModelHooks {
  /** Members sent as null: read as absent, as awsJson1_1 reads them; or left for validation to refuse. */
  readonly nullMembers: 'absent' | 'refused';
  /** An answer before the model reads the request (the service's own quota), or undefined. */
  refusal(operation: OperationName): { error: ErrorName; message: string } | undefined;
  /** After validation: the violations the service decides on (the same list, unless bent). */
  violations(violations: readonly Violation[], request: ValidatedRequest): readonly Violation[];
  /** What a start with a known ClientRequestToken does, given what it should do. */
  idempotency(decision: 'repeat' | 'mismatch'): IdempotencyDecision;
  /** The JobId an earlier start answers a new start with instead of a job of its own, given whether that job is held. */
  earlierStart(request: StartFaceDetectionRequest, held: (jobId: string) => boolean): string | undefined;
  /** A job has started for the request. */
  started(request: StartFaceDetectionRequest, jobId: string): void;
  /** Whether a start without a Video starts a job (once validation lets it through). */
  readonly startsWithoutVideo: boolean;
  /** The jobs the limit counts and the limit, given the running jobs, every job held and the service's limit. */
  jobLimit(jobs: { running: number; held: number }, configured: number): { counted: number; limit: number };
  /** The JobId a new job gets, given the one it should get. */
  jobId(healthy: string): string;
  /** Whether jobs finish by themselves (the test controls finish them either way). */
  readonly jobsFinish: boolean;
  /** Whether a job that finishes with no failure succeeds. */
  readonly jobsSucceed: boolean;
  /** A finished job's faces, given them in timestamp order: the order they are answered in. */
  faces(faces: FaceDetection[]): FaceDetection[];
  /** The size of a page, given MaxResults capped, and MaxResults as asked (if it was). */
  pageSize(healthy: number, asked: number | undefined): number;
  /** Where the page after this one starts, given where it should. */
  nextOffset(healthy: number): number;
  /** The offset a NextToken the service did not give out for the job reads as (undefined: refused). */
  readonly unreadableTokenOffset: number | undefined;
  /** Forgets what the hooks remember (the service's reset()). */
  reset(): void;
}

const same = <T>(value: T): T => value;

/** The hooks of a service that keeps the contract. */
export const CONTRACT_HOOKS: ModelHooks = Object.freeze({
  nullMembers: 'absent',
  refusal: () => undefined,
  violations: same,
  idempotency: same,
  earlierStart: () => undefined,
  started: () => {},
  startsWithoutVideo: false,
  jobLimit: ({ running }, configured) => ({ counted: running, limit: configured }),
  jobId: same,
  jobsFinish: true,
  jobsSucceed: true,
  faces: same,
  pageSize: same,
  nextOffset: same,
  unreadableTokenOffset: undefined,
  reset: () => {},
} satisfies ModelHooks);

/** The hooks of a service in `mode`: its own hooks where it has them, the contract's elsewhere. */
export function modelHooksOf(mode: FaultMode | undefined): ModelHooks {
  if (!mode) return CONTRACT_HOOKS;
  /** Calls counted against the mode's own quota (throttleEvery). */
  let quotaCalls = 0;
  /** The JobId each start answered, by its parameters (idempotentWithoutToken, tokenIgnored). */
  const byParameters = new Map<string, string>();
  /** Whether the mode repeats this start by its parameters alone. */
  const repeatsByParameters = (request: StartFaceDetectionRequest) =>
    (request.ClientRequestToken === undefined ? mode.idempotentWithoutToken : mode.tokenIgnored) === true;
  return {
    nullMembers: mode.refusesNullMembers ? 'refused' : 'absent',
    refusal(operation) {
      const quota = mode.throttleEvery;
      if (!quota || (quota.operation !== undefined && quota.operation !== operation)) return undefined;
      return ++quotaCalls % quota.every === 0
        ? { error: quota.error, message: DEFAULT_MESSAGES[quota.error] ?? 'Rate exceeded' }
        : undefined;
    },
    violations: mode.violations ?? same,
    idempotency: mode.idempotency ?? same,
    earlierStart(request, held) {
      if (!repeatsByParameters(request)) return undefined;
      const earlier = byParameters.get(parametersOf(request));
      return earlier !== undefined && held(earlier) ? earlier : undefined;
    },
    started(request, jobId) {
      if (repeatsByParameters(request)) byParameters.set(parametersOf(request), jobId);
    },
    startsWithoutVideo: mode.startsWithoutVideo === true,
    jobLimit({ running, held }, configured) {
      // The limit may count finished jobs too, and at most the contract's default; or be lower than the service's.
      const counted = mode.limitCountsFinishedJobs ? held : running;
      const limit = mode.limitCountsFinishedJobs ? Math.min(configured, DEFAULT_MAX_CONCURRENT_JOBS) : configured;
      return { counted, limit: Math.min(limit, mode.maxConcurrentJobs ?? Number.POSITIVE_INFINITY) };
    },
    jobId: mode.jobId ?? same,
    jobsFinish: !mode.jobsNeverFinish,
    jobsSucceed: !mode.jobsFailSilently,
    faces: mode.faces ?? same,
    pageSize: mode.pageSize ?? same,
    nextOffset: mode.nextOffset ?? same,
    unreadableTokenOffset: mode.unreadableTokenOffset,
    reset() {
      quotaCalls = 0;
      byParameters.clear();
    },
  };
}
