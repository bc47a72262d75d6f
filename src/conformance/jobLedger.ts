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

  /** `limit`: most jobs the run may start (Infinity where jobs cost nothing). */
  constructor(readonly limit: number) {}

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
  }

  /** Whether this JobId is one the run started. */
  owns(JobId: string): boolean {
    return this.#seen.has(JobId);
  }

  /** The run's jobs not yet seen finished, oldest first. */
  get running(): string[] {
    return [...this.#running];
  }

  finished(JobId: string): void {
    this.#running.delete(JobId);
  }
}
