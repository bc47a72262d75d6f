// Which finished jobs the service still holds: they are forgotten oldest-finished first, once
// kept for the retention period or once more are kept than the count allows. Jobs finish in the
// order they are handed in, so only the front of the queue is ever looked at, whatever the number
// of jobs; running jobs never enter it, so they are never forgotten.

/** What retention needs of a finished job. */
export interface RetainedJob {
  readonly JobId: string;
  /** When the job finished, on the service's clock. */
  readonly finishedAt?: number;
}

export interface JobRetentionOptions<J extends RetainedJob> {
  /** How long a finished job is kept after it finished, in ms; Infinity keeps it for good. */
  retentionMs: number;
  /** The most finished jobs kept; Infinity keeps every one. */
  maxJobs: number;
  /** Drops everything the service holds of a job. */
  forget(job: J): void;
}

export class JobRetention<J extends RetainedJob> {
  readonly #options: JobRetentionOptions<J>;
  /** Finished jobs still held, oldest-finished first, from #head on. */
  #queue: J[] = [];
  #head = 0;

  constructor(options: JobRetentionOptions<J>) {
    if (!(options.retentionMs >= 0)) throw new RangeError(`jobRetentionMs must be 0 or more, not ${options.retentionMs}`);
    if (!(options.maxJobs >= 0)) throw new RangeError(`maxRetainedJobs must be 0 or more, not ${options.maxJobs}`);
    this.#options = options;
  }

  /** How many finished jobs are held. */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  /** A job has just finished: it is held, and the oldest go past the count. */
  finished(job: J): void {
    this.#queue.push(job);
    while (this.size > this.#options.maxJobs) this.#forgetOldest();
    this.#compact();
  }

  /** Forgets every finished job kept for the retention period by `now`. */
  expire(now: number): void {
    const { retentionMs } = this.#options;
    if (retentionMs === Number.POSITIVE_INFINITY) return;
    while (this.#head < this.#queue.length && this.#queue[this.#head]!.finishedAt! + retentionMs <= now) this.#forgetOldest();
    this.#compact();
  }

  clear(): void {
    this.#queue = [];
    this.#head = 0;
  }

  #forgetOldest(): void {
    const job = this.#queue[this.#head]!;
    // The slot is emptied so that the forgotten job can be collected before the next compaction.
    this.#queue[this.#head] = undefined as unknown as J;
    this.#head++;
    this.#options.forget(job);
  }

  /** The forgotten front is dropped once it is most of the queue: a copy per half, O(1) a job. */
  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
