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

/** Boxed notices that no setting turns off and that say nothing about this project's spec: Node 20's
 * end of support (the project pins Node 20 on purpose), and build-docs' news of Redoc 3. */
const NOTICES = [/Node\.js 20 support is ending/, /build-docs now renders docs with Redoc 3/];

/** `text` without the ╔...╚ boxes that hold one of NOTICES. */
export function withoutNotices(text) {
  return text
    .replace(/^[^\S\n]*╔[^\n]*\n(?:[^\S\n]*║[^\n]*\n)*[^\S\n]*╚[^\n]*\n?/gm, (box) => (NOTICES.some((n) => n.test(box)) ? '\0' : box))
    .replace(/\n*\0\n*/g, '\n')
    .replace(/^\n+/, '');
}

/** Runs `redocly ...args` in the repository root with its output on ours, less the NOTICES; returns its exit code. */
export function redocly(args) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, ...QUIET },
  });
  if (run.error) throw run.error;
  process.stdout.write(withoutNotices(run.stdout));
  process.stderr.write(withoutNotices(run.stderr));
  return run.status ?? 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = redocly(process.argv.slice(2));
}
