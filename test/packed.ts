// The packed tarball, made once per test run however many test files ask for it (oncePerRun.ts),
// by npm pack in the run's build (builtRepo.ts): its prepack (build --if-changed) finds nothing to do.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exited } from './built-bin.js';
import { oncePerRun } from './oncePerRun.js';
import { builtRepo } from './builtRepo.js';

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

/** The path of the packed tarball of the repo as it is now. */
export function packedTarball(): Promise<string> {
  return oncePerRun('tarball', async (folder) => {
    const packed = await run('npm', ['pack', '--pack-destination', folder, '--json'], await builtRepo());
    if (packed.status !== 0) throw new Error(`npm pack exited ${packed.status}\n${packed.stdout}\n${packed.stderr}`);
    const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string }];
    return join(folder, filename);
  });
}
