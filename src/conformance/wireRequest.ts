// Turns a WireRequest into the HTTP request a client sends, and answers into Exchanges.
import { operations } from '../../generated/contract.js';
import { CONTENT_TYPE } from '../contract/wire.js';
import { headersOf, type Exchange, type WireRequest } from './Exchange.js';

export function httpRequestOf(url: string, wire: WireRequest): Exchange['request'] {
  const headers: Record<string, string> = { 'content-type': wire.contentType ?? CONTENT_TYPE };
  const target = wire.target !== undefined ? wire.target : wire.operation ? operations[wire.operation].target : null;
  if (target !== null) headers['x-amz-target'] = target;
  return { method: 'POST', url, headers, body: wire.body };
}

export async function exchangeOf(request: Exchange['request'], response: Response): Promise<Exchange> {
  return { request, response: { status: response.status, headers: headersOf(response.headers), body: await response.text() } };
}
