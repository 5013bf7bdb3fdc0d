/**
 * Results without a file (`saasgov audit okta`: an app of the org that no
 * manifest declares) in every format: JSON with the Admin Console URL as
 * `filePath`, SARIF with a logical location only (valid SARIF 2.1.0), and a
 * section of its own — no line, no "document 1" — in the others.
 */
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { auditResults } from '../../src/audit';
import { FORMATTERS } from '../../src/formatters';
import type { FormatContext } from '../../src/formatters/types';
import { VERSION } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { passing } from '../audit/audit-helpers';
import { orgSnapshot } from '../audit/org-fixtures';
import { AS_OF, configFromText, lintFiles } from '../helpers';
import { markdownProblems, parseGithubCommands, parseJunit } from './parsers';
import { multitoolValidate, schemaErrors } from './sarif-validator';

const ID = (n: number) => `0oa${String(n).padStart(17, '0')}`;
const files = { 'apps/wiki.yaml': passing('wiki', ID(1)) };
// A label as hostile as a person may type it in the Admin Console.
const org = orgSnapshot({ apps: [{ id: ID(1), label: 'wiki', oinKey: 'wiki', mfa: 'optional' }, { id: ID(2), label: 'Survey <Tool> | ::warning x' }] });
const results = auditResults(lintFiles(files), org, { config: configFromText('{}'), rules: RULES_BY_ID, asOf: AS_OF, deployers: [] }, (f) => files[f.slice('/repo/'.length) as keyof typeof files]);
const context: FormatContext = { cwd: '/repo', srcRoot: '/repo', color: false, version: VERSION, asOf: AS_OF, rules: RULES_BY_ID };
const ADMIN_URL = `https://acme-admin.okta.com/admin/app/acme_app_1/instance/${ID(2)}/`;

describe('an org app without a manifest', () => {
  it('json: a result whose filePath is the Admin Console URL, findings without a line', () => {
    const out = JSON.parse(FORMATTERS.json(results, context)) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(out.map((r) => r.filePath)).toEqual(['/repo/apps/wiki.yaml', ADMIN_URL]);
    expect(out[1]!.messages).toMatchObject([{ ruleId: 'okta/ungoverned-app', line: 0 }]);
  });

  it('sarif: a logical location (label and id) and no physical one, in SARIF the official validator accepts', () => {
    const text = FORMATTERS.sarif(results, context);
    const log = JSON.parse(text) as Sarif.Log;
    expect(schemaErrors(log)).toEqual([]);
    expect(multitoolValidate(text).filter((f) => f.level === 'error')).toEqual([]);
    const result = log.runs[0]!.results!.find((r) => r.ruleId === 'okta/ungoverned-app')!;
    expect(result.locations).toEqual([{ logicalLocations: [{ name: 'Survey <Tool> | ::warning x', fullyQualifiedName: `okta/apps/${ID(2)}`, kind: 'resource' }] }]);
    expect(result.message.text).toContain(ADMIN_URL);
  });

  it('github: an annotation without a file, naming the app, and no forged command', () => {
    const commands = parseGithubCommands(FORMATTERS.github(results, context));
    expect(commands.map((c) => [c.name, c.properties.file ?? null, c.properties.title])).toEqual([
      ['error', 'apps/wiki.yaml', 'okta/drift'],
      ['error', null, 'okta/ungoverned-app'],
    ]);
    expect(commands[1]!.message).toMatch(new RegExp(`^Okta app "Survey <Tool> \\| ::warning x" \\(${ID(2)}\\): .* ${ADMIN_URL}$`));
  });

  it('junit: a suite of its own named by the Admin Console URL, the app as the test case, no line', () => {
    const doc = parseJunit(FORMATTERS.junit(results, context));
    const text = JSON.stringify(doc);
    expect(text).toContain(`Okta app \\"Survey <Tool> | ::warning x\\" (${ID(2)})`);
    expect(text).not.toContain(`${ADMIN_URL}:0:0`);
    expect(text).toContain(`${ADMIN_URL} error okta/ungoverned-app: `);
  });

  it('markdown: the verdict counts it apart from the files, its section links the Admin Console, no line and no "document 1"', () => {
    const out = FORMATTERS.markdown(results, context);
    expect(out.split('\n')[0]).toBe('### ❌ saasgov: 2 errors in 1 of 1 manifest file and 1 Okta app without one');
    expect(out).toContain(`#### Okta app &quot;Survey &lt;Tool&gt; \\| \\:\\:warning x&quot; \\(${ID(2)}\\)\n\n[Admin Console](${ADMIN_URL})\n\n- ❌ **error** [okta/ungoverned\\-app]`);
    expect(out).not.toMatch(/line 0|document 1/);
    expect(markdownProblems(out)).toEqual([]);
  });

  it('stylish: a section headed by the app and its Admin Console URL', () => {
    const out = FORMATTERS.stylish(results, context);
    expect(out).toContain(`Okta app "Survey <Tool> | ::warning x" (${ID(2)}) ${ADMIN_URL}\n  okta  error    The Okta app`);
    expect(out).not.toMatch(/^::/m);
  });

  it('stylish: the summary counts the org app apart from the files', () => {
    const summary = (r: typeof results) => FORMATTERS.stylish(r, context).trimEnd().split('\n').at(-1);
    expect(summary(results)).toBe('✖ 2 problems (2 errors, 0 warnings); 0 of 1 file clean; 1 Okta app without a manifest');
    // A clean file beside it: one of two files clean, the app still apart.
    const more = { ...files, 'apps/zoom.yaml': passing('zoom', ID(3)) };
    const withZoom = orgSnapshot({ apps: [...org.apps, { id: ID(3), label: 'zoom', oinKey: 'zoom', mfa: 'required' }] });
    const two = auditResults(lintFiles(more), withZoom, { config: configFromText('{}'), rules: RULES_BY_ID, asOf: AS_OF, deployers: [] }, (f) => more[f.slice('/repo/'.length) as keyof typeof more]);
    expect(summary(two)).toBe('✖ 2 problems (2 errors, 0 warnings); 1 of 2 files clean; 1 Okta app without a manifest');
    // Without org apps the summary is lint's.
    expect(summary(two.filter((r) => !r.location))).toBe('✖ 1 problem (1 error, 0 warnings); 1 of 2 files clean');
  });
});
