// The package's own name and version, for what it writes (a HAR's creator): read from its
// package.json, two folders up from src/ and dist/, three from dist/cjs/.
import { readFileSync } from 'node:fs';

export const PACKAGE_NAME = 'rekognition-face-detection-contract';

let version: string | undefined;

export function packageVersion(): string {
  version ??= readVersion();
  return version;
}

function readVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not there from this copy of the module: the next folder up.
    }
  }
  return 'unknown';
}
