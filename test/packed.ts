// The packed tarball, made once per test run however many test files ask for it: `npm pack`
// rebuilds dist/ (prepack), and two packs at once would build over each other. The first worker
// to create the run's folder packs; the others wait for its verdict. test/globalSetup.ts names the
// run and removes the folder at the end.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited } from './built-bin.js';
import { root } from './spec.js';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

// npm run/npx put their own lifecycle variables in the environment (npm_config_local_prefix,
// npm_package_*...). Nested npm commands must not see the repo's, or they may act on it.
const NPM_LIFECYCLE =
  /^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_(local_prefix|prefix|global_prefix|user_agent)$)/i;
export const childEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !NPM_LIFECYCLE.test(key))),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

/** Runs a command to its end with its output collected (stdin closed). */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = childEnv): Promise<Run> {
  const { code, stdout, stderr } = await exited(spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  return { status: code, stdout, stderr };
}

/** The folder of this run's tarball. */
export function packFolder(): string {
  const id = process.env.FDC_TEST_RUN;
  if (!id) throw new Error('FDC_TEST_RUN is not set: run the tests through vitest.config.ts');
  return join(tmpdir(), `fdc-pack-${id}`);
}

/** The path of the packed tarball of the repo as it is now. */
export async function packedTarball(): Promise<string> {
  const folder = packFolder();
  const ready = join(folder, 'ready');
  const failed = join(folder, 'failed');
  let owner = false;
  try {
    mkdirSync(folder);
    owner = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (owner) {
    const packed = await run('npm', ['pack', '--pack-destination', folder, '--json'], root);
    if (packed.status !== 0) {
      writeFileSync(failed, `npm pack exited ${packed.status}\n${packed.stdout}\n${packed.stderr}`);
    } else {
      const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string }];
      writeFileSync(ready, join(folder, filename));
    }
  }
  for (;;) {
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
    if (existsSync(ready)) return readFileSync(ready, 'utf8');
    await sleep(200);
  }
}
