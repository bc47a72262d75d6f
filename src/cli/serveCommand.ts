// `face-detection-contract serve`: the emulator over HTTP until SIGINT or SIGTERM (or, run by npx,
// until npx ends), its flags read into the emulator's and the service's options.
import type { CliIO } from './CliIO.js';
import { errorText } from './errorText.js';
import { processIO } from './processIO.js';
import { PROGRAM } from './program.js';
import type { EmulatorOptions } from '../transports/emulator.js';
import type { FaceDetectionServiceOptions } from '../service/FaceDetectionServiceOptions.js';
import {
  DEFAULT_EMULATOR_JOB_RETENTION_MS,
  DEFAULT_EMULATOR_MAX_RETAINED_JOBS,
  DEFAULT_JOB_DURATION_MS,
  DEFAULT_MAX_BODY_BYTES,
} from '../service/defaults.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../transports/defaults.js';
import { DEFAULT_MAX_CONCURRENT_JOBS } from '../contract/limits.js';
import { isLoopbackHost } from '../conformance/loopback.js';
import { readHar } from '../conformance/har.js';
import { loadWorld, worldOf, type RecordedWorld } from '../conformance/recordedWorld.js';
import { notifyUrlProblem } from '../transports/snsNotification.js';
import type { SigV4Credentials } from '../transports/verifySigV4.js';
import { faultModes, isFaultModeName } from '../service/faultModes.js';
import { didYouMean } from './didYouMean.js';

export const SERVE_OPTIONS = {
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

export const SERVE_HELP = `Usage: ${PROGRAM} serve [options]

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

/** setTimeout's largest delay. */
const MAX_JOB_DURATION = 2 ** 31 - 1;

export type ServeValues = {
  [K in keyof typeof SERVE_OPTIONS]?: (typeof SERVE_OPTIONS)[K] extends { multiple: true } ? string[] : string;
};

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

export async function serve(io: CliIO, args: string[], values: ServeValues, usage: (message: string) => number): Promise<number> {
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
