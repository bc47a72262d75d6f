#!/usr/bin/env node
// `npm run docs:coverage`: docs/contract-coverage.md, the contract-coverage matrix, from the built
// package (the spec's facts, the suite's checks, the service's fault modes). test/contract-coverage.test.ts
// fails when the committed file is not what this writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractCoverageMarkdown } from '../dist/conformance/contractCoverage.js';
import { faultModes } from '../dist/msw.js';
import { root } from './redocly.mjs';

writeFileSync(join(root, 'docs/contract-coverage.md'), contractCoverageMarkdown(faultModes));
console.log('wrote docs/contract-coverage.md');
