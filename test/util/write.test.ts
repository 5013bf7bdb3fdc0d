/**
 * Atomic writes: nothing appears at the target until the rename, two writers
 * in one process never share a temporary file, and the temporary files of
 * killed processes are removed by the next write — never a live one's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockWriter, openAtomicWriter, tempPathFor, writeFileAtomic } from '../../src/util/write';
import { tempTree } from '../run-cli';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid;
}

describe('writeFileAtomic', () => {
  it('shows nothing at the target before the commit, then the whole content', () => {
    const dir = tempTree();
    const file = path.join(dir, 'report.json');
    const writer = openAtomicWriter(file);
    writer.write('[1,');
    expect(existsSync(file)).toBe(false);
    writer.write('2]');
    writer.commit();
    expect(readFileSync(file, 'utf8')).toBe('[1,2]');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('gives two writers of one file in one process their own temporary files; the last commit wins whole', () => {
    const dir = tempTree();
    const file = path.join(dir, 'report.json');
    const a = openAtomicWriter(file);
    const b = openAtomicWriter(file);
    a.write('a'.repeat(1000));
    b.write('b'.repeat(10));
    expect(readdirSync(dir)).toHaveLength(2);
    a.commit();
    b.commit();
    expect(readFileSync(file, 'utf8')).toBe('b'.repeat(10));
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('removes nothing but its own temporary file on abort', () => {
    const dir = tempTree({ 'report.json': 'previous' });
    const writer = openAtomicWriter(path.join(dir, 'report.json'));
    writer.write('partial');
    writer.abort();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('previous');
  });

  it("removes the temporary files of killed processes, and keeps a live process's", async () => {
    const dir = tempTree({ 'report.json': 'previous', 'other.json': 'x' });
    const file = path.join(dir, 'report.json');
    const stale = tempPathFor(file, deadPid());
    const otherFiles = tempPathFor(path.join(dir, 'other.json'), deadPid());
    writeFileSync(stale, 'partial report of a killed run');
    writeFileSync(otherFiles, 'not ours to remove');
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const running = tempPathFor(file, live.pid!);
      writeFileSync(running, 'a concurrent run, still writing');
      writeFileAtomic(file, 'new report');
      expect(readFileSync(file, 'utf8')).toBe('new report');
      expect(readdirSync(dir).sort()).toEqual([path.basename(otherFiles), path.basename(running), 'other.json', 'report.json'].sort());
    } finally {
      live.kill('SIGKILL');
      await new Promise((resolve) => live.once('exit', resolve));
    }
    writeFileAtomic(file, 'newer report');
    expect(readdirSync(dir).sort()).toEqual([path.basename(otherFiles), 'other.json', 'report.json'].sort());
  });
});

describe('blockWriter', () => {
  it('hands on exactly the bytes written, in order, in blocks of at most 64 KB (larger pieces alone), copying reused buffers', () => {
    const blocks: Buffer[] = [];
    const writer = blockWriter((block) => blocks.push(Buffer.from(block)));
    const reused = Buffer.alloc(10);
    const pieces: (string | Uint8Array)[] = [];
    for (let i = 0; i < 3000; i++) {
      // Text with multi-byte characters (é: 2 bytes, 😀: 4), reused bytes, and now and then a piece larger than a block.
      pieces.push(`é${i}😀,`);
      reused.fill(48 + (i % 10));
      pieces.push(Buffer.from(reused));
      writer.write(`é${i}😀,`);
      writer.write(reused);
      if (i % 1000 === 999) {
        const big = 'x'.repeat(70_000);
        pieces.push(big);
        writer.write(big);
      }
    }
    writer.flush();
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    expect(Buffer.concat(blocks).equals(expected)).toBe(true);
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(block.length <= 64 * 1024 || block.toString() === 'x'.repeat(70_000)).toBe(true);
  });
});
