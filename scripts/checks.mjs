// Compiles the spec's schemas into plain JavaScript: for each validated schema a guard (`is`, a yes
// or no at the first violation) and a collector (`errorsOf`, every violation, as ajv reports them
// with allErrors: the same errors in the same order, so violation.ts words them). Written here and
// not taken from ajv's standalone code because that code calls a sub-validator with an options
// object and a grown instance path at every $ref, and counts the code points of every string with
// a length rule; these guards count only when the UTF-16 length cannot decide (n units hold
// between ceil(n/2) and n code points) and pass nothing but the value. The tests hold both
// functions to ajv's verdicts and errors on the spec (test/checks.test.ts).
//
// Only the part of JSON Schema the spec uses is compiled; any other keyword stops the generation,
// so the spec cannot quietly outgrow it.
import { refName } from './spec-schemas.mjs';

const ANNOTATIONS = new Set(['description', 'examples', 'title', 'deprecated', 'default']);
const KEYWORDS = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'items',
  'allOf',
  'anyOf',
  'enum',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
]);
// ajv-formats' number formats (int32, int64, float, double), as its `validate` functions decide.
const FORMATS = {
  int32: (d) => `(Number.isInteger(${d}) && ${d} <= 2147483647 && ${d} >= -2147483648)`,
  int64: (d) => `Number.isInteger(${d})`,
  float: () => 'true',
  double: () => 'true',
};
// What ajv checks for each type (strictNumbers: a number is finite).
const TYPE_CHECKS = {
  object: (d) => `(${d} !== null && typeof ${d} === "object" && !Array.isArray(${d}))`,
  array: (d) => `Array.isArray(${d})`,
  string: (d) => `(typeof ${d} === "string")`,
  number: (d) => `(typeof ${d} === "number" && isFinite(${d}))`,
  integer: (d) => `(typeof ${d} === "number" && !(${d} % 1) && !isNaN(${d}) && isFinite(${d}))`,
  boolean: (d) => `(typeof ${d} === "boolean")`,
  null: (d) => `(${d} === null)`,
};
// ajv's keyword groups, each in ajv's order: the keywords of no type first, then one group per type;
// a group's keywords run only on a value of its type.
const GROUPS = [
  [undefined, ['enum', 'anyOf', 'allOf']],
  ['number', ['maximum', 'minimum', 'format']],
  ['string', ['maxLength', 'minLength', 'pattern', 'format']],
  ['array', ['items']],
  ['object', ['required', 'properties']],
];

const js = (value) => JSON.stringify(value);
/**
 * A member's segment of the member path AWS writes (`video.s3Object.bucket`): its name with a
 * lowercase first letter, or `N.member` for an index-like name, as violation.ts's memberPath has it.
 */
const segmentOf = (key) => (/^(0|[1-9]\d*)$/.test(key) ? `${Number(key) + 1}.member` : key.charAt(0).toLowerCase() + key.slice(1));
/** The code of a member path in two parts, the parent's and the segment: the segment alone under the root. */
const joinedPath = (parent, segment) => `(${parent} === "" ? ${segment} : ${parent} + "." + ${segment})`;
/** `d.Video`, or `d["odd key"]`: a member read as ajv reads it. */
const member = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) && key !== '__proto__' ? `d.${key}` : `d[${js(key)}]`);

