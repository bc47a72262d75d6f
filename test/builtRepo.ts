// The repo built once per test run, in a copy of what the build and the tarball need (never the
// repo's own dist/, which a developer's npm start may be using): the bin that tests spawn
// (built-bin.ts), the folder npm pack packs (packed.ts) and where build.test.ts starts from.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { oncePerRun } from './oncePerRun.js';
import { root } from './spec.js';

/** What a build reads and what npm pack ships besides dist/ and docs/index.html. */
export const BUILD_SOURCES = [
  'src',
  'generated',
  'scripts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'README.md',
  'spec/openapi.yaml',
  // The docs page the tarball carries (prepack writes it: scripts/docs.mjs, with redocly.yaml).
  'redocly.yaml',
];

/** Copies the sources into `folder`, node_modules linked, and runs a clean build there. */
export async function buildCopy(folder: string): Promise<void> {
  for (const path of BUILD_SOURCES) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    cpSync(join(root, path), join(folder, path), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: folder }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the build failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    },
  );
}

/** The folder of this run's build. */
export function builtRepo(): Promise<string> {
  return oncePerRun('build', async (folder) => {
    await buildCopy(folder);
    return folder;
  });
}
