// What counts as loopback, for the suite (an endpoint on loopback is local: jobs cost nothing) and
// the CLI (serve warns when it listens anywhere else).

/** Whether a host name or address is this machine's loopback: localhost, ::1, 127.x.x.x. */
export function isLoopbackHost(host: string): boolean {
  return /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i.test(host.replace(/^\[|\]$/g, ''));
}

/** Whether a URL's host is loopback. */
export function isLoopback(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}