/** The module's body: helpers, every schema's two functions, and `exports`' names bound to them. */
export function compileChecks(schemas, exported) {
  const out = [];
  const patterns = new Map();
  const constants = new Map();
  const compiled = new Set();
  const pending = [];
  /** A module-level constant of the value, shared by every error that reports it. */
  const constant = (value) => {
    const text = js(value);
    if (!constants.has(text)) constants.set(text, `c${constants.size}`);
    return constants.get(text);
  };
  const patternOf = (source) => {
    if (!patterns.has(source)) patterns.set(source, `p${patterns.size}`);
    return patterns.get(source);
  };
  /** The functions' name for a named schema, compiled when first asked for. */
  const named = (name) => {
    if (!schemas[name]) throw new Error(`no schema named ${name}`);
    if (!compiled.has(name)) {
      compiled.add(name);
      pending.push([name, schemas[name], name]);
    }
    return name;
  };
  /** Whether null satisfies the node: a required member that it does would be missing once read as absent. */
  const admitsNull = (node) =>
    node.type === 'null' || (node.$ref !== undefined && admitsNull(schemas[refName(node.$ref)])) || (node.anyOf ?? []).some(admitsNull);
  /** The functions' name for a schema node: its $ref's, or a new pair for an inline node. */
  const nodeName = (schema, where) => {
    if (schema.$ref !== undefined) {
      const others = Object.keys(schema).filter((k) => k !== '$ref' && !ANNOTATIONS.has(k) && !k.startsWith('x-'));
      if (others.length) throw new Error(`${where}: $ref beside ${others.join(', ')} is not compiled`);
      return named(refName(schema.$ref));
    }
    const name = where.replace(/[^A-Za-z0-9_$]/g, '_');
    pending.push([name, schema, where]);
    return name;
  };

  function compile(name, schema, where) {
    for (const key of Object.keys(schema)) {
      if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) throw new Error(`${where}: keyword ${key} is not compiled`);
    }
    if (schema.$ref !== undefined) {
      const target = nodeName(schema, where);
      out.push(`const is_${name} = is_${target};\nconst errors_${name} = errors_${target};`);
      return;
    }
    const type = schema.type;
    if (type !== undefined && !TYPE_CHECKS[type]) throw new Error(`${where}: type ${js(type)} is not compiled`);
    if (schema.format !== undefined && !FORMATS[schema.format]) throw new Error(`${where}: format ${schema.format} is not compiled`);
    if (schema.enum?.some((v) => typeof v !== 'string')) throw new Error(`${where}: only string enums are compiled`);
    const has = (k) => schema[k] !== undefined;
    const sub = (node, suffix) => nodeName(node, `${where}/${suffix}`);
    const props = Object.entries(schema.properties ?? {}).map(([key, node]) => [key, sub(node, key)]);
    const items = has('items') ? sub(schema.items, 'items') : undefined;
    const anyOf = (schema.anyOf ?? []).map((node, i) => sub(node, `anyOf${i}`));
    const allOf = (schema.allOf ?? []).map((node, i) => sub(node, `allOf${i}`));
    const awsPattern = has('pattern') ? constant({ 'x-aws-pattern': schema['x-aws-pattern'] ?? schema.pattern }) : undefined;
    const pattern = has('pattern') ? patternOf(schema.pattern) : undefined;

    // The guard: a type check, then each rule, out at the first that fails.
    const is = [];
    const implied = (group) => type === group || (group === 'number' && type === 'integer');
    const onlyIf = (group, test) => (implied(group) ? test : `${TYPE_CHECKS[group]('d')} && ${test}`);
    if (type) is.push(`if (!${TYPE_CHECKS[type]('d')}) return false;`);
    if (has('enum')) is.push(`if (${schema.enum.map((v) => `d !== ${js(v)}`).join(' && ')}) return false;`);
    if (anyOf.length) is.push(`if (!(${anyOf.map((n) => `is_${n}(d)`).join(' || ')})) return false;`);
    for (const n of allOf) is.push(`if (!is_${n}(d)) return false;`);
    const numeric = [
      has('maximum') && `d > ${schema.maximum}`,
      has('minimum') && `d < ${schema.minimum}`,
      has('format') && `!${FORMATS[schema.format]('d')}`,
    ].filter(Boolean);
    if (numeric.length) is.push(`if (${onlyIf('number', `(${numeric.join(' || ')})`)}) return false;`);
    const textual = [
      (has('minLength') || has('maxLength')) && `!lengthWithin(d, ${schema.minLength ?? 0}, ${schema.maxLength ?? 'Infinity'})`,
      pattern && `!${pattern}.test(d)`,
    ].filter(Boolean);
    if (textual.length) is.push(`if (${onlyIf('string', `(${textual.join(' || ')})`)}) return false;`);
    if (items) {
      const loop = `for (let i = 0; i < d.length; i++) if (!is_${items}(d[i])) return false;`;
      is.push(implied('array') ? loop : `if (Array.isArray(d)) ${loop}`);
    }
    const required = new Set(schema.required ?? []);
    for (const k of required)
      if (schema.properties?.[k] && admitsNull(schema.properties[k])) throw new Error(`${where}: required member ${k} admits null`);
    const objectRules = [
      ...[...required].filter((k) => !props.some(([p]) => p === k)).map((k) => `if (${member(k)} === undefined) return false;`),
      ...props.map(([k, n]) =>
        required.has(k)
          ? `if ((v = ${member(k)}) === undefined || !is_${n}(v)) return false;`
          : `if ((v = ${member(k)}) !== undefined && !is_${n}(v)) return false;`,
      ),
    ];
    if (objectRules.length) {
      const lines = ['let v;', ...objectRules];
      is.push(implied('object') ? lines.join('\n  ') : `if (${TYPE_CHECKS.object('d')}) {\n    ${lines.join('\n    ')}\n  }`);
    }
    out.push(`function is_${name}(d) {\n  ${is.join('\n  ')}\n  return true;\n}`);

    // The collector: ajv's order. A type without rules of its own group is checked first; a type
    // with them, in its group's else.
    // A collector gets its value's pointer in two parts, p + k, joined only when it reports an error
    // or walks into members: a valid string costs no string.
    // Its member path as AWS writes it comes the same way, m and s, joined only for an error or a
    // walk into members.
    const error = (keyword, params, extra = '', path = joinedPath('m', 's')) =>
      `e.push({ instancePath: p + k, keyword: ${js(keyword)}, params: ${params}, data: d${extra}, memberPath: ${path} });`;
    const typeError = type ? `${error('type', constant({ type }))}` : '';
    // A format runs in the group of its own type only (all of FORMATS are number formats).
    const groupRules = (group) => GROUPS.find(([t]) => t === group)[1].filter((k) => has(k) && (k !== 'format' || group === 'number'));
    const ownGroup = type === 'integer' || type === 'boolean' || type === 'null' ? undefined : type;
    const typeFirst = type !== undefined && (ownGroup === undefined || groupRules(ownGroup).length === 0);
    const body = [];
    if (typeFirst) body.push(`if (!${TYPE_CHECKS[type]('d')}) ${typeError}`);
    if (has('enum'))
      body.push(`if (${schema.enum.map((v) => `d !== ${js(v)}`).join(' && ')}) ${error('enum', constant({ allowedValues: schema.enum }))}`);
    if (anyOf.length) {
      body.push(
        `{ const before = e.length; let ok = false;\n    ${anyOf
          .map(
            (b, i) => `${i ? 'if (!ok) ' : ''}{ const at = e.length; errors_${b}(d, p, k, e, n, m, s); if (e.length === at) ok = true; }`,
          )
          .join('\n    ')}\n    if (ok) e.length = before; else ${error('anyOf', '{}')} }`,
      );
    }
    for (const f of allOf) body.push(`errors_${f}(d, p, k, e, n, m, s);`);
    for (const [group] of GROUPS.slice(1)) {
      const rules = groupRules(group);
      if (!rules.length) continue;
      const lines = [];
      for (const rule of rules) {
        if (rule === 'maximum')
          lines.push(`if (d > ${schema.maximum} || isNaN(d)) ${error('maximum', constant({ comparison: '<=', limit: schema.maximum }))}`);
        if (rule === 'minimum')
          lines.push(`if (d < ${schema.minimum} || isNaN(d)) ${error('minimum', constant({ comparison: '>=', limit: schema.minimum }))}`);
        if (rule === 'format') lines.push(`if (!${FORMATS[schema.format]('d')}) ${error('format', constant({ format: schema.format }))}`);
        // Code points counted only where the UTF-16 length cannot decide.
        if (rule === 'maxLength')
          lines.push(
            `if (d.length > ${schema.maxLength} && pointsOver(d, ${schema.maxLength})) ${error('maxLength', constant({ limit: schema.maxLength }))}`,
          );
        if (rule === 'minLength')
          lines.push(
            `if (d.length < ${2 * schema.minLength - 1} && pointsUnder(d, ${schema.minLength})) ${error('minLength', constant({ limit: schema.minLength }))}`,
          );
        if (rule === 'pattern')
          lines.push(
            `if (!${pattern}.test(d)) ${error('pattern', constant({ pattern: schema.pattern }), `, parentSchema: ${awsPattern}`)}`,
          );
        // An item is collected only when its guard fails: a page of valid faces costs no pointer.
        if (rule === 'items')
          lines.push(
            `for (let i = 0; i < d.length; i++) if (!is_${items}(d[i])) errors_${items}(d[i], p + k, "/" + i, e, n, ${joinedPath('m', 's')}, (i + 1) + ".member");`,
          );
        if (rule === 'required')
          for (const k of schema.required)
            lines.push(
              `if (absent(${member(k)}, n)) ${error('required', constant({ missingProperty: k }), '', joinedPath('at', js(segmentOf(k))))}`,
            );
        if (rule === 'properties')
          for (const [key, f] of props) {
            const pointer = js(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
            lines.push(
              `if ((v = ${member(key)}) !== undefined && !(n && v === null)) errors_${f}(v, here, ${pointer}, e, n, at, ${js(segmentOf(key))});`,
            );
          }
      }
      const elseType = !typeFirst && type === group ? ` else ${typeError}` : '';
      if (group === 'object' && props.length) lines.unshift('const here = p + k;', 'let v;');
      if (group === 'object' && (props.length || schema.required?.length)) lines.unshift(`const at = ${joinedPath('m', 's')};`);
      body.push(`if (${TYPE_CHECKS[group]('d')}) {\n    ${lines.join('\n    ')}\n  }${elseType}`);
    }
    out.push(`function errors_${name}(d, p, k, e, n, m, s) {\n  ${body.join('\n  ')}\n}`);
  }

  const exports = exported.map((name) => [name, named(name)]);
  while (pending.length) compile(...pending.shift());
  return [
    HELPERS,
    [...patterns].map(([source, id]) => `const ${id} = new RegExp(${js(lazier(source))}, "u");`).join('\n'),
    [...constants].map(([text, id]) => `const ${id} = ${text};`).join('\n'),
    ...out,
    ...exports.map(
      ([name, fn]) =>
        `/** Whether the value satisfies ${name}, out at the first violation. */\nexport const is${name} = is_${fn};\n` +
        `/** Every violation of ${name}, as ajv (allErrors) reports them; empty when it holds. */\nexport function errorsOf${name}(value, nullsAbsent = false) {\n  const e = [];\n  errors_${fn}(value, "", "", e, nullsAbsent, "", "");\n  return e;\n}`,
    ),
    `/** Each validated schema's collector, by the schema's name. */\nexport const errorsOf = {\n${exports.map(([name]) => `  ${name}: errorsOf${name},`).join('\n')}\n};`,
  ].join('\n\n');
}

