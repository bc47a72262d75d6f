// One request sent to a target and the answer it got, as the checks and reports see them.
import { errorCode, type OperationName } from '../contract/wire.js';
import type { GetFaceDetectionResponse } from '../../generated/types.js';

/** What a check asks a target to send: the target makes it an HTTP request (URL, signature, headers). */
export interface TargetRequest {
  /** The operation whose X-Amz-Target to send; `target` overrides it (null: send none). */
  operation?: OperationName;
  target?: string | null;
  /** The body, as sent: JSON text, or anything else for protocol checks. */
  body: string;
  contentType?: string;
}

export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

/** Text as JSON, or undefined when it is not JSON. */
// biome-ignore lint/suspicious/noExplicitAny: an endpoint's JSON has no shape until an oracle checks it, member by member.
export function jsonOf(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Each answer's body as JSON, parsed once: several oracles read the same answer, some of them a thousand faces long. */
const parsed = new WeakMap<Exchange['response'], unknown>();

/** The answer's body as JSON, or undefined when it is not JSON. Oracles read it and never change it. */
// biome-ignore lint/suspicious/noExplicitAny: as jsonOf.
export function responseJson(exchange: Exchange): any {
  const response = exchange.response;
  if (!parsed.has(response)) parsed.set(response, jsonOf(response.body));
  return parsed.get(response);
}

/** The error code an SDK reads from an answer: body `__type`, else `code`/`Code`, else the header. */
export function codeOf(exchange: Exchange): string | undefined {
  const body = responseJson(exchange);
  const type = body?.__type ?? body?.code ?? body?.Code ?? exchange.response.headers['x-amzn-errortype'];
  return typeof type === 'string' ? errorCode(type) : undefined;
}

/** One valid GetFaceDetection answer and the exchange that carried it. */
export interface Page {
  body: GetFaceDetectionResponse;
  exchange: Exchange;
}
