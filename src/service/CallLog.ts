// The calls a service answered, for a test's assertions: the latest ones only, so that a
// long-running emulator's memory does not grow with every request.
import type { ErrorName } from '../../generated/contract.js';
import type { OperationName } from '../contract/wire.js';

/** One call as the service saw it, for a test's assertions. */
export interface RecordedCall {
  requestId: string;
  /** The operation the X-Amz-Target named, if any. */
  operation: OperationName | undefined;
  /** The parsed body, or the raw text when it was not JSON. */
  body: unknown;
  status: number;
  /** The error answered, if any. */
  error: ErrorName | undefined;
  /** The JobId answered or asked about, if any. */
  jobId: string | undefined;
  at: number;
}

const DEFAULT_MAX_RECORDED_CALLS = 10_000;

export class CallLog {
  readonly #max: number;
  #calls: RecordedCall[] = [];

  constructor(max = DEFAULT_MAX_RECORDED_CALLS) {
    if (!(max >= 0)) throw new RangeError(`maxRecordedCalls must be 0 or more, not ${max}`);
    this.#max = max;
  }

  /** A new call, recorded; the service fills it in as it answers. */
  start(requestId: string, at: number): RecordedCall {
    const call: RecordedCall = { requestId, operation: undefined, body: undefined, status: 0, error: undefined, jobId: undefined, at };
    if (this.#max === 0) return call;
    this.#calls.push(call);
    // Forget the oldest calls in batches, so that keeping the latest costs O(1) a call.
    if (this.#calls.length >= 2 * this.#max + 1) this.#calls = this.#calls.slice(this.#calls.length - this.#max);
    return call;
  }

  /** Whether any call is kept: only then can a test reach a request's body through `calls`. */
  get keeps(): boolean {
    return this.#max > 0;
  }

  /** The latest calls (up to the maximum), oldest first. */
  get calls(): readonly RecordedCall[] {
    return this.#calls.length > this.#max ? this.#calls.slice(this.#calls.length - this.#max) : this.#calls;
  }

  clear(): void {
    this.#calls = [];
  }
}
