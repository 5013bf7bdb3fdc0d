import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../../src/config/load';
import { ConfigResolver } from '../../src/config/resolve';
import { SaasgovError } from '../../src/util/errors';
import { RULES_BY_ID } from '../../rules';
import { configFromText } from '../helpers';
import { tempTree } from '../run-cli';

const settings = (text: string, file = '/repo/apps/x.yaml', asOf = '2026-12-01') =>
  new ConfigResolver(configFromText(text), RULES_BY_ID, asOf).settingsFor(file);

/** The one-line error a config text produces. */
function configError(text: string): string {
  try {
    configFromText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SaasgovError);
    expect((error as SaasgovError).code).toBe('CONFIG');
    return (error as Error).message.replace(/^.*saasgov\.config\.yaml/, 'saasgov.config.yaml');
  }
  throw new Error('expected a config error');
}

describe('configuration', () => {
  it('defaults to the recommended preset with default options', () => {
    const s = settings('{}');
    expect(s.get('ownership/owners')).toEqual({ severity: 'error', options: { domains: [] } });
    expect(s.get('waiver/expiring')).toEqual({ severity: 'warn', options: { days: 30 } });
  });

  it('turns every warn into error under strict', () => {
    const s = settings('extends: strict\n');
    expect(s.get('waiver/expiring')!.severity).toBe('error');
    expect(s.get('waiver/unused')!.severity).toBe('error');
    expect([...s.values()].every((r) => r.severity === 'error')).toBe(true);
  });

  it('reads the ESLint short forms: severity, numbers, [severity], [severity, options]', () => {
    const s = settings(
      'rules:\n  waiver/unused: off\n  waiver/expiring: 2\n  ownership/owners: [warn]\n  waiver/valid: [error, {maxDays: 90}]\n',
    );
    expect(s.get('waiver/unused')!.severity).toBe('off');
    expect(s.get('waiver/expiring')!.severity).toBe('error');
    expect(s.get('ownership/owners')).toEqual({ severity: 'warn', options: { domains: [] } });
    expect(s.get('waiver/valid')).toEqual({ severity: 'error', options: { maxDays: 90 } });
  });

  it('reads the long form with errorFrom: warn before the date, error from it on', () => {
    const text = 'rules:\n  waiver/expiring:\n    severity: warn\n    errorFrom: 2027-01-01\n    options: {days: 60}\n';
    expect(settings(text, undefined, '2026-12-31').get('waiver/expiring')).toEqual({ severity: 'warn', options: { days: 60 } });
    expect(settings(text, undefined, '2027-01-01').get('waiver/expiring')).toEqual({ severity: 'error', options: { days: 60 } });
  });

  it('applies overrides by glob, in order, keeping earlier options for a severity-only entry', () => {
    const text = [
      'rules:',
      '  ownership/owners: [error, {domains: [example.com]}]',
      'overrides:',
      '  - files: ["apps/sandbox/**"]',
      '    rules:',
      '      ownership/owners: warn',
      '  - files: ["apps/sandbox/legacy-*.yaml"]',
      '    rules:',
      '      ownership/owners: off',
      '',
    ].join('\n');
    expect(settings(text, '/repo/apps/crm.yaml').get('ownership/owners')).toEqual({ severity: 'error', options: { domains: ['example.com'] } });
    expect(settings(text, '/repo/apps/sandbox/x.yaml').get('ownership/owners')).toEqual({ severity: 'warn', options: { domains: ['example.com'] } });
    expect(settings(text, '/repo/apps/sandbox/legacy-x.yaml').get('ownership/owners')!.severity).toBe('off');
  });

  it('reads manifests and ignores, as a list or a single glob', () => {
    const c = configFromText('manifests: "apps/**/*.yaml"\nignores: ["apps/archive/**"]\n');
    expect(c.manifests).toEqual(['apps/**/*.yaml']);
    const r = new ConfigResolver(c, RULES_BY_ID, '2026-12-01');
    expect(r.isIgnored('/repo/apps/archive/old.yaml')).toBe(true);
    expect(r.isIgnored('/repo/apps/crm.yaml')).toBe(false);
  });

  it.each([
    ['rules:\n  ownership/owner: error\n', 'saasgov.config.yaml:2:3: unknown rule "ownership/owner"; did you mean `ownership/owners`?'],
    ['rules:\n  no/such-rule: error\n', 'saasgov.config.yaml:2:3: unknown rule "no/such-rule".'],
    ['extend: strict\n', 'saasgov.config.yaml:1:1: unknown key "extend"; did you mean `extends`?'],
    ['extends: strikt\n', 'saasgov.config.yaml:1:10: extends: Invalid option: expected one of "recommended"|"strict"'],
    ['rules:\n  ownership/owners: fatal\n', 'saasgov.config.yaml:2:21: rule ownership/owners: severity must be off, warn or error (or 0, 1, 2), not "fatal"'],
    ['rules:\n  ownership/owners: [error, {domain: [a.com]}]\n', 'saasgov.config.yaml:2:30: rule ownership/owners: unknown option "domain"; did you mean `domains`?'],
    ['rules:\n  waiver/valid: [error, {maxDays: soon}]\n', 'saasgov.config.yaml:2:35: rule waiver/valid: invalid option maxDays: Invalid input: expected number, received string'],
    ['rules:\n  waiver/valid:\n    severity: warn\n    errorFrom: 2027-02-30\n', 'saasgov.config.yaml:4:16: rule waiver/valid: errorFrom must be a date YYYY-MM-DD'],
    ['rules:\n  waiver/valid:\n    level: warn\n', 'saasgov.config.yaml:3:5: unknown key "level" in rule waiver/valid.'],
    ['ignores: ["apps/[archive"]\n', 'saasgov.config.yaml:1:11: bad glob "apps/[archive": Missing closing: "]" - use "\\\\]" to match literal characters'],
    ['overrides:\n  - files: ["{a"]\n', 'saasgov.config.yaml:2:13: bad glob "{a": Missing closing: "}" - use "\\\\}" to match literal characters'],
    ['ruleDocsUrl: https://git.example.com/rules/\n', 'saasgov.config.yaml:1:14: ruleDocsUrl must be an http(s) URL with {rule} where the rule id goes, e.g. https://git.example.com/saasgov/blob/v{version}/rules/{rule}.md'],
    ['ruleDocsUrl: "javascript:alert({rule})"\n', 'saasgov.config.yaml:1:14: ruleDocsUrl must be an http(s) URL with {rule} where the rule id goes, e.g. https://git.example.com/saasgov/blob/v{version}/rules/{rule}.md'],
    ['rules: [\n', 'saasgov.config.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('rejects %j with a one-line error at file:line:column', (text, message) => {
    expect(configError(text)).toBe(message);
  });

  it('finds the nearest config up the directory tree, and --config names another', () => {
    const root = tempTree({}, 'saasgov-find-');
    mkdirSync(path.join(root, 'apps', 'team'), { recursive: true });
    writeFileSync(path.join(root, 'saasgov.config.yaml'), 'extends: strict\n');
    writeFileSync(path.join(root, 'other.yaml'), 'extends: recommended\n');
    expect(findConfigFile(path.join(root, 'apps', 'team'))).toBe(path.join(root, 'saasgov.config.yaml'));
    const found = loadConfig({ cwd: path.join(root, 'apps', 'team'), rules: RULES_BY_ID });
    expect(found).toMatchObject({ preset: 'strict', baseDir: root });
    expect(loadConfig({ cwd: root, configFile: 'other.yaml', rules: RULES_BY_ID }).preset).toBe('recommended');
    expect(() => loadConfig({ cwd: root, configFile: 'missing.yaml', rules: RULES_BY_ID })).toThrow(/Config file not found: missing.yaml/);
  });
});
