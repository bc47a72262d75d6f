// Verifies an AWS Signature Version 4 as Rekognition's front door does: the Authorization header
// (or a presigned query), the access key, the clock skew, the credential scope and the signature
// itself, recomputed with @smithy/signature-v4 over exactly the headers the client signed. Answers
// with the error name and message the service would send. Works wherever fetch's Headers and
// TextEncoder exist; never logs, and never echoes a secret, a signature or the Authorization header.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ErrorName } from '../../generated/contract.js';
import { toHex } from '../contract/bytes.js';
import { clip } from './clip.js';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests with this key must carry it as X-Amz-Security-Token. */
  sessionToken?: string;
}

export interface VerifySigV4Options {
  /** The keys the service knows. */
  credentials: SigV4Credentials | readonly SigV4Credentials[];
  /** The signing name the credential scope must name. Default `rekognition`. */
  service?: string;
  /** The region the credential scope must name. Without it, any region the scope names. */
  region?: string;
  /** The service's clock. Default `() => new Date()`. */
  now?: () => Date;
  /** How far the request's X-Amz-Date may be from `now`, either way. Default 15 minutes. */
  maxSkewMs?: number;
}

/** What verifySigV4 needs of a request: a fetch Request's parts, with the body already read. */
export interface SignedRequest {
  method: string;
  /** The absolute URL: its path and query are signed. */
  url: string | URL;
  /** A fetch Headers, or Node's `IncomingMessage.headers`. */
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  body?: Uint8Array | ArrayBuffer | string | null;
}

export type SigV4ErrorName = Extract<
  ErrorName,
  'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'InvalidSignatureException' | 'UnrecognizedClientException'
>;

export interface SigV4Failure {
  error: SigV4ErrorName;
  message: string;
}

const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HEADER_NAME_LIST = /^[a-z0-9!#$%&'*+.^_`|~-]+(?:;[a-z0-9!#$%&'*+.^_`|~-]+)*$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
/** The most of a client's value a message echoes. */
const ECHO_MAX = 64;

const MESSAGES = {
  missing: 'Missing Authentication Token',
  unknownKey: 'The security token included in the request is invalid.',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
} as const;

/** The parts of a signature, from the Authorization header or from the query. */
interface SignatureParts {
  presigned: boolean;
  credential: string;
  signedHeaders: string;
  signature: string;
  date: string;
  /** Presigned only: X-Amz-Expires, in seconds. */
  expires?: number;
  /** X-Amz-Security-Token, header or query. */
  sessionToken: string | undefined;
}

const incomplete = (message: string): SigV4Failure => ({ error: 'IncompleteSignatureException', message });
const invalid = (message: string): SigV4Failure => ({ error: 'InvalidSignatureException', message });

/**
 * Checks a request's SigV4 signature. Answers `undefined` when it is valid, else the error the
 * service would answer and its message.
 */
export async function verifySigV4(request: SignedRequest, options: VerifySigV4Options): Promise<SigV4Failure | undefined> {
  const headers = toHeaders(request.headers);
  let url: URL;
  try {
    url = new URL(String(request.url));
  } catch {
    return incomplete('The request URL cannot be parsed.');
  }

  const parts = signatureParts(headers, url.searchParams);
  if (!parts || 'error' in parts) return parts ?? { error: 'MissingAuthenticationTokenException', message: MESSAGES.missing };

  const scope = parseScope(parts.credential);
  if ('error' in scope) return scope;
  const names = parts.signedHeaders.split(';');
  if (!names.includes('host')) return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const signingDate = parseBasicDate(parts.date);
  if (!signingDate)
    return incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${clip(parts.date, ECHO_MAX)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );

  const list = Array.isArray(options.credentials) ? options.credentials : [options.credentials as SigV4Credentials];
  const credentials = list.find((c) => c.accessKeyId === scope.accessKeyId);
  if (!credentials) return { error: 'UnrecognizedClientException', message: MESSAGES.unknownKey };
  if (
    (credentials.sessionToken !== undefined || parts.sessionToken !== undefined) &&
    !sameString(credentials.sessionToken ?? '', parts.sessionToken ?? '')
  ) {
    return { error: 'UnrecognizedClientException', message: MESSAGES.unknownKey };
  }

  const timing = checkTime(parts, signingDate, (options.now ?? (() => new Date()))(), options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS);
  if (timing) return timing;
  if (scope.date !== parts.date.slice(0, 8)) {
    return invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${parts.date.slice(0, 8)}', from '${parts.presigned ? 'X-Amz-Date' : 'x-amz-date'}'.`,
    );
  }
  const service = options.service ?? 'rekognition';
  if (scope.service !== service) return invalid(`Credential should be scoped to correct service: '${service}'.`);
  if (options.region !== undefined && scope.region !== options.region)
    return invalid(`Credential should be scoped to a valid region, not '${clip(scope.region, ECHO_MAX)}'.`);

  const body = toBytes(request.body);
  const declaredHash = headers.get('x-amz-content-sha256');
  if (declaredHash !== null && declaredHash.toLowerCase() !== (await sha256Hex(body))) {
    return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const expected = await expectedSignature(url, request.method, headers, names, body, parts, signingDate, {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(parts.sessionToken !== undefined ? { sessionToken: parts.sessionToken } : {}),
    region: scope.region,
    service: scope.service,
  });
  return expected !== undefined && sameString(expected, parts.signature) ? undefined : invalid(MESSAGES.mismatch);
}

function toHeaders(headers: SignedRequest['headers']): Headers {
  if (headers instanceof Headers) return headers;
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    try {
      for (const v of typeof value === 'string' ? [value] : value) result.append(name, v);
    } catch {
      // A name or value fetch refuses cannot have been signed by an SDK; leave it out.
    }
  }
  return result;
}

