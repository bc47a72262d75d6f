// The contract's byte helpers: hexadecimal text, and a body gathered no further than a limit.
import { describe, expect, it } from 'vitest';
import { declaresMoreThan, LimitedBytes, toHex } from '../src/contract/bytes.js';

describe('toHex', () => {
  it('writes every byte as two lowercase hexadecimal digits, as Node does', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, b) => b);
    expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
    expect(toHex(new Uint8Array())).toBe('');
    // A short input after a long one: only its own digits.
    expect(toHex(Uint8Array.of(0xab, 0x01))).toBe('ab01');
  });
});

describe('declaresMoreThan', () => {
  it('is true only for a Content-Length over the limit', () => {
    expect(declaresMoreThan('11', 10)).toBe(true);
    expect(declaresMoreThan('10', 10)).toBe(false);
    for (const absent of [undefined, null, '', 'ten']) expect(declaresMoreThan(absent, 10)).toBe(false);
  });
});

describe('LimitedBytes', () => {
  it('joins the chunks up to the limit exactly', () => {
    const body = new LimitedBytes(5);
    expect(body.add(Uint8Array.of(1, 2))).toBe(true);
    expect(body.add(Uint8Array.of(3, 4, 5))).toBe(true);
    expect(body.bytes()).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
  });

  it('answers a lone chunk as it is', () => {
    const body = new LimitedBytes(5);
    const chunk = Uint8Array.of(1, 2, 3);
    body.add(chunk);
    expect(body.bytes()).toBe(chunk);
  });

  it('keeps nothing once past the limit, whatever comes after', () => {
    const body = new LimitedBytes(5);
    expect(body.add(Uint8Array.of(1, 2, 3))).toBe(true);
    expect(body.add(Uint8Array.of(4, 5, 6))).toBe(false);
    expect(body.add(new Uint8Array())).toBe(false);
    expect(body.bytes()).toEqual(new Uint8Array());
  });
});
