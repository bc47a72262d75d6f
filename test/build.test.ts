// scripts/build.mjs. The run's clean build of the repo (builtRepo.ts) writes both formats, and
// Node reads the CommonJS copy as CommonJS. `--if-changed` is tried on a small package of the same
// shape (src/ in folders, generated/, the repo's tsconfigs and script), so that each of its builds
// takes a moment: it builds nothing when no input changed, after a change re-emits what the change
// reaches and not the rest, and builds whole again when dist/ is not as it left it or a source is gone.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtRepo } from './builtRepo.js';
import { root } from './spec.js';

let built: string;
let small: string;
const build = (...args: string[]) => execFileSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: small, encoding: 'utf8' });
const mtime = (file: string) => statSync(join(small, file)).mtimeMs;

/** A package of the repo's shape: an entry point importing a module that imports generated/, and one module it does not reach. */
const SMALL: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'small', version: '0.0.0', type: 'module', exports: { '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } } } })}\n`,
  'src/index.ts': "export { isTag } from './contract/wire.js';\nexport { closeServer } from './transports/closeServer.js';\n",
  'src/contract/wire.ts':
    "import { tag } from '../../generated/checks.js';\nexport const isTag = (value: string): boolean => value === tag;\n",
  'src/transports/closeServer.ts': 'export const closeServer = (): number => 1;\n',
  'src/transports/emulator.ts': "export const emulator = 'not reached from the entry point';\n",
  'generated/checks.js': "export const tag = 'a';\n",
  'generated/checks.d.ts': 'export declare const tag: string;\n',
};

beforeAll(async () => {
  built = await builtRepo();
  small = mkdtempSync(join(tmpdir(), 'fdc-build-'));
  for (const [path, text] of Object.entries(SMALL)) {
    mkdirSync(dirname(join(small, path)), { recursive: true });
    writeFileSync(join(small, path), text);
  }
  for (const path of ['scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(root, path), join(small, path));
  symlinkSync(join(root, 'node_modules'), join(small, 'node_modules'), 'dir');
  build();
}, 180_000);

afterAll(() => rmSync(small, { recursive: true, force: true }));

describe('scripts/build.mjs', () => {
  it('writes the ES modules, and a CommonJS copy that Node reads as CommonJS', () => {
    expect(readFileSync(join(built, 'dist/index.js'), 'utf8')).toMatch(/^export \{/m);
    expect(readFileSync(join(built, 'dist/cjs/index.js'), 'utf8')).toContain('module.exports');
    expect(JSON.parse(readFileSync(join(built, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    // generated/ goes along, its specifiers rewritten to where it lands.
    expect(existsSync(join(built, 'dist/cjs/generated/checks.js'))).toBe(true);
    expect(readFileSync(join(built, 'dist/cjs/contract/validators.js'), 'utf8')).toContain('require("../generated/checks.js")');
    const loaded = execFileSync(
      process.execPath,
      ['-e', "console.log(typeof require('./dist/cjs/index.js').validateStartFaceDetectionRequest)"],
      { cwd: built, encoding: 'utf8' },
    );
    expect(loaded.trim()).toBe('function');
  });

  it('writes the same shape for the small package: what the entry point reaches, in both formats', () => {
    expect(readFileSync(join(small, 'dist/cjs/contract/wire.js'), 'utf8')).toContain('require("../generated/checks.js")');
    expect(existsSync(join(small, 'dist/transports/emulator.js'))).toBe(true);
    expect(existsSync(join(small, 'dist/cjs/transports/emulator.js'))).toBe(false);
  });

  it('--if-changed builds nothing when no input changed', () => {
    const before = [mtime('dist/index.js'), mtime('dist/cjs/index.js'), mtime('dist/contract/wire.js')];
    expect(build('--if-changed')).toBe('');
    expect([mtime('dist/index.js'), mtime('dist/cjs/index.js'), mtime('dist/contract/wire.js')]).toEqual(before);
  });

  it('--if-changed after a change rebuilds: the changed module, not every module', { timeout: 60_000 }, () => {
    const untouched = mtime('dist/transports/emulator.js');
    const file = join(small, 'src/transports/closeServer.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport const __buildTestMarker = 1;\n`);
    build('--if-changed');
    expect(readFileSync(join(small, 'dist/transports/closeServer.js'), 'utf8')).toContain('__buildTestMarker');
    expect(readFileSync(join(small, 'dist/cjs/transports/closeServer.js'), 'utf8')).toContain('__buildTestMarker');
    expect(mtime('dist/transports/emulator.js')).toBe(untouched);
  });

  it('--if-changed builds again, whole, when dist/ is not as the last build left it: a file gone, a file no source makes', {
    timeout: 120_000,
  }, () => {
    rmSync(join(small, 'dist/contract/wire.js'));
    writeFileSync(join(small, 'dist/stale.js'), 'export {};\n');
    build('--if-changed');
    expect(existsSync(join(small, 'dist/contract/wire.js'))).toBe(true);
    expect(existsSync(join(small, 'dist/transports/emulator.js'))).toBe(true);
    expect(existsSync(join(small, 'dist/stale.js'))).toBe(false);
    expect(build('--if-changed')).toBe('');
  });

  it('--if-changed builds again, whole, when a source is gone: nothing it emitted is left to ship', { timeout: 120_000 }, () => {
    expect(existsSync(join(small, 'dist/transports/emulator.js'))).toBe(true);
    rmSync(join(small, 'src/transports/emulator.ts'));
    build('--if-changed');
    expect(existsSync(join(small, 'dist/transports/emulator.js'))).toBe(false);
    expect(existsSync(join(small, 'dist/transports/emulator.d.ts'))).toBe(false);
    expect(existsSync(join(small, 'dist/contract/wire.js'))).toBe(true);
  });
});
