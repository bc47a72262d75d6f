// An interrupted run keeps what it has (issue #24): runConformance's signal stops the run between
// checks, in the middle of one (a request in flight is not waited for), or while it waits out
// "later" answers; the report holds the checks that finished, the rest marked interrupted, and the
// recording on disk holds exactly the requests sent. Then the pieces: the wait that ends at once,
// runTarget never sending an interruption again, the reporters, the CLI's interrupts (a second
// signal, no listener left behind) and the command in process.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { processInterrupts } from '../src/cli/interrupts.js';
import {
  type ConformanceReport,
  httpTarget,
  junitReport,
  NoAnswerError,
  prettyReport,
  readHar,
  RunInterrupted,
  runConformance,
  type Target,
  VERDICT_EXIT_CODES,
} from '../src/conformance/index.js';
import { pause } from '../src/conformance/interruption.js';
import { JobLedger } from '../src/conformance/jobLedger.js';
import { runTarget } from '../src/conformance/runTarget.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService } from '../src/msw.js';

let dir: string;
const emulators: Emulator[] = [];
const emulator = async (service = new FaceDetectionService({ jobDurationMs: 20 })) => {
  const e = await startEmulator({ port: 0, service });
  emulators.push(e);
  return e;
};
const recording = (file: string) => readHar(readFileSync(file, 'utf8'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fdc-interrupt-'));
});
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** `target`, its `at`-th send answered by `instead` (which may abort the run), and counted as sent. */
function onSend(target: Target, at: number, instead: () => Promise<never>): Target {
  let sent = 0;
  return {
    ...target,
    get requests() {
      return target.requests + (sent >= at ? 1 : 0);
    },
    send(request) {
      return ++sent === at ? instead() : target.send(request);
    },
    close: () => target.close(),
  };
}

describe('a run interrupted between two checks', () => {
  let report: ConformanceReport;
  let file: string;

  beforeAll(async () => {
    const { url } = await emulator();
    file = join(dir, 'between.har');
    const controller = new AbortController();
    report = await runConformance({
      endpoint: url,
      record: file,
      runs: 3,
      seed: 7,
      checks: ['unknown-job', 'positive-acceptance', 'lifecycle'],
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'end' && event.index === 0) controller.abort('SIGINT');
      },
    });
  });

  it('keeps the first check as it ended, lists the rest as interrupted before they ran, and is interrupted', () => {
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['unknown-job', 'passed'],
      ['positive-acceptance', 'interrupted'],
      ['lifecycle', 'interrupted'],
    ]);
    for (const check of report.checks.slice(1))
      expect(check).toMatchObject({ runs: 0, requests: 0, cases: [], reason: 'interrupted (SIGINT) before it ran' });
    expect(report.checks[0]!.runs).toBeGreaterThan(0);
    expect(report).toMatchObject({ interrupted: 'SIGINT', verdict: 'interrupted', conformant: false });
    expect(VERDICT_EXIT_CODES[report.verdict]).toBe(130);
    expect(report.factsNotChecked.map((f) => f.why)).toContain('lifecycle was interrupted before it checked it');
  });

  it('leaves a valid recording of exactly the requests sent: the probe and the first check', () => {
    const har = recording(file);
    expect(har.log.entries).toHaveLength(report.requests);
    expect(har.log.entries.length).toBeGreaterThan(report.checks[0]!.requests);
    expect(new Set(har.log.entries.map((e) => e.comment))).toEqual(new Set(['probe', 'check unknown-job, case unknown-job']));
    expect(har.log.entries.every((e) => e.response.status !== 0)).toBe(true);
    expect(
      readdirSync(dir).filter((name) => name.includes('.tmp-')),
      'no partial file is left',
    ).toEqual([]);
  });

  it('reads as interrupted in the pretty and the JUnit reports', () => {
    const pretty = prettyReport(report, { verbose: true });
    expect(pretty).toContain('  positive-acceptance: interrupted (SIGINT) before it ran\n');
    expect(pretty).toContain(
      'Interrupted by SIGINT: 2 checks did not finish (positive-acceptance, lifecycle); this report holds what ran before.',
    );
    expect(pretty).toMatch(/: INTERRUPTED\. 1 passed, 0 failed, 0 inconclusive, 0 skipped, 2 interrupted; /);
    const junit = junitReport(report);
    expect(junit).toContain(
      '<testcase classname="conformance" name="lifecycle" time="0.000">\n      <skipped message="interrupted (SIGINT) before it ran"/>\n    </testcase>',
    );
    expect(junit).toContain('<property name="verdict" value="interrupted"/><property name="interrupted" value="SIGINT"/>');
    expect(junit).toMatch(/<testsuites [^>]*tests="3" failures="0" skipped="2"/);
  });
});

