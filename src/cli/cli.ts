// face-detection-contract: the package's command line. `validate` checks a JSON document against
// the contract as the service would; `serve` runs the emulator until SIGINT/SIGTERM; `conformance`
// holds an endpoint to the contract; `replay` sends a recording of it to another. bin.ts runs it;
// tests call main() with their own streams.
import { readFileSync } from 'node:fs';
import type { CliIO } from './CliIO.js';
import { parseArgs } from 'node:util';
import { conformance, CONFORMANCE_HELP, CONFORMANCE_OPTIONS, listLines } from './conformanceCommand.js';
import { replay, REPLAY_HELP, REPLAY_OPTIONS } from './replayCommand.js';
import { processInterrupts } from './interrupts.js';
import { didYouMean } from './didYouMean.js';
import type { EmulatorOptions } from '../transports/emulator.js';
import type { FaceDetectionServiceOptions } from '../service/FaceDetectionService.js';
import {
  DEFAULT_EMULATOR_JOB_RETENTION_MS,
  DEFAULT_EMULATOR_MAX_RETAINED_JOBS,
  DEFAULT_JOB_DURATION_MS,
  DEFAULT_MAX_BODY_BYTES,
} from '../service/defaults.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../transports/defaults.js';
import { DEFAULT_MAX_CONCURRENT_JOBS } from '../contract/limits.js';
import { isLoopbackHost } from '../conformance/loopback.js';
import { packageVersion } from '../conformance/packageVersion.js';
import { readHar } from '../conformance/har.js';
import { loadWorld, worldOf, type RecordedWorld } from '../conformance/recordedWorld.js';
import { notifyUrlProblem } from '../transports/snsNotification.js';
import type { SigV4Credentials } from '../transports/verifySigV4.js';
import { faultModes, isFaultModeName } from '../service/faultModes.js';
import {
  validateGetFaceDetectionRequest,
  validateGetFaceDetectionResponse,
  validateStartFaceDetectionRequest,
  validateStartFaceDetectionResponse,
  type ValidationResult,
} from '../contract/validators.js';

export type { CliIO } from './CliIO.js';

const VALIDATORS: Record<string, (value: unknown) => ValidationResult> = {
  StartFaceDetectionRequest: validateStartFaceDetectionRequest,
  StartFaceDetectionResponse: validateStartFaceDetectionResponse,
  GetFaceDetectionRequest: validateGetFaceDetectionRequest,
  GetFaceDetectionResponse: validateGetFaceDetectionResponse,
};
const SHAPES = listLines(Object.keys(VALIDATORS), 2);

const PROGRAM = 'face-detection-contract';
/** setTimeout's largest delay. */
const MAX_JOB_DURATION = 2 ** 31 - 1;

/** The global help: a line per command; each command's own --help says the rest. */
const USAGE = `Usage: ${PROGRAM} <command> [options]

Commands:
  validate <shape> [file]   Check a JSON document against the contract, as the service would.
  serve [options]           Run the emulator over HTTP until SIGINT or SIGTERM.
  conformance [options]     Hold an endpoint to the contract and report each violation.
  replay <file.har>         Send a recording again (default: to the embedded mock) and list
                            each answer that differs from the one recorded.

Options:
  -h, --help                Show this help.
  -v, --version             Show the package version.

'${PROGRAM} <command> --help' shows a command's options and exit status.
`;

const VALIDATE_HELP = `Usage: ${PROGRAM} validate <shape> [file]

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

const SERVE_HELP = `Usage: ${PROGRAM} serve [options]

Run the emulator: StartFaceDetection and GetFaceDetection over HTTP, answered by the in-memory
service, until SIGINT or SIGTERM. Prints "listening on http://HOST:PORT" once ready, and a line
per request on standard error.

