// The jobs a run starts: counted against --max-jobs where jobs cost (AWS, or --safe), followed so
// that a start refused with LimitExceededException can wait for the run's own jobs to finish.
import type { Exchange } from './Exchange.js';
import { responseJson } from './Exchange.js';
import { CheckSkipped } from './CheckSkipped.js';

export class JobLedger {
  /** Jobs started: 200 answers to StartFaceDetection with a JobId not answered before. */
  started = 0;
  /** The run's own jobs not yet seen finished, oldest first. */
  readonly #running = new Set<string>();
  readonly #seen = new Set<string>();
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
    if (this.#stopped !== undefined) throw new CheckSkipped(this.#stopped);
    if (this.started >= this.limit) throw new CheckSkipped(`the job budget is spent: ${this.started} of --max-jobs ${this.limit} jobs started`);
  }

  /** No more starts, for this reason (a start the contract refuses started a job). */
  stop(reason: string): void {
    this.#stopped ??= reason;
  }

  /** Counts the job a StartFaceDetection answer started, if it did. */
  noteStart(exchange: Exchange): void {
    if (exchange.response.status !== 200) return;
    const JobId = responseJson(exchange)?.JobId;
    if (typeof JobId !== 'string' || this.#seen.has(JobId)) return;
    this.#seen.add(JobId);
    this.#running.add(JobId);
    this.started++;
    if (this.probeName !== undefined && exchange.request.body.includes(JSON.stringify(this.probeName))) this.startsOnProbe = true;
  }

  /** Counts a job that may have started (a start answered with a gateway's 5xx), so that the budget holds. */
  countUnknown(): void {
    this.started++;
  }

  /** Throws CheckSkipped where a valid start on the probe video would cost a job (see startsOnProbe). */
  claimProbe(): void {
    if (this.startsOnProbe) throw new CheckSkipped('the endpoint started a job on a video that does not exist: each valid start on it would cost another');
  }

  /** The run's jobs not yet seen finished, oldest first. */
  get running(): string[] {
    return [...this.#running];
  }

  finished(JobId: string): void {
    this.#running.delete(JobId);
  }
}
