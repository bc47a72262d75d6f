// verifySigV4 against what the real SDK signs, then tampered with one way at a time; and the same
// failures over the emulator with auth on, where the SDK must get the right exception and the
// service must never see the call.
import { Sha256 } from '@aws-crypto/sha256-js';
import { GetFaceDetectionCommand, RekognitionServiceException, StartFaceDetectionCommand } from '@aws-sdk/client-rekognition';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { verifySigV4, type SignedRequest, type VerifySigV4Options } from '../src/transports/verifySigV4.js';
import { afterSigning, bodyText, client, credentials, failure, flipLastLetter, signedBySdk, video } from './aws-sdk.js';

type Signed = Awaited<ReturnType<typeof signedBySdk>>;

let signed: Signed;
let signedAt: Date;
beforeAll(async () => {
  signed = await signedBySdk();
  signedAt = basicDate(signed.headers['x-amz-date']!);
});

function basicDate(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)!;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

const MINUTE = 60_000;
const verify = (request: SignedRequest, options: Partial<VerifySigV4Options> = {}) =>
  verifySigV4(request, { credentials, now: () => signedAt, ...options });

/** A copy of the signed request with one header set (or removed, for undefined). */
function withHeader(name: string, value: string | undefined): Signed {
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([key]) => key.toLowerCase() !== name));
  if (value !== undefined) headers[name] = value;
  return { ...signed, headers };
}

/** A copy with the Authorization header rewritten. */
const withAuthorization = (change: (authorization: string) => string) => withHeader('authorization', change(signed.headers.authorization!));

