// The spec and the model fixture, loaded once for the tests that read them.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Model } from './model-drift.js';

export const root = new URL('..', import.meta.url).pathname;
export const specText = readFileSync(new URL('../spec/openapi.yaml', import.meta.url), 'utf8');

/** A fresh copy of the spec each call, so a test may mutate it. */
export function loadSpec(): Record<string, any> {
  return parse(specText);
}

/** A copy of ../shared/reference/rekognition-model.json; its `source` names the botocore commit. */
export const model: Model = JSON.parse(readFileSync(new URL('./fixtures/rekognition-model.json', import.meta.url), 'utf8'));