describe('a run interrupted with a request in flight', () => {
  it('does not wait for its answer: the check in progress keeps its finished cases, the case it was in is interrupted', async () => {
    const { url } = await emulator();
    const file = join(dir, 'in-flight.har');
    const controller = new AbortController();
    const http = httpTarget({ endpoint: url });
    // The 30th send never gets an answer; the signal aborts as it goes.
    const target = onSend(http, 30, () => {
      controller.abort('SIGTERM');
      return new Promise<never>(() => undefined);
    });
    const report = await runConformance({
      target,
      record: file,
      runs: 3,
      seed: 11,
      checks: ['unknown-job', 'negative-rejection'],
      signal: controller.signal,
    });

    const [inProgress, notRun] = report.checks;
    expect(inProgress).toMatchObject({ name: 'negative-rejection', status: 'interrupted' });
    expect(inProgress!.reason).toMatch(/^interrupted \(SIGTERM\) in case .+/);
    const last = inProgress!.cases.at(-1)!;
    expect(last.status).toBe('interrupted');
    expect(inProgress!.reason).toContain(`in case ${last.name}`);
    expect(inProgress!.cases.slice(0, -1).every((c) => c.status === 'passed')).toBe(true);
    expect(inProgress!.finding).toBeUndefined();
    expect(notRun).toMatchObject({ name: 'unknown-job', status: 'interrupted', cases: [] });
    expect(report).toMatchObject({ interrupted: 'SIGTERM', verdict: 'interrupted' });

    // Every request sent is in the recording, the one in flight as one without an answer.
    const { entries } = recording(file).log;
    expect(entries).toHaveLength(report.requests);
    expect(entries.filter((e) => e.response.status === 0).map((e) => e.comment)).toEqual([
      `check negative-rejection, case ${last.name}; no answer yet when the recording was written`,
    ]);
  });

  it('sends nothing after the signal, even while it waits out "later" answers', async () => {
    const service = new FaceDetectionService({ jobDurationMs: 20 });
    service.failNext(1000, 'ThrottlingException');
    const { url } = await emulator(service);
    const controller = new AbortController();
    // The 4th "later" answer arrives, and the signal aborts while the run waits before sending again.
    const http = httpTarget({ endpoint: url });
    let answered = 0;
    const target: Target = {
      ...http,
      get requests() {
        return http.requests;
      },
      async send(request) {
        const exchange = await http.send(request);
        if (++answered === 4) setImmediate(() => controller.abort('SIGINT'));
        return exchange;
      },
      close: () => http.close(),
    };
    // A minute of "later" answers allowed: only the signal ends the probe's wait.
    const report = await runConformance({ target, runs: 3, checks: ['unknown-job'], jobTimeoutMs: 60_000, signal: controller.signal });
    expect(report.requests).toBe(4);
    expect(report.checks).toEqual([
      expect.objectContaining({ name: 'unknown-job', status: 'interrupted', reason: 'interrupted (SIGINT) before it ran' }),
    ]);
    expect(report.verdict).toBe('interrupted');
  });

  it('with a violation found before it: not conformant, and interrupted', async () => {
    const service = new FaceDetectionService({ jobDurationMs: 20, faultMode: 'bucket-minLength-minus-one' });
    const { url } = await emulator(service);
    const controller = new AbortController();
    const report = await runConformance({
      endpoint: url,
      runs: 3,
      seed: 3,
      checks: ['negative-rejection', 'unknown-job'],
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'end') controller.abort('SIGINT');
      },
    });
    expect(report.checks.map((c) => c.status)).toEqual(['failed', 'interrupted']);
    expect(report).toMatchObject({ verdict: 'not conformant', interrupted: 'SIGINT' });
  });
});

