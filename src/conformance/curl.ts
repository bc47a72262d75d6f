// A curl command that replays an exchange's request. Signing headers are dropped and curl signs
// afresh from environment variables, so no secret is ever printed.
import { headerValue } from '../contract/wire.js';
import type { Exchange } from './Exchange.js';

/**
 * Where `serve` listens by default, which a finding of the embedded mock is replayed against. The
 * emulator's defaults (src/transports/defaults.ts) are a transport's, which the conformance engine
 * may not import; test/emulator.test.ts holds the two equal.
 */
export const EMULATOR_DEFAULT_URL = 'http://127.0.0.1:4566/';

/** The headers that carry a credential, each with what a report shows of it: never the Authorization header in full. */
const CREDENTIAL_HEADERS = new Map<string, (value: string) => string>([
  [
    'authorization',
    (value) => value.replace(/Credential=[^,\s]+/, 'Credential=<redacted>').replace(/Signature=[0-9a-f]+/, 'Signature=<redacted>'),
  ],
  ['x-amz-security-token', () => '<redacted>'],
]);
/** The headers a replay leaves out: curl's --aws-sigv4 writes them afresh. */
const SIGNING_HEADERS = new Set([...CREDENTIAL_HEADERS.keys(), 'x-amz-date', 'x-amz-content-sha256', 'host', 'content-length']);

/** A string as one single-quoted shell word. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(request: Exchange['request'], region: string, url = request.url): string {
  const lines = [`curl -sS -i -X ${request.method} ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SIGNING_HEADERS.has(name.toLowerCase())) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  // Temporary credentials sign with their session token too: taken from the environment, like the keys.
  if (headerValue(request.headers, 'x-amz-security-token') !== undefined) lines.push(`-H "x-amz-security-token: $AWS_SESSION_TOKEN"`);
  lines.push(`--aws-sigv4 ${shellQuote(`aws:amz:${region}:rekognition`)} --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
  lines.push(`--data-binary ${shellQuote(request.body)}`);
  return lines.join(' \\\n  ');
}

/** The exchange with every credential-bearing header replaced, fit for a report. */
export function redacted(exchange: Exchange): Exchange {
  const headers = Object.fromEntries(
    Object.entries(exchange.request.headers).map(([name, value]) => {
      const redact = CREDENTIAL_HEADERS.get(name.toLowerCase());
      return [name, redact ? redact(value) : value];
    }),
  );
  return { ...exchange, request: { ...exchange.request, headers } };
}
