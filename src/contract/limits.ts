// The service's limits the spec records (x-aws-limits), as numbers, once.
import { limits } from '../../generated/contract.js';

/** GetFaceDetection answers at most this many faces a page, whatever MaxResults asks. */
export const MAX_RESULTS_CAP = Number(limits.GetFaceDetection.maxResultsCap);
/** A stored video past this size answers VideoTooLargeException. */
export const MAX_VIDEO_BYTES = Number(limits.StartFaceDetection.maxVideoBytes);
/** A stored video past this duration answers VideoTooLargeException. */
export const MAX_VIDEO_MILLIS = Number(limits.StartFaceDetection.maxVideoDurationMillis);
/** Running jobs an account may have before LimitExceededException, by default. */
export const DEFAULT_MAX_CONCURRENT_JOBS = Number(limits.StartFaceDetection.concurrentJobsDefault);
