// A loopback HTTP receiver for SNS HTTP(S) notifications, as a consumer's webhook would be: it
// keeps every POST and lets a test await the one it expects, never sleeping.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompletionNotice } from '../src/service/CompletionNotices.js';
import type { SnsEnvelope } from '../src/transports/snsNotification.js';

export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  path: string;
  body: string;
  envelope: SnsEnvelope;
  notice: CompletionNotice;
}

export interface SnsReceiver {
  url: string;
  posts: ReceivedPost[];
  /** The first POST (already received or still to come) whose notice is of `jobId`. */
  notice(jobId: string): Promise<ReceivedPost>;
  /** Statuses to answer, in order; once used up, 200. */
  answers: number[];
  close(): Promise<void>;
}

/** A list that a test can await an item of: the first that matches, already there or still to come. */
export function awaitable<T>(): { items: T[]; push(item: T): void; first(matches: (item: T) => boolean): Promise<T> } {
  const items: T[] = [];
  const waiting: { matches: (item: T) => boolean; resolve: (item: T) => void }[] = [];
  return {
    items,
    push: (item) => {
      items.push(item);
      for (const w of waiting.filter((w) => w.matches(item))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(item);
      }
    },
    first: (matches) => {
      const found = items.find(matches);
      return found !== undefined ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ matches, resolve }));
    },
  };
}

export async function startReceiver(): Promise<SnsReceiver> {
  const posts = awaitable<ReceivedPost>();
  const answers: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const envelope = JSON.parse(body) as SnsEnvelope;
      const post: ReceivedPost = {
        headers: req.headers,
        path: req.url ?? '',
        body,
        envelope,
        notice: JSON.parse(envelope.Message) as CompletionNotice,
      };
      posts.push(post);
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sns`,
    posts: posts.items,
    answers,
    notice: (jobId) => posts.first((p) => p.notice.JobId === jobId),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A `log` for the emulator whose lines a test can await. */
export function logWatcher(): { log: (line: string) => void; lines: string[]; line(pattern: RegExp): Promise<string> } {
  const lines = awaitable<string>();
  return { log: lines.push, lines: lines.items, line: (pattern) => lines.first((l) => pattern.test(l)) };
}
