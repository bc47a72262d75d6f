// The emulator over real HTTP on loopback with the real SDK v3: every modelled error as its own
// exception class, and idempotency under 200 simultaneous calls.
import * as sdk from '@aws-sdk/client-rekognition';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errors, operations } from '../generated/contract.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService } from '../src/msw.js';
import { client, failure, video } from './aws-sdk.js';

let emulator: Emulator;
let rekognition: sdk.RekognitionClient;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, service: new FaceDetectionService({ maxConcurrentJobs: 1000 }) });
  rekognition = client(emulator.url);
});
afterEach(() => emulator.service.reset());
afterAll(() => emulator.close());

describe('every modelled error reaches the SDK over HTTP as its own exception class', () => {
  const cases = Object.entries(operations).flatMap(([operation, facts]) =>
    facts.errors.filter((name) => errors[name].modelled).map((name) => [operation, name, errors[name].httpStatus] as const),
  );
  it.each(cases)('%s: %s (%i)', async (operation, name, status) => {
    emulator.service.failNext(1, name);
    const command =
      operation === 'StartFaceDetection'
        ? new sdk.StartFaceDetectionCommand({ Video: video })
        : new sdk.GetFaceDetectionCommand({ JobId: 'abc' });
    const error = await failure(rekognition.send(command as never));
    expect(error).toBeInstanceOf((sdk as unknown as Record<string, new () => Error>)[name]!);
    expect(error.$metadata.httpStatusCode).toBe(status);
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('idempotency under concurrency, over HTTP', () => {
  it('200 simultaneous starts with one token and the same parameters get one JobId', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        rekognition.send(new sdk.StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'same', JobTag: 't' })),
      ),
    );
    expect(new Set(answers.map((a) => a.JobId)).size).toBe(1);
    expect(emulator.service.jobs).toHaveLength(1);
  });

  it('two parameter sets racing under one token: one winner, mismatches for the rest', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        rekognition
          .send(new sdk.StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'race', JobTag: i % 2 ? 'odd' : 'even' }))
          .then((a) => ({ tag: i % 2, id: a.JobId })),
      ),
    );
    const won = results
      .filter((r): r is PromiseFulfilledResult<{ tag: number; id: string | undefined }> => r.status === 'fulfilled')
      .map((r) => r.value);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    expect(new Set(won.map((w) => w.tag)).size).toBe(1);
    expect(new Set(won.map((w) => w.id)).size).toBe(1);
    expect(won).toHaveLength(100);
    expect(lost).toHaveLength(100);
    for (const error of lost) expect(error).toBeInstanceOf(sdk.IdempotentParameterMismatchException);
    expect(emulator.service.jobs).toHaveLength(1);
  });
});
