// The embedded mock as a target: requests go straight to an in-memory FaceDetectionService,
// the SDK's too (through a request handler), so no socket is opened.
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { FaceDetectionService } from '../FaceDetectionService.js';
import type { Target } from './Target.js';
import { exchangeOf, httpRequestOf } from './wireRequest.js';

const URL_ = 'https://rekognition.us-east-1.amazonaws.com/';

/** How long the embedded mock's jobs run: long enough to be seen IN_PROGRESS, short enough to wait for. */
const JOB_DURATION_MS = 20;

/**
 * The embedded mock; jobs never pile up into the concurrent-job limit, and finish in 20 ms,
 * unless `service` says otherwise.
 */
export function embeddedTarget(
  service = new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: JOB_DURATION_MS }),
): Target & { service: FaceDetectionService } {
  let requests = 0;
  const handle = async (request: Request) => {
    requests++;
    return service.handle(request);
  };
  return {
    name: 'embedded mock',
    url: URL_,
    region: 'us-east-1',
    local: true,
    service,
    get requests() {
      return requests;
    },
    async send(wire) {
      const request = httpRequestOf(URL_, wire);
      return exchangeOf(request, await handle(new Request(request.url, request)));
    },
    client() {
      return new RekognitionClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEMBEDDED', secretAccessKey: 'embedded' },
        maxAttempts: 1,
        requestHandler: {
          async handle(httpRequest: { method: string; protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body?: unknown }) {
            const url = `${httpRequest.protocol}//${httpRequest.hostname}${httpRequest.port ? `:${httpRequest.port}` : ''}${httpRequest.path}`;
            const response = await handle(new Request(url, { method: httpRequest.method, headers: httpRequest.headers, body: httpRequest.body as string }));
            const headers: Record<string, string> = {};
            response.headers.forEach((value, key) => (headers[key] = value));
            return { response: { statusCode: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) } };
          },
        } as never,
      });
    },
    async close() {},
  };
}
