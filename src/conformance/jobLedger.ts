// The jobs a run starts: counted against --max-jobs where jobs cost (AWS, or --jobs-cost),
// followed so that a start refused with LimitExceededException can wait for the run's own jobs to
// finish.
import type { Exchange } from './Exchange.js';
import { responseJson } from './Exchange.js';
import { CheckSkipped } from './CheckSkipped.js';

/** How long after its start a job the endpoint says it does not know is taken as not known yet. */
const JUST_STARTED_MS = 60_000;

export class JobLedger {
  /** Jobs started: 200 answers to StartFaceDetection with a JobId not answered before. */
  started = 0;
  /** The run's own jobs not yet seen finished, oldest first. */
  readonly #running = new Set<string>();
  readonly #seen = new Set<string>();
  readonly #startedAt = new Map<string, number>();
  /** Why no more jobs may start, once that is so. */
  #stopped: string | undefined;

  /**
   * Whether the endpoint started a job on the probe video, which does not exist: then every valid
   * start on it costs a job, and the checks send no more of them.
   */
  startsOnProbe = false;

  /** `limit`: most jobs the run may start (Infinity where jobs cost nothing); `probeName`: the probe video's object name. */
  constructor(
    readonly limit: number,
    readonly probeName?: string,
  ) {}

  /** Whether a start may be sent: one more job would stay within the budget. */
  get room(): boolean {
    return this.#stopped === undefined && this.started < this.limit;
  }

  /** Throws CheckSkipped unless a start may be sent. */
  claim(): void {
    if (this.#stopped !== undefined)
      throw new CheckSkipped(
        this.#stopped,
        'none while the endpoint starts jobs on starts it should refuse (negative-rejection reports them)',
      );
    if (this.started >= this.limit)
      throw new CheckSkipped(`the job budget is spent: ${this.started} of --max-jobs ${this.limit} started`, 'a larger --max-jobs');
  }

  /** No more starts, for this reason (a start the contract refuses started a job). */
  stop(reason: string): void {
    this.#stopped ??= reason;
  }

  /**
   * Counts the job a StartFaceDetection answer started, if it did: every 200 but one answering a
   * JobId already answered (an idempotent repeat); a 200 without a JobId counts too.
   */
  noteStart(exchange: Exchange): void {
    if (exchange.response.status !== 200) return;
    const JobId = responseJson(exchange)?.JobId;
    if (typeof JobId === 'string' && this.#seen.has(JobId)) return;
    this.started++;
    if (typeof JobId === 'string') {
      this.#seen.add(JobId);
      this.#running.add(JobId);
      this.#startedAt.set(JobId, Date.now());
    }
    if (this.probeName !== undefined && exchange.request.body.includes(JSON.stringify(this.probeName))) this.startsOnProbe = true;
  }

  /** Whether the run started this job less than a minute ago (an endpoint may not know it everywhere yet). */
  justStarted(JobId: string | undefined): boolean {
    const at = JobId === undefined ? undefined : this.#startedAt.get(JobId);
    return at !== undefined && Date.now() - at < JUST_STARTED_MS;
  }

  /** Counts a job that may have started (a start answered with a gateway's 5xx), so that the budget holds. */
  countUnknown(): void {
    this.started++;
  }

  /** Throws CheckSkipped where a valid start on the probe video would cost a job (see startsOnProbe). */
  claimProbe(): void {
    if (this.startsOnProbe)
      throw new CheckSkipped(
        'the endpoint started a job on a video that does not exist: each valid start on it would cost another',
        'an endpoint that answers InvalidS3ObjectException for an object that does not exist, as AWS does (an emulator that starts jobs on any video is better run without --jobs-cost)',
      );
  }

  /** The run's jobs not yet seen finished, oldest first. */
  get running(): string[] {
    return [...this.#running];
  }

  finished(JobId: string): void {
    this.#running.delete(JobId);
  }
}
