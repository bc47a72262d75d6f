// face-detection-contract: the package's command line. `validate` checks a JSON document against
// the contract as the service would; `serve` runs the emulator until SIGINT/SIGTERM; `conformance`
// holds an endpoint to the contract; `replay` sends a recording of it to another. bin.ts runs it;
// tests call main() with their own streams. Each command lives in its own file; this one reads the
// command line and dispatches.
import type { CliIO } from './CliIO.js';
import { parseArgs } from 'node:util';
import { conformance, CONFORMANCE_HELP, CONFORMANCE_OPTIONS } from './conformanceCommand.js';
import { replay, REPLAY_HELP, REPLAY_OPTIONS } from './replayCommand.js';
import { serve, SERVE_HELP, SERVE_OPTIONS } from './serveCommand.js';
import { validate, VALIDATE_HELP } from './validateCommand.js';
import { didYouMean } from './didYouMean.js';
import { errorText, oneLine } from './errorText.js';
import { processIO } from './processIO.js';
import { PROGRAM } from './program.js';
import { packageVersion } from '../conformance/packageVersion.js';

export { errorText } from './errorText.js';
export type { CliIO } from './CliIO.js';

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

/** Flags renamed since: their new names, given rather than guessed at. */
const RENAMED: Readonly<Record<string, string>> = { safe: 'jobs-cost' };

/** `unknown option '--x'`, or which command the option belongs to. */
function unknownOption(token: OptionToken, command: CommandName | undefined): string {
  if (token.rawName.startsWith('--') && Object.hasOwn(RENAMED, token.name))
    return `unknown option '${token.rawName}': it is now --${RENAMED[token.name]}`;
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
