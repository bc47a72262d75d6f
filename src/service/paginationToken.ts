// Opaque NextTokens: where the next page of a job's results starts, bound to that job and to the
// service that gave it out, so that a forged, edited or foreign token is recognised as such.
import { v4 as randomUuid, v5 as nameUuid } from 'uuid';

const toBase64 = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64 = (token: string) => atob(token.replace(/-/g, '+').replace(/_/g, '/'));

/** Signs and reads tokens with one service's secret. */
export class PaginationTokens {
  /** The service's secret, as the namespace of the name-based UUIDs that sign its tokens. */
  readonly #namespace = randomUuid();

  #mac(jobId: string, offset: number): string {
    // Not a MAC in the cryptographic sense (SHA-1, name-based UUID v5): enough that a token from
    // another job, offset or service does not read.
    return nameUuid(`${jobId}:${offset}`, this.#namespace).replace(/-/g, '');
  }

  /** The token for the page of `jobId` that starts at `offset`: at most 255 characters. */
  issue(jobId: string, offset: number): string {
    return toBase64(`${offset}.${this.#mac(jobId, offset)}`);
  }

  /** The offset a token names for `jobId`, or undefined when the token is not one this service gave out for it. */
  read(jobId: string, token: string): number | undefined {
    let text: string;
    try {
      text = fromBase64(token);
    } catch {
      return undefined;
    }
    // Only the exact text this service wrote: base64 has spare bits, and an edited last character may decode the same.
    if (toBase64(text) !== token) return undefined;
    const match = /^(\d{1,9})\.([0-9a-f]{32})$/.exec(text);
    if (!match) return undefined;
    const offset = Number(match[1]);
    return match[2] === this.#mac(jobId, offset) ? offset : undefined;
  }
}
