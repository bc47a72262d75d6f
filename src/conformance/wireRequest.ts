// Turns a WireRequest into the HTTP request a client sends, and answers into Exchanges.
import { operations } from '../../generated/contract.js';
import { CONTENT_TYPE } from '../contract/wire.js';
import { headersOf, type Exchange, type WireRequest } from './Exchange.js';

/** The HTTP request a client sends to `url` for a WireRequest: its content type and X-Amz-Target, POST. */
export function httpRequestFor(url: string, wire: WireRequest): Exchange['request'] {
  const headers: Record<string, string> = { 'content-type': wire.contentType ?? CONTENT_TYPE };
  const target = wire.target !== undefined ? wire.target : wire.operation ? operations[wire.operation].target : null;
  if (target !== null) headers['x-amz-target'] = target;
  return { method: 'POST', url, headers, body: wire.body };
}

/** The exchange of a request and the fetch Response it got, the body read as text. */
export async function exchangeFrom(request: Exchange['request'], response: Response): Promise<Exchange> {
  return { request, response: { status: response.status, headers: headersOf(response.headers), body: await response.text() } };
}
