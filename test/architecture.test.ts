// src/ by role, its imports one way: the CLI on top, then the conformance engine and the transports,
// the service, the contract, and generated/ at the bottom; the arbitraries beside the engine. No
// module imports one above its part, and no chain of imports comes back to where it began.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './spec.js';

/** The parts each part may import, besides itself. The entry points (src/*.ts) may import any part but the CLI. */
const ALLOWED: Record<string, string[]> = {
  contract: ['generated'],
  service: ['contract', 'generated'],
  transports: ['service', 'contract', 'generated'],
  arbitraries: ['contract', 'generated'],
  conformance: ['arbitraries', 'service', 'contract', 'generated'],
  cli: ['conformance', 'transports', 'service', 'contract', 'generated'],
  entry: ['conformance', 'arbitraries', 'transports', 'service', 'contract', 'generated'],
};

const src = join(root, 'src');
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
const modules = walk(src).filter((file) => file.endsWith('.ts'));

/** `contract`, `service`, ...: a module's folder under src/, `entry` for src/*.ts, `generated` for generated/. */
function partOf(file: string): string {
  const path = relative(root, file);
  if (path.startsWith('generated/')) return 'generated';
  const inSrc = relative(src, file);
  return inSrc.includes('/') ? inSrc.split('/')[0]! : 'entry';
}

/** The files a module imports (static, dynamic and type-only), as absolute .ts or generated paths. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => {
    const target = resolve(dirname(file), match[1]!);
    return target.startsWith(src) ? target.replace(/\.js$/, '.ts') : target;
  });
}

const graph = new Map(modules.map((file) => [file, importsOf(file)]));

/** Each import of a part it may not import, as `a imports b`. */
function upwardImports(of: Map<string, string[]>): string[] {
  return [...of].flatMap(([file, targets]) =>
    targets
      .filter((target) => partOf(target) !== partOf(file) && !ALLOWED[partOf(file)]!.includes(partOf(target)))
      .map((target) => `${relative(root, file)} imports ${relative(root, target)}`),
  );
}

/** Each chain of imports that comes back to where it began, as `a -> b -> a`. */
function cyclesOf(of: Map<string, string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const target of of.get(file) ?? []) if (of.has(target)) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of of.keys()) visit(file, []);
  return cycles;
}

describe('src/ by role', () => {
  it('has every module in a part, and every part a README that says what it owns and may import', () => {
    expect(new Set(modules.map(partOf))).toEqual(new Set(Object.keys(ALLOWED)));
    for (const part of Object.keys(ALLOWED).filter((p) => p !== 'entry')) {
      const readme = join(src, part, 'README.md');
      expect(readFileSync(readme, 'utf8'), readme).toMatch(/^# .+\n\n[\s\S]+may import/);
    }
  });

  it('imports run one way: no part imports a part above it', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('no module reaches itself through its imports', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('the checks see what they look for, in a made-up graph', () => {
    const [a, b, c] = ['service/a.ts', 'service/b.ts', 'cli/c.ts'].map((f) => join(src, f));
    const made = new Map([
      [a!, [b!]],
      [b!, [a!, c!]],
      [c!, []],
    ]);
    expect(cyclesOf(made)).toEqual(['service/a.ts -> service/b.ts -> service/a.ts']);
    expect(upwardImports(made)).toEqual(['src/service/b.ts imports src/cli/c.ts']);
  });
});

/** The tables of cases that are long because there are many of them, each a row. */
const TABLES = new Set(['conformance/protocolCases.ts', 'service/faultModes.ts']);
const MAX_LINES = 400;

/** The service's files a fault mode may be named in: its table, its wrappers, the seam, and where the service is made and given out. */
const SEAM = new Set([
  'faultModes.ts',
  'faultWrappers.ts',
  'ModelHooks.ts',
  'FaceDetectionService.ts',
  'FaceDetectionServiceOptions.ts',
  'index.ts',
]);

describe('rooms', () => {
  it(`no hand-written src file is over ${MAX_LINES} lines, the tables of cases aside`, () => {
    const long = modules
      .map((file) => [relative(src, file), readFileSync(file, 'utf8').split('\n').length - 1] as const)
      .filter(([file, lines]) => lines > MAX_LINES && !TABLES.has(file));
    expect(long).toEqual([]);
  });

  it('a fault mode reaches the model through one seam: no other service file names one, and the service reads its hooks only', () => {
    const service = modules.filter((file) => partOf(file) === 'service' && !SEAM.has(relative(join(src, 'service'), file)));
    expect(service.length).toBeGreaterThan(10);
    expect(
      service.filter((file) => /\bFaultMode\b|faultModes|#fault\b/.test(readFileSync(file, 'utf8'))).map((f) => relative(src, f)),
    ).toEqual([]);
    // The service makes the hooks and the wrapper from the mode, and reads nothing else of it.
    const facade = readFileSync(join(src, 'service', 'FaceDetectionService.ts'), 'utf8');
    expect([...facade.matchAll(/\bmode\??\.(\w+)/g)].map((m) => m[1])).toEqual(['wrap']);
    expect(facade).not.toMatch(/#fault\b/);
  });
});
