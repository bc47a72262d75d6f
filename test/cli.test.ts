import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

function run(argv: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = main(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    read: (file) => {
      if (!(file in files)) throw new Error(`ENOENT: no such file '${file}'`);
      return files[file]!;
    },
  });
  return { code, out, err };
}

describe('face-detection-contract validate', () => {
  it('accepts a valid request: exit 0', () => {
    expect(run(['validate', 'StartFaceDetectionRequest', 'r.json'], { 'r.json': '{"Video":{"S3Object":{"Bucket":"abc","Name":"v.mp4"}}}' })).toEqual({
      code: 0,
      out: 'valid StartFaceDetectionRequest\n',
      err: '',
    });
  });

  it('reads standard input by default and lists each violation: exit 1', () => {
    const { code, out } = run(['validate', 'GetFaceDetectionRequest'], { '-': '{"MaxResults":0}' });
    expect(code).toBe(1);
    expect(out).toBe(
      "ValidationException: 2 validation errors detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null; " +
        "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1\n" +
        '  jobId  required  Member must not be null\n' +
        '  maxResults  range  Member must have value greater than or equal to 1\n',
    );
  });

  it('answers SerializationException for a body that is not JSON: exit 1', () => {
    const { code, out } = run(['validate', 'StartFaceDetectionRequest', 'r.json'], { 'r.json': '{"Video":' });
    expect(code).toBe(1);
    expect(out).toMatch(/^SerializationException: r\.json is not JSON/);
  });

  it.each([
    [['validate'], /validate needs a shape/],
    [['validate', 'Video', 'r.json'], /unknown shape 'Video'/],
    [['validate', 'StartFaceDetectionRequest', 'missing.json'], /cannot read missing\.json/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['--nope'], /Unknown option '--nope'/],
  ])('bad usage %j: exit 2 with a reason', (argv, reason) => {
    const { code, err } = run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(reason);
  });

  it('prints help and version', () => {
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('validate <shape> [file]') });
    expect(run(['--version']).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
