// `face-detection-contract conformance`: the suite from the command line.
import { writeFileSync } from 'node:fs';
import type { CliIO } from './cli.js';

export const CONFORMANCE_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  path: { type: 'string' },
  case: { type: 'string' },
  checks: { type: 'string' },
  strict: { type: 'boolean' },
  reporter: { type: 'string' },
  output: { type: 'string' },
  video: { type: 'string' },
  'max-jobs': { type: 'string' },
  rps: { type: 'string' },
} as const;

export type ConformanceValues = {
  [K in keyof typeof CONFORMANCE_OPTIONS]?: (typeof CONFORMANCE_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string;
};

export const CONFORMANCE_USAGE = `  conformance [options]     Hold an endpoint to the contract with property-based checks and report
                            every violation with a shrunk, replayable counterexample. Without
                            --endpoint: the embedded mock, in-process. Exit status: 0 conformant,
                            1 a check found a violation, 2 bad usage or an unreachable endpoint.
    --endpoint <url>        The endpoint (https://rekognition.us-east-1.amazonaws.com, or an
                            emulator such as http://127.0.0.1:4566). Credentials come from the
                            standard AWS chain; on loopback without any, dummy ones.
    --region <region>       The signing region. Default: from the endpoint, else us-east-1.
    --runs <n>              Runs of each check. Default 100.
    --seed <n>              The seed; a report names it so the run replays. Default: random.
    --path <path>           With --seed and --checks: replay the counterexample a report names.
    --case <name>           With --checks: run one case of a check made of cases.
    --checks <a,b>          Only these checks: positive-acceptance, negative-rejection,
                            response-contract, error-contract, idempotency, protocol,
                            sdk-compatibility, unknown-job, lifecycle, pagination. Default: all.
    --strict                Demand ValidationException (not InvalidParameterException) for a
                            broken constraint.
    --reporter <name>       pretty (default), json or junit.
    --output <file>         Write the report there instead of to standard output.
    --video <s3://b/key>    A video your account can read: lets the checks that start jobs run
                            against a remote endpoint. Without it they are skipped there.
    --max-jobs <n>          Most jobs started on a remote endpoint. Default 5.
    --rps <n>               Most requests per second.
`;

function positive(flag: string, text: string | undefined, integer = true): number | undefined | string {
  if (text === undefined) return undefined;
  const value = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(value) && value >= (integer ? 0 : Number.MIN_VALUE) && (!integer || Number.isInteger(value));
  return ok ? value : `--${flag} must be a ${integer ? 'whole ' : 'positive '}number, not '${text}'`;
}

export async function conformance(io: CliIO, args: string[], values: ConformanceValues, usageError: (message: string) => number): Promise<number> {
  if (args.length > 0) return usageError(`unexpected argument '${args[0]}'`);
  const numbers: Record<string, number | undefined> = {};
  for (const [flag, integer] of [['runs', true], ['seed', true], ['max-jobs', true], ['rps', false]] as const) {
    const value = positive(flag, values[flag], integer);
    if (typeof value === 'string') return usageError(value);
    numbers[flag] = value;
  }
  const reporter = values.reporter ?? 'pretty';
  if (!['pretty', 'json', 'junit'].includes(reporter)) return usageError(`--reporter must be pretty, json or junit, not '${reporter}'`);
  if (values.path !== undefined && (values.seed === undefined || values.checks === undefined)) return usageError('--path replays with --seed and --checks');
  if (values.endpoint !== undefined) {
    try {
      const url = new URL(values.endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      return usageError(`--endpoint must be an http(s) URL, not '${values.endpoint}'`);
    }
  }
  // Loaded here, not above: the other commands need neither fast-check nor the SDK.
  const [{ runConformance, prettyProgress, prettyReport, jsonReport, junitReport, UnreachableEndpointError, parseS3Url }] = await Promise.all([import('./conformance/index.js')]);
  let video;
  try {
    video = values.video === undefined ? undefined : parseS3Url(values.video);
  } catch (error) {
    return usageError(`--video: ${(error as Error).message}`);
  }

  const color = io.color ?? false;
  const progress = prettyProgress(reporter === 'pretty' && !values.output ? io.out : io.err, { color });
  io.err(`conformance of ${values.endpoint ?? 'the embedded mock'}${numbers.seed !== undefined ? ` (seed ${numbers.seed})` : ''}\n`);
  let report;
  try {
    report = await runConformance({
      endpoint: values.endpoint,
      region: values.region,
      runs: numbers.runs,
      seed: numbers.seed,
      path: values.path,
      case: values.case,
      checks: values.checks?.split(',').map((c) => c.trim()).filter(Boolean),
      strict: values.strict ?? false,
      video,
      maxJobs: numbers['max-jobs'],
      rps: numbers.rps,
      onProgress: progress,
    });
  } catch (error) {
    if (error instanceof UnreachableEndpointError) {
      io.err(`face-detection-contract: ${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && /unknown check/.test(error.message)) return usageError(error.message);
    throw error;
  }
  const text = reporter === 'json' ? jsonReport(report) : reporter === 'junit' ? junitReport(report) : prettyReport(report, { color: color && !values.output });
  if (values.output) {
    writeFileSync(values.output, text);
    io.err(`report written to ${values.output}\n`);
    if (reporter !== 'pretty') io.err(prettyReport(report, { color }));
  } else io.out(text);
  return report.conformant ? 0 : 1;
}
