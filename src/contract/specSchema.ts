// Reading the spec's schemas (generated/schemas.js): names, $refs, nullable members, nested
// members. Shared by the arbitraries and the fault modes; free of fast-check, so the mock stays light.
import { schemas, type SpecSchema } from '../../generated/schemas.js';

const SCHEMA_REF = '#/components/schemas/';

/** The named schema, or throws for a name the spec lacks. */
export function schemaOf(name: string): SpecSchema {
  const schema = schemas[name];
  if (!schema) throw new TypeError(`the spec has no schema ${name}`);
  return schema;
}

/** The schema a `$ref` or a nullable `anyOf: [$ref, null]` member points to. */
export function resolveMember(schema: SpecSchema): { name: string | undefined; schema: SpecSchema; nullable: boolean } {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.slice(SCHEMA_REF.length);
    return { name, schema: schemaOf(name), nullable: false };
  }
  if (Array.isArray(schema.anyOf)) {
    const target = schema.anyOf.find((s: SpecSchema) => s.$ref);
    return { ...resolveMember(target), nullable: schema.anyOf.some((s: SpecSchema) => s.type === 'null') };
  }
  return { name: undefined, schema, nullable: false };
}

/** The schema of the member `keys` down from the named schema (`['Video', 'S3Object']`), or throws. */
export function schemaAt(name: string, keys: readonly string[]): SpecSchema {
  let schema = schemaOf(name);
  for (const key of keys) {
    const member = schema.properties?.[key];
    if (!member) throw new TypeError(`the spec has no member ${[name, ...keys].join('.')}`);
    schema = resolveMember(member).schema;
  }
  return schema;
}

/** A member of a structure: its keys from the structure's root, its schema (resolved), and whether its parent requires it. */
export interface StructureMember {
  keys: string[];
  schema: SpecSchema;
  required: boolean;
}

/** Every member of the named structure, its nested structures' members included, in the schemas' order. */
export function membersOf(name: string): StructureMember[] {
  const walk = (schema: SpecSchema, prefix: string[]): StructureMember[] =>
    Object.entries<SpecSchema>(schema.properties ?? {}).flatMap(([key, member]) => {
      const keys = [...prefix, key];
      const target = resolveMember(member).schema;
      const self = { keys, schema: target, required: (schema.required ?? []).includes(key) };
      return target.type === 'object' ? [self, ...walk(target, keys)] : [self];
    });
  return walk(schemaOf(name), []);
}
