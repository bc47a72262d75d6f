// Which credentials signed an exchange, as its Authorization header names them: for messages that
// must say so without printing the signature.
import { headerValue } from '../contract/wire.js';
import type { Exchange } from './Exchange.js';

/** The access key id, region and signing name an exchange was signed with, as its Authorization header names them. */
export function signingOf(exchange: Exchange, fallbackRegion: string): string {
  const auth = headerValue(exchange.request.headers, 'authorization') ?? '';
  const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(auth);
  if (!scope) return `no signature was sent (region ${fallbackRegion}, signing name rekognition)`;
  return `access key id ${scope[1]}, region ${scope[2]}, signing name ${scope[3]}`;
}
