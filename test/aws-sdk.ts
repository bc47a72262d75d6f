// The real AWS SDK for JavaScript v3 as the emulator's and verifySigV4's tests drive it: a client
// for an endpoint, the request it signs (caught before it leaves), and a hook that changes a
// request after signing, as a man in the middle would.
import {
  RekognitionClient,
  type RekognitionClientConfig,
  type RekognitionServiceException,
  StartFaceDetectionCommand,
} from '@aws-sdk/client-rekognition';
import { expect } from 'vitest';
import type { SignedRequest } from '../src/transports/verifySigV4.js';

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } };

export function client(endpoint: string, config: Partial<RekognitionClientConfig> = {}): RekognitionClient {
  return new RekognitionClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1, ...config });
}

/** The error a call failed with; fails the test when it succeeded. */
export function failure(promise: Promise<unknown>): Promise<RekognitionServiceException> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error as RekognitionServiceException,
  );
}

/** The parts of the SDK's HTTP request a test changes. */
export interface SdkRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Runs `change` on every request `client` sends, after the SDK signed it. */
export function afterSigning(rekognition: RekognitionClient, change: (request: SdkRequest) => void): RekognitionClient {
  type Args = { request: unknown };
  const middleware = (next: (args: Args) => Promise<unknown>) => async (args: Args) => {
    change(args.request as SdkRequest);
    return next(args);
  };
  rekognition.middlewareStack.addRelativeTo(middleware as never, {
    relation: 'after',
    toMiddleware: 'httpSigningMiddleware',
    name: 'afterSigning',
    override: true,
  });
  return rekognition;
}

class Caught extends Error {
  constructor(readonly request: SdkRequest) {
    super('caught before sending');
  }
}

/** The StartFaceDetection request the SDK signs for `endpoint`, caught before it is sent. */
export async function signedBySdk(
  endpoint = 'http://127.0.0.1:4566',
  config: Partial<RekognitionClientConfig> = {},
): Promise<SignedRequest & { headers: Record<string, string>; body: string }> {
  const rekognition = afterSigning(client(endpoint, config), (request) => {
    throw new Caught(request);
  });
  const caught = await rekognition.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'lobby-1' })).then(
    () => expect.fail('the request was sent'),
    (error: unknown) => error,
  );
  if (!(caught instanceof Caught)) throw caught;
  const { request } = caught;
  return {
    method: request.method,
    url: `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`,
    headers: { ...request.headers },
    body: bodyText(request.body),
  };
}

/** The same text with its last letter's case flipped: as long, but not the same. */
export function flipLastLetter(text: string): string {
  const i = text.search(/[a-zA-Z][^a-zA-Z]*$/);
  const letter = text[i]!;
  return text.slice(0, i) + (letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase()) + text.slice(i + 1);
}

/** The body the SDK built, as text (it holds it as a string or as bytes). */
export function bodyText(body: unknown): string {
  return body instanceof Uint8Array ? new TextDecoder().decode(body) : String(body);
}
