// Debian's Chromium for the browser tests, launched one way, and a context cut off from the
// network. Never downloads a browser: needs /usr/bin/chromium (apt-get install -y chromium).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Headless, and none of Chromium's own traffic (updates, sync, QUIC probes, first-run pings). */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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

/** What a screenshot holds: its size, its most common colour (taken for the background) and that
 * colour's share, and how many distinct colours it has. */
export interface Figures {
  width: number;
  height: number;
  /** The most common colour, as #rrggbb. */
  background: string;
  /** Share of pixels of another colour than the background, 0 to 1. */
  foreground: number;
  colours: number;
}

/** Decodes a PNG in a blank page of `context` (an <img> drawn on a canvas: no image library). */
export async function figuresOf(context: BrowserContext, png: Buffer): Promise<Figures> {
  const page = await context.newPage();
  try {
    return await page.evaluate(
      async (src) => {
        // Runs in the page; this tsconfig has no DOM types.
        const { Image, document } = globalThis as any;
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        ctx.drawImage(img, 0, 0);
        const data: Uint8ClampedArray = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const counts = new Map<number, number>();
        for (let i = 0; i < data.length; i += 4) {
          const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
          counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
        }
        let [top, most] = [0, 0];
        for (const [rgb, n] of counts) if (n > most) [top, most] = [rgb, n];
        const pixels = data.length / 4;
        return {
          width: canvas.width,
          height: canvas.height,
          background: `#${top.toString(16).padStart(6, '0')}`,
          foreground: 1 - most / pixels,
          colours: counts.size,
        };
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
  } finally {
    await page.close();
  }
}
