// The closest known name to a mistyped one: for a slip of the keyboard, never for a name far off.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { closest } from '../src/cli/didYouMean.js';
import { expectUsageError } from './cli-usage.js';

const FLAGS = ['endpoint', 'region', 'runs', 'seed', 'strict', 'jobs-cost', 'record', 'reporter', 'job-timeout', 'max-jobs'];

describe('closest', () => {
  it.each([
    ['endpont', 'endpoint'],
    ['enpdoint', 'endpoint'],
    ['Seed', 'seed'],
    ['strct', 'strict'],
    ['recrod', 'record'],
    ['reporterr', 'reporter'],
    ['jobtimeout', 'job-timeout'],
    ['max_jobs', 'max-jobs'],
  ])('%s -> %s', (given, expected) => {
    expect(closest(given, FLAGS)).toBe(expected);
  });

  it.each(['xyzzy', 'verbose', 'output-file', 'e', 'timeout'])('%s: none is close enough', (given) => {
    expect(closest(given, FLAGS)).toBeUndefined();
  });
});

describe('the CLI names the closest command, help topic and shape', () => {
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), read: (f) => readFileSync(f, 'utf8') });
    return { code, out, err };
  };

  it.each<[string[], string | undefined, string]>([
    [['confomance'], undefined, "unknown command 'confomance' (did you mean conformance?): the commands are"],
    [['help', 'replai'], undefined, "no help on 'replai' (did you mean replay?): the commands are"],
    [
      ['validate', 'GetFaceDetectionReqest', '{}'],
      'validate',
      "unknown shape 'GetFaceDetectionReqest' (did you mean GetFaceDetectionRequest?)",
    ],
  ])('%j', async (argv, command, reason) => {
    expectUsageError(await run(argv), command, reason);
  });
});