Options:
  --port <n>                The port, 0 for any free one. Default ${DEFAULT_PORT}.
  --host <address>          The address to bind. Default ${DEFAULT_HOST} (loopback only).
  --auth <sigv4|none>       sigv4: every request must carry a valid SigV4 signature made with one
                            of the --credentials. Default none.
  --credentials <id:secret>
                            An access key the emulator knows, as ACCESS_KEY_ID:SECRET_ACCESS_KEY.
                            Repeat it for more keys. Needs --auth sigv4.
  --max-jobs <n>            Jobs that may run at once before LimitExceededException. Default ${DEFAULT_MAX_CONCURRENT_JOBS}.
  --max-body-bytes <n>      The largest request body before a 413. Default ${DEFAULT_MAX_BODY_BYTES}.
  --fault-mode <name>       Break one rule of the contract on purpose, to see a conformance
                            suite catch it (the names: faultModes in the package; a name it
                            does not know lists them).
  --job-duration <ms>       How long a job runs before it finishes, in ms. Default ${DEFAULT_JOB_DURATION_MS}.
  --job-retention <ms>      How long a finished job is kept after it finished, in ms; then its
                            JobId answers ResourceNotFoundException. Default ${DEFAULT_EMULATOR_JOB_RETENTION_MS} (an hour).
  --max-retained-jobs <n>   The most finished jobs kept; past it the oldest-finished is forgotten.
                            Running jobs are never forgotten. Default ${DEFAULT_EMULATOR_MAX_RETAINED_JOBS}.
  --notify-url <url>        POST each completion notice of a job that names a NotificationChannel
                            to this http(s) URL, as an SNS HTTP(S) notification (its Signature is
                            a placeholder: do not verify it). Outcomes go to standard error.
  --world <file.har>        Take on the world of a recording (conformance --record writes one):
                            the objects it could read exist, with the faces and metadata its jobs
                            found; the objects it was refused do not. For replay --world-loaded.
  -h, --help                Show this help.

Exit status:
  0  stopped by SIGINT or SIGTERM (run by npx: or when npx ends)
  2  bad usage, or it cannot listen (the port is in use, say)
