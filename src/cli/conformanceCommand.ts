// `face-detection-contract conformance`: the suite from the command line.
import { closeSync, existsSync, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIO } from './CliIO.js';
import type { S3Object } from '../../generated/types.js';
import { CHECK_NAMES as NAMES } from '../conformance/checkNames.js';
import { parseS3Url } from '../conformance/parseS3Url.js';
import { didYouMean } from './didYouMean.js';
import type { ConformanceOptions } from '../conformance/runConformance.js';

const CHECK_NAMES = NAMES.join(', ');

/** Items as a list for a help text: commas between, a full stop after, wrapped at `width` under `indent` spaces. */
export function listLines(items: readonly string[], indent: number, width = 98): string {
  return items
    .reduce<string[]>((lines, name, i) => {
      const item = `${name}${i < items.length - 1 ? ',' : '.'}`;
      const last = lines.at(-1);
      if (last !== undefined && indent + last.length + item.length + 1 <= width) lines[lines.length - 1] = `${last} ${item}`;
      else lines.push(item);
      return lines;
    }, [])
    .join(`\n${' '.repeat(indent)}`);
}

export const CONFORMANCE_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  path: { type: 'string' },
  case: { type: 'string' },
  checks: { type: 'string' },
  strict: { type: 'boolean' },
  'jobs-cost': { type: 'boolean' },
  bail: { type: 'boolean' },
  'accept-skip': { type: 'string', multiple: true },
  reporter: { type: 'string' },
  verbose: { type: 'boolean' },
  output: { type: 'string' },
  record: { type: 'string' },
  video: { type: 'string' },
  'max-jobs': { type: 'string' },
  rps: { type: 'string' },
  'job-timeout': { type: 'string' },
  'answer-timeout': { type: 'string' },
} as const;

