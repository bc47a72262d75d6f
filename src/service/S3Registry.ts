// The videos the service knows. Until one is registered every object exists (so that tests need
// no setup); from the first registration on, only registered objects do, as in a real bucket.
import type { FaceDetection, S3Object, VideoMetadata } from '../../generated/types.js';
import { MAX_VIDEO_BYTES, MAX_VIDEO_MILLIS } from '../contract/limits.js';
import { DEFAULT_MESSAGES } from './messages.js';

/** A registered video: what starting a job on it answers, and what its jobs find. */
export interface S3ObjectInfo {
  /** Bytes; past 10 GB the start answers VideoTooLargeException. */
  size?: number;
  /** Milliseconds; past 6 hours the start answers VideoTooLargeException. */
  durationMillis?: number;
  /** A video the service cannot analyse (say, `Unsupported codec/format.`): its jobs end FAILED with this StatusMessage. */
  failure?: string;
  /** The faces its jobs find, instead of synthetic ones (sorted by Timestamp when answered). */
  faces?: FaceDetection[];
  /** The faces its jobs with FaceAttributes ALL find, where they differ from `faces` (which all other jobs find). */
  allAttributeFaces?: FaceDetection[];
  /** Its metadata, instead of synthetic metadata. */
  videoMetadata?: VideoMetadata;
}

/** Why a start on an object fails before any job: the error and the service's message. */
export interface ObjectProblem {
  error: 'InvalidS3ObjectException' | 'VideoTooLargeException';
  message: string;
}

export class S3Registry {
  #objects: Map<string, S3ObjectInfo> | undefined;

  /** `initial`: objects by `bucket/key`, registered up front. */
  constructor(initial?: Record<string, S3ObjectInfo>) {
    this.#objects = initial ? new Map(Object.entries(initial)) : undefined;
  }

  put(bucket: string, key: string, info: S3ObjectInfo = {}): void {
    this.#objects ??= new Map();
    this.#objects.set(`${bucket}/${key}`, info);
  }

  /** Forgets an object: from then on only registered objects exist, as after a registration. */
  delete(bucket: string, key: string): void {
    this.#objects ??= new Map();
    this.#objects.delete(`${bucket}/${key}`);
  }

  /** What was registered for an object, if anything. */
  infoOf(object: S3Object | undefined): S3ObjectInfo | undefined {
    return object?.Bucket && object.Name ? this.#objects?.get(`${object.Bucket}/${object.Name}`) : undefined;
  }

  /** Why a job cannot start on the object, or undefined when it can. */
  problemOf(bucket: string, key: string): ObjectProblem | undefined {
    if (!this.#objects) return undefined;
    const info = this.#objects.get(`${bucket}/${key}`);
    if (!info) return { error: 'InvalidS3ObjectException', message: DEFAULT_MESSAGES.InvalidS3ObjectException! };
    if ((info.size ?? 0) > MAX_VIDEO_BYTES)
      return { error: 'VideoTooLargeException', message: `Video size in bytes exceeds the limit of ${MAX_VIDEO_BYTES} bytes` };
    if ((info.durationMillis ?? 0) > MAX_VIDEO_MILLIS)
      return { error: 'VideoTooLargeException', message: `Video duration exceeds the limit of ${MAX_VIDEO_MILLIS / 3_600_000} hours` };
    return undefined;
  }
}