`;

/** How often an emulator run by npx looks for npx: it stops within this long of it. */
const PARENT_POLL_MS = 200;

const processIO: CliIO = {
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  read: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
  stopSignal: () =>
    new Promise((resolve) => {
      // npx passes no SIGTERM on to the command it runs: `npx … serve &` then `kill $!` ends npx
      // and would leave the emulator listening. Run by npx (npm exec), it stops when npx does.
      const parent = process.ppid;
      const orphaned =
        process.env.npm_command === 'exec'
          ? setInterval(() => process.ppid !== parent && stop('npx ended'), PARENT_POLL_MS).unref()
          : undefined;
      // After the first signal the handlers go, so a second Ctrl-C kills at once.
      const stop = (signal: string) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        clearInterval(orphaned);
        resolve(signal);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
  interrupts: () => processInterrupts(),
};

/** Control characters escaped: a value echoed in a message keeps it on one line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));

/** An error as one line: its message, then each cause's that the message does not already hold. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    // A failed connection to a name with several addresses is an AggregateError without a message.
    const text =
      e instanceof AggregateError && !e.message ? e.errors.map(errorText).join('; ') : e instanceof Error ? e.message || e.name : String(e);
    if (!parts.some((part) => part.includes(text))) parts.push(text);
  }
  return oneLine(parts.join(': '));
}

/** A usage error: one line on stderr that says what is wrong and where the help is; exit 2. */
function usageError(io: CliIO, command: string | undefined, message: string): number {
  const who = command ? `${PROGRAM} ${command}` : PROGRAM;
  io.err(`${who}: ${oneLine(message)} (see ${who} --help)\n`);
  return 2;
}

type OptionSpec = Readonly<Record<string, Readonly<{ type: 'string' | 'boolean'; multiple?: boolean; short?: string }>>>;
type Values<S extends OptionSpec> = {
  -readonly [K in keyof S]?: S[K] extends { type: 'boolean' } ? boolean : S[K] extends { multiple: true } ? string[] : string;
};

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
const GLOBAL_OPTIONS = { ...HELP_OPTION, version: { type: 'boolean', short: 'v' } } as const;

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
  'job-retention': { type: 'string' },
  'max-retained-jobs': { type: 'string' },
  'notify-url': { type: 'string' },
  world: { type: 'string' },
} as const;

const COMMANDS = { validate: {}, serve: SERVE_OPTIONS, conformance: CONFORMANCE_OPTIONS, replay: REPLAY_OPTIONS } as const;
type CommandName = keyof typeof COMMANDS;
const HELP: Record<CommandName, string> = {
  validate: VALIDATE_HELP,
  serve: SERVE_HELP,
  conformance: CONFORMANCE_HELP,
  replay: REPLAY_HELP,
};
const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type OptionToken = Extract<Token, { kind: 'option' }>;

/** Every option of every command: to find the command wherever it stands among them. */
const ALL_OPTIONS: OptionSpec = { ...GLOBAL_OPTIONS, ...SERVE_OPTIONS, ...CONFORMANCE_OPTIONS, ...REPLAY_OPTIONS };

/** parseArgs' reading of `args`, refusing nothing: the checks are ours, in our words. */
const tokensOf = (args: string[], options: OptionSpec) =>
  parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true }).tokens;

/** `unknown option '--x'`, or which command the option belongs to. */
function unknownOption(token: OptionToken, command: CommandName | undefined): string {
  const owners = token.rawName.startsWith('--')
    ? Object.keys(COMMANDS).filter((c) => Object.hasOwn(COMMANDS[c as CommandName], token.name))
    : [];
  if (owners.length === 0) {
    const known = Object.keys(command ? { ...GLOBAL_OPTIONS, ...COMMANDS[command] } : ALL_OPTIONS);
    return `unknown option '${token.rawName}'${token.rawName.startsWith('--') ? didYouMean(token.name, known, '--') : ''}`;
  }
  const of = `${token.rawName} is an option of ${owners.join(' and ')}`;
  return command ? `${of}, not of ${command}` : `missing command: ${of}`;
}

/** What is wrong with an option as given, if anything. */
function optionProblem(token: OptionToken, options: OptionSpec, command: CommandName | undefined): string | undefined {
  const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
  if (!option) return unknownOption(token, command);
  if (option.type === 'boolean') return token.value === undefined ? undefined : `option '${token.rawName}' takes no value`;
  if (token.value === undefined) return `option '${token.rawName}' needs a value`;
  // parseArgs takes the next argument as the value whatever it is; a negative number may be one
  // (a seed), another option may not: the value was forgotten. --flag=VALUE takes any value.
  if (!token.inlineValue && token.value.startsWith('-') && !/^-\d/.test(token.value))
    return `option '${token.rawName}' needs a value before '${token.value}'`;
  return undefined;
}

interface CommandLine<S extends OptionSpec> {
  values: Values<S>;
  positionals: string[];
  /** The first thing wrong, if any; the values hold every option that was right. */
  problem?: string;
}

/** `args` read for these options; the first problem in our own words (never parseArgs' message). */
function commandLine<S extends OptionSpec>(args: string[], options: S, command: CommandName | undefined): CommandLine<S> {
  const values: Record<string, string | string[] | boolean> = {};
  const positionals: string[] = [];
  let problem: string | undefined;
  for (const token of tokensOf(args, options)) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const wrong = optionProblem(token, options, command);
    if (wrong) {
      problem ??= wrong;
      continue;
    }
    const option = options[token.name]!;
    if (option.type === 'boolean') values[token.name] = true;
    else if (option.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), token.value!];
    else values[token.name] = token.value!;
  }
  return { values: values as Values<S>, positionals, ...(problem ? { problem } : {}) };
}

function validate(io: CliIO, args: string[], usage: (message: string) => number): number {
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

export type ServeValues = Values<typeof SERVE_OPTIONS>;

/** A whole number from `min` to `max`, or a reason it is not. */
function wholeNumber(flag: string, text: string, min: number, max: number): number | string {
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  return value >= min && value <= max ? value : `--${flag} must be a whole number from ${min} to ${max}, not '${text}'`;
}

/** The emulator's options from serve's flags, or the reason they are wrong. */
export function serveOptions(values: ServeValues): { emulator: EmulatorOptions; service: FaceDetectionServiceOptions } | string {
  const port = wholeNumber('port', values.port ?? String(DEFAULT_PORT), 0, 65535);
  if (typeof port === 'string') return port;
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') return '--host must name an address';
  const maxBody =
    values['max-body-bytes'] === undefined
      ? undefined
      : wholeNumber('max-body-bytes', values['max-body-bytes'], 1, Number.MAX_SAFE_INTEGER);
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
  if (faultMode !== undefined && !isFaultModeName(faultMode))
    return `--fault-mode must name a fault mode, not '${faultMode}'${didYouMean(faultMode, Object.keys(faultModes))}: one of ${Object.keys(faultModes).join(', ')}`;

  const jobDuration =
    values['job-duration'] === undefined ? undefined : wholeNumber('job-duration', values['job-duration'], 0, MAX_JOB_DURATION);
  if (typeof jobDuration === 'string') return jobDuration;
  const retention =
    values['job-retention'] === undefined ? undefined : wholeNumber('job-retention', values['job-retention'], 0, Number.MAX_SAFE_INTEGER);
  if (typeof retention === 'string') return retention;
  const maxRetained =
    values['max-retained-jobs'] === undefined
      ? undefined
      : wholeNumber('max-retained-jobs', values['max-retained-jobs'], 0, Number.MAX_SAFE_INTEGER);
  if (typeof maxRetained === 'string') return maxRetained;
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
    // Unset, the emulator's own defaults bound them.
    ...(retention !== undefined ? { jobRetentionMs: retention } : {}),
    ...(maxRetained !== undefined ? { maxRetainedJobs: maxRetained } : {}),
    // Nothing in serve's process reads the service's calls (its log line says what each was), and
    // keeping the latest 10,000 bodies alive costs a busy emulator GC time on every request.
    maxRecordedCalls: 0,
  };
  return { emulator, service };
}

/** The world of a recording (serve --world), or the exit status of a file that is none. */
function recordedWorld(io: CliIO, file: string): RecordedWorld | number {
  try {
    return worldOf(readHar(io.read(file)));
  } catch (error) {
    io.err(`${PROGRAM}: --world ${file}: ${(error as Error).message}\n`);
    return 2;
  }
}

/** Why the server could not listen, in words for the common causes. */
function listenProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return 'the port is in use (EADDRINUSE); --port 0 takes any free one';
  if (code === 'EACCES') return 'permission denied (EACCES): ports below 1024 need privileges';
  if (code === 'EADDRNOTAVAIL') return 'no interface of this machine has that address (EADDRNOTAVAIL)';
  return errorText(error);
}

async function serve(io: CliIO, args: string[], values: ServeValues, usage: (message: string) => number): Promise<number> {
  if (args.length > 0) return usage(`unexpected argument '${args[0]}': serve takes options only`);
  const options = serveOptions(values);
  if (typeof options === 'string') return usage(options);
  const { emulator: emulatorOptions } = options;
  // Loaded here, not above: validate needs neither node:http nor msw. The emulator makes the
  // service from these options (and posts its notices to --notify-url).
  const { startEmulator } = await import('../transports/emulator.js');
  emulatorOptions.service = options.service;
  emulatorOptions.log = (line) => io.err(`${line}\n`);
  const world = values.world === undefined ? undefined : recordedWorld(io, values.world);
  if (typeof world === 'number') return world;

  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(emulatorOptions);
  } catch (error) {
    io.err(`${PROGRAM}: cannot listen on ${emulatorOptions.host}:${emulatorOptions.port}: ${listenProblem(error)}\n`);
    return 2;
  }
  if (!isLoopbackHost(emulatorOptions.host!) && !emulatorOptions.auth) {
    io.err(
      `${PROGRAM}: warning: ${emulatorOptions.host} is not a loopback address and --auth is none; anyone who reaches it can call it\n`,
    );
  }
  if (world) {
    loadWorld(emulator.service, world);
    io.err(`the world of ${values.world}: ${world.readable.length} readable, ${world.refused.length} refused\n`);
  }
  // The handlers go in before the line that tells the caller it may signal.
  const stopped = (io.stopSignal ?? processIO.stopSignal!)();
  io.out(`listening on ${emulator.url}\n`);
  const signal = await stopped;
  io.out(`${signal}: stopping\n`);
  await emulator.close();
  return 0;
}

/** `face-detection-contract [--help | --version]`, and `help [command]`. */
function general(io: CliIO, args: string[], command: 'help' | undefined): number {
  const { values, positionals, problem } = commandLine(args, GLOBAL_OPTIONS, undefined);
  if (command === undefined && values.version) {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const [topic, ...rest] = positionals;
  if (problem && !(command === undefined && values.help)) return usageError(io, undefined, problem);
  if (command === undefined && !values.help)
    return usageError(io, undefined, `missing command: one of ${Object.keys(COMMANDS).join(', ')}`);
  if (topic === undefined) {
    io.out(USAGE);
    return 0;
  }
  if (!isCommand(topic))
    return usageError(
      io,
      undefined,
      `no help on '${topic}'${didYouMean(topic, Object.keys(COMMANDS))}: the commands are ${Object.keys(COMMANDS).join(', ')}`,
    );
  if (rest.length > 0) return usageError(io, undefined, `unexpected argument '${rest[0]}': help takes one command`);
  io.out(HELP[topic]);
  return 0;
}

/** Reads a command's own options: its help if asked for (whatever else is wrong), else a usage error or the command. */
async function runCommand<S extends OptionSpec>(
  io: CliIO,
  command: CommandName,
  args: string[],
  options: S,
  body: (line: CommandLine<S>, usage: (message: string) => number) => number | Promise<number>,
): Promise<number> {
  const line = commandLine(args, { ...HELP_OPTION, ...options }, command);
  if (line.values.help) {
    io.out(HELP[command]);
    return 0;
  }
  const usage = (message: string) => usageError(io, command, message);
  return line.problem ? usage(line.problem) : body(line, usage);
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  // The command is the first word that is no option's value: options may come before it.
  const at = tokensOf(argv, ALL_OPTIONS).find((token) => token.kind === 'positional')?.index;
  const command = at === undefined ? undefined : argv[at]!;
  const args = argv.filter((_, i) => i !== at);
  if (command === undefined || command === 'help') return general(io, args, command);
  if (!isCommand(command))
    return usageError(
      io,
      undefined,
      `unknown command '${command}'${didYouMean(command, Object.keys(COMMANDS))}: the commands are ${Object.keys(COMMANDS).join(', ')}`,
    );
  if (command === 'serve')
    return runCommand(io, command, args, SERVE_OPTIONS, (line, usage) => serve(io, line.positionals, line.values, usage));
  if (command === 'conformance')
    return runCommand(io, command, args, CONFORMANCE_OPTIONS, (line, usage) => conformance(io, line.positionals, line.values, usage));
  if (command === 'replay')
    return runCommand(io, command, args, REPLAY_OPTIONS, (line, usage) => replay(io, line.positionals, line.values, usage));
  return runCommand(io, command, args, COMMANDS.validate, (line, usage) => validate(io, line.positionals, usage));
}

/**
 * Runs the command line; the exit status. Nothing escapes as a stack trace: an error no command
 * expected is one line and exit 2, since 1 means a verdict (invalid, a violation).
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.err(`${PROGRAM}: ${errorText(error)}\n`);
    return 2;
  }
}
