import type { S3Object } from '../../generated/types.js';

/** `s3://bucket/key` (optionally `?versionId=...`) -> the S3Object StartFaceDetection takes. */
export function parseS3Url(url: string): S3Object {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!match) throw new TypeError(`not an s3://bucket/key URL: ${url}`);
  const [, Bucket, rest] = match as unknown as [string, string, string];
  const [key, query] = rest.split('?') as [string, string | undefined];
  const Version = query ? (new URLSearchParams(query).get('versionId') ?? undefined) : undefined;
  return { Bucket, Name: decodeURIComponent(key), ...(Version ? { Version } : {}) };
}
