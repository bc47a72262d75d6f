// The emulator: a real HTTP server (node:http) in front of the in-memory face-detection service.
// Each request is answered by FaceDetectionService.respondNow (respond() without the promise; a
// subclass's own respond() where it has one), the very model the msw handlers reach through
// handle(), read straight off Node's message: no fetch Request or Response is built, which is most
// of what a request would otherwise cost. The body is read up to the service's cap; past it the
// service answers 413, unread. Otherwise SigV4, when on, is checked first, and a failure never
// reaches the service. Node only; loads no msw.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { closeServer } from './closeServer.js';
import { FaceDetectionService } from '../service/FaceDetectionService.js';
import type { FaceDetectionServiceOptions } from '../service/FaceDetectionServiceOptions.js';
import { DEFAULT_EMULATOR_JOB_RETENTION_MS, DEFAULT_EMULATOR_MAX_RETAINED_JOBS } from '../service/defaults.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';
import { isRekognitionUrl } from './rekognitionUrl.js';
import { notifyUrlProblem, postNotification } from './snsNotification.js';
import { verifySigV4, type SigV4Credentials } from './verifySigV4.js';
import { CONTENT_TYPE, errorAnswer, errorBody, headerValue, requestId, type WireAnswer, type WireRequest } from '../contract/wire.js';
import { declaresMoreThan, LimitedBytes } from '../contract/bytes.js';
import { clip } from './clip.js';

export interface EmulatorOptions {
  /** The port to listen on. Default 4566; 0 takes any free port. */
  port?: number;
  /** The address to bind. Default `127.0.0.1`: loopback only. */
  host?: string;
  /**
   * The service to serve, or the options to make it with (`{ jobDurationMs: 50 }`). Default a new
   * FaceDetectionService. A service the emulator makes keeps finished jobs for one hour and at most
   * 10,000 of them (`jobRetentionMs`, `maxRetainedJobs`, unless these options say otherwise), so
   * that a long-running emulator keeps flat memory; a FaceDetectionService of your own keeps its
   * own options.
   */
  service?: FaceDetectionService | FaceDetectionServiceOptions;
  /**
   * POST every completion notice to this http(s) URL as an SNS HTTP(S) notification (see
   * src/transports/snsNotification.ts). It becomes the onNotification of the service startEmulator makes, so
   * it cannot be combined with a FaceDetectionService of your own or an `onNotification` of your
   * own (TypeError): there, the service's own option is the one that applies; give it
   * `onNotification: (notice, channel) => postNotification(url, notice, channel)` instead.
   */
  notifyUrl?: string;
  /** SigV4 verification, on when given: every request must be signed with one of these keys. */
  auth?: {
    credentials: SigV4Credentials | readonly SigV4Credentials[];
    /** The region signatures must be scoped to. Default: any. */
    region?: string;
    /** How far X-Amz-Date may be from the emulator's clock. Default 15 minutes. */
    maxSkewMs?: number;
    now?: () => Date;
  };
  /**
   * Called once per answered request with a one-line summary (method, path, operation, status,
   * error, request id), and once per notice delivery to `notifyUrl`. It never holds a header
   * value, a body or a secret.
   */
  log?: (line: string) => void;
}

export interface Emulator {
  /** `http://127.0.0.1:4566`: give it to the SDK as `endpoint`. */
  url: string;
  port: number;
  service: FaceDetectionService;
  /**
   * Stops listening, closes idle connections at once and busy ones after a short grace; notices
   * still being delivered to `notifyUrl` get the same grace, then give up.
   */
  close(): Promise<void>;
}

