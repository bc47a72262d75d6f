// Which URLs are Rekognition's: the msw handlers answer these, and the emulator answers nothing else.

/**
 * Rekognition's endpoints in every partition: standard and FIPS, IPv4 and dual-stack, China.
 * `https://rekognition.eu-west-1.amazonaws.com/`, `https://rekognition-fips.us-east-1.api.aws/`, ...
 */
export const REKOGNITION_ENDPOINT =
  /^https:\/\/rekognition(?:-fips)?\.[a-z]{2}(?:-[a-z]+)+-\d+\.(?:amazonaws\.com|amazonaws\.com\.cn|api\.aws|api\.amazonwebservices\.com\.cn)(?::443)?\/?(?:\?.*)?$/;

/** Whether a request URL goes to Rekognition, or to one of the given custom endpoints. */
export function isRekognitionUrl(url: string | URL, endpoints: readonly (string | URL)[] = []): boolean {
  const href = String(url);
  if (REKOGNITION_ENDPOINT.test(href)) return true;
  let target: URL;
  try {
    target = new URL(href);
  } catch {
    return false;
  }
  return endpoints.some((endpoint) => {
    const base = new URL(String(endpoint));
    const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    const path = target.pathname.endsWith('/') ? target.pathname : `${target.pathname}/`;
    return base.origin === target.origin && path.startsWith(basePath);
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The URLs isRekognitionUrl accepts, as one RegExp for an msw handler's path (msw tests it on the
 * URL without query or hash). A path rather than a predicate function: msw has taken RegExps since
 * 2.0, predicates only since 2.11, whose ESM-only dependencies jest's CommonJS runtime cannot load.
 */
export function rekognitionUrlPattern(endpoints: readonly (string | URL)[] = []): RegExp {
  const custom = endpoints.map((endpoint) => {
    const base = new URL(String(endpoint));
    return `${escapeRegExp(base.origin)}${escapeRegExp(base.pathname.replace(/\/+$/, ''))}(?:/.*)?`;
  });
  const standard = REKOGNITION_ENDPOINT.source.replace(/^\^/, '').replace(/\$$/, '');
  return new RegExp(`^(?:${[standard, ...custom].join('|')})$`);
}
