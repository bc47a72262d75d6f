// The completion notices finished jobs publish to their NotificationChannel, oldest first, until
// their jobs are forgotten.
import type { NotificationChannel } from '../../generated/types.js';
import type { Job } from './Job.js';

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

export class CompletionNotices {
  /** Oldest first, from #head on: those of forgotten jobs are before it. */
  #notices: CompletionNotice[] = [];
  #head = 0;
  readonly #onNotification: ((notice: CompletionNotice, channel: NotificationChannel) => void) | undefined;

  constructor(onNotification?: (notice: CompletionNotice, channel: NotificationChannel) => void) {
    this.#onNotification = onNotification;
  }

  /** Every notice not yet forgotten, oldest first. */
  get list(): readonly CompletionNotice[] {
    if (this.#head > 0) {
      this.#notices = this.#notices.slice(this.#head);
      this.#head = 0;
    }
    return this.#notices;
  }

  /** Publishes the notice of a job that finished at `finishedAt`. */
  publish(job: Job, channel: NotificationChannel, finishedAt: number): void {
    const object = job.request.Video?.S3Object ?? {};
    const notice: CompletionNotice = {
      JobId: job.JobId,
      Status: job.JobStatus as CompletionNotice['Status'],
      API: 'FACE_DETECTION',
      ...(job.request.JobTag !== undefined ? { JobTag: job.request.JobTag } : {}),
      Timestamp: finishedAt,
      Video: { S3ObjectName: object.Name ?? '', S3Bucket: object.Bucket ?? '' },
    };
    this.#notices.push(notice);
    this.#onNotification?.(notice, channel);
  }

  /** Drops a forgotten job's notice. Notices are published in the order jobs finish, which is the order they are forgotten in. */
  forget(jobId: string): void {
    if (this.#notices[this.#head]?.JobId !== jobId) return;
    this.#notices[this.#head++] = undefined as unknown as CompletionNotice;
    if (this.#head > 1024 && this.#head * 2 > this.#notices.length) {
      this.#notices = this.#notices.slice(this.#head);
      this.#head = 0;
    }
  }

  clear(): void {
    this.#notices = [];
    this.#head = 0;
  }
}
