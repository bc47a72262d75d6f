import type fc from 'fast-check';
import type { S3Object } from '../../generated/types.js';
import type { Target } from './Target.js';

export interface CheckContext {
  target: Target;
  /** Demand ValidationException (not InvalidParameterException) for constraint violations. */
  strict: boolean;
  /** A video the caller's account can read, for checks that start jobs against AWS. */
  video?: S3Object;
  /** How long a check waits for a job to finish before it fails, in ms. */
  jobTimeoutMs: number;
  /** The longest wait between two polls of a running job, in ms (the first waits are shorter). */
  pollIntervalMs: number;
}

/** A named property of the contract, with its oracle written down. */
export interface Check {
  name: string;
  /** What every correct implementation does, and so what this check demands. */
  oracle: string;
  /** Whether it starts jobs (run only on local targets or with --video, within --max-jobs). */
  startsJobs: boolean;
  /** Jobs one run may start, for the --max-jobs budget. */
  jobsPerRun?: number;
  /** Most runs, whatever --runs says: for checks whose every run waits for a job or reads many pages. */
  maxRuns?: number;
  /** The property; or, for a check made of many cases, see `cases`. */
  property?(context: CheckContext): fc.IAsyncProperty<any>;
  /**
   * Named cases, each its own property with its own share of the runs, so that every case is
   * tried (and a failure shrinks within its case).
   */
  cases?(context: CheckContext): CheckCase[];
}

export interface CheckCase {
  name: string;
  property: fc.IAsyncProperty<any>;
}
