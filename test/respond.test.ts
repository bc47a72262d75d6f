// FaceDetectionService.respond: the transport-neutral wire (method, header lookup, bytes in; status,
// headers, body text out) that handle() and the emulator (through respondNow, the same answer
// without the promise) both answer with. Whatever carries a request, the answer must be the same one.
import { describe, expect, it } from 'vitest';
import { FaceDetectionService, type WireRequest } from '../src/msw.js';
import { hostileRequests, START, valid } from './hostile-requests.js';

const JSON_11 = 'application/x-amz-json-1.1';

/** The WireRequest a transport would make of a fetch Request. */
async function wireOf(fetchRequest: Request): Promise<WireRequest> {
  const body = new Uint8Array(await fetchRequest.arrayBuffer());
  return { method: fetchRequest.method, header: (name) => fetchRequest.headers.get(name), body };
}

function wire(
  body: WireRequest['body'],
  headers: Record<string, string> = { 'content-type': JSON_11, 'x-amz-target': START },
): WireRequest {
  return { method: 'POST', header: (name) => headers[name], body };
}

const encode = (text: string) => new TextEncoder().encode(text);
const typeOf = (body: string) => (JSON.parse(body) as { __type: string }).__type.split('#').pop();

describe('respond()', () => {
  it.each(hostileRequests)('answers %s as handle() does (%s)', async (_, make, type) => {
    const service = new FaceDetectionService();
    const answer = await service.respond(await wireOf(make()));
    const response = await service.handle(make());
    expect(answer.status).toBe(response.status);
    expect(answer.error).toBe(type);
    expect(typeOf(answer.body)).toBe(type);
    expect(typeOf(await response.text())).toBe(type);
    expect(answer.headers['Content-Type']).toBe(JSON_11);
    expect(answer.headers['x-amzn-RequestId']).toBe(service.calls[0]!.requestId);
  });

  it('starts a job from bytes, and records the call', async () => {
    const service = new FaceDetectionService();
    const answer = await service.respond(wire(encode(valid)));
    expect(answer).toEqual({
      status: 200,
      headers: { 'Content-Type': JSON_11, 'x-amzn-RequestId': expect.stringMatching(/^[0-9a-f-]{36}$/) },
      body: expect.stringMatching(/^\{"JobId":"[0-9a-f]{64}"\}$/),
      error: undefined,
    });
    expect(service.calls).toEqual([
      expect.objectContaining({ operation: 'StartFaceDetection', status: 200, jobId: JSON.parse(answer.body).JobId }),
    ]);
    expect(service.jobs).toHaveLength(1);
  });

  it('treats a header lookup answering undefined or null as an absent header', async () => {
    for (const absent of [undefined, null]) {
      // (the fault mode serves a target that names nothing as an operation, but a missing target is still missing)
      for (const service of [new FaceDetectionService(), new FaceDetectionService({ faultMode: 'unknown-target-accepted' })]) {
        const answer = await service.respond({
          method: 'POST',
          header: (name) => (name === 'content-type' ? JSON_11 : absent),
          body: encode(valid),
        });
        expect([answer.status, answer.error]).toEqual([400, 'UnknownOperationException']);
      }
    }
  });

  it('answers a body the transport found too large with 413, and one that broke off with SerializationException', async () => {
    const service = new FaceDetectionService();
    const tooLarge = await service.respond(wire('too-large'));
    expect([tooLarge.status, JSON.parse(tooLarge.body)]).toEqual([
      413,
      { __type: 'SerializationException', message: 'The request body is larger than 1048576 bytes' },
    ]);
    const broken = await service.respond(wire('unreadable'));
    expect([broken.status, JSON.parse(broken.body)]).toEqual([
      400,
      { __type: 'SerializationException', message: 'The request body could not be read' },
    ]);
    expect(service.jobs).toHaveLength(0);
  });

  it('holds bytes past its own maxBodyBytes to it, whatever the transport read', async () => {
    const service = new FaceDetectionService({ maxBodyBytes: 16 });
    const answer = await service.respond(wire(encode(valid)));
    expect([answer.status, answer.error]).toEqual([413, 'SerializationException']);
  });

  it.each([
    ['no X-Amz-Target', { 'content-type': JSON_11 }, 'POST'],
    ['another media type', { 'content-type': 'text/plain', 'x-amz-target': START }, 'POST'],
    ['GET', { 'content-type': JSON_11, 'x-amz-target': START }, 'GET'],
  ])('answers 413 past its cap before anything else is read, %s included: no transport reads further', async (_, headers, method) => {
    const service = new FaceDetectionService({ maxBodyBytes: 16 });
    for (const body of ['too-large', encode(valid)] as const) {
      const answer = await service.respond({ ...wire(body, headers), method });
      expect([answer.status, answer.error]).toEqual([413, 'SerializationException']);
    }
    expect(service.calls.map((call) => call.status)).toEqual([413, 413]);
  });

  it("applies a fault mode's final rewrite, and reports the error it answered", async () => {
    const service = new FaceDetectionService({ faultMode: 'errors-as-500' });
    const answer = await service.respond(wire(encode('{"Video":{},"JobTag":"#"}')));
    expect([answer.status, answer.error, typeOf(answer.body)]).toEqual([500, 'ValidationException', 'ValidationException']);
    expect(service.calls[0]).toMatchObject({ status: 500, error: 'ValidationException' });
  });

  it('a failing handle() body stream answers SerializationException, not a crash', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'));
      },
    });
    const response = await new FaceDetectionService().handle(
      new Request('https://rekognition.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'Content-Type': JSON_11, 'X-Amz-Target': START },
        body: broken,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'SerializationException', message: 'The request body could not be read' });
  });
});
