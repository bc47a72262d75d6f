// An interrupted replay, as a user interrupts one: the built `face-detection-contract replay`, in
// its own process, against an emulator whose jobs outlast the test, is sent a real SIGINT while it
// waits for a job the recording saw finished; it stops, prints the report of what it replayed,
// says it was interrupted, and exits 130. (A second signal quits at once: processInterrupts, shared
// with conformance, is tested in conformance-interrupt-process.test.ts.)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runConformance } from '../src/conformance/index.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService } from '../src/msw.js';
import { buildBin, exited } from './built-bin.js';

let bin: string;
let dir: string;
let recording: string;
const emulators: Emulator[] = [];

beforeAll(async () => {
  bin = await buildBin();
  dir = mkdtempSync(join(tmpdir(), 'fdc-replay-interrupt-'));
  recording = join(dir, 'run.har');
  const recorded = await startEmulator({ port: 0, service: new FaceDetectionService({ jobDurationMs: 20 }) });
  emulators.push(recorded);
  await runConformance({ endpoint: recorded.url, record: recording, runs: 3, seed: 4, checks: ['unknown-job', 'lifecycle'] });
}, 120_000);
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The replay against an emulator whose jobs run for an hour, and the emulator, once the replay polls a running job. */
async function replayStuckOnAJob(): Promise<{ child: ChildProcessWithoutNullStreams; done: ReturnType<typeof exited> }> {
  const slow = await startEmulator({ port: 0, service: new FaceDetectionService({ jobDurationMs: 3_600_000 }) });
  emulators.push(slow);
  const child = spawn(process.execPath, [bin, 'replay', recording, '--endpoint', slow.url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as unknown as ChildProcessWithoutNullStreams;
  const done = exited(child);
  // Polls of a job still running: the replay waits there for the job the recording saw finished.
  while (slow.service.calls.filter((c) => c.operation === 'GetFaceDetection' && c.status === 200).length < 2)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return { child, done };
}

it('SIGINT: stops, prints the report so far, exits 130', async () => {
  const { child, done } = await replayStuckOnAJob();
  child.kill('SIGINT');
  const exit = await done;
  expect(exit.code, exit.stderr).toBe(130);
  expect(exit.stderr).toContain('SIGINT: stopping; printing what the replay has so far');
  expect(exit.stdout).toMatch(/^replay of \d+ recorded requests against http:\/\/127\.0\.0\.1:\d+\/?: \d+ replayed/);
  expect(exit.stdout).toMatch(/^interrupted \(SIGINT\): the entries after #\d+ were not replayed$/m);
}, 60_000);