/** How long close() lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 1000;
/** After a 413, how much more of the body is read and thrown away, and for how long, so the client sees the answer. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const DRAIN_LIMIT_MS = 5000;
/** The most of a client's text (path, target, method) a log line or a message echoes. */
const ECHO_MAX = 100;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  if ('maxBodyBytes' in options)
    throw new TypeError("startEmulator takes no maxBodyBytes: the body cap is the service's (service: { maxBodyBytes })");
  const deliveries = new Deliveries();
  const service = makeService(options, deliveries);
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be from 0 to 65535, not ${port}`);

  const server = createServer({ keepAlive: true });
  // Filled in once the server listens; requests cannot arrive before that.
  let base = '';

  // A respond() of the service's own (a subclass's, a test's spy) answers through that; any other
  // answer is written in the tick it is ready.
  const serviceAnswer = (request: WireRequest) =>
    service.respond !== FaceDetectionService.prototype.respond ? service.respond(request) : service.respondNow(request);

  const answer = async (req: IncomingMessage, res: ServerResponse, body: Uint8Array | undefined | 'aborted'): Promise<void> => {
    // The path without its query: a presigned query is a credential until it expires.
    const summary = options.log
      ? (status: number, error: string | undefined, rid: string) => {
          try {
            options.log?.(
              `${req.method ?? '?'} ${clip((req.url ?? '').split('?')[0]!, ECHO_MAX)} ${clip(headerOf(req, 'x-amz-target') ?? '-', ECHO_MAX)} ${status}${error ? ` ${error}` : ''} ${rid}`,
            );
          } catch {
            // A failing logger must not fail the answer.
          }
        }
      : undefined;
    try {
      if (body === undefined) {
        // Throw the rest away as it comes (never keeping it) so that the client, still sending, reads the answer.
        drain(req);
        return write(
          res,
          await serviceAnswer({ method: req.method ?? 'GET', header: (name) => headerOf(req, name), body: 'too-large' }),
          summary,
        );
      }
      if (body === 'aborted') return;

      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      // The common request, `POST /` unsigned, is read straight off Node's message: no URL or
      // fetch objects unless a signature needs checking or the target is absolute-form (or
      // `//host/`, which a URL reads as another origin).
      if (options.auth || !path.startsWith('/') || path.startsWith('//')) {
        let url: URL;
        let headers: Headers;
        try {
          url = new URL(path, base);
          headers = headersOf(req);
        } catch {
          return write(res, errorAnswer('SerializationException', 'The request line or its headers cannot be read', requestId()), summary);
        }
        if (!isRekognitionUrl(url, [base])) {
          return write(
            res,
            errorAnswer(
              'UnknownOperationException',
              `No operation of this service answers ${clip(method, ECHO_MAX)} ${clip(url.href, ECHO_MAX)}`,
              requestId(),
            ),
            summary,
          );
        }
        if (options.auth) {
          const failure = await verifySigV4(
            { method, url, headers, body },
            {
              credentials: options.auth.credentials,
              region: options.auth.region,
              now: options.auth.now,
              maxSkewMs: options.auth.maxSkewMs,
            },
          );
          if (failure) return write(res, errorAnswer(failure.error, failure.message, requestId()), summary);
        }
      }
      const request: WireRequest = { method, header: (name) => headerOf(req, name), body };
      const answered = serviceAnswer(request);
      write(res, answered instanceof Promise ? await answered : answered, summary);
    } catch (error) {
      // A bug of ours (or of a handler) answers in the service's format; it never takes the server down.
      const answer = errorAnswer('InternalServerError', `The emulator failed: ${(error as Error)?.message ?? String(error)}`, requestId());
      // Half an answer cannot be mended: cut the connection instead.
      if (res.headersSent) res.destroy();
      else {
        try {
          send(res, answer);
        } catch {
          res.destroy();
        }
      }
      summary?.(answer.status, 'InternalServerError', headerValue(answer.headers, 'x-amzn-requestid') ?? '-');
    }
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    readBody(req, service.maxBodyBytes, (body) => void answer(req, res, body));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => clientError(error, socket));
  // CONNECT and Upgrade requests are not HTTP requests the service answers.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    rawAnswer(socket, 400, 'UnknownOperationException', 'CONNECT is not supported; the service takes POST /'),
  );
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) =>
    rawAnswer(socket, 400, 'UnknownOperationException', 'Upgrade is not supported; the service takes POST /'),
  );

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  // A server error after listening (rare: EMFILE on accept) must not crash the process.
  server.on('error', () => undefined);

  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  base = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    service,
    close: () => (closing ??= Promise.all([closeServer(server, CLOSE_GRACE_MS), deliveries.close()]).then(() => undefined)),
  };
}

/** The service to serve: the one given, or one made from the options given, posting notices to notifyUrl. */
function makeService(options: EmulatorOptions, deliveries: Deliveries): FaceDetectionService {
  const { service, notifyUrl } = options;
  if (service instanceof FaceDetectionService && notifyUrl === undefined) return service;
  if (notifyUrl === undefined) return new FaceDetectionService(boundedOptions(service));
  const problem = notifyUrlProblem(notifyUrl);
  if (problem) throw new TypeError(`notifyUrl ${problem}`);
  if (service instanceof FaceDetectionService || service?.onNotification) {
    throw new TypeError(
      'notifyUrl cannot be combined with a service of your own or its onNotification: give that service onNotification calling postNotification instead',
    );
  }
  return new FaceDetectionService({
    ...boundedOptions(service),
    onNotification: (notice, channel) =>
      deliveries.track(postNotification(notifyUrl, notice, channel, { log: options.log, signal: deliveries.signal })),
  });
}

