// The real `face-detection-contract` command for tests that spawn it: built once per run from src/
// with the build's own tsconfig into the run's folder, not dist/, because package.test.ts rebuilds
// dist/ (npm pack) while the tests run in parallel.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oncePerRun } from './oncePerRun.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it ends. */
export function exited(child: ChildProcess & { stdout: Readable; stderr: Readable }): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** The bin, built once per test run: its path. */
export function buildBin(): Promise<string> {
  return oncePerRun('bin', async (build) => {
    // <build>/dist/**/*.js import <build>/generated/ and <build>/package.json, and packages from node_modules.
    symlinkSync(join(repo, 'generated'), join(build, 'generated'), 'dir');
    symlinkSync(join(repo, 'node_modules'), join(build, 'node_modules'), 'dir');
    copyFileSync(join(repo, 'package.json'), join(build, 'package.json'));
    writeFileSync(
      join(build, 'tsconfig.json'),
      JSON.stringify({
        extends: join(repo, 'tsconfig.build.json'),
        compilerOptions: { rootDir: join(repo, 'src'), outDir: join(build, 'dist') },
        include: [],
        files: [join(repo, 'src', 'cli', 'bin.ts')],
      }),
    );
    const tsc = await exited(
      spawn(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(build, 'tsconfig.json')]),
    );
    if (tsc.code !== 0) throw new Error(`the build failed:\n${tsc.stdout}${tsc.stderr}`);
    return join(build, 'dist', 'cli', 'bin.js');
  });
}
