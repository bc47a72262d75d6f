// The mock page: the msw handlers in a service worker (setupWorker), called by the real AWS SDK v3
// in its browser build. test/browser/mock.test.ts bundles this with esbuild and opens it in
// Chromium; what happened is published on window.__results (or window.__error).
import {
  GetFaceDetectionCommand,
  IdempotentParameterMismatchException,
  paginateGetFaceDetection,
  RekognitionClient,
  StartFaceDetectionCommand,
  type RekognitionServiceException,
} from '@aws-sdk/client-rekognition';
import { setupWorker } from 'msw/browser';
import { FaceDetectionService, handlers } from '../../../src/msw.js';
import type { MockPageResults, ThrownError } from './results.js';
import { thrown } from './thrown.js';

declare global {
  interface Window {
    __results?: MockPageResults;
    __error?: string;
    /** Stops the worker, so the test can check that what msw no longer answers is caught. */
    __stopWorker?: () => Promise<void>;
  }
}

const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } };

function described(error: RekognitionServiceException): ThrownError {
  return { name: error.name, status: error.$metadata?.httpStatusCode };
}

async function run(): Promise<MockPageResults> {
  // A manual clock: the page finishes the job when it wants its results.
  const service = new FaceDetectionService({ clock: 'manual' });
  const worker = setupWorker(...handlers(service));
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });
  window.__stopWorker = async () => {
    worker.stop();
    // stop() only posts CLIENT_CLOSED; the service worker forgets this page a few awaits later and,
    // with no page left, unregisters itself. Until then it still takes the page's fetches.
    while (await navigator.serviceWorker.getRegistration()) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  const client = new RekognitionClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
  const token = 'browser-run-1';
  const start = await client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: token, JobTag: 'a' }));
  const repeat = await client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: token, JobTag: 'a' }));
  const invalid = await thrown(client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'x'.repeat(65) })));
  const mismatch = await thrown(client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: token, JobTag: 'b' })));
  const got = await client.send(new GetFaceDetectionCommand({ JobId: start.JobId }));

  // The results: finish the job, read every face at once, then page through them with the SDK's paginator.
  service.completeJob(start.JobId!);
  const all = await client.send(new GetFaceDetectionCommand({ JobId: start.JobId, MaxResults: 1000 }));
  const paged: unknown[] = [];
  let pages = 0;
  for await (const page of paginateGetFaceDetection({ client, pageSize: 5 }, { JobId: start.JobId })) {
    pages++;
    paged.push(...(page.Faces ?? []));
  }

  return {
    video,
    start: { jobId: start.JobId, status: start.$metadata.httpStatusCode },
    repeat: { jobId: repeat.JobId, status: repeat.$metadata.httpStatusCode },
    invalid: described(invalid),
    mismatch: { ...described(mismatch), isIdempotentParameterMismatchException: mismatch instanceof IdempotentParameterMismatchException },
    get: { jobStatus: got.JobStatus, video: got.Video, status: got.$metadata.httpStatusCode },
    results: {
      jobStatus: all.JobStatus,
      faces: all.Faces?.length ?? 0,
      durationMillis: all.VideoMetadata?.DurationMillis,
      pages,
      pagedSameAsAll: JSON.stringify(paged) === JSON.stringify(all.Faces),
      firstFace: all.Faces?.[0],
    },
    calls: service.calls.map(({ operation, status, error }) => ({ operation, status, error })),
  };
}

const out = document.getElementById('out')!;
run().then(
  (results) => {
    out.textContent = JSON.stringify(results, null, 2);
    window.__results = results;
  },
  (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    out.textContent = `error: ${message}`;
    window.__error = message;
  },
);
