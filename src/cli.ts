// face-detection-contract: the package's command line. `validate` checks a JSON document against
// the contract as the service would; `serve` runs the emulator until SIGINT/SIGTERM; `conformance`
// holds an endpoint to the contract. bin.ts runs it; tests call main() with their own streams.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { conformance, CONFORMANCE_OPTIONS, CONFORMANCE_USAGE } from './conformanceCommand.js';
import type { EmulatorOptions } from './emulator.js';
import type { FaceDetectionServiceOptions } from './FaceDetectionService.js';
import { notifyUrlProblem } from './snsNotification.js';
import type { SigV4Credentials } from './verifySigV4.js';
import { faultModes, isFaultModeName, type FaultModeName } from './faultModes.js';
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

const DEFAULT_PORT = 4566;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_JOB_DURATION = 5000;
/** setTimeout's largest delay. */
const MAX_JOB_DURATION = 2 ** 31 - 1;

const USAGE = `Usage: face-detection-contract <command> [options]

Commands:
  validate <shape> [file]   Validate a JSON document (a file, or standard input when the file is
                            missing or "-") as the service would. <shape> is one of:
                            ${Object.keys(VALIDATORS).join(', ')}.
                            Exit status: 0 valid, 1 invalid, 2 bad usage or unreadable input.

  serve [options]           Run the emulator: StartFaceDetection and GetFaceDetection over HTTP,
                            answered by the in-memory service, until SIGINT or SIGTERM. Prints
                            "listening on http://HOST:PORT" once ready. Exit status: 0 stopped by
                            a signal, 1 could not listen, 2 bad usage.
    --port <n>              The port, 0 for any free one. Default ${DEFAULT_PORT}.
    --host <address>        The address to bind. Default ${DEFAULT_HOST} (loopback only).
    --auth <sigv4|none>     sigv4: every request must carry a valid SigV4 signature made with one
                            of the --credentials. Default none.
    --credentials <id:secret>
                            An access key the emulator knows, as ACCESS_KEY_ID:SECRET_ACCESS_KEY.
                            Repeat it for more keys. Needs --auth sigv4.
    --max-jobs <n>          Jobs that may run at once before LimitExceededException. Default 20.
    --max-body-bytes <n>    The largest request body before a 413. Default 1048576.
    --fault-mode <name>     Break one rule of the contract on purpose, to see a conformance
                            suite catch it (the names: see faultModes in the package).
    --job-duration <ms>     How long a job runs before it finishes, in ms. Default ${DEFAULT_JOB_DURATION}.
    --notify-url <url>      POST each completion notice of a job that names a NotificationChannel
                            to this http(s) URL, as an SNS HTTP(S) notification (its Signature is
                            a placeholder: do not verify it). Outcomes go to standard error.

${CONFORMANCE_USAGE}
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
  /**
   * For long-running commands (serve): resolves with the signal's name when the command should
   * stop. Called once, when the command is ready. Default: the first SIGINT or SIGTERM.
   */
  stopSignal?(): Promise<string>;
  /** Colour the output. Default: no. */
  color?: boolean;
}

const processIO: CliIO = {
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  read: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
  stopSignal: () =>
    new Promise((resolve) => {
      // After the first signal the handlers go, so a second Ctrl-C kills at once.
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve(signal);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
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

/** The options of `serve`; other commands refuse them. */
const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  auth: { type: 'string' },
  credentials: { type: 'string', multiple: true },
  'max-jobs': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'fault-mode': { type: 'string' },
  'job-duration': { type: 'string' },
  'notify-url': { type: 'string' },
} as const;

type ServeValues = { [K in keyof typeof SERVE_OPTIONS]?: (typeof SERVE_OPTIONS)[K] extends { multiple: true } ? string[] : string };

/** A whole number from `min` to `max`, or a reason it is not. */
function wholeNumber(flag: string, text: string, min: number, max: number): number | string {
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  return value >= min && value <= max ? value : `--${flag} must be a whole number from ${min} to ${max}, not '${text}'`;
}

/** The emulator's options from serve's flags, or the reason they are wrong. */
function serveOptions(values: ServeValues): { emulator: EmulatorOptions; service: FaceDetectionServiceOptions } | string {
  const port = wholeNumber('port', values.port ?? String(DEFAULT_PORT), 0, 65535);
  if (typeof port === 'string') return port;
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') return '--host must name an address';
  const maxBody = values['max-body-bytes'] === undefined ? undefined : wholeNumber('max-body-bytes', values['max-body-bytes'], 1, Number.MAX_SAFE_INTEGER);
  if (typeof maxBody === 'string') return maxBody;
  const maxJobs = values['max-jobs'] === undefined ? undefined : wholeNumber('max-jobs', values['max-jobs'], 0, 1_000_000);
  if (typeof maxJobs === 'string') return maxJobs;

  const auth = values.auth ?? 'none';
  if (auth !== 'sigv4' && auth !== 'none') return `--auth must be sigv4 or none, not '${auth}'`;
  const given = values.credentials ?? [];
  if (auth === 'sigv4' && given.length === 0) return '--auth sigv4 needs --credentials ACCESS_KEY_ID:SECRET_ACCESS_KEY';
  if (auth === 'none' && given.length > 0) return '--credentials needs --auth sigv4';
  const credentials: SigV4Credentials[] = [];
  for (const pair of given) {
    const colon = pair.indexOf(':');
    const accessKeyId = pair.slice(0, colon);
    const secretAccessKey = pair.slice(colon + 1);
    // Never echo the value: it holds a secret.
    if (colon < 1 || secretAccessKey === '' || /[\s/:]/.test(accessKeyId) || /\s/.test(secretAccessKey)) {
      return '--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY, both non-empty, without spaces (the key id without / or :)';
    }
    credentials.push({ accessKeyId, secretAccessKey });
  }

  const faultMode = values['fault-mode'];
  if (faultMode !== undefined && !isFaultModeName(faultMode)) return `--fault-mode must be one of ${Object.keys(faultModes).join(', ')}; not '${faultMode}'`;

  const jobDuration = values['job-duration'] === undefined ? undefined : wholeNumber('job-duration', values['job-duration'], 0, MAX_JOB_DURATION);
  if (typeof jobDuration === 'string') return jobDuration;
  const notifyUrl = values['notify-url'];
  const problem = notifyUrl === undefined ? undefined : notifyUrlProblem(notifyUrl);
  if (problem) return `--notify-url ${problem}, not '${notifyUrl}'`;

  const emulator: EmulatorOptions = { port, host };
  if (maxBody !== undefined) emulator.maxBodyBytes = maxBody;
  if (auth === 'sigv4') emulator.auth = { credentials };
  if (notifyUrl !== undefined) emulator.notifyUrl = notifyUrl;
  const service: FaceDetectionServiceOptions = {
    ...(maxJobs !== undefined ? { maxConcurrentJobs: maxJobs } : {}),
    ...(faultMode !== undefined ? { faultMode } : {}),
    ...(maxBody !== undefined ? { maxBodyBytes: maxBody } : {}),
    ...(jobDuration !== undefined ? { jobDurationMs: jobDuration } : {}),
  };
  return { emulator, service };
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i;

async function serve(io: CliIO, args: string[], values: ServeValues): Promise<number> {
  if (args.length > 0) return usageError(io, `unexpected argument '${args[0]}'`);
  const options = serveOptions(values);
  if (typeof options === 'string') return usageError(io, options);
  const { emulator: emulatorOptions } = options;
  // Loaded here, not above: validate needs neither node:http nor msw. The emulator makes the
  // service from these options (and posts its notices to --notify-url).
  const { startEmulator } = await import('./emulator.js');
  emulatorOptions.service = options.service;
  emulatorOptions.log = (line) => io.err(`${line}\n`);

  let emulator;
  try {
    emulator = await startEmulator(emulatorOptions);
  } catch (error) {
    io.err(`face-detection-contract: cannot listen on ${emulatorOptions.host}:${emulatorOptions.port}: ${(error as Error).message}\n`);
    return 1;
  }
  if (!LOOPBACK.test(emulatorOptions.host!) && !emulatorOptions.auth) {
    io.err(`face-detection-contract: warning: ${emulatorOptions.host} is not a loopback address and --auth is none; anyone who reaches it can call it\n`);
  }
  // The handlers go in before the line that tells the caller it may signal.
  const stopped = (io.stopSignal ?? processIO.stopSignal!)();
  io.out(`listening on ${emulator.url}\n`);
  const signal = await stopped;
  io.out(`${signal}: stopping\n`);
  await emulator.close();
  return 0;
}

const SERVE_ONLY = Object.keys(SERVE_OPTIONS).filter((f) => !(f in CONFORMANCE_OPTIONS));
const CONFORMANCE_ONLY = Object.keys(CONFORMANCE_OPTIONS).filter((f) => !(f in SERVE_OPTIONS));

/**
 * `--seed -5` as `--seed=-5`: parseArgs takes `-5` for an option of its own, and a seed may be
 * negative (fast-check prints such seeds). Only for a string option followed by a number.
 */
function withNegativeNumbers(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [arg, next] = [argv[i]!, argv[i + 1]];
    const option = arg.startsWith('--') && !arg.includes('=') ? (CONFORMANCE_OPTIONS as Record<string, { type: string }>)[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: withNegativeNumbers(argv),
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' }, ...SERVE_OPTIONS, ...CONFORMANCE_OPTIONS },
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
  const given = (flags: string[]) => flags.find((flag) => (values as Record<string, unknown>)[flag] !== undefined);
  const misplaced =
    command === 'serve' ? given(CONFORMANCE_ONLY) : command === 'conformance' ? given(SERVE_ONLY) : given([...Object.keys(SERVE_OPTIONS), ...CONFORMANCE_ONLY]);
  if (misplaced) {
    const owner = misplaced in SERVE_OPTIONS ? 'serve' : 'conformance';
    return usageError(io, `--${misplaced} is an option of ${owner}, not of ${command}`);
  }
  if (command === 'serve') return serve(io, rest, values);
  if (command === 'conformance') return conformance(io, rest, values, (message) => usageError(io, message));
  if (command === 'validate') return validate(io, rest);
  return usageError(io, `unknown command '${command}'`);
}
