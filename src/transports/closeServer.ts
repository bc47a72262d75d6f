// Closing a node:http server promptly: server.close() waits for every keep-alive connection, so
// idle ones are closed at once and busy ones as they turn idle; past the grace, the rest are cut.
import type { Server } from 'node:http';

export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    sweep.unref();
    cut.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
