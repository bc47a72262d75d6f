// The real `face-detection-contract` command for tests that spawn it, from the run's build, and
// how to wait for a child process.
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtRepo } from './builtRepo.js';

const _repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

/** The bin of this run's build (builtRepo.ts): its path. */
export async function buildBin(): Promise<string> {
  return join(await builtRepo(), 'dist', 'cli', 'bin.js');
}
