/**
 * Typed manifests for the Okta tests, straight from YAML through the schema
 * (defaults filled in), without linting: the component and the mapping take
 * a manifest the program has already judged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { manifestSchema, type Manifest } from '../../src/manifest/schema';
import { edit } from '../helpers';

/** The directory of the Okta fixtures (a project with `saasgov.config.yaml` and `apps/`). */
export const FIXTURES = path.resolve(__dirname, '../fixtures/okta');

/** The typed manifests of a YAML text, one per document. */
export function manifestsOf(text: string): Manifest[] {
  return parseAllDocuments(text).map((doc) => manifestSchema.parse(doc.toJS()));
}

/** The typed manifest of a one-document YAML text. */
export function manifestOf(text: string): Manifest {
  return manifestsOf(text)[0]!;
}

/** The text of a fixture under `apps/`. */
export function fixtureText(file: string): string {
  return readFileSync(path.join(FIXTURES, 'apps', file), 'utf8');
}

/** The typed manifest of a fixture under `apps/` (its `index`-th document). */
export function fixture(file: string, index = 0): Manifest {
  return manifestsOf(fixtureText(file))[index]!;
}

/** A fixture with changes applied (`edit` of test/helpers), typed. */
export function fixtureWith(file: string, changes: Parameters<typeof edit>[1]): Manifest {
  return manifestOf(edit(fixtureText(file), changes));
}
