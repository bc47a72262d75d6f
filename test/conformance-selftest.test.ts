// The suite tests itself: run with fixed seeds against the service broken in each fault mode, it
// must find the break, and exactly the checks named in test/selftest.ts must find it (a break found by another
// check, or missed by one named, means a check's oracle moved); against the unbroken service it
// must find nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultModes } from '../src/msw.js';
import { CAUGHT_BY, catchesFaultModesOfShard, run, SHARDS } from './selftest.js';
import { root } from './spec.js';

describe('the conformance suite', () => {
  it.each([false, true])('passes the unbroken service (strict: %s)', async (strict) => {
    const report = await run(undefined, strict);
    expect(report.checks.map((c) => [c.name, c.status, c.finding?.message])).toEqual(
      report.checks.map((c) => [c.name, 'passed', undefined]),
    );
    expect(report.checks.flatMap((c) => c.cases.filter((k) => k.status !== 'passed'))).toEqual([]);
    expect(report.verdict).toBe('conformant');
  });

  it('names a catcher for every fault mode', () => {
    expect(Object.keys(CAUGHT_BY).sort()).toEqual(Object.keys(faultModes).sort());
  });

  it('has a file for every shard, so that every fault mode is tried', () => {
    for (let shard = 1; shard < SHARDS; shard++) {
      expect(readFileSync(join(root, 'test', `conformance-selftest-${shard}.test.ts`), 'utf8')).toContain(
        `catchesFaultModesOfShard(${shard})`,
      );
    }
  });

  catchesFaultModesOfShard(0);
});
