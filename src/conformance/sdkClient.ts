// The real AWS SDK for JavaScript v3 over any target: the SDK serializes each command and parses
// each answer; in between, the request goes through the target like any other (signed there,
// budgeted, waited out when the endpoint says "later"), so the SDK's own retries stay off.
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { Target } from './Target.js';
import { headerValue } from '../contract/wire.js';

interface SdkHttpRequest {
  headers: Record<string, string>;
  body?: unknown;
}

export function sdkClientOf(target: Target): RekognitionClient {
  return new RekognitionClient({
    region: target.region,
    endpoint: target.url,
    // The SDK's signature is dropped: the target signs what it sends with its own credentials.
    credentials: { accessKeyId: 'AKIDSDKCLIENT', secretAccessKey: 'signed-again-by-the-target' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: SdkHttpRequest) {
        const header = (name: string) => headerValue(request.headers, name);
        const sent =
          typeof request.body === 'string'
            ? request.body
            : request.body instanceof Uint8Array
              ? new TextDecoder().decode(request.body)
              : '';
        const exchange = await target.send({ target: header('x-amz-target') ?? null, contentType: header('content-type'), body: sent });
        const { status, headers, body } = exchange.response;
        return { response: { statusCode: status, headers, body: new TextEncoder().encode(body) } };
      },
    } as never,
  });
}
