// The SDK's own request handler in a page: the real AWS SDK v3, browser build, with
// createRequestHandler answering from a service in the page. No msw, no worker, no network.
// test/browser/sdk-handler.test.ts bundles this with esbuild; the results go on window.__sdkResults.
import {
  GetFaceDetectionCommand,
  IdempotentParameterMismatchException,
  paginateGetFaceDetection,
  RekognitionClient,
  StartFaceDetectionCommand,
} from '@aws-sdk/client-rekognition';
import { createRequestHandler, FaceDetectionService } from '../../../src/sdk.js';
import type { SdkPageResults } from './results.js';
import { thrown } from './thrown.js';

declare global {
  interface Window {
    __sdkResults?: SdkPageResults;
    __sdkError?: string;
  }
}

const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } };

async function run(): Promise<SdkPageResults> {
  const service = new FaceDetectionService({ clock: 'manual' });
  const client = new RekognitionClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: createRequestHandler(service),
  });
  const started = await client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'page-1' }));
  const repeat = await client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'page-1' }));
  const invalid = await thrown(client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'x'.repeat(65) })));
  const mismatch = await thrown(
    client.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'page-1', JobTag: 'other' })),
  );
  const inProgress = await client.send(new GetFaceDetectionCommand({ JobId: started.JobId }));
  service.completeJob(started.JobId!);
  const all = await client.send(new GetFaceDetectionCommand({ JobId: started.JobId, MaxResults: 1000 }));
  let pagedFaces = 0;
  let pages = 0;
  for await (const page of paginateGetFaceDetection({ client, pageSize: 5 }, { JobId: started.JobId })) {
    pages++;
    pagedFaces += page.Faces?.length ?? 0;
  }
  return {
    start: { jobId: started.JobId, status: started.$metadata.httpStatusCode },
    repeat: { jobId: repeat.JobId },
    invalid: { name: invalid.name, status: invalid.$metadata.httpStatusCode },
    mismatch: {
      name: mismatch.name,
      status: mismatch.$metadata.httpStatusCode,
      isIdempotentParameterMismatchException: mismatch instanceof IdempotentParameterMismatchException,
    },
    inProgress: inProgress.JobStatus,
    faces: all.Faces?.length ?? 0,
    pagedFaces,
    pages,
    calls: service.calls.length,
  };
}

run().then(
  (results) => {
    window.__sdkResults = results;
    document.getElementById('out')!.textContent = JSON.stringify(results, null, 2);
  },
  (error: unknown) => {
    window.__sdkError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  },
);
