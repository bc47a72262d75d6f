// msw request handlers that put the in-memory service behind Rekognition's endpoints. They run
// wherever msw runs: give them to setupServer (Node) or setupWorker (browser) yourself.
import { http, type HttpHandler, type HttpResponseResolver } from 'msw';
import type { FaceDetectionService } from '../service/FaceDetectionService.js';
import { operations } from '../../generated/contract.js';
import type { OperationName } from '../contract/wire.js';
import { rekognitionUrlPattern } from './rekognitionUrl.js';

export interface HandlerOptions {
  /**
   * Other endpoints to answer, as the SDK's `endpoint` option names them
   * (`http://localhost:4566`). A request matches when its origin and path start match.
   */
  endpoints?: (string | URL)[];
}

/** Handlers that answer every request to Rekognition (any method) from `service`. */
export function handlers(service: FaceDetectionService, options: HandlerOptions = {}): HttpHandler[] {
  return [http.all(rekognitionUrlPattern(options.endpoints), ({ request }) => service.handle(request))];
}

function operationHandler(operation: OperationName) {
  // A resolver that returns nothing hands the request on to the next handler: other operations
  // reach the service.
  return (resolver: HttpResponseResolver, options: HandlerOptions = {}): HttpHandler =>
    http.post(rekognitionUrlPattern(options.endpoints), (info) =>
      info.request.headers.get('x-amz-target') === operations[operation].target ? resolver(info) : undefined,
    );
}

/**
 * A handler for StartFaceDetection calls alone, to override the service per test the msw way:
 * `server.use(startFaceDetection(() => errorResponse('LimitExceededException', 'busy')))`.
 */
export const startFaceDetection = operationHandler('StartFaceDetection');

/** A handler for GetFaceDetection calls alone; see startFaceDetection. */
export const getFaceDetection = operationHandler('GetFaceDetection');
