// JSON null as awsJson1_1 reads it: a structure member whose value is `null` is absent (Smithy's
// AwsJson11ServersDontDeserializeNullStructureValues). A `null` item of a list is not a member and
// stays, for the validators to refuse. The walk follows the spec's structures (generated
// `structures`), so its depth is the contract's, whatever the value's: deep or cyclic values
// cost no more than shallow ones.
import { structures, type StructureName } from '../../generated/contract.js';

export type { StructureName };

/**
 * The value, read as a `shape` (`'StartFaceDetectionRequest'`), with every structure member that
 * is `null` left out, at every depth. Answers the value itself, not a copy, when it holds no such
 * member; a value that is not a JSON object is answered as it is.
 */
export function withoutNullMembers<T>(value: T, shape: StructureName): T {
  const nested = structures[shape];
  if (!nested) throw new TypeError(`no structure named ${shape}`);
  return strip(value, nested) as T;
}

function strip(value: unknown, nested: Record<string, StructureName | [StructureName]>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    let read = member;
    if (member !== null) {
      const shape = Object.hasOwn(nested, key) ? nested[key] : undefined;
      if (typeof shape === 'string') read = strip(member, structures[shape]);
      else if (shape && Array.isArray(member)) read = stripItems(member, structures[shape[0]]);
      if (read === member) continue;
    }
    // Copy on the first change; the spread keeps a member named `__proto__` a member.
    out ??= { ...(value as Record<string, unknown>) };
    if (member === null) delete out[key];
    else out[key] = read;
  }
  return out ?? value;
}

function stripItems(items: unknown[], nested: Record<string, StructureName | [StructureName]>): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const read = strip(items[i], nested);
    if (read === items[i]) continue;
    out ??= [...items];
    out[i] = read;
  }
  return out ?? items;
}