export type ConformanceValues = {
  [K in keyof typeof CONFORMANCE_OPTIONS]?: (typeof CONFORMANCE_OPTIONS)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof CONFORMANCE_OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

export const CONFORMANCE_HELP = `Usage: face-detection-contract conformance [options]

Hold an endpoint to the contract with property-based checks and report every violation with a
replayable counterexample. Every case first sends each boundary value of its rule (the same in
every run, whatever --seed and --runs), then random ones (shrunk when they fail). Without
--endpoint: the embedded mock, in-process. The plan, progress and the report go to standard output
(with --output, plan and progress to standard error); the report lists the facts of the contract
the run did not check, and why.

Options:
  --endpoint <url>          The endpoint (https://rekognition.us-east-1.amazonaws.com, or an
                            emulator such as http://127.0.0.1:4566). Credentials come from the
                            standard AWS chain; on loopback without any, dummy ones.
  --region <region>         The signing region. Default: from the endpoint, else us-east-1.
  --runs <n>                Runs of each check, at least 1. Default 100.
  --seed <n>                The seed (an integer); a report names it so the run replays.
                            Default: random.
  --path <path>             With --seed and --checks: replay the counterexample a report names.
  --case <name>             With --checks: run one case of a check made of cases.
  --checks <a,b>            Only these checks (default all):
                            ${listLines(NAMES, 28)}
  --strict                  Demand the strict answers: ValidationException (not
                            InvalidParameterException) for a broken constraint, and the protocol
                            tests' reading of null members and overflowing integers.
  --bail                    Stop at the first check that finds a violation (the checks after it
                            are not run).
  --accept-skip <name>      Accept that a check (pagination), or one case of it
                            (protocol/body not JSON), could not judge: its skip leaves the run
                            conformant instead of inconclusive. Repeat it for each; an
                            inconclusive report names what to pass.
  --jobs-cost               Jobs cost here: treat the endpoint as AWS is treated, even on
                            loopback, so jobs are shared between checks and budgeted (--max-jobs),
                            the run may share the endpoint, starts meant to be refused name a
                            video that does not exist, nothing is shrunk. Always so for an
                            endpoint that is not on loopback.
  --reporter <name>         pretty (default), json or junit.
  --verbose                 After the run, list every case with its runs and requests (the JSON
                            and JUnit reports always do).
  --output <file>           Write the report there instead of to standard output. Checked before
                            the run: a file that cannot be written ends it at once.
  --record <file.har>       Write every request of the run and its answer there as HAR 1.2 (retries
                            and polls included, each labelled with its check and case; signatures
                            and session tokens left out), for \`replay\`. Checked before the run;
                            written after each check, so an interrupted run keeps what it sent.
  --video <s3://b/key>      A video your account can read: the one job the job checks share
                            starts on it where jobs cost. Without it they are skipped there.
  --max-jobs <n>            Where jobs cost: the most jobs the run starts, any start the endpoint
                            should have refused included. Default 5.
  --rps <n>                 Most requests per second.
  --job-timeout <s>         How long to wait for a job to finish, in seconds. Default 600 where
                            jobs cost (a job still running then is skipped, not judged), 60 on a
                            local endpoint (where it is a job that hangs). Also how long one
                            request is answered "later" (throttling, the job limit) before its
                            case is skipped.
  --answer-timeout <s>      How long one request waits for its whole answer before the endpoint
                            counts as unreachable, in seconds. Default 30 on loopback, 60 elsewhere.
  -h, --help                Show this help.

Exit status:
  0  conformant: every check judged every case (skips --accept-skip names aside)
  1  not conformant: a check found a violation
  2  bad usage, an --output that cannot be written, an unreachable endpoint, credentials it
     refuses (or none)
  3  inconclusive: no violation, but a check could not judge (the report says which, why, and
     what would let it: a video with faces, a larger --max-jobs, --accept-skip)
  130  interrupted by SIGINT or SIGTERM: the recording and the report hold what ran (the
       checks not finished marked interrupted), even after a violation; a second signal
       quits at once
`;

/** A number the flag takes, or why not: `kind` whole (>= min) or positive (> 0, fractions too). */
function numberFlag(
  flag: string,
  text: string | undefined,
  kind: { whole: true; min: number } | { whole: false },
): number | undefined | string {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (kind.whole) {
    const ok = /^-?\d{1,16}$/.test(text.trim()) && Number.isSafeInteger(value) && value >= kind.min;
    return ok
      ? value
      : `--${flag} must be a whole number${kind.min > Number.MIN_SAFE_INTEGER ? ` of at least ${kind.min}` : ''}, not '${text}'`;
  }
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : `--${flag} must be a positive number, not '${text}'`;
}

const NUMBER_FLAGS = {
  runs: { whole: true, min: 1 },
  // fast-check takes any integer as a seed (it reads one past 32 bits as its low 32).
  seed: { whole: true, min: Number.MIN_SAFE_INTEGER },
  'max-jobs': { whole: true, min: 0 },
  rps: { whole: false },
  'job-timeout': { whole: false },
  'answer-timeout': { whole: false },
} as const;
type NumberFlag = keyof typeof NUMBER_FLAGS;
const REPORTERS = ['pretty', 'json', 'junit'] as const;

interface Settings {
  numbers: Partial<Record<NumberFlag, number>>;
  reporter: (typeof REPORTERS)[number];
  checks: string[] | undefined;
  video: S3Object | undefined;
}

/** The run's settings from its flags, or what is wrong with them: all checked before anything is printed. */
function settingsOf(args: string[], values: ConformanceValues): Settings | string {
  if (args.length > 0) return `unexpected argument '${args[0]}': conformance takes options only`;
  const numbers: Settings['numbers'] = {};
  for (const [flag, kind] of Object.entries(NUMBER_FLAGS) as [NumberFlag, (typeof NUMBER_FLAGS)[NumberFlag]][]) {
    const value = numberFlag(flag, values[flag], kind);
    if (typeof value === 'string') return value;
    if (value !== undefined) numbers[flag] = value;
  }
  const reporter = REPORTERS.find((name) => name === (values.reporter ?? 'pretty'));
  if (!reporter) return `--reporter must be pretty, json or junit, not '${values.reporter}'${didYouMean(values.reporter!, REPORTERS)}`;
  if (values.path !== undefined && (values.seed === undefined || values.checks === undefined))
    return '--path replays with --seed and --checks';
  if (values.case !== undefined && values.checks === undefined) return '--case needs --checks, naming the check the case is one of';
  const checks = values.checks
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (checks?.length === 0) return `--checks names no check; the checks are ${CHECK_NAMES}`;
  const unknown = checks?.filter((name) => !(NAMES as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) return `unknown check ${unknown.join(', ')}${didYouMean(unknown[0]!, NAMES)}; the checks are ${CHECK_NAMES}`;
  const unaccepted = (values['accept-skip'] ?? []).filter((name) => !(NAMES as readonly string[]).includes(name.split('/')[0]!));
  if (unaccepted.length > 0)
    return `--accept-skip ${unaccepted[0]} names no check${didYouMean(unaccepted[0]!.split('/')[0]!, NAMES)}; it takes a check (${CHECK_NAMES}), or check/case`;
  if (values.endpoint !== undefined && !isHttpUrl(values.endpoint)) return `--endpoint must be an http(s) URL, not '${values.endpoint}'`;
  if (values.output === '') return '--output needs a file name';
  if (values.record === '') return '--record needs a file name';
  let video: ReturnType<typeof parseS3Url> | undefined;
  try {
    video = values.video === undefined ? undefined : parseS3Url(values.video);
  } catch (error) {
    return `--video: ${(error as Error).message}`;
  }
  return { numbers, reporter, checks, video };
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Why a write to `where` fails, in words for the common causes. */
function writeProblem(error: unknown, where: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return `no permission to write ${where}`;
  if (code === 'EROFS') return 'a read-only file system';
  return (error as Error).message;
}

/**
 * Why the report cannot be written to `file`, found before the run by opening it as the report
 * will be (permission bits say nothing to root, and a file system may refuse what they allow),
 * without truncating it, and removed again if the probe made it: a run that then fails leaves no
 * empty report behind. Undefined when it can be written.
 */
export function outputProblem(file: string): string | undefined {
  const dir = dirname(file);
  let existing: ReturnType<typeof statSync>;
  try {
    existing = statSync(file, { throwIfNoEntry: false });
  } catch {
    // ENOTDIR, EACCES and the like on the way to it: the folder says which.
  }
  if (existing?.isDirectory()) return 'it is a directory';
  try {
    if (existing) {
      closeSync(openSync(file, 'a'));
      return undefined;
    }
    const folder = statSync(dir, { throwIfNoEntry: false });
    if (!folder) return `no such directory ${dir}`;
    if (!folder.isDirectory()) return `${dir} is not a directory`;
    closeSync(openSync(file, 'wx'));
    unlinkSync(file);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return `no such directory ${dir}`;
    // The folder was there a moment ago: a file system such as /proc that takes no new file.
    if (code === 'ENOENT') return existsSync(dir) ? `${dir} takes no new file` : `no such directory ${dir}`;
    return writeProblem(error, existing ? 'it' : `in ${dir}`);
  }
}

export async function conformance(
  io: CliIO,
  args: string[],
  values: ConformanceValues,
  usageError: (message: string) => number,
): Promise<number> {
  const settings = settingsOf(args, values);
  if (typeof settings === 'string') return usageError(settings);
  const { numbers, reporter, checks, video } = settings;
  const output = values.output;
  const unwritable = output === undefined ? undefined : outputProblem(output);
  if (unwritable) return fail(io, `cannot write --output ${output}: ${unwritable}`);
  const unrecordable = values.record === undefined ? undefined : outputProblem(values.record);
  if (unrecordable) return fail(io, `cannot write --record ${values.record}: ${unrecordable}`);
  // Loaded here, not above: the other commands need neither fast-check nor the SDK.
  const { jobPlan, prettyProgress } = await import('../conformance/index.js');

  const color = io.color ?? false;
  const progress = prettyProgress(reporter === 'pretty' && output === undefined ? io.out : io.err, { color });
  const options = {
    endpoint: values.endpoint,
    region: values.region,
    runs: numbers.runs,
    seed: numbers.seed,
    path: values.path,
    case: values.case,
    checks,
    strict: values.strict ?? false,
    jobsCost: values['jobs-cost'] ?? false,
    bail: values.bail ?? false,
    acceptSkips: values['accept-skip'] ?? [],
    video,
    maxJobs: numbers['max-jobs'],
    rps: numbers.rps,
    ...(numbers['job-timeout'] !== undefined ? { jobTimeoutMs: numbers['job-timeout'] * 1000 } : {}),
    ...(numbers['answer-timeout'] !== undefined ? { answerTimeoutMs: numbers['answer-timeout'] * 1000 } : {}),
    ...(values.record !== undefined ? { record: values.record } : {}),
    onProgress: progress,
  };
  io.err(`conformance of ${values.endpoint ?? 'the embedded mock'}${numbers.seed !== undefined ? ` (seed ${numbers.seed})` : ''}\n`);
  const plan = jobPlan(options);
  if (plan) io.err(`jobs cost here: the run ${plan}\n`);
  // The first SIGINT or SIGTERM stops the run, which then reports what it has; a second quits at once.
  const interrupts = io.interrupts?.();
  try {
    return await runAndReport(
      io,
      { ...options, ...(interrupts ? { signal: interrupts.signal } : {}) },
      { reporter, output, color, verbose: values.verbose === true },
    );
  } finally {
    interrupts?.dispose();
  }
}

/** Runs the suite and writes its report (and says where the recording is); the exit status. */
async function runAndReport(
  io: CliIO,
  options: ConformanceOptions,
  { reporter, output, color, verbose }: { reporter: Settings['reporter']; output: string | undefined; color: boolean; verbose: boolean },
): Promise<number> {
  const { runConformance, prettyReport, jsonReport, junitReport, VERDICT_EXIT_CODES } = await import('../conformance/index.js');
  options.signal?.addEventListener(
    'abort',
    () => {
      const name = String(options.signal!.reason);
      io.err(`${name}: stopping; writing what the run has so far (${name === 'SIGINT' ? 'Ctrl-C' : name} again to quit at once)\n`);
    },
    { once: true },
  );
  // What stops the run before a verdict (an unreachable endpoint, refused credentials) reaches
  // main, which prints it in one line with its cause: exit 2.
  const report = await runConformance(options);
  const text =
    reporter === 'json'
      ? jsonReport(report)
      : reporter === 'junit'
        ? junitReport(report)
        : prettyReport(report, { color: color && output === undefined, verbose });
  if (output === undefined) io.out(text);
  else {
    try {
      writeFileSync(output, text);
    } catch (error) {
      // Checked before the run, yet gone since (a full disk, say): the report is not lost for that.
      io.out(text);
      return fail(io, `cannot write --output ${output}: ${writeProblem(error, 'it')}; the report is on standard output instead`);
    }
    if (report.interrupted === undefined) io.err(`report written to ${output}\n`);
    if (reporter !== 'pretty') io.err(prettyReport(report, { color, verbose }));
  }
  if (report.interrupted !== undefined) {
    // Where what the run has so far is, in one line; exit 130 even after a finding: the run did not finish.
    const where = [
      ...(options.record !== undefined ? [`recording written to ${options.record}`] : []),
      output !== undefined ? `report written to ${output}` : 'the report (above) holds what ran',
    ];
    io.err(`interrupted by ${report.interrupted}: ${where.join('; ')}\n`);
    return VERDICT_EXIT_CODES.interrupted;
  }
  if (options.record !== undefined)
    io.err(`recording written to ${options.record}: replay it with face-detection-contract replay ${options.record}\n`);
  return VERDICT_EXIT_CODES[report.verdict];
}

/** A run that cannot give a verdict: one line, exit 2. */
export function fail(io: CliIO, message: string): number {
  io.err(`face-detection-contract: ${message}\n`);
  return 2;
}
