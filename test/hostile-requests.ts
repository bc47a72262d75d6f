// Hostile requests, shared by the service-model tests (hostile.test.ts) and the emulator's
// tests over real HTTP: each with the error type the service must answer.
export const MOCK_URL = 'https://rekognition.us-east-1.amazonaws.com/';
export const START = 'RekognitionService.StartFaceDetection';

export function request(
  body: string | Uint8Array | undefined,
  init: { target?: string; contentType?: string; method?: string } = {},
): Request {
  const headers = new Headers({ 'Content-Type': init.contentType ?? 'application/x-amz-json-1.1' });
  if (init.target !== '') headers.set('X-Amz-Target', init.target ?? START);
  return new Request(MOCK_URL, { method: init.method ?? 'POST', headers, body });
}

export const valid = JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name: 'v.mp4' } } });
const deep = (n: number) => `{"Video":${'['.repeat(n)}${']'.repeat(n)}}`;

export const hostileRequests: [label: string, make: () => Request, errorType: string][] = [
  ['truncated JSON', () => request(valid.slice(0, -3)), 'SerializationException'],
  ['an empty body', () => request(''), 'SerializationException'],
  ['JSON null', () => request('null'), 'SerializationException'],
  ['a JSON string', () => request('"Video"'), 'SerializationException'],
  ['a JSON number', () => request('1e400'), 'SerializationException'],
  ['a JSON array', () => request(`[${valid}]`), 'SerializationException'],
  ['Video of the wrong type', () => request('{"Video":[]}'), 'SerializationException'],
  ['a token of the wrong type', () => request('{"Video":{},"ClientRequestToken":{"a":1}}'), 'SerializationException'],
  [
    'MaxResults as a string',
    () => request('{"JobId":"abc","MaxResults":"10"}', { target: 'RekognitionService.GetFaceDetection' }),
    'SerializationException',
  ],
  ['JSON nested 100,000 deep', () => request(deep(100_000)), 'SerializationException'],
  [
    '__proto__ as a member',
    () => request('{"__proto__":{"Video":{}},"constructor":{"prototype":{"polluted":true}}}'),
    'ValidationException',
  ],
  ['__proto__ inside Video', () => request('{"Video":{"__proto__":{"S3Object":{}}}}'), 'InvalidParameterException'],
  ['invalid UTF-8', () => request(new Uint8Array([0x7b, 0x22, 0x56, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), 'SerializationException'],
  [
    'a lone surrogate in a value',
    () => request('{"Video":{"S3Object":{"Bucket":"my-videos","Name":"\\ud800"}},"JobTag":"\\udfff"}'),
    'ValidationException',
  ],
  ['NUL bytes', () => request('{"Video":{},"JobTag":"a\\u0000b"}'), 'ValidationException'],
  ['a body of 2 MiB', () => request(`{"JobTag":"${'a'.repeat(2 * 1024 * 1024)}"}`), 'SerializationException'],
  ['text/plain', () => request(valid, { contentType: 'text/plain' }), 'SerializationException'],
  ['application/json', () => request(valid, { contentType: 'application/json' }), 'SerializationException'],
  ['PUT', () => request(valid, { method: 'PUT' }), 'UnknownOperationException'],
  ['DELETE', () => request(undefined, { method: 'DELETE' }), 'UnknownOperationException'],
  ['an unknown target', () => request(valid, { target: 'RekognitionService.StartFaceDetectionX' }), 'UnknownOperationException'],
  ["another service's target", () => request(valid, { target: 'DynamoDB_20120810.ListTables' }), 'UnknownOperationException'],
  ['no target', () => request(valid, { target: '' }), 'UnknownOperationException'],
];
