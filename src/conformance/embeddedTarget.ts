// The embedded mock as a target: requests go straight to an in-memory FaceDetectionService, so
// no socket is opened. It answers through respond(), the model the emulator answers with: the
// fetch objects that handle() builds for msw would be most of a run's cost.
import { FaceDetectionService } from '../service/FaceDetectionService.js';
import type { Target } from './Target.js';
import { httpRequestFor } from './targetRequest.js';

/** Where the embedded mock's requests say they go: Rekognition's own endpoint, as the SDK would send them. */
const MOCK_URL = 'https://rekognition.us-east-1.amazonaws.com/';

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
  return {
    name: 'embedded mock',
    url: MOCK_URL,
    region: 'us-east-1',
    jobsCost: false,
    service,
    get requests() {
      return requests;
    },
    async send(sent) {
      const request = httpRequestFor(MOCK_URL, sent);
      requests++;
      const answer = await service.respond({
        method: request.method,
        header: (name) => request.headers[name],
        body: new TextEncoder().encode(request.body),
      });
      // Header names as fetch gives them, lower case.
      const headers = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]));
      return { request, response: { status: answer.status, headers, body: answer.body } };
    },
    async close() {},
  };
}
