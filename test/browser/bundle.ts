// A page's script for the browser tests: its entry and what it imports, bundled with esbuild as a
// browser loads it (the SDK's browser build, msw's where it is used), and the files that went in.
import { build } from 'esbuild';
import { root } from '../spec.js';

export async function bundlePage(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    conditions: ['browser', 'module', 'import'],
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}
