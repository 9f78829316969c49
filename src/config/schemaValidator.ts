// A small validator for the subset of JSON Schema (draft-07) that the shipped
// `smpp-connections.schema.json` uses. The schema file is the single source of truth: the
// editor validates and completes from it, and the extension, the CLI and the tests validate
// with this module against the very same file. A key is a property only when the schema names it
// as its own (`__proto__`, `constructor` and the like are unknown keys), and a key given twice in
// one object is an error.
import type { Node as JsonNode } from 'jsonc-parser';

export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  /** false: no other keys; a schema: every other key's value follows it. */
  additionalProperties?: boolean | SchemaNode;
  /** Every key of the object follows it (as a string: its pattern and lengths). */
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  $ref?: string;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  not?: SchemaNode;
  errorMessage?: string;
  default?: unknown;
  definitions?: Record<string, SchemaNode>;
}

export interface SchemaViolation {
  /** JSON path of the offending value, e.g. `connections[1].port`. */
  path: string;
  message: string;
  /** Offset and length of the offending node in the source text. */
  offset: number;
  length: number;
}

function typeOf(node: JsonNode): string {
  if (node.type === 'number') return Number.isInteger(node.value) ? 'integer' : 'number';
  return node.type;
}

function matchesType(node: JsonNode, expected: string): boolean {
  const actual = typeOf(node);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

/** At most this many characters of a value or key from the file go into a message. */
const SHOWN = 40;

function describe(value: unknown): string {
  if (typeof value === 'string' && value.length > SHOWN) return `${JSON.stringify(value.slice(0, SHOWN)).slice(0, -1)}…" (${value.length} characters)`;
  return JSON.stringify(value);
}

/** `schema[key]` when `schema` has it as its own entry; never a member of Object.prototype. */
function own<T>(table: Record<string, T> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Counts characters as JSON Schema does (code points), stopping once past `max`. */
function lengthUpTo(s: string, max: number): number {
  if (s.length <= max) return s.length;
  let n = 0;
  for (const _ of s) if (++n > max) break;
  return n;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export class SchemaValidator {
  private readonly patterns = new Map<string, RegExp>();

  constructor(private readonly root: SchemaNode) {}

  validate(node: JsonNode): SchemaViolation[] {
    const out: SchemaViolation[] = [];
    this.check(node, this.root, '', out);
    return out;
  }

  private resolve(schema: SchemaNode): SchemaNode {
    let s = schema;
    while (s.$ref) {
      const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
      const target = m ? own(this.root.definitions, m[1]) : undefined;
      if (!target) throw new Error(`schema reference ${s.$ref} cannot be resolved`);
      s = target;
    }
    return s;
  }

  private check(node: JsonNode, schemaIn: SchemaNode, path: string, out: SchemaViolation[]): void {
    const schema = this.resolve(schemaIn);
    const at = (message: string, n: JsonNode = node): void => {
      out.push({ path: path || '(file)', message, offset: n.offset, length: n.length });
    };

    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => matchesType(node, t))) {
        at(`${path || 'the file'} must be ${types.join(' or ')}, not ${typeOf(node)}`);
        return;
      }
    }
    const value = node.value as unknown;
    if (schema.enum && !schema.enum.some((e) => e === value)) {
      at(`${path} must be one of ${schema.enum.map(describe).join(', ')}, not ${describe(value)}`);
    }
    if (schema.const !== undefined && schema.const !== value) {
      at(`${path} must be ${describe(schema.const)}`);
    }
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) at(`${path} must be at least ${schema.minimum}, not ${value}`);
      if (schema.maximum !== undefined && value > schema.maximum) at(`${path} must be at most ${schema.maximum}, not ${value}`);
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
        at(`${path} must be greater than ${schema.exclusiveMinimum}, not ${value}`);
      }
    }
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && lengthUpTo(value, schema.minLength) < schema.minLength) {
        at(schema.minLength === 1 ? `${path} must not be empty` : `${path} must have at least ${schema.minLength} characters`);
      }
      if (schema.maxLength !== undefined && lengthUpTo(value, schema.maxLength) > schema.maxLength) {
        at(`${path} has ${[...value].length} characters; ${whoLimits(path)} at most ${schema.maxLength}`);
      }
      if (schema.pattern !== undefined && !this.pattern(schema.pattern).test(value)) {
        at(`${path} does not match the expected form ${schema.pattern}`);
      }
    }
    if (node.type === 'object') this.checkObject(node, schema, path, out);
    if (node.type === 'array' && schema.items) {
      (node.children ?? []).forEach((child, i) => this.check(child, schema.items as SchemaNode, join(path, i), out));
    }
    if (schema.not) {
      const inner: SchemaViolation[] = [];
      this.check(node, schema.not, path, inner);
      if (inner.length === 0) at(schema.errorMessage ?? `${path} has a form that is not allowed`);
    }
    for (const [key, branches] of [['anyOf', schema.anyOf], ['oneOf', schema.oneOf]] as const) {
      if (!branches) continue;
      const results = branches.map((b) => {
        const inner: SchemaViolation[] = [];
        this.check(node, b, path, inner);
        return inner;
      });
      const passing = results.filter((r) => r.length === 0).length;
      if (passing === 0 || (key === 'oneOf' && passing > 1)) {
        if (schema.errorMessage) at(`${path}: ${schema.errorMessage}`);
        else {
          // Report the branch whose type matches, as that is the one the author meant.
          const typed = branches.findIndex((b) => {
            const r = this.resolve(b);
            return r.type === undefined || [r.type].flat().some((t) => matchesType(node, t));
          });
          if (typed >= 0 && results[typed].length > 0) out.push(...results[typed]);
          else at(`${path} has the wrong form`);
        }
      }
    }
  }

  private pattern(source: string): RegExp {
    let re = this.patterns.get(source);
    if (!re) {
      re = new RegExp(source, 'u');
      this.patterns.set(source, re);
    }
    return re;
  }

  private checkObject(node: JsonNode, schema: SchemaNode, path: string, out: SchemaViolation[]): void {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      let message: string | undefined;
      if (seen.has(key)) message = `${describe(key)} is given twice in ${path || 'the file'}; give each property once`;
      else {
        seen.add(key);
        const sub = own(schema.properties, key);
        if (schema.propertyNames) {
          const inner: SchemaViolation[] = [];
          this.check(keyNode, schema.propertyNames, join(path, key), inner);
          if (inner.length > 0) message = `${describe(key)} is not an allowed key in ${path || 'the file'}${schema.propertyNames.errorMessage ? `: ${schema.propertyNames.errorMessage}` : ''}`;
        }
        if (message) {
          // The key itself is wrong: its value is not checked.
        } else if (sub) this.check(valueNode, sub, join(path, key), out);
        else if (typeof schema.additionalProperties === 'object') this.check(valueNode, schema.additionalProperties, join(path, key), out);
        else if (schema.additionalProperties === false) {
          const hint = key.length <= SHOWN ? closest(key, Object.keys(schema.properties ?? {})) : undefined;
          message = `unknown property ${describe(key)}${hint ? ` (did you mean "${hint}"?)` : ''}`;
        }
      }
      if (message) out.push({ path: join(path, key), message, offset: keyNode.offset, length: keyNode.length });
    }
    for (const req of schema.required ?? []) {
      if (!seen.has(req)) {
        out.push({ path: path || '(file)', message: `${path || 'the file'} is missing "${req}"`, offset: node.offset, length: 1 });
      }
    }
  }
}

/**
 * Who sets a length limit, for the message: SMPP for the bind's fields, which keep the spec's
 * snake_case names; the panel for its own camelCase options (a connection's name).
 */
function whoLimits(path: string): string {
  return /(^|\.)[a-z]+_[a-z_]+$/.test(path) ? 'SMPP allows' : 'the panel allows';
}

/** The known name nearest to `key` by edit distance, if it is close enough to be a typo. */
function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
