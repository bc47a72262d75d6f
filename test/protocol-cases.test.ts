// The cases derived from Smithy's protocol compliance tests (src/conformance/protocolCases.ts), held
// strictly against the in-process service and against the emulator over real HTTP on loopback: the
// status and error code a server that follows the protocol tests answers, or, for `sameAs`, the
// very status and code of the twin request. No case may start a job.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { protocolCases, type ProtocolCase } from '../src/conformance/protocolCases.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService } from '../src/service/FaceDetectionService.js';
import { CONTENT_TYPE, errorCode, type OperationName } from '../src/contract/wire.js';

interface Answer {
  status: number;
  /** The error code as SDKs read it from `__type`; undefined when the body names none. */
  code: string | undefined;
  body: string;
}

/** The code an SDK reads: `__type` after `#`, before `:`. */
function codeOf(body: string): string | undefined {
  try {
    const type: unknown = (JSON.parse(body) as { __type?: unknown } | null)?.__type;
    return typeof type === 'string' ? errorCode(type) : undefined;
  } catch {
    return undefined;
  }
}

type Send = (operation: OperationName, body: string, contentType: string) => Promise<Answer>;

function viaService(service: FaceDetectionService): Send {
  return async (operation, body, contentType) => {
    const headers: Record<string, string> = { 'x-amz-target': `RekognitionService.${operation}`, 'content-type': contentType };
    const answer = await service.respond({ method: 'POST', header: (n) => headers[n], body: new TextEncoder().encode(body) });
    return { status: answer.status, code: codeOf(answer.body), body: answer.body };
  };
}

function viaHttp(url: string): Send {
  return async (operation, body, contentType) => {
    const response = await fetch(`${url}/`, {
      method: 'POST',
      headers: { 'X-Amz-Target': `RekognitionService.${operation}`, 'Content-Type': contentType },
      body,
    });
    const text = await response.text();
    return { status: response.status, code: codeOf(text), body: text };
  };
}

/** Sends the case (and its twin, for `sameAs`) and asserts the strict expectation. */
async function holdTo(send: Send, c: ProtocolCase): Promise<void> {
  const answer = await send(c.operation, c.body, c.contentType ?? CONTENT_TYPE);
  const seen = { status: answer.status, code: answer.code };
  if ('sameAs' in c.expect) {
    const twin = await send(c.operation, c.expect.sameAs, CONTENT_TYPE);
    expect(seen, `answered like ${c.expect.sameAs} (${twin.body}); got ${answer.body}`).toEqual({ status: twin.status, code: twin.code });
  } else {
    expect(seen.status, answer.body).toBe(c.expect.status);
    expect(c.expect.codes, `the code answered (${answer.body}) is one of these`).toContain(seen.code);
  }
}

/** [name, case]: the test title is the whole name, never cut short. */
const named = protocolCases.map((c) => [c.name, c] as const);

describe('the protocol cases table', () => {
  it('records where each case comes from', () => {
    expect(protocolCases.length, 'the table holds the cases derived from the protocol tests').toBeGreaterThan(0);
    for (const c of protocolCases) {
      expect(c.source.repository, c.name).toBe('smithy-lang/smithy');
      expect(c.source.commit, c.name).toMatch(/^[0-9a-f]{40}$/);
      expect(c.source.path.startsWith('smithy-aws-protocol-tests/model/'), `${c.name}: ${c.source.path}`).toBe(true);
      expect(c.source.tests.length, c.name).toBeGreaterThan(0);
      expect(c.says.length, c.name).toBeGreaterThan(0);
    }
  });

  it('names each case once', () => {
    const names = protocolCases.map((c) => c.name);
    expect(names.length, 'the table holds the cases derived from the protocol tests').toBeGreaterThan(0);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('expects a status and at least one code, or a twin', () => {
    expect(protocolCases.length, 'the table holds the cases derived from the protocol tests').toBeGreaterThan(0);
    for (const c of protocolCases) {
      if ('sameAs' in c.expect) expect(c.expect.sameAs.length, c.name).toBeGreaterThan(0);
      else expect(c.expect.codes.length, c.name).toBeGreaterThan(0);
    }
  });
});

describe('the in-process service keeps the protocol cases', () => {
  it.each(named)('%s', async (_, c) => {
    const service = new FaceDetectionService();
    await holdTo(viaService(service), c);
    expect(service.jobs, 'no case may start a job').toEqual([]);
  });
});

describe('the emulator keeps the protocol cases over HTTP', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(() => emulator.service.reset());
  afterAll(() => emulator.close());

  it.each(named)('%s', async (_, c) => {
    await holdTo(viaHttp(emulator.url), c);
    expect(emulator.service.jobs, 'no case may start a job').toEqual([]);
  });
});
