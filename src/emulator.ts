// The emulator: a real HTTP server (node:http) in front of the in-memory face-detection service,
// with SigV4 checks and SNS-style completion notices. Node only; loads no msw.
export { startEmulator, type Emulator, type EmulatorOptions } from './transports/emulator.js';
export { verifySigV4 } from './transports/verifySigV4.js';
export { notifyUrlProblem, postNotification, snsEnvelope } from './transports/snsNotification.js';
export type { PostNotificationOptions, SnsEnvelope } from './transports/snsNotification.js';
export type { SignedRequest, SigV4Credentials, SigV4ErrorName, SigV4Failure, VerifySigV4Options } from './transports/verifySigV4.js';
