import type Ajv2020 from 'ajv/dist/2020.js';
import type { Options } from 'ajv';

export declare const SCHEMA_REF: string;
export declare function refName(ref: unknown): string;
// biome-ignore lint/suspicious/noExplicitAny: the parsed YAML of the spec, walked by key.
export declare function schemaDocument(spec: any, id: string): { $id: string; $defs: Record<string, unknown> };
export declare function extensionKeywords(node: unknown, found?: Set<string>): Set<string>;
// biome-ignore lint/suspicious/noExplicitAny: the parsed YAML of the spec, walked by key.
export declare function specAjv(spec: any, id: string, options?: Options): Ajv2020;
