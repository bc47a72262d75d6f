// The real process's streams and signals, for main() when no test gives its own.
import { readFileSync } from 'node:fs';
import type { CliIO } from './CliIO.js';
import { processInterrupts } from './interrupts.js';

/** How often an emulator run by npx looks for npx: it stops within this long of it. */
const PARENT_POLL_MS = 200;

export const processIO: CliIO = {
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
