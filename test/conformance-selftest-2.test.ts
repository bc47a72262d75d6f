// A shard of the self-test (see conformance-selftest.test.ts): every third fault mode, from the third.
import { describe } from 'vitest';
import { catchesFaultModesOfShard } from './selftest.js';

describe('the conformance suite', () => {
  catchesFaultModesOfShard(2);
});
