/**
 * The JSON Schema of the manifest, generated from the zod schema (one source),
 * for editors: yaml-language-server reads it from a
 * `# yaml-language-server: $schema=…` comment and offers completion and
 * descriptions to the people who write manifests.
 */
import { z } from 'zod';
import { REGION_CODES } from '../regions/regions';
import { manifestSchema } from './schema';

export const SCHEMA_ID = 'https://saasgov.dev/schemas/saasgov.dev-v1.json';

type JsonObject = { [key: string]: unknown };

/** The manifest's JSON Schema (draft-07, the dialect editors support best). */
export function manifestJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(manifestSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonObject;
  const regionDescription = (manifestSchema.shape.spec.shape.data.shape.subjects.unwrap().element.meta() ?? {}).description;
  visit(schema, (node) => {
    // `x-` extension keys are allowed on every object that rejects unknown keys.
    if (node.type === 'object' && node.additionalProperties === false) node.patternProperties = { '^x-': {} };
    if (node.type === 'string' && node.description === regionDescription) node.enum = [...REGION_CODES];
  });
  return { $id: SCHEMA_ID, ...schema };
}

function visit(node: unknown, fn: (node: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, fn);
  } else if (typeof node === 'object' && node !== null) {
    fn(node as JsonObject);
    for (const value of Object.values(node)) visit(value, fn);
  }
}

interface FieldRow {
  field: string;
  type: string;
  required: boolean;
  defaultValue?: unknown;
  description: string;
}

/**
 * The manifest's fields as a Markdown table (`saasgov schema --format
 * markdown`; docs/manifest.md is generated from it): every field's dot path
 * (`[]` for a list item), its type or allowed values, whether it is required,
 * its default and its description — from the same schema the linter uses.
 */
export function manifestFieldsMarkdown(): string {
  const rows: FieldRow[] = [];
  const walk = (node: JsonObject, prefix: string) => {
    const properties = (node.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((node.required ?? []) as string[]);
    for (const [key, child] of Object.entries(properties)) {
      const field = prefix === '' ? key : `${prefix}.${key}`;
      rows.push({ field, type: typeOf(child), required: required.has(key), defaultValue: child.default, description: String(child.description ?? '') });
      if (child.type === 'object') walk(child, field);
      const items = child.items as JsonObject | undefined;
      if (child.type === 'array' && items?.type === 'object') walk(items, `${field}[]`);
    }
  };
  walk(manifestJsonSchema(), '');
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = rows.map(
    (r) =>
      `| \`${r.field}\` | ${cell(r.type)} | ${r.required ? 'yes' : ''} | ${r.defaultValue === undefined ? '' : `\`${JSON.stringify(r.defaultValue)}\``} | ${cell(r.description)} |`,
  );
  return ['| field | type | required | default | description |', '|---|---|---|---|---|', ...lines].join('\n') + '\n';
}

/** A JSON Schema node's type in words: `a`, `b` for a vocabulary, "list of …", "mapping", "e-mail". */
function typeOf(node: JsonObject): string {
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  const values = node.enum as unknown[] | undefined;
  if (values !== undefined) return values.length > 12 ? 'region code' : values.map((v) => `\`${String(v)}\``).join(', ');
  if (Array.isArray(node.anyOf)) return (node.anyOf as JsonObject[]).map(typeOf).join(' or ');
  if (Array.isArray(node.type)) return (node.type as string[]).map((type) => typeOf({ type })).join(' or ');
  switch (node.type) {
    case 'string':
      return ({ email: 'e-mail', date: 'date (YYYY-MM-DD)', uri: 'https URL' } as Record<string, string>)[String(node.format)] ?? 'text';
    case 'integer':
      return node.minimum === undefined ? 'whole number' : `whole number ≥ ${String(node.minimum)}`;
    case 'array':
      return `list of ${typeOf(node.items as JsonObject)}`;
    case 'object':
      return node.additionalProperties === false ? 'mapping' : `mapping of text to ${typeOf(node.additionalProperties as JsonObject)}`;
    case 'number':
      return 'number';
    default:
      return String(node.type); // boolean, null
  }
}
