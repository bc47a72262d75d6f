// msw request handlers that put the in-memory service behind Rekognition's endpoints. They run
// wherever msw runs: give them to setupServer (Node) or setupWorker (browser) yourself.
import { http, type HttpHandler, type HttpResponseResolver } from 'msw';
import type { FaceDetectionService } from './FaceDetectionService.js';
import { operations } from '../generated/contract.js';
import type { OperationName } from './wire.js';

/**
 * Rekognition's endpoints in every partition: standard and FIPS, IPv4 and dual-stack, China.
 * `https://rekognition.eu-west-1.amazonaws.com/`, `https://rekognition-fips.us-east-1.api.aws/`, ...
 */
export const REKOGNITION_ENDPOINT =
  /^https:\/\/rekognition(?:-fips)?\.[a-z]{2}(?:-[a-z]+)+-\d+\.(?:amazonaws\.com|amazonaws\.com\.cn|api\.aws|api\.amazonwebservices\.com\.cn)(?::443)?\/?(?:\?.*)?$/;

export interface HandlerOptions {
  /**
   * Other endpoints to answer, as the SDK's `endpoint` option names them
   * (`http://localhost:4566`). A request matches when its origin and path start match.
   */
  endpoints?: (string | URL)[];
}

/** Whether a request URL goes to Rekognition, or to one of the given custom endpoints. */
export function isRekognitionUrl(url: string | URL, endpoints: readonly (string | URL)[] = []): boolean {
  const href = String(url);
  if (REKOGNITION_ENDPOINT.test(href)) return true;
  let target: URL;
  try {
    target = new URL(href);
  } catch {
    return false;
  }
  return endpoints.some((endpoint) => {
    const base = new URL(String(endpoint));
    const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    const path = target.pathname.endsWith('/') ? target.pathname : `${target.pathname}/`;
    return base.origin === target.origin && path.startsWith(basePath);
  });
}

/** Handlers that answer every request to Rekognition (any method) from `service`. */
export function handlers(service: FaceDetectionService, options: HandlerOptions = {}): HttpHandler[] {
  const endpoints = options.endpoints ?? [];
  return [http.all(({ request }) => isRekognitionUrl(request.url, endpoints), ({ request }) => service.handle(request))];
}

function operationHandler(operation: OperationName) {
  return (resolver: HttpResponseResolver, options: HandlerOptions = {}): HttpHandler =>
    http.post(
      ({ request }) =>
        isRekognitionUrl(request.url, options.endpoints ?? []) && request.headers.get('x-amz-target') === operations[operation].target,
      resolver,
    );
}

/**
 * A handler for StartFaceDetection calls alone, to override the service per test the msw way:
 * `server.use(startFaceDetection(() => errorResponse('LimitExceededException', 'busy')))`.
 */
export const startFaceDetection = operationHandler('StartFaceDetection');

/** A handler for GetFaceDetection calls alone; see startFaceDetection. */
export const getFaceDetection = operationHandler('GetFaceDetection');
