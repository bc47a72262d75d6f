// The package's footprint: the packed tarball, the cold import of the main entry point against a
// bare `node -e 0`, and which modules the light entry points load.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { modulesLoadedBy } from '../scripts/modules-loaded-by.mjs';
import { median, ratio } from './common.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = (file) => pathToFileURL(path.join(root, 'dist', file)).href;
const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 9);

/** Milliseconds for `node ...args` to start, run and exit. */
function spawnMs(args) {
  const started = performance.now();
  const { status, stderr } = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (status !== 0) throw new Error(`node ${args.join(' ')}: ${stderr}`);
  return performance.now() - started;
}

export async function footprintRows(row) {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  row('packed tarball (npm pack)', `${(pack.size / 1024).toFixed(1)} kB, ${pack.entryCount} files`, `unpacked, ${(pack.unpackedSize / 1024).toFixed(1)} kB`, ratio(pack.size, pack.unpackedSize));

  const importIndex = ['--input-type=module', '-e', `await import(${JSON.stringify(entry('index.js'))})`];
  const cold = [];
  const bare = [];
  for (let i = 0; i < SPAWNS; i++) cold.push(spawnMs(importIndex)), bare.push(spawnMs(['-e', '0']));
  const [c, b] = [median(cold), median(bare)];
  row(`cold import of dist/index.js (median of ${SPAWNS} spawns)`, `${c.toFixed(0)} ms (+${(c - b).toFixed(0)} ms)`, `node -e "0", ${b.toFixed(0)} ms`, ratio(c, b));

  const typesLoads = modulesLoadedBy(entry('types.js'));
  row('dist/types.js loads no other module', typesLoads.length === 0 ? 'yes' : `no: ${typesLoads.join(', ')}`, '-', '-');
  const indexLoads = modulesLoadedBy(entry('index.js'));
  const heavy = indexLoads.filter((u) => /\/node_modules\/msw\//.test(u) || u === 'node:http');
  row(`dist/index.js loads neither msw nor node:http (${indexLoads.length} modules)`, heavy.length === 0 ? 'yes' : `no: ${heavy.join(', ')}`, '-', '-');
  const emulatorLoads = modulesLoadedBy(entry('emulator.js'));
  const emulatorMsw = emulatorLoads.filter((u) => /\/node_modules\/msw\//.test(u));
  row(`dist/emulator.js loads no msw (${emulatorLoads.length} modules)`, emulatorMsw.length === 0 ? 'yes' : `no: ${emulatorMsw.join(', ')}`, '-', '-');
}
