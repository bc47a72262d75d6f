// A fetch Request's body, read no further than the service takes.
import { declaresMoreThan, LimitedBytes } from '../contract/bytes.js';

/** The body's bytes, or undefined past `limit` (read no further than that). */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (declaresMoreThan(request.headers.get('content-length'), limit)) return undefined;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const body = new LimitedBytes(limit);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return body.bytes();
    if (!body.add(value)) {
      await reader.cancel();
      return undefined;
    }
  }
}
