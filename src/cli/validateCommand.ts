// `face-detection-contract validate <shape> [file]`: a JSON document checked against the contract as
// the service would check it.
import type { CliIO } from './CliIO.js';
import { listLines } from './conformanceCommand.js';
import { didYouMean } from './didYouMean.js';
import { errorText } from './errorText.js';
import { PROGRAM } from './program.js';
import {
  validateGetFaceDetectionRequest,
  validateGetFaceDetectionResponse,
  validateStartFaceDetectionRequest,
  validateStartFaceDetectionResponse,
  type ValidationResult,
} from '../contract/validators.js';

const VALIDATORS: Record<string, (value: unknown) => ValidationResult> = {
  StartFaceDetectionRequest: validateStartFaceDetectionRequest,
  StartFaceDetectionResponse: validateStartFaceDetectionResponse,
  GetFaceDetectionRequest: validateGetFaceDetectionRequest,
  GetFaceDetectionResponse: validateGetFaceDetectionResponse,
};
const SHAPES = listLines(Object.keys(VALIDATORS), 2);

export const VALIDATE_HELP = `Usage: ${PROGRAM} validate <shape> [file]

Validate a JSON document (a file, or standard input when the file is missing or "-") as the
service would. Prints "valid <shape>", or the error the service would answer and under it each
violation: its path, its kind, the constraint.

<shape> is one of:
  ${SHAPES}

Options:
  -h, --help                Show this help.

Exit status:
  0  valid
  1  invalid: not JSON, or it breaks the contract
  2  bad usage, or the file cannot be read
`;

export function validate(io: CliIO, args: string[], usage: (message: string) => number): number {
  const [shape, file = '-', ...rest] = args;
  const shapes = Object.keys(VALIDATORS).join(', ');
  if (!shape) return usage(`missing <shape>: one of ${shapes}`);
  const check = VALIDATORS[shape];
  if (!check) return usage(`unknown shape '${shape}'${didYouMean(shape, Object.keys(VALIDATORS))}: one of ${shapes}`);
  if (rest.length > 0) return usage(`unexpected argument '${rest[0]}': validate takes <shape> and at most one file`);
  let text: string;
  try {
    text = io.read(file);
  } catch (error) {
    io.err(`${PROGRAM}: cannot read ${file}: ${errorText(error)}\n`);
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