function signatureParts(headers: Headers, query: URLSearchParams): SignatureParts | SigV4Failure | undefined {
  const authorization = headers.get('authorization')?.trim() || undefined;
  const presigned = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'].some((name) => query.has(name));
  if (authorization !== undefined && presigned) {
    return incomplete(
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.',
    );
  }
  if (authorization !== undefined) return headerParts(authorization, headers);
  if (presigned) return queryParts(query);
  return undefined;
}

function headerParts(authorization: string, headers: Headers): SignatureParts | SigV4Failure {
  const space = authorization.search(/\s/);
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM)
    return incomplete(`Authorization header must use the '${SIGV4_ALGORITHM}' algorithm, not '${clip(algorithm, ECHO_MAX)}'.`);
  const params = new Map<string, string>();
  for (const pair of (space < 0 ? '' : authorization.slice(space)).split(',')) {
    const text = pair.trim();
    if (text === '') continue;
    const equals = text.indexOf('=');
    if (equals < 0)
      return incomplete(
        `'${clip(text.split('=')[0] ?? '', ECHO_MAX)}' not a valid key=value pair (missing equal-sign) in Authorization header.`,
      );
    const key = text.slice(0, equals);
    if (params.has(key)) return incomplete(`Authorization header has the '${clip(key, ECHO_MAX)}' parameter more than once.`);
    params.set(key, text.slice(equals + 1));
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((key) => !params.get(key))
    .map((key) => `Authorization header requires '${key}' parameter.`);
  const date = headers.get('x-amz-date') ?? undefined;
  if (date === undefined) missing.push("Authorization header requires existence of a 'X-Amz-Date' header.");
  if (missing.length > 0) return incomplete(missing.join(' '));
  return checkedParts({
    presigned: false,
    credential: params.get('Credential')!,
    signedHeaders: params.get('SignedHeaders')!,
    signature: params.get('Signature')!,
    date: date!,
    sessionToken: headers.get('x-amz-security-token') ?? undefined,
  });
}

function queryParts(query: URLSearchParams): SignatureParts | SigV4Failure {
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
  const repeated = required.find((name) => query.getAll(name).length > 1);
  if (repeated) return incomplete(`The query-string parameter '${repeated}' is given more than once.`);
  if (required.some((name) => !query.get(name))) {
    return incomplete(
      `AWS query-string parameters must include ${required.map((n) => `'${n}'`).join(', ')}. Re-examine the query-string parameters.`,
    );
  }
  const algorithm = query.get('X-Amz-Algorithm')!;
  if (algorithm !== SIGV4_ALGORITHM) return incomplete(`X-Amz-Algorithm must be '${SIGV4_ALGORITHM}', not '${clip(algorithm, ECHO_MAX)}'.`);
  const expiresText = query.get('X-Amz-Expires')!;
  const expires = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : NaN;
  if (!(expires >= 1 && expires <= MAX_PRESIGNED_EXPIRES_SECONDS)) {
    return incomplete(
      `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGNED_EXPIRES_SECONDS}, not '${clip(expiresText, ECHO_MAX)}'.`,
    );
  }
  return checkedParts({
    presigned: true,
    credential: query.get('X-Amz-Credential')!,
    signedHeaders: query.get('X-Amz-SignedHeaders')!,
    signature: query.get('X-Amz-Signature')!,
    date: query.get('X-Amz-Date')!,
    expires,
    sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
  });
}

