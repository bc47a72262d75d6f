// A finding's replay replays: the built `face-detection-contract conformance`, in its own process,
// finds a violation of an emulator broken on purpose; the flags its report gives (from the JSON, the
// pretty and the JUnit report), split as a shell splits them, find the same violation again, with
// the same case and counterexample, for seeds of every kind fast-check takes: negative, zero, past
// 2^31. One emulator's break is a boundary the coverage sends; the other's (a JobTag of 1025
// characters that only random runs find, each shrunk) takes a path of hundreds of steps, which must
// replay too. The command is built by built-bin.ts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBin, exited, type Exit } from './built-bin.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService, type FaultModeName, type WireAnswer, type WireRequest } from '../src/msw.js';
import { jsonOf } from '../src/conformance/Exchange.js';
import { successAnswer } from '../src/contract/wire.js';

let bin: string;
/** Accepts an S3 bucket name one character short: the case's coverage finds it. */
let emulator: Emulator;
/**
 * Accepts a JobTag one character too long unless it is all `a`s: the case's coverage (all `a`s)
 * passes, its random runs fail, and shrink character by character.
 */
let longPathEmulator: Emulator;

/** The service, but for that JobTag. */
class LongTagsUnlessPlain extends FaceDetectionService {
  override async respond(request: WireRequest): Promise<WireAnswer> {
    const body = request.body instanceof Uint8Array ? jsonOf(new TextDecoder().decode(request.body)) : undefined;
    const tag = body?.JobTag;
    if (typeof tag === 'string' && [...tag].length === 1025 && /[^a]/.test(tag)) return successAnswer({ JobId: 'accepted-a-long-tag' });
    return super.respond(request);
  }
}

const broken = (faultMode: FaultModeName) =>
  startEmulator({
    port: 0,
    service: new FaceDetectionService({ faultMode, maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20 }),
  });

beforeAll(async () => {
  bin = await buildBin();
  [emulator, longPathEmulator] = await Promise.all([
    broken('bucket-minLength-minus-one'),
    startEmulator({ port: 0, service: new LongTagsUnlessPlain({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20 }) }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([emulator?.close(), longPathEmulator?.close()]);
});

// Two CLI processes at a time: a run shrinks within a time limit, and a starved one would stop
// shrinking early and report another counterexample than its replay.
let running = 0;
const waiting: (() => void)[] = [];
async function conformance(args: string[]): Promise<Exit> {
  if (running >= 2) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await exited(
      spawn(process.execPath, [bin, 'conformance', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }) as unknown as ChildProcessWithoutNullStreams,
    );
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Splits a command line as a POSIX shell does for the words a replay uses: bare words, '…' and \-escapes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === ' ' || char === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (char === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (char === '"' || char === '$' || char === '`') {
      throw new Error(`a replay should need no ${char} quoting: ${line}`);
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface Finding {
  case?: string;
  counterexample: unknown;
  seed: number;
  replay: string;
}

/** The one finding of a JSON report. */
function findingOf(run: Exit): Finding {
  const report = JSON.parse(run.stdout) as { checks: { name: string; status: string; finding?: Finding }[] };
  const failed = report.checks.filter((c) => c.status === 'failed');
  expect(
    failed.map((c) => c.name),
    run.stderr,
  ).toEqual(['negative-rejection']);
  return failed[0]!.finding!;
}

/** Runs the replay (adding --endpoint only if it lacks one) with the JSON reporter: exit 1 and its finding. */
async function replay(flags: string): Promise<Finding> {
  const args = shellWords(flags);
  if (!args.includes('--endpoint')) args.push('--endpoint', emulator.url);
  const again = await conformance([...args, '--reporter', 'json']);
  expect(again.code, `the replay ${flags.replace(/--path \S+/, '--path …')}: ${again.stderr}`).toBe(1);
  return findingOf(again);
}

const xmlText = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

// Negative, zero, small, 2^31 and 2^32 - 1 here; 123456789 and 3000000000 in the pretty and JUnit
// tests below.
const SEEDS = [-1079728627, 0, 7, 2147483648, 4294967295];
// The seeds run at once, two CLI processes each: beside a whole npm test on two cores one takes up
// to a minute, so each test may take three (no test here times anything).
const CASE = 'StartFaceDetection Video.S3Object.Bucket: minLength-1';
const LONG_PATH_CASE = 'StartFaceDetection JobTag: maxLength+1';

describe("a finding's replay, run as a shell would run it, finds the same violation", () => {
  const first = (seed: number, reporter: string, target = emulator) =>
    conformance([
      '--endpoint',
      target.url,
      '--checks',
      'negative-rejection',
      // Every run of the broken case fails: a few runs of each case find it, and the replay is what is tested.
      '--runs',
      '10',
      '--seed',
      String(seed),
      '--reporter',
      reporter,
    ]);

  it.concurrent.each(SEEDS)(
    'seed %i, from the JSON report',
    async (seed) => {
      const run = await first(seed, 'json');
      expect(run.code, run.stderr).toBe(1);
      const finding = findingOf(run);
      expect(finding.case).toBe(CASE);
      expect(finding.seed).toBe(seed);
      expect(finding.replay).toContain(`--endpoint '${emulator.url}'`);
      const again = await replay(finding.replay);
      expect(again.case).toBe(finding.case);
      expect(again.counterexample).toEqual(finding.counterexample);
      expect(again.seed).toBe(seed);
    },
    180_000,
  );

  it.concurrent("from the pretty report's replay: line", async () => {
    const run = await first(123456789, 'pretty');
    expect(run.code, run.stderr).toBe(1);
    const flags = /^ {2}replay: face-detection-contract conformance (.*)$/m.exec(run.stdout)?.[1];
    // The broken bound is a boundary value: the coverage finds it, the same in every run.
    const counterexample = /^ {2}counterexample \(a boundary value of the coverage\): (.*)$/m.exec(run.stdout)?.[1];
    expect(flags, run.stdout).toBeDefined();
    const again = await replay(flags!);
    expect(again.case).toBe(CASE);
    expect(again.seed).toBe(123456789);
    expect(again.counterexample).toEqual(JSON.parse(counterexample!));
  }, 180_000);

  it.concurrent("from the JUnit report's replay: line, a path of hundreds of shrinking steps", async () => {
    const run = await first(3000000000, 'junit', longPathEmulator);
    expect(run.code, run.stderr).toBe(1);
    const failure = /<failure message="([^"]*)" type="ContractViolation">([^<]*)<\/failure>/.exec(run.stdout);
    expect(failure, run.stdout).not.toBeNull();
    expect(xmlText(failure![1]!)).toMatch(new RegExp(`^${LONG_PATH_CASE.replace(/[+.]/g, '\\$&')}: `));
    const body = xmlText(failure![2]!);
    const flags = /^replay: face-detection-contract conformance (.*)$/m.exec(body)?.[1];
    const counterexample = /^counterexample: (.*)$/m.exec(body)?.[1];
    expect(flags, body).toBeDefined();
    expect(/--path (\S+)/.exec(flags!)?.[1]?.split(':').length).toBeGreaterThan(100);
    expect(flags).toContain(`--endpoint '${longPathEmulator.url}'`);
    const again = await replay(flags!);
    expect(again.case).toBe(LONG_PATH_CASE);
    expect(again.seed).toBe(3000000000);
    expect(again.counterexample).toEqual(JSON.parse(counterexample!));
  }, 180_000);
});
