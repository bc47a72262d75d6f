// One rule for "loopback", shared by the suite (local endpoints: jobs cost nothing) and serve (its
// warning when it listens elsewhere without --auth).
import { describe, expect, it } from 'vitest';
import { isLoopback, isLoopbackHost } from '../src/conformance/loopback.js';

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['127.0.0.1.example.com', false],
    ['127.0.0.1234', false],
    ['10.0.0.1', false],
    ['rekognition.us-east-1.amazonaws.com', false],
  ])('%s: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it.each([
    ['http://127.0.0.1:4566', true],
    ['http://[::1]:4566/', true],
    ['http://localhost/', true],
    ['https://rekognition.eu-west-1.amazonaws.com', false],
  ])('the URL %s: %s', (url, expected) => {
    expect(isLoopback(url)).toBe(expected);
  });
});
