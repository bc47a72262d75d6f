// The errors a test asks for: the next calls failing on purpose (failNext), and a rate past which
// calls are throttled (throttle). Checked before the operation runs, after the request is read.
import { errors, type ErrorName } from '../../generated/contract.js';
import type { OperationName } from '../contract/wire.js';
import { DEFAULT_MESSAGES } from './messages.js';

interface Fault {
  remaining: number;
  error: ErrorName;
  message: string;
  operation: OperationName | undefined;
}

export class InjectedFaults {
  #faults: Fault[] = [];
  #throttle: { perSecond: number; error: ErrorName; window: number[] } | undefined;

  /** The next `count` calls (of `operation`, or of any) answer `error` instead. */
  failNext(count: number, error: ErrorName, options: { message?: string; operation?: OperationName } = {}): void {
    if (!(error in errors)) throw new TypeError(`unknown error ${error}`);
    this.#faults.push({
      remaining: count,
      error,
      message: options.message ?? DEFAULT_MESSAGES[error] ?? error,
      operation: options.operation,
    });
  }

  /** Past `perSecond` calls in any second, answer `error`. `undefined` lifts it. */
  throttle(perSecond: number | undefined, error: ErrorName): void {
    this.#throttle = perSecond === undefined ? undefined : { perSecond, error, window: [] };
  }

  /** The error this call of `operation` answers instead of running, if any; counts the call. */
  next(operation: OperationName): { error: ErrorName; message: string } | undefined {
    const fault = this.#faults.find((f) => f.remaining > 0 && (f.operation === undefined || f.operation === operation));
    if (fault) {
      fault.remaining--;
      this.#faults = this.#faults.filter((f) => f.remaining > 0);
      return fault;
    }
    if (this.#throttle) {
      const now = Date.now();
      const window = this.#throttle.window.filter((t) => now - t < 1000);
      this.#throttle.window = window;
      if (window.length >= this.#throttle.perSecond) {
        return { error: this.#throttle.error, message: DEFAULT_MESSAGES[this.#throttle.error] ?? 'Rate exceeded' };
      }
      window.push(now);
    }
    return undefined;
  }

  clear(): void {
    this.#faults = [];
    this.#throttle = undefined;
  }
}
