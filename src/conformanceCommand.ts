// `face-detection-contract conformance`: the suite from the command line.
import { writeFileSync } from 'node:fs';
import type { CliIO } from './cli.js';
import { CHECK_NAMES as NAMES } from './conformance/checkNames.js';

const CHECK_NAMES = NAMES.join(', ');
/** The names again, wrapped to the help's column. */
const CHECK_LIST = NAMES.reduce<string[]>((lines, name, i) => {
  const item = `${name}${i < NAMES.length - 1 ? ',' : '.'}`;
  const last = lines.at(-1);
  if (last !== undefined && last.length + item.length + 1 <= 70) lines[lines.length - 1] = `${last} ${item}`;
  else lines.push(item);
  return lines;
}, []).join(`\n${' '.repeat(28)}`);

export const CONFORMANCE_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  path: { type: 'string' },
  case: { type: 'string' },
  checks: { type: 'string' },
  strict: { type: 'boolean' },
  safe: { type: 'boolean' },
  reporter: { type: 'string' },
  output: { type: 'string' },
  video: { type: 'string' },
  'max-jobs': { type: 'string' },
  rps: { type: 'string' },
  'job-timeout': { type: 'string' },
} as const;

export type ConformanceValues = {
  [K in keyof typeof CONFORMANCE_OPTIONS]?: (typeof CONFORMANCE_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string;
};

export const CONFORMANCE_USAGE = `  conformance [options]     Hold an endpoint to the contract with property-based checks and report
                            every violation with a shrunk, replayable counterexample. Without
                            --endpoint: the embedded mock, in-process. Exit status: 0 conformant,
                            1 a check found a violation, 2 bad usage, an unreachable endpoint,
                            credentials it refuses (or none), or no check could check anything.
    --endpoint <url>        The endpoint (https://rekognition.us-east-1.amazonaws.com, or an
                            emulator such as http://127.0.0.1:4566). Credentials come from the
                            standard AWS chain; on loopback without any, dummy ones.
    --region <region>       The signing region. Default: from the endpoint, else us-east-1.
    --runs <n>              Runs of each check, at least 1. Default 100.
    --seed <n>              The seed (an integer); a report names it so the run replays.
                            Default: random.
    --path <path>           With --seed and --checks: replay the counterexample a report names.
    --case <name>           With --checks: run one case of a check made of cases.
    --checks <a,b>          Only these checks (default all):
                            ${CHECK_LIST}
    --strict                Demand the strict answers: ValidationException (not
                            InvalidParameterException) for a broken constraint, and the protocol
                            tests' reading of null members and overflowing integers.
    --safe                  Treat the endpoint as AWS is treated, even on loopback: jobs cost, so
                            they are shared between checks and budgeted (--max-jobs), starts meant
                            to be refused name a video that does not exist, nothing is shrunk.
                            Always so for an endpoint that is not on loopback.
    --reporter <name>       pretty (default), json or junit.
    --output <file>         Write the report there instead of to standard output.
    --video <s3://b/key>    A video your account can read: the one job the job checks share
                            starts on it where jobs cost. Without it they are skipped there.
    --max-jobs <n>          Where jobs cost: the most jobs the run starts, any start the endpoint
                            should have refused included. Default 5.
    --rps <n>               Most requests per second.
    --job-timeout <s>       How long to wait for a job to finish, in seconds. Default 600 where
                            jobs cost (a job still running then is skipped, not judged), 60 on a
                            local endpoint (where it is a job that hangs).
`;

/** A number the flag takes, or why not: `kind` whole (>= min) or positive (> 0, fractions too). */
function numberFlag(flag: string, text: string | undefined, kind: { whole: true; min: number } | { whole: false }): number | undefined | string {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (kind.whole) {
    const ok = /^-?\d{1,16}$/.test(text.trim()) && Number.isSafeInteger(value) && value >= kind.min;
    return ok ? value : `--${flag} must be a whole number${kind.min > Number.MIN_SAFE_INTEGER ? ` of at least ${kind.min}` : ''}, not '${text}'`;
  }
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : `--${flag} must be a positive number, not '${text}'`;
}

export async function conformance(io: CliIO, args: string[], values: ConformanceValues, usageError: (message: string) => number): Promise<number> {
  if (args.length > 0) return usageError(`unexpected argument '${args[0]}'`);
  const numbers: Record<string, number | undefined> = {};
  const kinds = {
    runs: { whole: true, min: 1 },
    // fast-check takes any integer as a seed (it reads one past 32 bits as its low 32).
    seed: { whole: true, min: Number.MIN_SAFE_INTEGER },
    'max-jobs': { whole: true, min: 0 },
    rps: { whole: false },
    'job-timeout': { whole: false },
  } as const;
  for (const [flag, kind] of Object.entries(kinds) as [keyof typeof kinds, (typeof kinds)[keyof typeof kinds]][]) {
    const value = numberFlag(flag, values[flag], kind);
    if (typeof value === 'string') return usageError(value);
    numbers[flag] = value;
  }
  const reporter = values.reporter ?? 'pretty';
  if (!['pretty', 'json', 'junit'].includes(reporter)) return usageError(`--reporter must be pretty, json or junit, not '${reporter}'`);
  if (values.path !== undefined && (values.seed === undefined || values.checks === undefined)) return usageError('--path replays with --seed and --checks');
  const checks = values.checks?.split(',').map((c) => c.trim()).filter(Boolean);
  if (checks?.length === 0) return usageError(`--checks names no check; the checks are ${CHECK_NAMES}`);
  if (values.endpoint !== undefined) {
    try {
      const url = new URL(values.endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      return usageError(`--endpoint must be an http(s) URL, not '${values.endpoint}'`);
    }
  }
  // Loaded here, not above: the other commands need neither fast-check nor the SDK.
  const { runConformance, jobPlan, prettyProgress, prettyReport, jsonReport, junitReport, UnreachableEndpointError, SetupError, parseS3Url } = await import('./conformance/index.js');
  let video;
  try {
    video = values.video === undefined ? undefined : parseS3Url(values.video);
  } catch (error) {
    return usageError(`--video: ${(error as Error).message}`);
  }

  const color = io.color ?? false;
  const progress = prettyProgress(reporter === 'pretty' && !values.output ? io.out : io.err, { color });
  const options = {
    endpoint: values.endpoint,
    region: values.region,
    runs: numbers.runs,
    seed: numbers.seed,
    path: values.path,
    case: values.case,
    checks,
    strict: values.strict ?? false,
    safe: values.safe ?? false,
    video,
    maxJobs: numbers['max-jobs'],
    rps: numbers.rps,
    ...(numbers['job-timeout'] !== undefined ? { jobTimeoutMs: numbers['job-timeout'] * 1000 } : {}),
    onProgress: progress,
  };
  io.err(`conformance of ${values.endpoint ?? 'the embedded mock'}${numbers.seed !== undefined ? ` (seed ${numbers.seed})` : ''}\n`);
  const plan = jobPlan(options);
  if (plan) io.err(`jobs cost here: the run ${plan}\n`);
  let report;
  try {
    report = await runConformance(options);
  } catch (error) {
    if (error instanceof UnreachableEndpointError || error instanceof SetupError) {
      io.err(`face-detection-contract: ${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && /unknown check|no check selected/.test(error.message)) return usageError(error.message);
    throw error;
  }
  const text = reporter === 'json' ? jsonReport(report) : reporter === 'junit' ? junitReport(report) : prettyReport(report, { color: color && !values.output });
  if (values.output) {
    writeFileSync(values.output, text);
    io.err(`report written to ${values.output}\n`);
    if (reporter !== 'pretty') io.err(prettyReport(report, { color }));
  } else io.out(text);
  if (report.verdict === 'nothing checked') {
    io.err('face-detection-contract: no check could check anything (the reasons are above): no verdict\n');
    return 2;
  }
  return report.conformant ? 0 : 1;
}
