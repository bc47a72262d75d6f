// Bytes as the wire handles them: hexadecimal text, and a body gathered chunk by chunk no further
// than a limit (the emulator reads Node's stream with it, the service a fetch Request's). Works in
// any environment: no Buffer.

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Hexadecimal digits are ASCII: Latin-1 decodes their bytes into a flat string at once. */
const LATIN1 = new TextDecoder('latin1');

/** Where toHex writes its digits: one array, grown as needed, rather than a new one per call. */
let digits = new Uint8Array(64);

/** The bytes as lowercase hexadecimal, two characters a byte. */
export function toHex(bytes: Uint8Array): string {
  const length = 2 * bytes.length;
  if (digits.length < length) digits = new Uint8Array(length);
  for (let i = 0; i < bytes.length; i++) {
    const pair = HEX[bytes[i]!]!;
    digits[2 * i] = pair.charCodeAt(0);
    digits[2 * i + 1] = pair.charCodeAt(1);
  }
  return LATIN1.decode(length === digits.length ? digits : digits.subarray(0, length));
}

/** Whether a Content-Length header says the body is longer than `limit` bytes, before any of it is read. */
export function declaresMoreThan(contentLength: string | null | undefined, limit: number): boolean {
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit;
}

/** A body's chunks, kept while they add up to no more than `limit` bytes. */
export class LimitedBytes {
  readonly #limit: number;
  #chunks: Uint8Array[] = [];
  #size = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Keeps the chunk; false once the body is past the limit, and then nothing is kept. */
  add(chunk: Uint8Array): boolean {
    this.#size += chunk.byteLength;
    if (this.#size > this.#limit) {
      this.#chunks = [];
      return false;
    }
    this.#chunks.push(chunk);
    return true;
  }

  /** The chunks kept, as one array: the only chunk itself when there is one (most bodies). */
  bytes(): Uint8Array {
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const bytes = new Uint8Array(this.#chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}
