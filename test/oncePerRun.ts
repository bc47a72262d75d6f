// What several test files need, made once per test run however many workers ask for it (the
// build, the tarball, the README's projects). test/globalSetup.ts names the run and removes its folder.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The folder of what this run makes once (the build, the tarball, the README projects). */
export function runFolder(): string {
  const id = process.env.FDC_TEST_RUN;
  if (!id) throw new Error('FDC_TEST_RUN is not set: run the tests through vitest.config.ts');
  return join(tmpdir(), `fdc-run-${id}`);
}

/**
 * What `make` makes (a path), made once per test run however many workers ask: the first to
 * create `name`'s folder makes it, the others wait for its verdict. `make` gets the folder.
 */
export async function oncePerRun(name: string, make: (folder: string) => Promise<string>): Promise<string> {
  mkdirSync(runFolder(), { recursive: true });
  const folder = join(runFolder(), name);
  const ready = join(folder, '.ready');
  const failed = join(folder, '.failed');
  let owner = false;
  try {
    mkdirSync(folder);
    owner = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (owner) {
    // Written aside, then renamed: a waiting worker never reads a verdict half written.
    const settle = (file: string, text: string) => {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    };
    await make(folder).then(
      (made) => settle(ready, made),
      (error: unknown) => settle(failed, error instanceof Error ? error.message : String(error)),
    );
  }
  for (;;) {
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
    if (existsSync(ready)) return readFileSync(ready, 'utf8');
    await sleep(200);
  }
}
