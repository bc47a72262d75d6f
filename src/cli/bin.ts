#!/usr/bin/env node
// The `face-detection-contract` command. main() reports its own errors; these handlers catch what
// escapes it (an error on a socket after the command returned, a module that fails to load) so that
// no stack trace reaches the user and no such failure exits 1, which means a verdict.

// The SDK (used by the conformance suite) warns about Node 20 on every run; that is the SDK's
// plan, not news about the endpoint under test. Users who want it can set the variable to false.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function crash(line: string): never {
  process.stderr.write(`face-detection-contract: ${line}\n`);
  process.exit(2);
}

let cli: typeof import('./cli.js');
try {
  cli = await import('./cli.js');
} catch (error) {
  // A broken install, say: the first line of the message names what is missing.
  crash(`cannot start: ${String((error as Error)?.message ?? error).split('\n')[0]}`);
}
const unexpected = (error: unknown) => crash(cli.errorText(error));
process.on('uncaughtException', unexpected);
process.on('unhandledRejection', unexpected);
const code = await cli.main(process.argv.slice(2)).catch(unexpected);
process.exitCode = code;
// An interrupted run (130) waits for nothing it sent: a request still open (one signed as the
// signal came, say) must not hold the process until its answer timeout. It ends once its output is out.
if (code === 130) {
  let flushing = 2;
  const flushed = () => --flushing === 0 && process.exit(code);
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}