/** A service of the emulator's own serves as long as the emulator runs: it forgets finished jobs unless told otherwise. */
function boundedOptions(options: FaceDetectionServiceOptions = {}): FaceDetectionServiceOptions {
  return {
    ...options,
    jobRetentionMs: options.jobRetentionMs ?? DEFAULT_EMULATOR_JOB_RETENTION_MS,
    maxRetainedJobs: options.maxRetainedJobs ?? DEFAULT_EMULATOR_MAX_RETAINED_JOBS,
  };
}

/** The notices being delivered: close() lets them finish within the grace, then aborts the rest. */
class Deliveries {
  readonly #abort = new AbortController();
  readonly #pending = new Set<Promise<unknown>>();
  readonly signal = this.#abort.signal;

  track(delivery: Promise<unknown>): void {
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
  }

  async close(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([Promise.allSettled(this.#pending), grace]);
    clearTimeout(timer);
    this.#abort.abort();
  }
}

/**
 * Reads the body and calls `then` once with its bytes; undefined past `limit` (reading stops
 * there); 'aborted' when the client went away. A callback, not a promise: most bodies arrive in
 * the tick their request does, and are answered in it.
 */
function readBody(req: IncomingMessage, limit: number, then: (body: Uint8Array | undefined | 'aborted') => void): void {
  if (declaresMoreThan(req.headers['content-length'], limit)) {
    then(undefined);
    return;
  }
  const body = new LimitedBytes(limit);
  // Listeners stay on until the request is gone; only the first outcome counts. (An error on the
  // request closes it: 'close' before the end is the abort.)
  let settled = false;
  const done = (result: Uint8Array | undefined | 'aborted') => {
    if (settled) return;
    settled = true;
    then(result);
  };
  req.on('data', (chunk: Buffer) => {
    if (settled || body.add(chunk)) return;
    req.pause();
    done(undefined);
  });
  req.on('end', () => done(body.bytes()));
  req.on('close', () => {
    if (!req.complete) done('aborted');
  });
}

/** Throws away what is left of a body too large to read, within limits, so the client can read the 413. */
function drain(req: IncomingMessage): void {
  let size = 0;
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_LIMIT_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.on('close', () => clearTimeout(timer));
  req.resume();
}

/** A header's value, repeated headers joined with `, ` as fetch joins them (Node would keep the first Content-Type alone). */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  let value: string | undefined;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name)
      value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/** The request's headers as fetch Headers, repeated headers kept in order. Throws on a header fetch refuses. */
function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

function write(
  res: ServerResponse,
  answer: WireAnswer,
  summary: ((status: number, error: string | undefined, id: string) => void) | undefined,
): void {
  send(res, answer);
  summary?.(answer.status, answer.error, headerValue(answer.headers, 'x-amzn-requestid') ?? '-');
}

/**
 * Writes an answer to Node's ServerResponse: the body as a string, as the bare baseline writes it
 * (Node joins a string to the head it prepends), and nothing waits for the write to finish.
 */
function send(res: ServerResponse, answer: WireAnswer): void {
  if (res.destroyed || res.headersSent) return;
  // Headers as a flat list: Node writes them as they come, without a record of its own.
  const headers: string[] = [];
  for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  headers.push('content-length', String(Buffer.byteLength(answer.body)));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** An error answer written straight to a socket: one the HTTP parser gave up on, or a CONNECT/Upgrade. */
function rawAnswer(socket: Duplex, status: number, name: 'SerializationException' | 'UnknownOperationException', message: string): void {
  socket.on('error', () => undefined);
  if (!socket.writable || socket.destroyed) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(name, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nContent-Type: ${CONTENT_TYPE}\r\nx-amzn-RequestId: ${requestId()}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // end() flushes the answer; a client that never closes its side is cut after a second.
  setTimeout(() => socket.destroy(), 1000).unref();
}

function clientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET') return void socket.destroy();
  if (error.code === 'HPE_HEADER_OVERFLOW') rawAnswer(socket, 431, 'SerializationException', 'The request headers are too large');
  else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    rawAnswer(socket, 408, 'SerializationException', 'The request took too long to arrive');
  else rawAnswer(socket, 400, 'SerializationException', 'The request is not valid HTTP/1.1');
}
