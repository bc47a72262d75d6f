// The built `face-detection-contract conformance`, in its own process, stopped by a real signal
// mid-run: the emulator it runs against holds every request once the recording is on disk (after
// the first check), so the signal always comes with a request in flight and checks left to run.
// The command writes the recording and the report, says where, and exits 130; a second signal
// quits at once, also with 130.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBin, exited, type Exit } from './built-bin.js';
import { readHar, type ConformanceReport } from '../src/conformance/index.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService, type WireAnswer, type WireRequest } from '../src/msw.js';

/** The service, but that it holds every request once `file` exists, until released. */
class HoldsOnceRecorded extends FaceDetectionService {
  readonly #releases: (() => void)[] = [];
  readonly #held: Promise<void>;
  #onHeld!: () => void;

  constructor(readonly file: string) {
    super({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20 });
    this.#held = new Promise((resolve) => {
      this.#onHeld = resolve;
    });
  }

  override async respond(request: WireRequest): Promise<WireAnswer> {
    if (existsSync(this.file)) {
      this.#onHeld();
      await new Promise<void>((go) => this.#releases.push(go));
    }
    return super.respond(request);
  }

  /** Resolves once a request is held: the run is mid-way, waiting for its answer. */
  held(): Promise<void> {
    return this.#held;
  }

  release(): void {
    for (const go of this.#releases.splice(0)) go();
  }
}

let bin: string;
let dir: string;
const emulators: Emulator[] = [];

beforeAll(async () => {
  bin = await buildBin();
  dir = mkdtempSync(join(tmpdir(), 'fdc-interrupt-process-'));
}, 120_000);

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs conformance against an emulator that holds the run after its first check; `signals` sent once a request is held. */
async function interrupted(name: string, signals: NodeJS.Signals[]): Promise<Exit & { har: string; output: string }> {
  const har = join(dir, `${name}.har`);
  const output = join(dir, `${name}.json`);
  const service = new HoldsOnceRecorded(har);
  const emulator = await startEmulator({ port: 0, service });
  emulators.push(emulator);
  const child = spawn(
    process.execPath,
    [bin, 'conformance', '--endpoint', emulator.url, '--record', har, '--output', output, '--reporter', 'json', '--runs', '50'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  ) as unknown as ChildProcessWithoutNullStreams;
  const exit = exited(child);
  // Ended before any request was held: the run did not get as far as the test needs.
  const early = exit.then((e) => Promise.reject(new Error(`conformance exited ${e.code} before the signal:\n${e.stderr}`)));
  await Promise.race([service.held(), early]);
  for (const signal of signals) child.kill(signal);
  try {
    return { ...(await exit), har, output };
  } finally {
    service.release();
  }
}

/** The report and the recording an interrupted run left, each read back, and their agreement. */
function leftBehind({ har, output }: { har: string; output: string }) {
  const report = JSON.parse(readFileSync(output, 'utf8')) as ConformanceReport;
  const { entries } = readHar(readFileSync(har, 'utf8')).log;
  return { report, entries };
}

describe('face-detection-contract conformance, interrupted (the built bin, in its own process)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s: writes the recording and the report of what ran, says where, exits 130',
    async (signal) => {
      const result = await interrupted(signal, [signal]);
      expect({ code: result.code, signal: result.signal }, result.stderr).toEqual({ code: 130, signal: null });
      const again = signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';
      expect(result.stderr).toContain(`${signal}: stopping; writing what the run has so far (${again} again to quit at once)\n`);
      expect(result.stderr).toContain(`interrupted by ${signal}: recording written to ${result.har}; report written to ${result.output}\n`);

      const { report, entries } = leftBehind(result);
      expect(report).toMatchObject({ interrupted: signal, verdict: 'interrupted', conformant: false });
      expect(report.checks[0]).toMatchObject({ name: 'negative-rejection', status: 'passed' });
      expect(report.checks).toHaveLength(10);
      expect(report.checks[1]).toMatchObject({ status: 'interrupted' });
      expect(report.checks.slice(2).every((c) => c.status === 'interrupted' && c.cases.length === 0)).toBe(true);
      // Every request sent, the one held among them without an answer.
      expect(entries.length).toBeGreaterThan(report.checks[0]!.requests);
      expect(entries).toHaveLength(report.requests);
      expect(entries.filter((e) => e.response.status === 0)).toHaveLength(1);
    },
    60_000,
  );

  it('on two SIGINTs at once: quits at once, exit 130', async () => {
    const result = await interrupted('twice', ['SIGINT', 'SIGINT']);
    // Never killed by the second (the kernel may merge the two into one): exit 130 either way.
    expect({ code: result.code, signal: result.signal }, result.stderr).toEqual({ code: 130, signal: null });
    expect(result.stderr).toContain('SIGINT: stopping; writing what the run has so far (Ctrl-C again to quit at once)\n');
  }, 60_000);
});

describe('processInterrupts in a process of its own', () => {
  it('aborts at the first SIGINT, and exits 130 at the second, as it comes', async () => {
    // A command that never ends by itself: only the second signal ends it.
    const script = `
      const { processInterrupts } = await import(${JSON.stringify(pathToFileURL(join(dirname(bin), 'interrupts.js')).href)});
      const { signal } = processInterrupts();
      signal.addEventListener('abort', () => console.log('first: ' + signal.reason));
      setInterval(() => undefined, 1000);
      console.log('ready');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }) as unknown as ChildProcessWithoutNullStreams;
    const exit = exited(child);
    const said = (line: string) =>
      new Promise<void>((resolve) => {
        let out = '';
        const listen = (chunk: Buffer | string) => {
          out += chunk;
          if (out.includes(`${line}\n`)) {
            child.stdout.off('data', listen);
            resolve();
          }
        };
        child.stdout.on('data', listen);
      });
    await said('ready');
    child.kill('SIGINT');
    await said('first: SIGINT');
    child.kill('SIGINT');
    const { code, signal, stdout } = await exit;
    expect({ code, signal, stdout }).toEqual({ code: 130, signal: null, stdout: 'ready\nfirst: SIGINT\n' });
  }, 30_000);
});
