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
