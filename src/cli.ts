#!/usr/bin/env node
// face-detection-contract: the package's command line. `validate` checks a JSON document against
// the contract as the service would; later commands (serve, conformance) join it here.
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

function usageError(message: string): number {
  process.stderr.write(`face-detection-contract: ${message}\n\n${USAGE}`);
  return 2;
}

function validate(args: string[]): number {
  const [shape, file = '-', ...rest] = args;
  if (!shape) return usageError('validate needs a shape');
  const check = VALIDATORS[shape];
  if (!check) return usageError(`unknown shape '${shape}'`);
  if (rest.length > 0) return usageError(`unexpected argument '${rest[0]}'`);
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    process.stderr.write(`face-detection-contract: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    process.stdout.write(`SerializationException: ${file === '-' ? 'standard input' : file} is not JSON (${(error as Error).message})\n`);
    return 1;
  }
  const result = check(value);
  if (result.valid) {
    process.stdout.write(`valid ${shape}\n`);
    return 0;
  }
  process.stdout.write(`${result.errorType}: ${result.message}\n`);
  for (const v of result.violations) process.stdout.write(`  ${v.path || '(document)'}  ${v.kind}  ${v.constraint}\n`);
  return 1;
}

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'validate') return validate(rest);
  return usageError(`unknown command '${command}'`);
}

process.exitCode = main(process.argv.slice(2));
