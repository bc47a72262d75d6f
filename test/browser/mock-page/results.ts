// What the mock page (main.ts) publishes on `window.__results`, for the test to read.

export interface MockPageResults {
  /** The Video every call sent. */
  video: { S3Object: { Bucket: string; Name: string } };
  start: { jobId: string | undefined; status: number | undefined };
  /** The same call again, with the same ClientRequestToken. */
  repeat: { jobId: string | undefined; status: number | undefined };
  /** A 65-character ClientRequestToken. */
  invalid: ThrownError;
  /** The first token again, with another JobTag. */
  mismatch: ThrownError & { isIdempotentParameterMismatchException: boolean };
  get: { jobStatus: string | undefined; video: unknown; status: number | undefined };
  /** After completeJob: one MaxResults 1000 read, then paginateGetFaceDetection with pageSize 5. */
  results: {
    jobStatus: string | undefined;
    faces: number;
    durationMillis: number | undefined;
    pages: number;
    pagedSameAsAll: boolean;
    firstFace: unknown;
  };
  /** What the in-page service saw, oldest first. */
  calls: { operation: string | undefined; status: number; error: string | undefined }[];
}

export interface ThrownError {
  name: string;
  status: number | undefined;
}

/** What the SDK handler page (sdk-handler.ts) publishes on `window.__sdkResults`. */
export interface SdkPageResults {
  start: { jobId: string | undefined; status: number | undefined };
  repeat: { jobId: string | undefined };
  invalid: { name: string; status: number | undefined };
  mismatch: { name: string; status: number | undefined; isIdempotentParameterMismatchException: boolean };
  inProgress: string | undefined;
  faces: number;
  pagedFaces: number;
  pages: number;
  calls: number;
}