describe('verifySigV4', () => {
  it('passes the request the SDK signed: as a plain header record, as fetch Headers, and with the body as bytes', async () => {
    expect(signed.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/rekognition\/aws4_request, SignedHeaders=\S*host\S*, Signature=[0-9a-f]{64}$/,
    );
    expect(await verify(signed)).toBeUndefined();
    expect(await verify({ ...signed, headers: new Headers(signed.headers) })).toBeUndefined();
    expect(await verify({ ...signed, body: new TextEncoder().encode(signed.body) })).toBeUndefined();
    expect(await verify(signed, { region: 'us-east-1', maxSkewMs: 15 * MINUTE })).toBeUndefined();
    // within the skew, either way
    expect(await verify(signed, { now: () => new Date(signedAt.getTime() + 14 * MINUTE) })).toBeUndefined();
    expect(await verify(signed, { now: () => new Date(signedAt.getTime() - 14 * MINUTE) })).toBeUndefined();
  });

  it('finds the key among several', async () => {
    const others = [{ accessKeyId: 'AKIDOTHER', secretAccessKey: 'other' }, credentials];
    expect(await verify(signed, { credentials: others })).toBeUndefined();
  });

  const mismatch =
    /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\./;
  const cases: [
    label: string,
    request: () => SignedRequest | Promise<SignedRequest>,
    options: Partial<VerifySigV4Options>,
    error: string,
    message: RegExp,
  ][] = [
    [
      'no Authorization header',
      () => withHeader('authorization', undefined),
      {},
      'MissingAuthenticationTokenException',
      /^Missing Authentication Token$/,
    ],
    [
      'an empty Authorization header',
      () => withHeader('authorization', ' '),
      {},
      'MissingAuthenticationTokenException',
      /^Missing Authentication Token$/,
    ],
    [
      'another scheme',
      () => withHeader('authorization', 'Bearer abc'),
      {},
      'IncompleteSignatureException',
      /must use the 'AWS4-HMAC-SHA256' algorithm, not 'Bearer'/,
    ],
    [
      'the algorithm alone',
      () => withHeader('authorization', 'AWS4-HMAC-SHA256'),
      {},
      'IncompleteSignatureException',
      /requires 'Credential' parameter\. .*requires 'Signature' parameter\. .*requires 'SignedHeaders' parameter\./,
    ],
    [
      'no Credential',
      () => withAuthorization((a) => a.replace(/Credential=[^,]*, /, '')),
      {},
      'IncompleteSignatureException',
      /^Authorization header requires 'Credential' parameter\.$/,
    ],
    [
      'no SignedHeaders',
      () => withAuthorization((a) => a.replace(/SignedHeaders=[^,]*, /, '')),
      {},
      'IncompleteSignatureException',
      /^Authorization header requires 'SignedHeaders' parameter\.$/,
    ],
    [
      'no Signature',
      () => withAuthorization((a) => a.replace(/, Signature=.*$/, '')),
      {},
      'IncompleteSignatureException',
      /^Authorization header requires 'Signature' parameter\.$/,
    ],
    [
      'an empty Signature',
      () => withAuthorization((a) => a.replace(/Signature=.*$/, 'Signature=')),
      {},
      'IncompleteSignatureException',
      /requires 'Signature' parameter/,
    ],
    [
      'a short Signature',
      () => withAuthorization((a) => a.slice(0, -1)),
      {},
      'IncompleteSignatureException',
      /^Signature must be 64 lowercase hexadecimal characters\.$/,
    ],
    [
      'an uppercase Signature',
      () => withAuthorization((a) => a.replace(/Signature=(.*)$/, (_, s: string) => `Signature=${s.toUpperCase()}`)),
      {},
      'IncompleteSignatureException',
      /^Signature must be 64/,
    ],
    [
      'a pair without =',
      () => withAuthorization((a) => `${a}, Junk`),
      {},
      'IncompleteSignatureException',
      /'Junk' not a valid key=value pair \(missing equal-sign\)/,
    ],
    [
      'a parameter twice',
      () => withAuthorization((a) => `${a}, Signature=${'0'.repeat(64)}`),
      {},
      'IncompleteSignatureException',
      /'Signature' parameter more than once/,
    ],
    [
      'a Credential of 4 elements',
      () => withAuthorization((a) => a.replace('/aws4_request', '')),
      {},
      'IncompleteSignatureException',
      /^Credential must have exactly 5 slash-delimited elements, e\.g\. keyid\/date\/region\/service\/term, got 'AKIDEXAMPLE\/\d{8}\/us-east-1\/rekognition'\.$/,
    ],
    [
      'a Credential with an empty element',
      () => withAuthorization((a) => a.replace('/us-east-1/', '//')),
      {},
      'IncompleteSignatureException',
      /exactly 5 slash-delimited elements/,
    ],
    [
      'another terminator',
      () => withAuthorization((a) => a.replace('aws4_request', 'aws5_request')),
      {},
      'IncompleteSignatureException',
      /^Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'\.$/,
    ],
    [
      'a Credential date not YYYYMMDD',
      () => withAuthorization((a) => a.replace(/\/\d{8}\//, '/2024-1-1/')),
      {},
      'IncompleteSignatureException',
      /^Credential date must be YYYYMMDD/,
    ],
    [
      'SignedHeaders in capitals',
      () => withAuthorization((a) => a.replace('SignedHeaders=', 'SignedHeaders=Host;')),
      {},
      'IncompleteSignatureException',
      /^SignedHeaders must list lowercase header names separated by ';'\.$/,
    ],
    [
      'host not signed',
      () => withAuthorization((a) => a.replace(/;host;/, ';')),
      {},
      'IncompleteSignatureException',
      /^'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization\.$/,
    ],
    [
      'no X-Amz-Date',
      () => withHeader('x-amz-date', undefined),
      {},
      'IncompleteSignatureException',
      /^Authorization header requires existence of a 'X-Amz-Date' header\.$/,
    ],
    [
      'X-Amz-Date not in basic format',
      () => withHeader('x-amz-date', signedAt.toISOString()),
      {},
      'IncompleteSignatureException',
      /^Date must be in ISO-8601 'basic format'\. Got '\d{4}-/,
    ],
    [
      'X-Amz-Date on no calendar',
      () => withHeader('x-amz-date', '20240231T000000Z'),
      {},
      'IncompleteSignatureException',
      /^Date must be in ISO-8601 'basic format'/,
    ],
    [
      'an unknown access key',
      () => withAuthorization((a) => a.replace('AKIDEXAMPLE', 'AKIDUNKNOWN')),
      {},
      'UnrecognizedClientException',
      /^The security token included in the request is invalid\.$/,
    ],
    [
      'a security token the key does not have',
      () => withHeader('x-amz-security-token', 'token'),
      {},
      'UnrecognizedClientException',
      /^The security token included in the request is invalid\.$/,
    ],
    [
      'expired: the clock 16 minutes on',
      () => signed,
      { now: () => new Date(signedAt.getTime() + 16 * MINUTE) },
      'InvalidSignatureException',
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    ],
    [
      'not yet current: the clock 16 minutes back',
      () => signed,
      { now: () => new Date(signedAt.getTime() - 16 * MINUTE) },
      'InvalidSignatureException',
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    ],
    [
      'a tighter skew',
      () => signed,
      { now: () => new Date(signedAt.getTime() + 2 * MINUTE), maxSkewMs: MINUTE },
      'InvalidSignatureException',
      /^Signature expired: .*- 1 min\.\)$/,
    ],
    [
      'a Credential date that is not the X-Amz-Date day',
      () => withAuthorization((a) => a.replace(/\/\d{8}\//, '/20000101/')),
      {},
      'InvalidSignatureException',
      /^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20000101' != '\d{8}'/,
    ],
    [
      "another region than the service's",
      () => signed,
      { region: 'eu-west-1' },
      'InvalidSignatureException',
      /^Credential should be scoped to a valid region, not 'us-east-1'\.$/,
    ],
    [
      'another service',
      () => signed,
      { service: 'textract' },
      'InvalidSignatureException',
      /^Credential should be scoped to correct service: 'textract'\.$/,
    ],
    [
      'a tampered body (X-Amz-Content-Sha256 kept)',
      () => ({ ...signed, body: signed.body.replace('lobby.mp4', 'other.mp4') }),
      {},
      'InvalidSignatureException',
      /^The provided 'x-amz-content-sha256' header does not match what was computed\.$/,
    ],
    [
      'a tampered body (X-Amz-Content-Sha256 dropped)',
      () => ({ ...withHeader('x-amz-content-sha256', undefined), body: signed.body.replace('lobby.mp4', 'other.mp4') }),
      {},
      'InvalidSignatureException',
      mismatch,
    ],
    ['a tampered body (X-Amz-Content-Sha256 recomputed)', () => tamperedBodyRehashed(), {}, 'InvalidSignatureException', mismatch],
    [
      'a tampered X-Amz-Target',
      () => withHeader('x-amz-target', 'RekognitionService.GetFaceDetection'),
      {},
      'InvalidSignatureException',
      mismatch,
    ],
    ['a signed header dropped', () => withHeader('x-amz-user-agent', undefined), {}, 'InvalidSignatureException', mismatch],
    ['another Host', () => withHeader('host', 'rekognition.us-east-1.amazonaws.com'), {}, 'InvalidSignatureException', mismatch],
    ['another path', () => ({ ...signed, url: `${signed.url}v2` }), {}, 'InvalidSignatureException', mismatch],
    ['another method', () => ({ ...signed, method: 'PUT' }), {}, 'InvalidSignatureException', mismatch],
    [
      'a wrong secret',
      () => signed,
      { credentials: { ...credentials, secretAccessKey: 'not-the-secret' } },
      'InvalidSignatureException',
      mismatch,
    ],
    [
      'a Signature off by one digit',
      () => withAuthorization((a) => a.replace(/.$/, (d) => (d === '0' ? '1' : '0'))),
      {},
      'InvalidSignatureException',
      mismatch,
    ],
  ];

  it.each(cases)('%s', async (_, request, options, error, message) => {
    const failure = await verify(await request(), options);
    expect(failure).toEqual({ error, message: expect.stringMatching(message) });
  });

  it('never echoes the secret, the signature or the Authorization header', async () => {
    const signature = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization!)![1]!;
    const messages = await Promise.all(cases.map(async ([, request, options]) => (await verify(await request(), options))!.message));
    for (const message of messages) {
      expect(message).not.toContain(credentials.secretAccessKey);
      expect(message).not.toContain(signature);
      expect(message).not.toContain('AWS4-HMAC-SHA256 Credential=');
    }
  });

  it("checks a session token: the key's own passes, another or none is refused", async () => {
    const temporary = { ...credentials, sessionToken: 'FwoGZXIvYXdzEXAMPLE' };
    const withToken = await signedBySdk(undefined, { credentials: temporary });
    expect(withToken.headers['x-amz-security-token']).toBe(temporary.sessionToken);
    const now = () => basicDate(withToken.headers['x-amz-date']!);
    expect(await verifySigV4(withToken, { credentials: temporary, now })).toBeUndefined();
    expect(await verifySigV4(withToken, { credentials: { ...temporary, sessionToken: 'other' }, now })).toMatchObject({
      error: 'UnrecognizedClientException',
    });
    expect(await verifySigV4(signed, { credentials: temporary, now: () => signedAt })).toMatchObject({
      error: 'UnrecognizedClientException',
    });
  });

  describe('a presigned query', () => {
    const body = JSON.stringify({ Video: video });
    const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'rekognition', sha256: Sha256 });
    const at = new Date('2024-05-01T12:00:00Z');

    async function presigned(): Promise<SignedRequest & { headers: Record<string, string> }> {
      const request = await signer.presign(
        {
          method: 'POST',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: 4566,
          path: '/',
          query: {},
          headers: {
            host: '127.0.0.1:4566',
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'RekognitionService.StartFaceDetection',
          },
          body,
        },
        { signingDate: at, expiresIn: 300 },
      );
      const query = new URLSearchParams(request.query as Record<string, string>);
      return { method: 'POST', url: `http://127.0.0.1:4566/?${query}`, headers: request.headers, body };
    }

    it('passes while good, and fails expired, tampered or incomplete', async () => {
      const request = await presigned();
      expect(request.url).toContain('X-Amz-Signature=');
      expect(await verify(request, { now: () => at })).toBeUndefined();
      expect(await verify(request, { now: () => new Date(at.getTime() + 299_000) })).toBeUndefined();
      expect(await verify(request, { now: () => new Date(at.getTime() + 301_000) })).toEqual({
        error: 'InvalidSignatureException',
        message: 'Signature expired: 20240501T120000Z is now earlier than 20240501T120001Z (20240501T120501Z - 300 sec.)',
      });
      expect(await verify({ ...request, body: body.replace('lobby', 'other') }, { now: () => at })).toEqual({
        error: 'InvalidSignatureException',
        message: expect.stringMatching(mismatch),
      });
      const incomplete = { ...request, url: String(request.url).replace(/&?X-Amz-Signature=[0-9a-f]+/, '') };
      expect(await verify(incomplete, { now: () => at })).toEqual({
        error: 'IncompleteSignatureException',
        message: expect.stringMatching(
          /^AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'\./,
        ),
      });
      const both = { ...request, headers: { ...request.headers, authorization: signed.headers.authorization! } };
      expect(await verify(both, { now: () => at })).toMatchObject({
        error: 'IncompleteSignatureException',
        message: expect.stringMatching(/^Only one auth mechanism allowed/),
      });
    });
  });
});

