// Which modules importing an entry point pulls in: every URL Node resolves on the way (ESM and
// CommonJS, builtins as node:...), recorded by a resolve hook in a fresh process. The footprint
// bench and the packed-package test both ask it, of dist/ and of the installed package.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The URLs importing `specifier` (a package name, resolved from `cwd`, or a file URL) resolves, the entry itself left out. */
export function modulesLoadedBy(specifier, { cwd = process.cwd() } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'modules-loaded-by-'));
  try {
    const log = path.join(dir, 'resolved.txt');
    const hooks = path.join(dir, 'hooks.mjs');
    // The entry's own resolution is the one asked for by the evaluated script (`[eval...]`).
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (context.parentURL && !context.parentURL.includes('[eval')) appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
  return result;
}\n`,
    );
    writeFileSync(log, '');
    const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
    const { status, stderr } = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(register)}`,
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(specifier)});`,
      ],
      { cwd, encoding: 'utf8' },
    );
    if (status !== 0) throw new Error(`importing ${specifier}: ${stderr}`);
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
