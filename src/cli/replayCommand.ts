// `face-detection-contract replay FILE.har`: a recording re-sent to another endpoint (default the
// embedded mock), each answer compared with the recorded one and each difference graded.
import type { CliIO } from './CliIO.js';
import { fail } from './conformanceCommand.js';

/** The exit status of a replay stopped by SIGINT or SIGTERM. */
const INTERRUPTED_EXIT = 130;

export const REPLAY_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  rps: { type: 'string' },
  'job-timeout': { type: 'string' },
  strict: { type: 'boolean' },
  'world-loaded': { type: 'boolean' },
} as const;

export type ReplayValues = { [K in Exclude<keyof typeof REPLAY_OPTIONS, 'strict' | 'world-loaded'>]?: string } & {
  strict?: boolean;
  'world-loaded'?: boolean;
};

export const REPLAY_HELP = `Usage: face-detection-contract replay <file.har> [options]

Send each request of a recording (conformance --record writes one) again, in order, to another
endpoint (default: the embedded mock, in-process), and compare each answer with the recorded one:
the status, the error code (read as SDKs read it), validity against the answer's schema, whether
JobId, NextToken and x-amzn-RequestId are there and well formed, and an error's wording. Recorded
JobIds and NextTokens are mapped to the ones the endpoint answers, so a start and its polls replay
as one conversation. Recorded "later" answers (throttling, the job limit) are not sent again; a job
the recording saw finished is polled until it is.

The embedded mock first takes on the recording's world: the objects the recording could read
exist, with the faces and metadata its jobs found; the objects it was refused do not (an emulator
takes it on with serve --world). Elsewhere, no start is sent that could make the replay start
more jobs than the recording did.

Every difference is graded by the suite's own oracles:
  contract  one answer breaks the contract for its request, or the two differ on what the
            contract fixes (in the same world)
  choice    both keep the contract, which allows either (ValidationException or
            InvalidParameterException, a message's wording)
  world     both keep it, and the difference follows from another world (which objects exist,
            what the jobs found)

Options:
  --endpoint <url>          Replay against this endpoint, signed with the standard AWS chain's
                            credentials (on loopback without any, dummy ones).
  --region <region>         The signing region. Default: from the endpoint, else us-east-1.
  --rps <n>                 Most requests per second.
  --job-timeout <s>         How long a job may run where the recording had it finished, in
                            seconds. Default 60.
  --strict                  Choices fail the replay too: for a mock that must make the recorded
                            endpoint's choices.
  --world-loaded            The --endpoint holds the recording's world (serve --world FILE.har):
                            what follows from it is held to the contract, and starts go unguarded.
  -h, --help                Show this help.

Exit status:
  0  no contract difference (with --strict: no choice either)
  1  a contract difference (with --strict: or a choice), each listed
  2  bad usage, a file that cannot be read or is not a HAR recording, an unreachable endpoint,
     or credentials it refuses
  130  interrupted (SIGINT or SIGTERM): the report of what was replayed is printed
`;

function positive(flag: string, text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : `--${flag} must be a positive number, not '${text}'`;
}

export async function replay(io: CliIO, args: string[], values: ReplayValues, usageError: (message: string) => number): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined) return usageError('missing <file.har>: the recording to replay (conformance --record writes one)');
  if (rest.length > 0) return usageError(`unexpected argument '${rest[0]}': replay takes one recording`);
  const rps = positive('rps', values.rps);
  if (typeof rps === 'string') return usageError(rps);
  const jobTimeout = positive('job-timeout', values['job-timeout']);
  if (typeof jobTimeout === 'string') return usageError(jobTimeout);
  if (values['world-loaded'] && values.endpoint === undefined)
    return usageError('--world-loaded needs --endpoint: the embedded mock takes on the world by itself');
  if (values.endpoint !== undefined && !/^https?:\/\/[^/]/.test(values.endpoint))
    return usageError(`--endpoint must be an http(s) URL, not '${values.endpoint}'`);
  let text: string;
  try {
    text = io.read(file);
  } catch (error) {
    return fail(io, `cannot read ${file}: ${(error as Error).message}`);
  }
  // Loaded here, not above: the other commands need neither fast-check nor the SDK.
  const { readHar, replayHar, prettyReplay } = await import('../conformance/index.js');
  let har: ReturnType<typeof readHar>;
  try {
    har = readHar(text);
  } catch (error) {
    return fail(io, `${file} is not a recording: ${(error as Error).message}`);
  }
  io.err(`replay of ${file} against ${values.endpoint ?? 'the embedded mock'}\n`);
  // The first SIGINT or SIGTERM stops the replay, which reports what it replayed; a second quits at once.
  const interrupts = io.interrupts?.();
  interrupts?.signal.addEventListener(
    'abort',
    () => io.err(`${interrupts.signal.reason}: stopping; printing what the replay has so far (Ctrl-C again to quit at once)\n`),
    { once: true },
  );
  // An unreachable endpoint or refused credentials reach main: one line, exit 2.
  const report = await replayHar(har, {
    ...(interrupts ? { signal: interrupts.signal } : {}),
    ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(rps !== undefined ? { rps } : {}),
    ...(jobTimeout !== undefined ? { jobTimeoutMs: jobTimeout * 1000 } : {}),
    ...(values.strict ? { strict: true } : {}),
    ...(values['world-loaded'] ? { worldLoaded: true } : {}),
  }).finally(() => interrupts?.dispose());
  io.out(prettyReplay(report));
  return report.interrupted ? INTERRUPTED_EXIT : report.passed ? 0 : 1;
}
