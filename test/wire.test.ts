// The wire's ids: JobIds shaped as the service's, request ids as UUIDs.
import { describe, expect, it } from 'vitest';
import { jobId, requestId } from '../src/contract/wire.js';

describe('jobId', () => {
  it('is 64 lowercase hexadecimal characters, never the same twice, across many draws of random bytes', () => {
    // 1000 ids span several draws (one serves 128).
    const ids = Array.from({ length: 1000 }, () => jobId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('requestId', () => {
  it('is a version 4 UUID', () => {
    expect(requestId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
