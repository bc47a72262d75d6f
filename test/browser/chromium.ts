// Debian's Chromium for the browser tests, launched one way, and a context cut off from the
// network. Never downloads a browser: needs /usr/bin/chromium (apt-get install -y chromium).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Headless, and none of Chromium's own traffic (updates, sync, QUIC probes, first-run pings). */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
}

/** A request the context tried to send off the machine, and was refused. */
export interface Attempt {
  url: string;
  type: string;
  /** Whether a service worker sent it (rather than a page). */
  fromServiceWorker: boolean;
}

/**
 * Cuts `context` off the network: requests whose URL `allowed` accepts go through; every other
 * request, and every WebSocket, is recorded in the returned list and aborted. In Chromium this
 * sees the requests of pages and of service workers, not those a service worker answers itself.
 */
export async function offline(context: BrowserContext, allowed: (url: string) => boolean): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = request.url();
    if (allowed(url)) return route.continue();
    attempts.push({ url, type: request.resourceType(), fromServiceWorker: request.serviceWorker() !== null });
    return route.abort('internetdisconnected');
  });
  await context.routeWebSocket(/.*/, (ws) => {
    attempts.push({ url: ws.url(), type: 'websocket', fromServiceWorker: false });
    return ws.close();
  });
  return attempts;
}
