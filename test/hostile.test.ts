// Hostile input and concurrency against the service model itself (the emulator's tests repeat the
// worst of it over real HTTP). Every answer must be a 4xx in the service's format: never a throw,
// never a 500, and the service keeps serving.
import { describe, expect, it } from 'vitest';
import { FaceDetectionService, REQUEST_TOO_LARGE_STATUS } from '../src/msw.js';

import { hostileRequests, request, START, MOCK_URL, valid } from './hostile-requests.js';

describe("hostile input gets a 4xx in the service's format", () => {
  const service = new FaceDetectionService();
  it.each(hostileRequests)('%s: %s', async (_, make, type) => {
    const response = await service.handle(make());
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    const body = (await response.json()) as any;
    expect(body.__type.split('#').pop()).toBe(type);
    expect(typeof (body.message ?? body.Message)).toBe('string');
    expect(body).not.toHaveProperty('JobId');
    expect(service.jobs).toHaveLength(0);
    // and it keeps serving
    expect((await service.handle(request(valid))).status).toBe(200);
    service.reset();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers an oversized body with 413, reading no further than the cap', async () => {
    const service = new FaceDetectionService({ maxBodyBytes: 1024 });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 512;
        controller.enqueue(new Uint8Array(512).fill(0x20));
      },
    });
    const response = await service.handle(
      new Request(MOCK_URL, {
        method: 'POST',
        headers: { 'X-Amz-Target': START, 'Content-Type': 'application/x-amz-json-1.1' },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(REQUEST_TOO_LARGE_STATUS);
    expect(((await response.json()) as any).__type).toBe('SerializationException');
    expect(pulled).toBeLessThan(4096);
  });
});

describe('idempotency under concurrency', () => {
  it('200 simultaneous starts with one token and the same parameters get one JobId and one job', async () => {
    const service = new FaceDetectionService();
    const body = JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name: 'v.mp4' } }, ClientRequestToken: 'same' });
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => service.handle(request(body)).then((r) => r.json() as Promise<any>)),
    );
    expect(new Set(answers.map((a) => a.JobId)).size).toBe(1);
    expect(answers[0].JobId).toMatch(/^[0-9a-f]{64}$/);
    expect(service.jobs).toHaveLength(1);
  });

  it('two parameter sets racing under one token: one winner, mismatches for the rest', async () => {
    const service = new FaceDetectionService();
    const bodies = ['a.mp4', 'b.mp4'].map((Name) =>
      JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name } }, ClientRequestToken: 'race' }),
    );
    const sent = Array.from({ length: 200 }, (_, i) => i % 2);
    const answers = await Promise.all(
      sent.map((i) => service.handle(request(bodies[i])).then(async (r) => ({ set: i, status: r.status, body: (await r.json()) as any }))),
    );
    const winners = answers.filter((a) => a.status === 200);
    const losers = answers.filter((a) => a.status !== 200);
    expect(new Set(winners.map((a) => a.set)).size).toBe(1);
    expect(winners).toHaveLength(100);
    expect(new Set(winners.map((a) => a.body.JobId)).size).toBe(1);
    expect(losers).toHaveLength(100);
    for (const loser of losers) expect(loser).toMatchObject({ status: 400, body: { __type: 'IdempotentParameterMismatchException' } });
    expect(service.jobs).toHaveLength(1);
  });
});