describe('the waits and retries of an interrupted run', () => {
  it('a pause ends as soon as the signal aborts, with a RunInterrupted', async () => {
    const controller = new AbortController();
    setImmediate(() => controller.abort('SIGINT'));
    // An hour: the test ends only if the abort ends it.
    const error = await pause(3_600_000, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunInterrupted);
    expect(error).toMatchObject({ reason: 'SIGINT', message: 'the run was interrupted (SIGINT)' });
  });

  it.each([
    ['a RunInterrupted', new RunInterrupted('SIGINT')],
    ['a failed connection caused by one', new NoAnswerError(new RunInterrupted('SIGINT'))],
  ])('runTarget never sends %s again', async (_, thrown) => {
    let sends = 0;
    const target: Target = {
      name: 'fails',
      url: 'http://127.0.0.1:9/',
      region: 'us-east-1',
      jobsCost: false,
      requests: 0,
      async send() {
        sends++;
        throw thrown;
      },
      async close() {},
    };
    const run = runTarget(target, { ledger: new JobLedger(Number.POSITIVE_INFINITY), jobsCost: false, busyTimeoutMs: 1000 });
    await expect(run.send({ operation: 'GetFaceDetection', body: '{"JobId":"x"}' })).rejects.toBe(thrown);
    expect(sends).toBe(1);
  });
});

describe("the CLI's interrupts", () => {
  it('abort at the first signal with its name, call onSecond at the next, and leave no listener after dispose', () => {
    const source = new EventEmitter();
    const seconds: string[] = [];
    const interrupts = processInterrupts((signal) => seconds.push(signal), source);
    expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([1, 1]);
    source.emit('SIGTERM', 'SIGTERM');
    expect([interrupts.signal.aborted, interrupts.signal.reason, seconds]).toEqual([true, 'SIGTERM', []]);
    source.emit('SIGINT', 'SIGINT');
    expect(seconds).toEqual(['SIGINT']);
    interrupts.dispose();
    interrupts.dispose();
    expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([0, 0]);
    source.emit('SIGINT', 'SIGINT');
    expect(seconds).toEqual(['SIGINT']);
  });

  it('conformance, interrupted after its first check: writes the recording and the report, says where, exits 130', async () => {
    const { url } = await emulator();
    const har = join(dir, 'cli.har');
    const output = join(dir, 'cli.json');
    const source = new EventEmitter();
    const listeners = process.listenerCount('SIGINT');
    let err = '';
    const code = await main(
      [
        'conformance',
        '--endpoint',
        url,
        '--record',
        har,
        '--output',
        output,
        '--reporter',
        'json',
        '--runs',
        '3',
        '--checks',
        'unknown-job,lifecycle',
      ],
      {
        out: () => undefined,
        err: (text) => {
          err += text;
          // Progress goes to stderr with --output: the first check's line is the cue.
          if (text.startsWith('[1/2] ')) source.emit('SIGINT', 'SIGINT');
        },
        read: (f) => readFileSync(f, 'utf8'),
        interrupts: () => processInterrupts(() => undefined, source),
      },
    );
    expect(code).toBe(130);
    expect(err).toContain('SIGINT: stopping; writing what the run has so far (Ctrl-C again to quit at once)\n');
    expect(err).toContain(`interrupted by SIGINT: recording written to ${har}; report written to ${output}\n`);
    expect(err, 'the one line says where both are').not.toMatch(/^(report|recording) written to/m);
    const report = JSON.parse(readFileSync(output, 'utf8')) as ConformanceReport;
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['unknown-job', 'passed'],
      ['lifecycle', 'interrupted'],
    ]);
    expect(report.verdict).toBe('interrupted');
    expect(recording(har).log.entries).toHaveLength(report.requests);
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM'), 'the command removed its listeners').toBe(0);
    expect(process.listenerCount('SIGINT'), 'an io without interrupts puts none on the process').toBe(listeners);
  });

  it('conformance with an io without interrupts listens to no signal', async () => {
    const { url } = await emulator();
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const during: number[][] = [];
    const code = await main(['conformance', '--endpoint', url, '--runs', '1', '--checks', 'unknown-job'], {
      out: () => during.push([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]),
      err: () => undefined,
      read: (f) => readFileSync(f, 'utf8'),
    });
    expect(code).toBe(0);
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during.map((counts) => counts.join()))).toEqual(new Set([before.join()]));
  });
});
