/**
 * Validates response bodies against Okta's official OpenAPI description of
 * its management API (test/fixtures/okta-api/management-openapi.yaml), so
 * every fixture the fake org serves is a body Okta itself could send.
 *
 * The validation is done by maintained libraries: Ajv (JSON Schema) after
 * @openapi-contrib/openapi-schema-to-json-schema has turned OpenAPI 3.0 schema
 * objects into JSON Schema (`nullable` and the like). One OpenAPI keyword has
 * no JSON Schema equivalent: a `discriminator` with a `mapping` says which
 * `oneOf` branch applies (OpenAPI 3.0.3 §4.7.25). Okta's branches overlap (a
 * bookmark app also matches the auto-login schema, and nothing in the SAML
 * schema pins `signOnMode`), so a plain `oneOf` would both refuse valid apps
 * and accept wrong ones; each such `oneOf` is rewritten as "the discriminator
 * property is one of the mapped values, and the value's schema applies" — the
 * meaning the OpenAPI specification gives it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const SPEC_FILE = path.join(__dirname, '..', 'fixtures', 'okta-api', 'management-openapi.yaml');
const SPEC_ID = 'okta-management';

type Json = Record<string, unknown>;

interface Spec {
  readonly paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Json }>; $ref?: string }> }>>;
  readonly components: { schemas: Record<string, Json>; responses: Record<string, { content?: Record<string, { schema?: Json }> }> };
}

/** `oneOf` + `discriminator.mapping` → the branch named by the discriminator property (see the file comment). */
function applyDiscriminators(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(applyDiscriminators);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = applyDiscriminators(v);
  const discriminator = out.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (Array.isArray(out.oneOf) && discriminator?.propertyName && discriminator.mapping) {
    const property = discriminator.propertyName;
    const mapping = Object.entries(discriminator.mapping);
    delete out.oneOf;
    delete out.discriminator;
    out.required = [...new Set([...((out.required as string[] | undefined) ?? []), property])];
    out.properties = { ...((out.properties as Json | undefined) ?? {}), [property]: { enum: mapping.map(([value]) => value) } };
    out.allOf = [
      ...((out.allOf as unknown[] | undefined) ?? []),
      ...mapping.map(([value, ref]) => ({ if: { properties: { [property]: { const: value } } }, then: { $ref: ref } })),
    ];
  }
  return out;
}

/** OpenAPI schema object → JSON Schema, refs pointing into the registered spec. */
function toJsonSchema(schema: Json): Json {
  const converted = openapiSchemaToJsonSchema(applyDiscriminators(schema) as Json, { supportPatternProperties: true }) as Json;
  delete converted.$schema;
  return JSON.parse(JSON.stringify(converted).replaceAll('"#/components/', `"${SPEC_ID}#/components/`)) as Json;
}

/** Checks bodies of `method path` responses against the spec; compiled validators are kept. */
export class OktaContract {
  private readonly spec: Spec;
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    this.spec = parse(readFileSync(SPEC_FILE, 'utf8'), { maxAliasCount: -1 }) as Spec;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    const schemas: Json = {};
    for (const [name, schema] of Object.entries(this.spec.components.schemas)) schemas[name] = toJsonSchema(schema);
    this.ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
  }

  /** The paths of the spec (templates such as `/api/v1/apps/{appId}/groups`). */
  get paths(): string[] {
    return Object.keys(this.spec.paths);
  }

  /**
   * Errors of `body` as the response `status` of `method template` (empty: valid).
   * An error status the operation does not list is checked against Okta's `Error` schema, which every error body has.
   */
  errors(method: string, template: string, status: number, body: unknown): string[] {
    const key = `${method} ${template} ${status}`;
    let validate = this.cache.get(key);
    if (!validate) {
      const operation = this.spec.paths[template]?.[method.toLowerCase()];
      if (!operation) return [`the spec has no operation ${method} ${template}`];
      let response = operation.responses?.[String(status)];
      if (response?.$ref) response = this.spec.components.responses[response.$ref.split('/').at(-1)!];
      const schema = response?.content?.['application/json']?.schema ?? (status >= 400 ? { $ref: '#/components/schemas/Error' } : undefined);
      if (!schema) return [`the spec lists no JSON body for ${status} of ${method} ${template}`];
      validate = this.ajv.compile(toJsonSchema(schema));
      this.cache.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} (${e.schemaPath})`);
  }
}
