import type fc from 'fast-check';
import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { S3Object, StartFaceDetectionRequest } from '../../generated/types.js';
import type { Exchange, Page } from './Exchange.js';
import type { JobLedger } from './jobLedger.js';
import type { Target } from './Target.js';

/** The job a run's checks share: started once (with a ClientRequestToken), followed once to its end. */
export interface SharedJob {
  request: StartFaceDetectionRequest & { ClientRequestToken: string };
  JobId: string;
  /** The StartFaceDetection exchange that started it. */
  started: Exchange;
}

export interface CheckContext {
  target: Target;
  /** Demand the protocol tests' and the contract's strict answers (ValidationException for constraints, null read as absent). */
  strict: boolean;
  /** A video the caller's account can read: the shared job's, where jobs cost. */
  video?: S3Object;
  /**
   * Jobs cost here (AWS, or --jobs-cost): checks start no job of their own but the run's shared
   * jobs, starts meant to be refused name `probeVideo`, and nothing is shrunk by sending requests
   * again.
   */
  jobsCost: boolean;
  /**
   * Where jobs cost: an object of the video's bucket (or of a bucket of no one's) that does not
   * exist, for starts that must start no job: a correct endpoint refuses the invalid ones and
   * answers InvalidS3ObjectException to the valid ones.
   */
  probeVideo: S3Object;
  /** The jobs this run started. */
  jobs: JobLedger;
  /**
   * The token made unique to this send within this run, and to this run among others: a service
   * remembers tokens, so a token drawn again with other parameters would rightly be a mismatch.
   */
  uniqueToken(token: string): string;
  /** The run's shared job, started on first use; CheckSkipped when it cannot be. */
  sharedJob(): Promise<SharedJob>;
  /** The shared job once finished: its last poll (the first page of a SUCCEEDED job). */
  finishedSharedJob(): Promise<Page>;
  /** The real SDK v3 over the target. */
  client(): RekognitionClient;
  /** How long a check waits for a job to finish before it fails, in ms. */
  jobTimeoutMs: number;
  /** The longest wait between two polls of a running job, in ms (the first waits are shorter). */
  pollIntervalMs: number;
  /** The run's: once it aborts, a check's own waits (between polls) end at once with a RunInterrupted. */
  signal?: AbortSignal;
}

/** A named property of the contract, with its oracle written down. */
export interface Check {
  name: string;
  /** What every correct implementation does, and so what this check demands. */
  oracle: string;
  /** Most random runs, whatever --runs says: for checks whose every run waits for a job or reads many pages. */
  maxRuns?: number;
  /** Most random runs where jobs cost (its runs reread the shared job). */
  runsWhereJobsCost?: number;
  /** The property; or, for a check made of many cases, see `cases`. */
  // biome-ignore lint/suspicious/noExplicitAny: each check's property draws its own tuple; IAsyncProperty is invariant in it.
  property?(context: CheckContext): fc.IAsyncProperty<any>;
  /** With `property`: its coverage (see CheckCase.coverage). */
  coverage?(context: CheckContext): Coverage;
  /** With `property`: see CheckCase.unjudged (of this context's runs). */
  unjudged?(context: CheckContext): ReturnType<NonNullable<CheckCase['unjudged']>>;
  /**
   * Named cases, each its own property with its own share of the runs, so that every case is
   * tried (and a failure shrinks within its case).
   */
  cases?(context: CheckContext): CheckCase[];
}

/** The property's inputs (one tuple a run) that a case sends before any random run. */
export type Coverage = readonly (readonly unknown[])[];

export interface CheckCase {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: each case draws its own tuple; IAsyncProperty is invariant in it.
  property: fc.IAsyncProperty<any>;
  /**
   * The case's boundary values, each one run of the property, sent before the random runs
   * whatever the seed and --runs: a verdict on a boundary never depends on the draw.
   */
  coverage?: Coverage;
  /** Most random runs of this case (a case of one fixed request needs none past its coverage). */
  maxRuns?: number;
  /** Most random runs of this case where jobs cost. */
  runsWhereJobsCost?: number;
  /**
   * Asked once every run has passed: what the runs never judged (every job ended FAILED, so no
   * page was read), as a skip, or undefined when they judged everything the case asserts.
   */
  unjudged?(): { reason: string; remedy?: string } | undefined;
}

/** Coverage of a property of one argument: each value, one run. */
export const coverageOf = (values: readonly unknown[]): Coverage => values.map((value) => [value]);