function checkedParts(parts: SignatureParts): SignatureParts | SigV4Failure {
  const where = parts.presigned ? 'X-Amz-SignedHeaders' : 'SignedHeaders';
  if (!HEADER_NAME_LIST.test(parts.signedHeaders)) return incomplete(`${where} must list lowercase header names separated by ';'.`);
  if (!SIGNATURE.test(parts.signature))
    return incomplete(`${parts.presigned ? 'X-Amz-Signature' : 'Signature'} must be 64 lowercase hexadecimal characters.`);
  return parts;
}

interface Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

function parseScope(credential: string): Scope | SigV4Failure {
  const elements = credential.split('/');
  if (elements.length !== 5 || elements.some((e) => e === '')) {
    return incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${clip(credential, ECHO_MAX)}'.`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = elements as [string, string, string, string, string];
  if (terminator !== 'aws4_request')
    return incomplete(`Credential should be scoped with a valid terminator: 'aws4_request', not '${clip(terminator, ECHO_MAX)}'.`);
  if (!/^\d{8}$/.test(date)) return incomplete(`Credential date must be YYYYMMDD, not '${clip(date, ECHO_MAX)}'.`);
  return { accessKeyId, date, region, service };
}

function parseBasicDate(text: string): Date | undefined {
  const m = BASIC_DATE.exec(text);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) || formatBasicDate(date) !== text ? undefined : date;
}

function formatBasicDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function checkTime(parts: SignatureParts, signed: Date, now: Date, maxSkewMs: number): SigV4Failure | undefined {
  const skew = `${Math.round(maxSkewMs / 60_000)} min.`;
  if (parts.presigned) {
    // A presigned request is good from its date (less the skew) until its date plus X-Amz-Expires.
    const until = signed.getTime() + parts.expires! * 1000;
    if (now.getTime() > until) {
      return invalid(
        `Signature expired: ${parts.date} is now earlier than ${formatBasicDate(new Date(now.getTime() - parts.expires! * 1000))} (${formatBasicDate(now)} - ${parts.expires} sec.)`,
      );
    }
  } else if (signed.getTime() < now.getTime() - maxSkewMs) {
    return invalid(
      `Signature expired: ${parts.date} is now earlier than ${formatBasicDate(new Date(now.getTime() - maxSkewMs))} (${formatBasicDate(now)} - ${skew})`,
    );
  }
  if (signed.getTime() > now.getTime() + maxSkewMs) {
    return invalid(
      `Signature not yet current: ${parts.date} is still later than ${formatBasicDate(new Date(now.getTime() + maxSkewMs))} (${formatBasicDate(now)} + ${skew})`,
    );
  }
  return undefined;
}

interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  service: string;
}

/** The signature the client should have sent, recomputed over exactly the headers it signed. */
async function expectedSignature(
  url: URL,
  method: string,
  headers: Headers,
  names: readonly string[],
  body: Uint8Array,
  parts: SignatureParts,
  signingDate: Date,
  key: SigningKey,
): Promise<string | undefined> {
  const signedHeaders: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) signedHeaders[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    if (name === 'X-Amz-Signature') continue;
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      ...(key.sessionToken !== undefined ? { sessionToken: key.sessionToken } : {}),
    },
    region: key.region,
    service: key.service,
    sha256: Sha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const toSign = {
    method: method.toUpperCase(),
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query,
    headers: signedHeaders,
    body,
  };
  try {
    if (parts.presigned) {
      const presigned = await signer.presign(toSign, {
        signingDate,
        expiresIn: parts.expires!,
        signingRegion: key.region,
        signingService: key.service,
        unhoistableHeaders: new Set(names),
      });
      const signature = presigned.query?.['X-Amz-Signature'];
      return typeof signature === 'string' ? signature : undefined;
    }
    const signed = await signer.sign(toSign, { signingDate, signingRegion: key.region, signingService: key.service });
    return /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization ?? ''))?.[1];
  } catch {
    return undefined;
  }
}

function toBytes(body: SignedRequest['body']): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return new TextEncoder().encode(body);
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const hash = new Sha256();
  hash.update(bytes);
  return toHex(await hash.digest());
}

/** Compares two strings in time that depends on their lengths alone, not on where they differ. */
function sameString(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}
