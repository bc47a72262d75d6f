// A curl command that replays an exchange's request. Signing headers are dropped and curl signs
// afresh from environment variables, so no secret is ever printed.
import type { Exchange } from './Exchange.js';

const SIGNING_HEADERS = new Set(['authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'host', 'content-length']);

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
  if (Object.keys(request.headers).some((name) => name.toLowerCase() === 'x-amz-security-token'))
    lines.push(`-H "x-amz-security-token: $AWS_SESSION_TOKEN"`);
  lines.push(`--aws-sigv4 ${shellQuote(`aws:amz:${region}:rekognition`)} --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
  lines.push(`--data-binary ${shellQuote(request.body)}`);
  return lines.join(' \\\n  ');
}

/** The exchange with every credential-bearing header replaced, fit for a report. */
export function redacted(exchange: Exchange): Exchange {
  const headers = Object.fromEntries(
    Object.entries(exchange.request.headers).map(([name, value]) => {
      const lower = name.toLowerCase();
      if (lower === 'authorization')
        return [name, value.replace(/Credential=[^,\s]+/, 'Credential=<redacted>').replace(/Signature=[0-9a-f]+/, 'Signature=<redacted>')];
      if (lower === 'x-amz-security-token') return [name, '<redacted>'];
      return [name, value];
    }),
  );
  return { ...exchange, request: { ...exchange.request, headers } };
}
