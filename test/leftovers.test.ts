/**
 * Runs after every other test file (its own vitest project, a later group):
 * the suite left no `saasgov-*` file or directory in its temporary directory
 * (see test/global-setup.ts) — every test removes what it creates, and every
 * program it ran cleaned up after itself.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUITE_TMPDIR } from './global-setup';

describe('the test suite', () => {
  it('leaves no saasgov-* behind in the temporary directory', () => {
    const dir = process.env[SUITE_TMPDIR];
    expect(dir, 'test/global-setup.ts sets the run\'s temporary directory').toBeDefined();
    expect(readdirSync(dir!).filter((name) => name.startsWith('saasgov-'))).toEqual([]);
  });
});
