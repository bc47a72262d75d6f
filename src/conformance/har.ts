// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the format browsers' developer tools
// and many HTTP tools read: the few types a recording needs, an entry made from an exchange with
// its credentials reduced, and a recording read back. Written by hand: it is plain JSON.
import { CONTENT_TYPE, headerValue } from '../contract/wire.js';
import type { Exchange } from './Exchange.js';

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: [];
  headers: HarHeader[];
  queryString: [];
  postData?: { mimeType: string; text: string };
  headersSize: number;
  bodySize: number;
}

export interface HarResponse {
  /** 0 when no whole answer came (refused, reset, cut off): the comment says why. */
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: [];
  headers: HarHeader[];
  content: { size: number; mimeType: string; text?: string };
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarEntry {
  startedDateTime: string;
  /** Milliseconds from sending the request to the end of its answer. */
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** Which check and case sent the request (`check unknown-job, case unknown-job`), and why there was no answer if so. */
  comment?: string;
}

export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[]; comment?: string };
}

/** What a recording keeps of a credential header: the access key id and scope of a signature, nothing of a token. */
function withoutSecrets(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'x-amz-security-token') return '<redacted>';
  if (lower !== 'authorization') return value;
  // The scope (key id, date, region, service) says who signed; the signature is what must not leak.
  const sigv4 = /^(AWS4-HMAC-SHA256 Credential=[^,\s]+)/.exec(value);
  return sigv4 ? `${sigv4[1]}, Signature=<redacted>` : '<redacted>';
}

const headerList = (headers: Record<string, string>, redact: boolean): HarHeader[] =>
  Object.entries(headers).map(([name, value]) => ({ name, value: redact ? withoutSecrets(name, value) : value }));

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** One attempt as a HAR entry: the request as sent (signature and token reduced), the answer, or none (`response` undefined). */
export function harEntryOf(
  request: Exchange['request'],
  response: Exchange['response'] | undefined,
  { started, time, comment }: { started: Date; time: number; comment: string },
): HarEntry {
  const mimeType = headerValue(request.headers, 'content-type') ?? CONTENT_TYPE;
  const answered = response ?? { status: 0, headers: {}, body: '' };
  return {
    startedDateTime: started.toISOString(),
    time,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(request.headers, true),
      queryString: [],
      postData: { mimeType, text: request.body },
      headersSize: -1,
      bodySize: bytes(request.body),
    },
    response: {
      status: answered.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(answered.headers, false),
      content: { size: bytes(answered.body), mimeType: headerValue(answered.headers, 'content-type') ?? '', text: answered.body },
      redirectURL: '',
      headersSize: -1,
      bodySize: response ? bytes(answered.body) : -1,
    },
    cache: {},
    // The suite times the whole attempt, not its phases: all of it counts as waiting.
    timings: { send: 0, wait: time, receive: 0 },
    comment,
  };
}

/** A HAR 1.2 document of these entries. */
export function harOf(entries: HarEntry[], creator: { name: string; version: string }, comment?: string): Har {
  return { log: { version: '1.2', creator, entries, ...(comment ? { comment } : {}) } };
}

/** A HAR document read from text, or a TypeError saying what is wrong with it. */
export function readHar(text: string): Har {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`not JSON (${(error as Error).message})`);
  }
  const entries = (value as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) throw new TypeError('not a HAR document: no log.entries list');
  for (const [index, entry] of entries.entries()) {
    const e = entry as Partial<HarEntry> | null;
    if (typeof e?.request?.url !== 'string' || !Array.isArray(e.request.headers) || typeof e.response?.status !== 'number')
      throw new TypeError(`entry ${index + 1} of log.entries is not a HAR entry (request.url, request.headers, response.status)`);
  }
  return value as Har;
}

/** A HAR header list as a record, names in lower case. */
export function headersOf(headers: readonly HarHeader[]): Record<string, string> {
  return Object.fromEntries(headers.map(({ name, value }) => [name.toLowerCase(), value]));
}

/** The recorded exchange of an entry, as the checks read exchanges. */
export function exchangeOf(entry: HarEntry): Exchange {
  return {
    request: {
      method: entry.request.method,
      url: entry.request.url,
      headers: headersOf(entry.request.headers),
      body: entry.request.postData?.text ?? '',
    },
    response: { status: entry.response.status, headers: headersOf(entry.response.headers), body: entry.response.content?.text ?? '' },
  };
}
