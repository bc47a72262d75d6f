// How a FaceDetectionService is made: its limits, its clock, the jobs it keeps, the objects that
// exist, and the one rule it breaks, if any.
import type { NotificationChannel } from '../../generated/types.js';
import type { CompletionNotice } from './CompletionNotices.js';
import type { FaultModeName } from './faultModes.js';
import type { S3ObjectInfo } from './S3Registry.js';

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