/** The body changed and X-Amz-Content-Sha256 recomputed to match it: only the signature can tell. */
async function tamperedBodyRehashed(): Promise<SignedRequest> {
  const body = signed.body.replace('lobby.mp4', 'other.mp4');
  const hash = new Sha256();
  hash.update(new TextEncoder().encode(body));
  const hex = Array.from(await hash.digest(), (b) => b.toString(16).padStart(2, '0')).join('');
  return { ...withHeader('x-amz-content-sha256', hex), body };
}

describe('over the emulator with auth on', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, auth: { credentials } });
  });
  afterAll(() => emulator.close());

  it('a correctly signed call reaches the service', async () => {
    const { JobId } = await client(emulator.url).send(new StartFaceDetectionCommand({ Video: video }));
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
    expect(emulator.service.calls).toHaveLength(1);
    emulator.service.reset();
  });

  const refused: [label: string, error: string, make: () => ReturnType<typeof client>][] = [
    [
      'an unknown access key',
      'UnrecognizedClientException',
      () => client(emulator.url, { credentials: { ...credentials, accessKeyId: 'AKIDUNKNOWN' } }),
    ],
    [
      'a wrong secret',
      'InvalidSignatureException',
      () => client(emulator.url, { credentials: { ...credentials, secretAccessKey: 'not-the-secret' } }),
    ],
    ['a clock 16 minutes slow', 'InvalidSignatureException', () => client(emulator.url, { systemClockOffset: -16 * MINUTE })],
    ['a clock 16 minutes fast', 'InvalidSignatureException', () => client(emulator.url, { systemClockOffset: 16 * MINUTE })],
    [
      'a body tampered after signing',
      'InvalidSignatureException',
      () =>
        afterSigning(client(emulator.url), (request) => {
          // as long as before: the server reads Content-Length bytes
          request.body = flipLastLetter(bodyText(request.body));
        }),
    ],
    [
      'a target tampered after signing',
      'InvalidSignatureException',
      () =>
        afterSigning(client(emulator.url), (request) => {
          request.headers['x-amz-target'] = request.headers['x-amz-target']!.endsWith('.StartFaceDetection')
            ? 'RekognitionService.GetFaceDetection'
            : 'RekognitionService.StartFaceDetection';
        }),
    ],
    [
      'a malformed Authorization',
      'IncompleteSignatureException',
      () =>
        afterSigning(client(emulator.url), (request) => {
          request.headers.authorization = request.headers.authorization!.replace(/, Signature=.*$/, '');
        }),
    ],
    [
      'no Authorization',
      'MissingAuthenticationTokenException',
      () =>
        afterSigning(client(emulator.url), (request) => {
          delete request.headers.authorization;
        }),
    ],
  ];

  // A new client for each call: the SDK corrects its clock from a skew error's Date header.
  it.each(refused)('%s: the SDK throws %s and the service never sees the call', async (_, error, make) => {
    const start = await failure(make().send(new StartFaceDetectionCommand({ Video: video })));
    expect(start).toBeInstanceOf(RekognitionServiceException);
    expect(start.name).toBe(error);
    expect(start.$fault).toBe('client');
    expect(start.$metadata.httpStatusCode).toBe(400);
    expect(start.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(start).not.toHaveProperty('JobId');
    const get = await failure(make().send(new GetFaceDetectionCommand({ JobId: 'a'.repeat(64) })));
    expect(get.name).toBe(error);
    expect(emulator.service.calls).toEqual([]);
    expect(emulator.service.jobs).toEqual([]);
  });

  it("an unsigned raw request: MissingAuthenticationTokenException in the service's format", async () => {
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'RekognitionService.StartFaceDetection' },
      body: JSON.stringify({ Video: video }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(emulator.service.calls).toEqual([]);
  });
});
