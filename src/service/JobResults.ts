// What a finished job found, and how it is read a page at a time: its faces (registered for its
// video, or synthetic) in timestamp order and its video's metadata, made once per job, and the
// NextTokens that say where each next page starts.
import type { FaceDetection, GetFaceDetectionResponse, StartFaceDetectionRequest, VideoMetadata } from '../../generated/types.js';
import { MAX_RESULTS_CAP } from '../contract/limits.js';
import type { ModelHooks } from './ModelHooks.js';
import { PaginationTokens } from './paginationToken.js';
import type { S3ObjectInfo } from './S3Registry.js';
import { syntheticFaces, syntheticVideoMetadata } from './syntheticResults.js';

/** What results need of a job. */
export interface FinishedJob {
  readonly JobId: string;
  readonly request: StartFaceDetectionRequest;
}

type Page = Required<Pick<GetFaceDetectionResponse, 'VideoMetadata' | 'Faces'>> & Pick<GetFaceDetectionResponse, 'NextToken'>;

export class JobResults {
  readonly #made = new Map<string, { faces: FaceDetection[]; videoMetadata: VideoMetadata }>();
  readonly #tokens = new PaginationTokens();
  /** The model's hooks into ordering and paging. */
  readonly #hooks: Pick<ModelHooks, 'faces' | 'pageSize' | 'nextOffset' | 'unreadableTokenOffset'>;

  constructor(hooks: Pick<ModelHooks, 'faces' | 'pageSize' | 'nextOffset' | 'unreadableTokenOffset'>) {
    this.#hooks = hooks;
  }

  /** Where the page a NextToken names starts, or undefined for a token the service did not give out for this job. */
  offsetOf(jobId: string, nextToken: string): number | undefined {
    return this.#tokens.read(jobId, nextToken) ?? this.#hooks.unreadableTokenOffset;
  }

  /** The page of a finished job's results that starts at `offset`, MaxResults faces at most. */
  page(job: FinishedJob, video: S3ObjectInfo | undefined, offset: number, maxResults: number | undefined): Page {
    const { faces, videoMetadata } = this.#resultsOf(job, video);
    // MaxResults: at least 1 (the contract's minimum); past the cap, the cap.
    const healthySize = Math.min(maxResults ?? MAX_RESULTS_CAP, MAX_RESULTS_CAP);
    const size = this.#hooks.pageSize(healthySize, maxResults);
    const next = this.#hooks.nextOffset(offset + size);
    const page: Page = { VideoMetadata: videoMetadata, Faces: faces.slice(offset, offset + size) };
    if (offset + size < faces.length) page.NextToken = this.#tokens.issue(job.JobId, next);
    return page;
  }

  /** Forgets a job's results; its NextTokens need no forgetting, since they are read against the job. */
  forget(jobId: string): void {
    this.#made.delete(jobId);
  }

  clear(): void {
    this.#made.clear();
  }

  /** A finished job's faces (registered or synthetic, in timestamp order) and metadata, made once. */
  #resultsOf(job: FinishedJob, video: S3ObjectInfo | undefined): { faces: FaceDetection[]; videoMetadata: VideoMetadata } {
    let results = this.#made.get(job.JobId);
    if (!results) {
      const object = job.request.Video?.S3Object ?? {};
      const synthetic = syntheticVideoMetadata(object);
      const videoMetadata =
        video?.videoMetadata ?? (video?.durationMillis !== undefined ? { ...synthetic, DurationMillis: video.durationMillis } : synthetic);
      const registered = job.request.FaceAttributes === 'ALL' ? (video?.allAttributeFaces ?? video?.faces) : video?.faces;
      const faces = registered
        ? [...registered].sort((a, b) => (a.Timestamp ?? 0) - (b.Timestamp ?? 0))
        : syntheticFaces(object, videoMetadata.DurationMillis ?? 0, job.request.FaceAttributes ?? 'DEFAULT');
      results = { faces: this.#hooks.faces(faces), videoMetadata };
      this.#made.set(job.JobId, results);
    }
    return results;
  }
}
