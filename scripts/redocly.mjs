#!/usr/bin/env node
// The project's Redocly CLI, without its notices and with nothing sent home, the same on every
// platform (no shell env syntax): `node scripts/redocly.mjs lint`. Arguments pass through.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

/** SUPPRESS_NOTIFICATIONS drops the update notice and the one-time announcement, and with them the
 * update check's request to registry.npmjs.org. redocly.yaml turns telemetry off too; the variable
 * also covers a run whose config fails to load. */
const QUIET = { REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', REDOCLY_TELEMETRY: 'off' };

/** Runs `redocly ...args` in the repository root with its output on ours; returns its exit code. */
export function redocly(args) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...QUIET } });
  if (run.error) throw run.error;
  return run.status ?? 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = redocly(process.argv.slice(2));
}
