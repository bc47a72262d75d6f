// Where the emulator listens by default, in a module of their own so that the CLI's help can name
// them without loading node:http.

/** LocalStack's port, the one tools expect an AWS emulator on. */
export const DEFAULT_PORT = 4566;
/** Loopback only: the emulator checks no credentials unless told to. */
export const DEFAULT_HOST = '127.0.0.1';
