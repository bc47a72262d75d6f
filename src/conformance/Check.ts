import type fc from 'fast-check';
import type { S3Object } from '../../generated/types.js';
import type { Target } from './Target.js';

export interface CheckContext {
  target: Target;
  /** Demand ValidationException (not InvalidParameterException) for constraint violations. */
  strict: boolean;
  /** A video the caller's account can read, for checks that start jobs against AWS. */
  video?: S3Object;
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
