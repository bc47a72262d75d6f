// When jobs finish: the service's clock (the wall clock, or a manual one that only advance() moves)
// and its running jobs in the order they fall due. Every job runs as long, so jobs fall due in the
// order they started: only the front of the queue is ever looked at, whatever the number of jobs.

/** What the schedule needs of a job. */
export interface ScheduledJob {
  readonly JobId: string;
  JobStatus: string;
  readonly startedAt: number;
}

export interface JobScheduleOptions<J extends ScheduledJob> {
  clock: 'real' | 'manual';
  durationMs: number;
  /** Whether the job is still the service's: a reset forgets jobs the queue may still hold. */
  isCurrent(job: J): boolean;
  /** Ends a running job that has fallen due. */
  finish(job: J): void;
  /** Fault mode: no job ever falls due. */
  neverFinish: boolean;
}

export class JobSchedule<J extends ScheduledJob> {
  readonly #options: JobScheduleOptions<J>;
  #manualNow = Date.now();
  /** On the real clock, the one timer that wakes the schedule when its oldest running job falls due. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Running jobs, oldest first, from #head on. */
  #queue: J[] = [];
  #head = 0;
  #running = 0;

  constructor(options: JobScheduleOptions<J>) {
    this.#options = options;
  }

  /** The service's time: the wall clock, or the manual clock's. */
  now(): number {
    return this.#options.clock === 'manual' ? this.#manualNow : Date.now();
  }

  /** Moves the manual clock on, finishing every job whose time has come. */
  advance(ms: number): void {
    if (this.#options.clock !== 'manual') throw new TypeError('advance() needs a service made with clock: "manual"');
    this.#manualNow += ms;
    this.settle();
  }

  /** How many jobs are running. */
  get running(): number {
    return this.#running;
  }

  /** A job has started: it falls due `durationMs` after its start. */
  started(job: J): void {
    this.#queue.push(job);
    this.#running++;
    this.#wake();
  }

  /** A running job has ended, because it fell due or because a control ended it. */
  ended(): void {
    this.#running--;
  }

  /** Finishes every running job whose time has come by `now` (the clock's time, read once by a caller that has it). */
  settle(now = this.now()): void {
    if (this.#options.neverFinish) return;
    while (this.#head < this.#queue.length) {
      const job = this.#queue[this.#head]!;
      if (job.JobStatus === 'IN_PROGRESS' && job.startedAt + this.#options.durationMs > now) break;
      this.#head++;
      if (job.JobStatus === 'IN_PROGRESS' && this.#options.isCurrent(job)) this.#options.finish(job);
    }
    // The finished front is dropped once it is most of the queue: the queue stays as long as the
    // jobs still running, at a copy per half.
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Forgets every job and stops the timer; the clock keeps its time. */
  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
    this.#head = 0;
    this.#running = 0;
  }

  /**
   * On the real clock, sets one timer for the oldest running job, so that jobs finish, notices and
   * all, even if nobody asks; each firing settles and sets the next. Timers run on a monotonic clock
   * and may fire a millisecond before Date.now() says the job is due: then the timer is set again
   * for the rest.
   */
  #wake(): void {
    if (this.#options.clock !== 'real' || this.#timer !== undefined || this.#options.neverFinish) return;
    let oldest: J | undefined;
    for (let at = this.#head; at < this.#queue.length && !oldest; at++) {
      const job = this.#queue[at]!;
      if (job.JobStatus === 'IN_PROGRESS' && this.#options.isCurrent(job)) oldest = job;
    }
    if (!oldest) return;
    const timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.settle();
        this.#wake();
      },
      Math.max(0, oldest.startedAt + this.#options.durationMs - this.now()),
    );
    (timer as { unref?: () => void }).unref?.();
    this.#timer = timer;
  }
}
