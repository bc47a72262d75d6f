// The mock for AWS SDK v3 users: the in-memory service answering the SDK's own request handler,
// in process. No msw, no server, no interception; Node, jest, vitest, browsers and workers alike.
export { createRequestHandler, type RequestHandlerOptions, type ServiceRequestHandler } from './transports/sdkHandler.js';
export * from './service/index.js';
export type { SigV4Credentials } from './transports/verifySigV4.js';
