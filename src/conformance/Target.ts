// What the conformance suite fires at: the embedded mock in-process, or any HTTP endpoint.
import type { Exchange, TargetRequest } from './Exchange.js';

export interface Target {
  /** `embedded mock`, or the endpoint's URL. */
  name: string;
  /** The URL requests go to (for the embedded mock, a stand-in Rekognition URL). */
  url: string;
  region: string;
  /**
   * Whether jobs cost here (an endpoint not on loopback, as AWS): starts are budgeted against
   * --max-jobs, and the run may share the endpoint. Where they cost nothing (the embedded mock,
   * loopback), the suite starts jobs freely unless told --jobs-cost.
   */
  jobsCost: boolean;
  /** How long one request waits for its whole answer before it counts as unanswered, in ms, where the target bounds it (the run states it up front). */
  answerTimeoutMs?: number;
  /** Sends one request, once: the run waits out "later" answers and counts jobs itself. */
  send(request: TargetRequest): Promise<Exchange>;
  /** How many requests were sent. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * Whether jobs cost at a target, refusing one that does not say: a Target of your own written for
 * `local` (its inverse, before it was renamed) would otherwise pass for one where jobs are free.
 */
export function jobsCostAt(target: Target): boolean {
  if (typeof target.jobsCost === 'boolean') return target.jobsCost;
  const renamed = 'local' in target ? ': `local` is now `jobsCost`, its inverse (jobsCost: !local)' : '';
  throw new TypeError(`the Target ${target.name} must say whether jobs cost there (jobsCost: true or false)${renamed}`);
}

/** The target with another `send` (a wrapper's: recording, interruption), everything else its own. */
export function withSend(target: Target, send: Target['send']): Target {
  return {
    name: target.name,
    url: target.url,
    region: target.region,
    jobsCost: target.jobsCost,
    answerTimeoutMs: target.answerTimeoutMs,
    get requests() {
      return target.requests;
    },
    send,
    close: () => target.close(),
  };
}