/**
 * The pattern with each `*` and `+` that more pattern follows made lazy: the same strings match (a
 * quantifier's greed orders the paths tried, never which exist), but `^arn:...[^\n]*:\w{12}:...$`
 * finds its `:` from the left instead of running to the end and backing off, about 5x faster.
 */
export function lazier(source) {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    out += c;
    if (c === '\\') out += source[++i] ?? '';
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if ((c === '*' || c === '+') && source[i + 1] !== '?' && source.slice(i + 1) !== '$') out += '?';
  }
  return out;
}

// Code points as the service (and ajv's ucs2length) count them: a string's UTF-16 length less its
// surrogate pairs. pointsOver and pointsUnder count pairs only until the answer is known, and
// lengthWithin counts only when the UTF-16 length leaves the answer open. A collector's \`n\`
// reads structure members sent as null as absent, as awsJson1_1 does (src/contract/nullMembers.ts);
// items stay.
const HELPERS = `function absent(v, n) {
  return v === undefined || (n && v === null);
}

function pointsOver(s, limit) {
  const within = s.length - limit;
  if (within <= 0) return false;
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      if (++pairs >= within) return false;
      i++;
    }
  }
  return true;
}

function pointsUnder(s, limit) {
  const most = s.length - limit;
  if (most < 0) return true;
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      if (++pairs > most) return true;
      i++;
    }
  }
  return false;
}

function lengthWithin(s, min, max) {
  const n = s.length;
  const least = (n + 1) >> 1;
  if (n < min || least > max) return false;
  if (n <= max && least >= min) return true;
  return !(least < min && pointsUnder(s, min)) && !(n > max && pointsOver(s, max));
}`;
