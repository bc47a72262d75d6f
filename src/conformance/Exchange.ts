// One request sent to a target and the answer it got, as the checks and reports see them.
import type { OperationName } from '../wire.js';

export interface WireRequest {
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

/** The answer's body as JSON, or undefined when it is not JSON. */
export function responseJson(exchange: Exchange): any {
  try {
    return JSON.parse(exchange.response.body);
  } catch {
    return undefined;
  }
}

export function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => (out[key] = value));
  return out;
}
