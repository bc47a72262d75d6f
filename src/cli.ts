// face-detection-contract: the package's command line. `validate` checks a JSON document against
// the contract as the service would; later commands (serve, conformance) join it here. bin.ts runs
// it; tests call main() with their own streams.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  validateGetFaceDetectionRequest,
  validateGetFaceDetectionResponse,
  validateStartFaceDetectionRequest,
  validateStartFaceDetectionResponse,
  type ValidationResult,
} from './validators.js';

const VALIDATORS: Record<string, (value: unknown) => ValidationResult> = {
  StartFaceDetectionRequest: validateStartFaceDetectionRequest,
  StartFaceDetectionResponse: validateStartFaceDetectionResponse,
  GetFaceDetectionRequest: validateGetFaceDetectionRequest,
  GetFaceDetectionResponse: validateGetFaceDetectionResponse,
};

const USAGE = `Usage: face-detection-contract <command> [options]

Commands:
  validate <shape> [file]   Validate a JSON document (a file, or standard input when the file is
                            missing or "-") as the service would. <shape> is one of:
                            ${Object.keys(VALIDATORS).join(', ')}.
                            Exit status: 0 valid, 1 invalid, 2 bad usage or unreadable input.

Options:
  -h, --help                Show this help.
  -v, --version             Show the package version.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Reads a file, or standard input for "-". */
  read(file: string): string;
}

const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  read: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
};

function usageError(io: CliIO, message: string): number {
  io.err(`face-detection-contract: ${message}\n\n${USAGE}`);
  return 2;
}

function validate(io: CliIO, args: string[]): number {
  const [shape, file = '-', ...rest] = args;
  if (!shape) return usageError(io, 'validate needs a shape');
  const check = VALIDATORS[shape];
  if (!check) return usageError(io, `unknown shape '${shape}'`);
  if (rest.length > 0) return usageError(io, `unexpected argument '${rest[0]}'`);
  let text: string;
  try {
    text = io.read(file);
  } catch (error) {
    io.err(`face-detection-contract: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    io.out(`SerializationException: ${file === '-' ? 'standard input' : file} is not JSON (${(error as Error).message})\n`);
    return 1;
  }
  const result = check(value);
  if (result.valid) {
    io.out(`valid ${shape}\n`);
    return 0;
  }
  io.out(`${result.errorType}: ${result.message}\n`);
  for (const v of result.violations) io.out(`  ${v.path || '(document)'}  ${v.kind}  ${v.constraint}\n`);
  return 1;
}

export function main(argv: string[], io: CliIO = processIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'validate') return validate(io, rest);
  return usageError(io, `unknown command '${command}'`);
}

