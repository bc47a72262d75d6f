// scripts/build.mjs in a copy of the run's clean build (builtRepo.ts): a clean build writes both
// formats; `--if-changed` builds nothing when no input changed, and after a change re-emits what
// the change reaches, not the rest.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtRepo } from './builtRepo.js';
import { root } from './spec.js';

let copy: string;
const build = (...args: string[]) => execFileSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: copy, encoding: 'utf8' });
const mtime = (file: string) => statSync(join(copy, file)).mtimeMs;

beforeAll(async () => {
  // The run's clean build (builtRepo.ts), copied whole with its build record: these tests change it.
  const built = await builtRepo();
  copy = mkdtempSync(join(tmpdir(), 'fdc-build-'));
  cpSync(built, copy, { recursive: true, filter: (path) => path !== join(built, 'node_modules') });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
}, 180_000);

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('scripts/build.mjs', () => {
  it('writes the ES modules, and a CommonJS copy that Node reads as CommonJS', () => {
    expect(readFileSync(join(copy, 'dist/index.js'), 'utf8')).toMatch(/^export \{/m);
    expect(readFileSync(join(copy, 'dist/cjs/index.js'), 'utf8')).toContain('module.exports');
    expect(JSON.parse(readFileSync(join(copy, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    // generated/ goes along, its specifiers rewritten to where it lands.
    expect(existsSync(join(copy, 'dist/cjs/generated/guards.js'))).toBe(true);
    expect(readFileSync(join(copy, 'dist/cjs/contract/validators.js'), 'utf8')).toContain('require("../generated/guards.js")');
    const loaded = execFileSync(
      process.execPath,
      ['-e', "console.log(typeof require('./dist/cjs/index.js').validateStartFaceDetectionRequest)"],
      {
        cwd: copy,
        encoding: 'utf8',
      },
    );
    expect(loaded.trim()).toBe('function');
  });

  it('--if-changed builds nothing when no input changed', () => {
    const before = [mtime('dist/index.js'), mtime('dist/cjs/index.js'), mtime('dist/contract/wire.js')];
    expect(build('--if-changed')).toBe('');
    expect([mtime('dist/index.js'), mtime('dist/cjs/index.js'), mtime('dist/contract/wire.js')]).toEqual(before);
  });

  it('--if-changed after a change rebuilds: the changed module, not every module', { timeout: 60_000 }, () => {
    const untouched = mtime('dist/transports/emulator.js');
    const file = join(copy, 'src/transports/closeServer.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport const __buildTestMarker = 1;\n`);
    build('--if-changed');
    expect(readFileSync(join(copy, 'dist/transports/closeServer.js'), 'utf8')).toContain('__buildTestMarker');
    expect(readFileSync(join(copy, 'dist/cjs/transports/closeServer.js'), 'utf8')).toContain('__buildTestMarker');
    expect(mtime('dist/transports/emulator.js')).toBe(untouched);
  });

  it('--if-changed builds again, whole, when dist/ is not as the last build left it: a file gone, a file no source makes', {
    timeout: 120_000,
  }, () => {
    rmSync(join(copy, 'dist/contract/wire.js'));
    writeFileSync(join(copy, 'dist/stale.js'), 'export {};\n');
    build('--if-changed');
    expect(existsSync(join(copy, 'dist/contract/wire.js'))).toBe(true);
    expect(existsSync(join(copy, 'dist/cli/bin.js'))).toBe(true);
    expect(existsSync(join(copy, 'dist/stale.js'))).toBe(false);
    expect(build('--if-changed')).toBe('');
  });
});
