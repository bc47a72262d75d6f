// A job as the service holds it, from its start until it is forgotten.
import type { StartFaceDetectionRequest } from '../../generated/types.js';

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
