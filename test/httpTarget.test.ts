// httpTarget over real loopback sockets: a whole answer becomes an exchange (headers in lower case,
// the request as signed); no whole answer (refused, cut off mid-body, reset) is a network error,
// which the run waits out or reports as an unreachable endpoint, never judges.
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTarget } from '../src/conformance/httpTarget.js';
import { isNetworkError } from '../src/conformance/answerKinds.js';
import { NoAnswerError } from '../src/conformance/NoAnswerError.js';

let server: Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (open) await new Promise<void>((done) => open.close(() => done()));
});

/** A loopback server answering each request with `answer`; its URL. */
async function serve(answer: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(answer);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const send = (endpoint: string) => {
  const target = httpTarget({ endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
  return target.send({ operation: 'GetFaceDetection', body: '{"JobId":"a"}' }).finally(() => target.close());
};

describe('httpTarget', () => {
  it('answers an exchange: status, headers in lower case, body; the request as signed', async () => {
    const endpoint = await serve((_, res) => {
      res.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amzn-RequestId': 'r-1' });
      res.end('{"__type":"ResourceNotFoundException"}');
    });
    const exchange = await send(endpoint);
    expect(exchange.response).toMatchObject({
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' },
      body: '{"__type":"ResourceNotFoundException"}',
    });
    expect(exchange.request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\//);
    expect(exchange.request.headers['x-amz-target']).toBe('RekognitionService.GetFaceDetection');
  });

  it.each([
    ['refused', async () => `http://127.0.0.1:${await freePort()}`],
    [
      'cut off mid-body',
      () =>
        serve((_, res) => {
          res.writeHead(200, { 'Content-Length': '100' });
          res.write('{"JobStatus":');
          setTimeout(() => res.destroy(), 20);
        }),
    ],
    ['reset before any answer', () => serve((req) => req.socket.destroy())],
    ['garbled (not HTTP)', garbled],
  ])('no whole answer (%s) is a NoAnswerError, a network error', async (_, endpoint) => {
    const error = await send(await endpoint()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoAnswerError);
    expect(isNetworkError(error)).toBe(true);
  });

  it('an endpoint that takes the connection and never answers: unreachable after one wait of the time its message names, never sent again', async () => {
    const { runConformance, UnreachableEndpointError } = await import('../src/conformance/index.js');
    let received = 0;
    // Reads each request and never answers it.
    const endpoint = await serve((req) => {
      received++;
      req.resume();
    });
    const error = await runConformance({ endpoint, answerTimeoutMs: 300, seed: 1, runs: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnreachableEndpointError);
    expect((error as Error).message).toContain('no whole answer within 0.3 s');
    // The probe, once: a request that waited its whole time is not sent again to wait as long.
    expect(received).toBe(1);
    expect((error as { cause?: unknown }).cause).toMatchObject({ timedOut: true });
    server!.closeAllConnections();
  });

  it('a TimeoutError and fetch failures (a Target of your own may use fetch) are network errors; an error of ours is not', () => {
    expect(isNetworkError(Object.assign(new Error('slow'), { name: 'TimeoutError' }))).toBe(true);
    expect(isNetworkError(new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } }))).toBe(true);
    expect(isNetworkError(new TypeError('x is not a function'))).toBe(false);
    expect(isNetworkError(new Error('a bug'))).toBe(false);
  });
});

/** A TCP server that answers every connection with bytes that are not HTTP; its URL. */
async function garbled(): Promise<string> {
  const tcp = createTcpServer((socket) => socket.end('HTTP/1.1 banana\r\n\r\n', () => socket.destroy()));
  await new Promise<void>((done) => tcp.listen(0, '127.0.0.1', done));
  server = tcp as unknown as Server;
  return `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`;
}

/** A port nothing listens on: one that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}
