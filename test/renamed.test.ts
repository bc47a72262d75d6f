// Names that were renamed fail loudly, naming the new one: a setting ignored in silence runs
// another run than the one asked for (a Target written for `local: false` would start jobs freely
// where they cost). The CLI's --safe is in conformance-cli.test.ts's usage table.
import { describe, expect, it } from 'vitest';
import { embeddedTarget, jobPlan, replayHar, runConformance, type Target } from '../src/conformance/index.js';
import { harOf } from '../src/conformance/har.js';
import { startEmulator } from '../src/emulator.js';

/** A Target of your own written before the rename: `local` and no `jobsCost`. */
function oldTarget(): Target {
  const { jobsCost: _, ...rest } = embeddedTarget();
  return { ...rest, local: false } as unknown as Target;
}

describe('renamed names fail loudly', () => {
  it.each([
    ['runConformance with a Target that says local, not jobsCost', () => runConformance({ target: oldTarget(), runs: 1 })],
    [
      'replayHar with a Target that says local, not jobsCost',
      () => replayHar(harOf([], { name: 'x', version: '0' }), { target: oldTarget() }),
    ],
  ])('%s: TypeError naming jobsCost', async (_, start) => {
    await expect(start()).rejects.toThrow(
      /must say whether jobs cost there \(jobsCost: true or false\): `local` is now `jobsCost`, its inverse/,
    );
  });

  it('jobPlan with such a Target: TypeError, not "jobs are free"', () => {
    expect(() => jobPlan({ target: oldTarget() })).toThrow(TypeError);
  });

  it('runConformance({ safe }): TypeError naming jobsCost', async () => {
    await expect(runConformance({ safe: true, runs: 1 } as never)).rejects.toThrow('the option `safe` is now `jobsCost`');
  });

  it('startEmulator({ maxBodyBytes }): TypeError naming the service', async () => {
    await expect(startEmulator({ port: 0, maxBodyBytes: 10 } as never)).rejects.toThrow(
      "startEmulator takes no maxBodyBytes: the body cap is the service's (service: { maxBodyBytes })",
    );
  });

  it('the control: a Target that says jobsCost runs', async () => {
    const report = await runConformance({ target: embeddedTarget(), runs: 1, checks: ['unknown-job'] });
    expect(report.verdict).toBe('conformant');
  });
});
