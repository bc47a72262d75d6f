// The package's footprint: the packed tarball, the cold import of the main entry point against a
// bare `node -e 0`, and which modules the light entry points load.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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

/** Bytes under a folder. */
function bytesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size, 0);
}

/** What `npm install <specs>` puts into a fresh project: its packages and their bytes. */
function installed(specs) {
  const project = mkdtempSync(path.join(os.tmpdir(), 'bench-install-'));
  try {
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'bench-install', private: true }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], { cwd: project, stdio: 'ignore' });
    const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8'));
    const packages = Object.keys(lock.packages).filter((key) => key !== '').length;
    return { packages, bytes: bytesUnder(path.join(project, 'node_modules')) };
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export async function footprintRows(row) {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  row(
    'packed tarball (npm pack)',
    `${(pack.size / 1024).toFixed(1)} kB, ${pack.entryCount} files`,
    `unpacked, ${(pack.unpackedSize / 1024).toFixed(1)} kB`,
    ratio(pack.size, pack.unpackedSize),
  );

  // Someone who wants the types and validators: the tarball alone (msw is an optional peer), beside
  // the AWS SDK client alone, which anyone calling Rekognition from JavaScript installs anyway.
  const packDir = mkdtempSync(path.join(os.tmpdir(), 'bench-pack-'));
  try {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }),
    );
    const mine = installed([path.join(packDir, filename)]);
    const sdkRange = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies['@aws-sdk/client-rekognition'];
    const sdk = installed([`@aws-sdk/client-rekognition@${sdkRange}`]);
    row(
      'npm install of the package for types and validators (no msw)',
      `${mine.packages} packages, ${mb(mine.bytes)}`,
      `@aws-sdk/client-rekognition alone, ${sdk.packages} packages, ${mb(sdk.bytes)}`,
      ratio(mine.bytes, sdk.bytes),
    );
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }

  const importIndex = ['--input-type=module', '-e', `await import(${JSON.stringify(entry('index.js'))})`];
  const cold = [];
  const bare = [];
  for (let i = 0; i < SPAWNS; i++) {
    cold.push(spawnMs(importIndex));
    bare.push(spawnMs(['-e', '0']));
  }
  const [c, b] = [median(cold), median(bare)];
  row(
    `cold import of dist/index.js (median of ${SPAWNS} spawns)`,
    `${c.toFixed(0)} ms (+${(c - b).toFixed(0)} ms)`,
    `node -e "0", ${b.toFixed(0)} ms`,
    ratio(c, b),
  );

  const typesLoads = modulesLoadedBy(entry('types.js'));
  row('dist/types.js loads no other module', typesLoads.length === 0 ? 'yes' : `no: ${typesLoads.join(', ')}`, '-', '-');
  const indexLoads = modulesLoadedBy(entry('index.js'));
  const heavy = indexLoads.filter((u) => /\/node_modules\/msw\//.test(u) || u === 'node:http');
  row(
    `dist/index.js loads neither msw nor node:http (${indexLoads.length} modules)`,
    heavy.length === 0 ? 'yes' : `no: ${heavy.join(', ')}`,
    '-',
    '-',
  );
  const emulatorLoads = modulesLoadedBy(entry('emulator.js'));
  const emulatorMsw = emulatorLoads.filter((u) => /\/node_modules\/msw\//.test(u));
  row(
    `dist/emulator.js loads no msw (${emulatorLoads.length} modules)`,
    emulatorMsw.length === 0 ? 'yes' : `no: ${emulatorMsw.join(', ')}`,
    '-',
    '-',
  );
}
