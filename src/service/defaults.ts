// The service's defaults, in a module of their own so that the CLI's help can name them without
// loading the service.

/** The largest request body the service reads: past it, 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** How long a job runs. */
export const DEFAULT_JOB_DURATION_MS = 5000;
/**
 * How long an emulator that makes its own service (`serve`, startEmulator) keeps a finished job:
 * an hour, long enough for any client to read its results.
 */
export const DEFAULT_EMULATOR_JOB_RETENTION_MS = 60 * 60 * 1000;
/** The most finished jobs such an emulator keeps: about 15 MB of jobs at most. */
export const DEFAULT_EMULATOR_MAX_RETAINED_JOBS = 10_000;
/**
 * The video the conformance suite's jobs use on an endpoint where jobs cost nothing and no --video
 * is given (on this service: 49 faces, several pages): what a fault mode whose break shows only on
 * a video of its own registers under this name.
 */
export const CONFORMANCE_VIDEO = { Bucket: 'conformance-videos', Name: 'paging.mp4' } as const;
