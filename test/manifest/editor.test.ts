/**
 * Editor support end to end: the yaml-language-server (the engine of the VS
 * Code YAML extension and of most editors' YAML support) loads `saasgov
 * schema` through a `# yaml-language-server: $schema=…` line and offers
 * completion, hover help and diagnostics on a manifest being written.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server/lib/umd/languageservice/yamlLanguageService';
import { manifestJsonSchema } from '../../src/manifest/json-schema';

const SCHEMA_URI = 'file:///repo/saasgov.schema.json';

function service() {
  const ls = getLanguageService({
    schemaRequestService: async (uri) => {
      if (uri !== SCHEMA_URI) throw new Error(`unexpected schema request ${uri}`);
      return JSON.stringify(manifestJsonSchema());
    },
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
  });
  ls.configure({ validate: true, completion: true, hover: true, yamlVersion: '1.2' });
  return ls;
}

let opened = 0;

/** A manifest in `apps/` (a new file each time: the service caches by URI) with the line `saasgov new --schema ../saasgov.schema.json` writes; `|` marks the cursor. */
function manifest(body: string) {
  const text = `# yaml-language-server: $schema=../saasgov.schema.json\napiVersion: saasgov.dev/v1\nkind: SaaSApp\n${body}`;
  const offset = text.indexOf('|');
  const doc = TextDocument.create(`file:///repo/apps/app-${++opened}.yaml`, 'yaml', 1, text.replace('|', ''));
  return { doc, position: doc.positionAt(offset === -1 ? 0 : offset) };
}

describe('editor support (yaml-language-server)', () => {
  it('completes enum values', async () => {
    const { doc, position } = manifest('spec:\n  sso:\n    protocol: |\n');
    const list = await service().doComplete(doc, position, false);
    expect(list.items.map((i) => i.label)).toEqual(['saml', 'oidc', 'swa', 'none']);
    const data = manifest('spec:\n  data:\n    classification: |\n');
    expect((await service().doComplete(data.doc, data.position, false)).items.map((i) => i.label)).toEqual(['public', 'internal', 'confidential', 'restricted']);
  });

  it('completes the keys an object may hold', async () => {
    const { doc, position } = manifest('spec:\n  |\n');
    const labels = (await service().doComplete(doc, position, false)).items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['vendor', 'url', 'lifecycle', 'data', 'sso', 'provisioning', 'backup', 'residency', 'vendorAssurance', 'waivers']));
  });

  it('shows the description on hover', async () => {
    const { doc, position } = manifest('spec:\n  backup:\n    retent|ionDays: 30\n');
    const hover = await service().doHover(doc, position);
    expect(JSON.stringify(hover?.contents)).toContain('Days backups are kept');
  });

  it('flags unknown keys and values outside an enum while the manifest is written, but not x- keys', async () => {
    const { doc } = manifest('spec:\n  sso:\n    protocl: saml\n    x-note: via OIN\n  lifecycle: live\n');
    const messages = (await service().doValidation(doc, false)).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(messages).toContain('6: Property protocl is not allowed.');
    expect(messages.some((m) => m.startsWith('8: Value is not accepted. Valid values: "poc", "production", "deprecated"'))).toBe(true);
    expect(messages.some((m) => m.includes('x-note'))).toBe(false);
  });
});
