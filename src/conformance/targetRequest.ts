// Turns a TargetRequest into the HTTP request a client sends.
import { operations } from '../../generated/contract.js';
import { CONTENT_TYPE } from '../contract/wire.js';
import type { Exchange, TargetRequest } from './Exchange.js';

/** The HTTP request a client sends to `url` for a TargetRequest: its content type and X-Amz-Target, POST. */
export function httpRequestFor(url: string, request: TargetRequest): Exchange['request'] {
  const headers: Record<string, string> = { 'content-type': request.contentType ?? CONTENT_TYPE };
  const target = request.target !== undefined ? request.target : request.operation ? operations[request.operation].target : null;
  if (target !== null) headers['x-amz-target'] = target;
  return { method: 'POST', url, headers, body: request.body };
}
