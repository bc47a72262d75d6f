// What a conformance run takes: the endpoint or target, what to run and demand, the job budget and
// the bounds of every wait, where to record, and what stops it.
import type { S3Object } from '../../generated/types.js';
import type { ProgressEvent } from './conformanceReport.js';
import type { Target } from './Target.js';

export interface ConformanceOptions {
  /** The endpoint to hold to the contract; without one, the embedded mock. */
  endpoint?: string;
  region?: string;
  /** Runs of each check. Default 100. */
  runs?: number;
  /** Default: a fresh one, printed in the report so the run replays. Any integer fast-check takes. */
  seed?: number;
  /** With seed: replay one counterexample (fast-check's path), of one check. */
  path?: string;
  /** Names of the checks to run; default all. */
  checks?: string[];
  /** With a check made of cases, run only this case (as a finding names it). */
  case?: string;
  /** Run only the cases this keeps, of the checks selected (a self-test that runs the cases asserting one fact, say). */
  caseFilter?: (check: string, caseName: string) => boolean;
  /**
   * Skips the run accepts: a check's name (`pagination`), or a check and one of its cases
   * (`protocol/body not JSON`). A skip they name leaves the verdict conformant; any other makes it
   * inconclusive.
   */
  acceptSkips?: string[];
  /** Stop at the first check that finds a violation: the checks after it are not run (and their facts listed as not checked). */
  bail?: boolean;
  /** Demand the strict answers: ValidationException for constraints, the protocol tests' reading of null and overflow. */
  strict?: boolean;
  /**
   * Jobs cost here: treat the endpoint as AWS is treated, wherever it is, so jobs are budgeted
   * (maxJobs) and shared between checks, the run may share the endpoint, and nothing is shrunk by
   * sending requests again. Always so for an endpoint that is not on loopback.
   */
  jobsCost?: boolean;
  /** A video your account can read: the one job the job checks share starts on it where jobs cost. */
  video?: S3Object;
  /** Where jobs cost: the most jobs the run starts, counting any start the endpoint wrongly accepts. Default 5. */
  maxJobs?: number;
  /** How long a check waits for a job to finish, in ms. Default 10 minutes where jobs cost, 1 minute where they do not. */
  jobTimeoutMs?: number;
  /** The longest wait between two polls of a running job, in ms. Default 5000. */
  pollIntervalMs?: number;
  rps?: number;
  /** How long one request waits for its whole answer before the endpoint counts as unreachable, in ms. Default 30 s on loopback, 60 s elsewhere. */
  answerTimeoutMs?: number;
  /**
   * On an endpoint the run has to itself: how long one request is answered "later" before a valid
   * request of its operation is sent to compare (answered at once, and the request "later" still:
   * a finding), in ms. Default 3000.
   */
  selectiveLaterMs?: number;
  /** Longest time spent shrinking one counterexample, in ms. Default 3000. */
  shrinkTimeMs?: number;
  /** A ready-made target (tests, the emulator's own); overrides endpoint. */
  target?: Target;
  /**
   * Write every attempt of the run (retries and polls included) to this file as HAR 1.2, each
   * labelled with the check and case that sent it; signatures and session tokens are left out.
   * Written after each check and when the run ends, also when it ends early or is interrupted;
   * each time whole, then renamed over the file, so that the file is a valid recording at every
   * moment, even of a process killed mid-run. `replayHar` re-sends it to another endpoint.
   */
  record?: string;
  /**
   * Stops the run when it aborts: no request is sent after it, none in flight is waited for, the
   * checks it did not finish are reported as interrupted, and the report says by what (the
   * abort's reason when it is a string, a signal's name say: `controller.abort('SIGINT')`).
   */
  signal?: AbortSignal;
  /** Called as each check starts and ends, for progress. */
  onProgress?: (event: ProgressEvent) => void;
}
