// The service's defaults, in a module of their own so that the CLI's help can name them without
// loading the service.

/** The largest request body the service reads: past it, 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** How long a job runs. */
export const DEFAULT_JOB_DURATION_MS = 5000;
