// Names the test run (test/oncePerRun.ts builds once per run under that name) and removes the
// run's folder when the run ends.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { runFolder } from './oncePerRun.js';

export default function setup(): () => void {
  process.env.FDC_TEST_RUN ??= randomUUID();
  return () => rmSync(runFolder(), { recursive: true, force: true });
}
