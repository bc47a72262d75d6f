// An HttpHandler for AWS SDK v3 clients that answers from an in-process FaceDetectionService: no
// msw, no network, no interception. The SDK's request goes through the service's own wire code
// (respond(), as the emulator's and the msw handlers' requests do, fault modes and controls
// included) and its answer comes back as the SDK reads AWS's: status, lower-case headers, bytes.
// Loads neither msw nor node:http: it runs in Node, jest, vitest, browsers and workers alike.
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import { errorAnswer, requestId } from '../contract/wire.js';
import type { FaceDetectionService } from '../service/FaceDetectionService.js';
import { verifySigV4, type SigV4Credentials } from './verifySigV4.js';

export interface RequestHandlerOptions {
  /**
   * Check every request's SigV4 signature against these keys (as the emulator's `auth` does);
   * a request signed otherwise is answered as AWS answers it. Default: no check.
   */
  auth?: { credentials: SigV4Credentials | SigV4Credentials[]; region?: string; now?: () => Date; maxSkewMs?: number };
}

/** What `new RekognitionClient({ requestHandler })` takes, answered by the service. */
export interface ServiceRequestHandler extends RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  /** The SDK's hook for handler settings: none apply in process. */
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

const encoder = new TextEncoder();

/** The request's body as bytes, whatever the SDK put there (a string for JSON protocols). */
function bytesOf(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('the in-process handler takes a string or bytes as the request body, not a stream');
}

/** The URL the SDK addressed, query included: what SigV4 signed. */
function urlOf(request: HttpRequest): string {
  const port = request.port ? `:${request.port}` : '';
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {}))
    for (const one of Array.isArray(value) ? value : [value]) if (one !== null && one !== undefined) query.append(name, one);
  const search = query.size > 0 ? `?${query}` : '';
  return `${request.protocol ?? 'https:'}//${request.hostname}${port}${request.path ?? '/'}${search}`;
}

/** An HttpHandler for SDK v3 clients: `new RekognitionClient({ requestHandler: createRequestHandler(service) })`. */
export function createRequestHandler(service: FaceDetectionService, options: RequestHandlerOptions = {}): ServiceRequestHandler {
  return {
    metadata: { handlerProtocol: 'in-process' },
    async handle(request, handlerOptions = {}) {
      if (handlerOptions.abortSignal?.aborted) {
        const aborted = new Error('Request aborted');
        aborted.name = 'AbortError';
        throw aborted;
      }
      const body = bytesOf(request.body);
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
      const failure = options.auth
        ? await verifySigV4({ method: request.method, url: urlOf(request), headers, body }, options.auth)
        : undefined;
      const answer = failure
        ? errorAnswer(failure.error, failure.message, requestId())
        : await service.respond({ method: request.method, header: (name) => headers[name.toLowerCase()], body });
      const response: HttpResponse = {
        statusCode: answer.status,
        headers: Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value])),
        body: encoder.encode(answer.body),
      };
      return { response };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
