// Any endpoint over HTTP: AWS itself, the emulator, another implementation. Requests are signed
// with SigV4 (@smithy/signature-v4) and sent once (the run waits out "later" answers itself);
// --rps caps the rate. Sent with node:http(s) over kept-alive connections: fetch costs several
// times the CPU a request, and a run sends thousands.
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Exchange } from './Exchange.js';
import type { Target } from './Target.js';
import { NoAnswerError } from './NoAnswerError.js';
import { httpRequestFor } from './targetRequest.js';
import { isLoopback } from './loopback.js';

export interface HttpTargetOptions {
  endpoint: string;
  /** Default: the region in the endpoint's host name, else us-east-1. */
  region?: string;
  /** Default: the standard AWS chain; on loopback with none configured, dummy credentials. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Most requests per second. */
  rps?: number;
  /** How long one request may take, its answer read to the end, before it counts as unanswered, in ms. Default 30 s on loopback, 60 s elsewhere. */
  answerTimeoutMs?: number;
}

function regionOf(url: string): string {
  return /\.([a-z]{2}(?:-[a-z]+)+-\d+)\./.exec(new URL(url).hostname)?.[1] ?? 'us-east-1';
}

/** How long a kept-alive connection may stay idle before it is closed. */
const IDLE_CONNECTION_MS = 4000;

/** How long one request may take, answer read to its end, before it counts as unanswered: on loopback, and elsewhere. */
export const LOCAL_ANSWER_TIMEOUT_MS = 30_000;
export const REMOTE_ANSWER_TIMEOUT_MS = 60_000;

/** The access key id the suite signs with on loopback when no credentials are configured. */
export const DUMMY_ACCESS_KEY_ID = 'AKIDCONFORMANCE';
const DUMMY = { accessKeyId: DUMMY_ACCESS_KEY_ID, secretAccessKey: 'conformance-dummy-secret' };

function credentialsFor(options: HttpTargetOptions, loopback: boolean): AwsCredentialIdentityProvider {
  if (options.credentials)
    return typeof options.credentials === 'function' ? options.credentials : async () => options.credentials as AwsCredentialIdentity;
  if (!loopback) return fromNodeProviderChain();
  // On loopback: credentials from the environment or the shared files, else dummies. Never the
  // full chain, whose last resort asks the instance metadata service over the network.
  let resolved: Promise<AwsCredentialIdentity> | undefined;
  return () =>
    (resolved ??= fromEnv()()
      .catch(() => fromIni()())
      .catch(() => DUMMY));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs `body` and reads the whole answer; rejects with a NoAnswerError when there is none. */
function post(url: URL, headers: Record<string, string>, body: string, agent: HttpAgent, timeoutMs: number): Promise<Exchange['response']> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, { method: 'POST', headers, agent });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error(`no whole answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    // Every failure of the socket or of the HTTP it carries: refused, reset, DNS, TLS, a garbled answer.
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(new NoAnswerError(error, timedOut));
    });
    request.once('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Cut off mid-body: Node ends the answer with 'close' and no 'end' (and may say 'error' first).
      response.on('error', () => undefined);
      response.once('close', () => {
        clearTimeout(timer);
        if (timedOut) return reject(new NoAnswerError(new Error(`no whole answer within ${timeoutMs / 1000} s`), true));
        if (!response.complete) return reject(new NoAnswerError(new Error('the answer was cut off')));
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers))
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });
}

export function httpTarget(options: HttpTargetOptions): Target {
  const url = new URL(options.endpoint).href;
  const loopback = isLoopback(url);
  const region = options.region ?? regionOf(url);
  const credentials = credentialsFor(options, loopback);
  // node:crypto's SHA-256 (the suite runs in Node): the pure-JS one costs a millisecond a request.
  const signer = new SignatureV4({ service: 'rekognition', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const interval = options.rps ? 1000 / options.rps : 0;
  const answerTimeoutMs = options.answerTimeoutMs ?? (loopback ? LOCAL_ANSWER_TIMEOUT_MS : REMOTE_ANSWER_TIMEOUT_MS);
  // An idle connection is dropped after a few seconds (as fetch does), before an endpoint drops it
  // under a request sent after a long wait (back-off, polling); a request in flight is not timed by it.
  const keep = { keepAlive: true, timeout: IDLE_CONNECTION_MS };
  const agent = url.startsWith('https:') ? new HttpsAgent(keep) : new HttpAgent(keep);
  let next = 0;
  let requests = 0;

  async function once(request: Exchange['request']): Promise<Exchange> {
    const u = new URL(request.url);
    const signed = await signer.sign({
      method: request.method,
      protocol: u.protocol,
      hostname: u.hostname,
      port: u.port ? Number(u.port) : undefined,
      path: u.pathname,
      query: {},
      headers: { ...request.headers, host: u.host },
      body: request.body,
    });
    if (interval) {
      // Wait right before sending, so that the spacing holds between requests as sent.
      const now = Date.now();
      next = Math.max(next, now);
      const wait = next - now;
      next += interval;
      if (wait > 0) await sleep(wait);
    }
    requests++;
    const response = await post(u, signed.headers, request.body, agent, answerTimeoutMs);
    return { request: { ...request, headers: signed.headers }, response };
  }

  return {
    name: url,
    url,
    region,
    jobsCost: !loopback,
    answerTimeoutMs,
    get requests() {
      return requests;
    },
    async send(sent) {
      return once(httpRequestFor(url, sent));
    },
    async close() {
      agent.destroy();
    },
  };
}
