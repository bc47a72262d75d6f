// The spec's components.schemas as one JSON Schema 2020-12 document, and the ajv that compiles it.
// Shared by scripts/generate.mjs (standalone validators) and the tests (examples, lint).
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const SCHEMA_REF = '#/components/schemas/';

/** `#/components/schemas/Video` -> `Video`. */
export function refName(ref) {
  if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF)) throw new Error(`unexpected $ref ${ref}`);
  return ref.slice(SCHEMA_REF.length);
}

/** The schemas under `$defs`, every `$ref` rewritten to point there. */
export function schemaDocument(spec, id) {
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === '$ref' ? `#/$defs/${refName(value)}` : rewrite(value);
    return out;
  };
  return { $id: id, $defs: rewrite(spec.components.schemas) };
}

/** Every `x-` keyword the schemas use; ajv's strict mode must be told of each. */
export function extensionKeywords(node, found = new Set()) {
  if (Array.isArray(node)) for (const n of node) extensionKeywords(n, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      else extensionKeywords(value, found);
    }
  }
  return found;
}

/** Ajv in strict mode with ajv-formats, holding the spec's schemas under `${id}#/$defs/<Name>`. */
export function specAjv(spec, id, options = {}) {
  const ajv = new Ajv2020({ strict: true, ...options });
  addFormats(ajv);
  ajv.addVocabulary([...extensionKeywords(spec.components.schemas)]);
  ajv.addSchema(schemaDocument(spec, id));
  return ajv;
}
