import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_VERSION, subtractKnown, type BaselineEntry } from '../../src/baseline/baseline';
import { AS_OF, edit, lintFiles, VALID } from '../helpers';
import { gitRepo } from '../git-repo';
import { cli } from '../cli/run';

const A = edit(VALID, { remove: ['metadata.owner.business'], set: { 'metadata.name': 'app-a' } });
const B = edit(VALID, { set: { 'metadata.name': 'app-b' } });
const BASELINE = '.saasgov-baseline.json';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; app: string; path: string; fingerprint: string }[];
}
const lint = (dir: string, ...args: string[]) => cli(['lint', '--as-of', AS_OF, ...args], { cwd: dir });
const findingsOf = (stdout: string) => (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId} ${m.path}`));

describe('--write-baseline and --baseline', () => {
  it('records findings in a sorted, stable file and reports only new ones after re-formatting, moves and new problems', async () => {
    const repo = gitRepo({ 'apps/a.yaml': A, 'apps/b.yaml': B });

    const written = await lint(repo.dir, '--write-baseline', BASELINE);
    expect(written).toMatchObject({ code: 0, stderr: 'saasgov: recorded 1 finding in the baseline .saasgov-baseline.json\n' });
    const text = readFileSync(path.join(repo.dir, BASELINE), 'utf8');
    const file = JSON.parse(text) as { version: number; tool: string; findings: BaselineEntry[] };
    expect(file.version).toBe(BASELINE_VERSION);
    expect(file.tool).toBe('saasgov');
    expect(file.findings).toEqual([
      { fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), rule: 'ownership/owners', app: 'app-a', path: 'metadata.owner.business', file: 'apps/a.yaml', message: expect.stringContaining('business') },
    ]);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['$comment', 'version', 'tool', 'findings']);
    // Same findings, same bytes; written atomically (no temporary file left beside it).
    await lint(repo.dir, '--write-baseline', BASELINE);
    expect(readFileSync(path.join(repo.dir, BASELINE), 'utf8')).toBe(text);
    expect(readdirSync(repo.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    repo.commit('adopt saasgov with a baseline');

    // The accepted finding moves and is re-formatted; a new one appears in b.
    repo.git('mv', 'apps/a.yaml', 'apps/renamed.yaml');
    writeFileSync(path.join(repo.dir, 'apps/renamed.yaml'), `# re-formatted\n${A.replace(/^( +)/gm, '$1$1')}`);
    writeFileSync(path.join(repo.dir, 'apps/b.yaml'), edit(B, { remove: ['metadata.owner.technical'] }));
    repo.commit('move a, break b');
    const after = await lint(repo.dir, '--baseline', BASELINE, '-f', 'json');
    expect(after.code).toBe(1);
    expect(findingsOf(after.stdout)).toEqual(['b.yaml ownership/owners metadata.owner.technical']);
    expect(after.stderr).toBe('saasgov: 1 finding already in the baseline .saasgov-baseline.json not reported\n');
    const stylish = await lint(repo.dir, '--baseline', BASELINE);
    expect(stylish.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 1 new problem (1 error, 0 warnings); 1 of 2 files clean; 1 known finding not shown');
  });

  it('lists baseline entries that no longer occur, on standard error and in Markdown, and not for files it did not lint', async () => {
    const repo = gitRepo({ 'apps/a.yaml': A, 'apps/b.yaml': edit(B, { remove: ['metadata.owner.technical'] }) });
    expect((await lint(repo.dir, '--write-baseline', BASELINE)).code).toBe(0);
    repo.commit('baseline');

    // Linting only b: a's entry is not checked, so not stale.
    const subset = await lint(repo.dir, 'apps/b.yaml', '--baseline', BASELINE);
    expect(subset).toMatchObject({ code: 0, stderr: 'saasgov: 1 finding already in the baseline .saasgov-baseline.json not reported\n' });

    // a is fixed: its entry is stale. The exit status follows the new findings only (none).
    writeFileSync(path.join(repo.dir, 'apps/a.yaml'), edit(A, { set: { 'metadata.owner.business': 'jane.doe@example.com' } }));
    const fixed = await lint(repo.dir, '--baseline', BASELINE, '-f', 'markdown');
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/^saasgov: 1 finding already in the baseline \.saasgov-baseline\.json not reported\nsaasgov: 1 baseline entry no longer occurs; prune them with --write-baseline \.saasgov-baseline\.json:\n {2}apps\/a\.yaml {2}ownership\/owners {2}metadata\.owner\.business {2}[0-9a-f]{32}\n$/);
    expect(fixed.stdout).toContain('#### Baseline entries that no longer occur (1)');
    expect(fixed.stdout.split('\n')[0]).toBe('### ✅ saasgov: no new problems in 2 manifest files');

    // A deleted manifest's entries are stale too.
    rmSync(path.join(repo.dir, 'apps/a.yaml'));
    const deleted = await lint(repo.dir, '--baseline', BASELINE);
    expect(deleted.stderr).toContain('1 baseline entry no longer occurs');
  });

  it('refuses a missing or malformed baseline and a baseline combined with --new-since (exit 2)', async () => {
    const repo = gitRepo({ 'apps/a.yaml': A });
    expect(await lint(repo.dir, '--baseline', 'missing.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read the baseline missing.json: ENOENT') });
    writeFileSync(path.join(repo.dir, 'bad.json'), '{"version": 1, "tool": "saasgov", "findings": [{"fingerprint": "x"}]}');
    expect(await lint(repo.dir, '--baseline', 'bad.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('bad.json is not a saasgov baseline') });
    // Entries are printed and linked: a rule that is not a rule id is refused.
    const forged = { version: 1, tool: 'saasgov', findings: [{ fingerprint: 'a'.repeat(32), rule: 'x/y)[evil](https://evil.example', app: null, path: null, file: 'f', message: 'm' }] };
    writeFileSync(path.join(repo.dir, 'forged.json'), JSON.stringify(forged));
    expect(await lint(repo.dir, '--baseline', 'forged.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('findings.0.rule') });
    writeFileSync(path.join(repo.dir, 'notjson.json'), '{');
    expect((await lint(repo.dir, '--baseline', 'notjson.json')).code).toBe(2);
    expect((await lint(repo.dir, '--baseline', 'x.json', '--new-since', 'HEAD')).code).toBe(2);
    expect((await lint(repo.dir, '--baseline', 'x.json', '--write-baseline', 'y.json')).code).toBe(2);
  });
});

describe('subtractKnown', () => {
  const twice = lintFiles({ 'apps/a.yaml': A, 'apps/a2.yaml': A });
  const entry = (fingerprint: string): BaselineEntry => ({ fingerprint, rule: 'r', app: null, path: null, file: 'f', message: 'm' });

  it('matches occurrences: one known entry hides one of two identical findings', () => {
    const fp = twice[0]!.messages.find((m) => m.ruleId === 'ownership/owners')!.fingerprint;
    const { results, known, unmatched } = subtractKnown(twice, [entry(fp), entry('f'.repeat(32))]);
    expect(known).toBe(1);
    expect(results.flatMap((r) => r.messages).filter((m) => m.fingerprint === fp)).toHaveLength(1);
    expect(unmatched).toEqual([entry('f'.repeat(32))]);
    const counted = results.reduce((n, r) => n + r.errorCount, 0);
    expect(counted).toBe(results.flatMap((r) => r.messages).filter((m) => m.severity === 2).length);
    expect(results.flatMap((r) => r.documents).reduce((n, d) => n + d.errorCount, 0)).toBe(counted);
  });
});
