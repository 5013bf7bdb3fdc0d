/**
 * A lint worker thread's loop: lints the batches of files the main thread
 * sends (see run.ts). The program's worker entry (src/cli/lint-worker.ts)
 * starts it with the renderer the run's text comes from, so the engine knows
 * no output format.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RULES_BY_ID } from '../../rules';
import type { LintResult } from './results';
import { fileOptions, lintAndRender, lintOne, setupConfig, type WorkerSetup } from './run';

/** Makes the renderer of a run from its `FileRendering.spec`. */
export type RendererFactory = (spec: unknown) => (result: LintResult) => string;

/** Serves this worker thread: answers each batch of files with their outcomes, or their texts when the run renders. */
export function serveLintWorker(makeRenderer: RendererFactory): void {
  const setup = workerData as WorkerSetup;
  const resolver = setupConfig(setup, RULES_BY_ID);
  const render = setup.render !== undefined ? makeRenderer(setup.render) : undefined;

  parentPort!.on('message', (batch: { index: number; file: string }[] | null) => {
    // No more batches: let the thread end.
    if (batch === null) return parentPort!.close();
    try {
      // When the run renders text, only the text and a few facts go back (cheaper to pass than whole results).
      const results = batch.map(({ index, file }) => {
        const options = fileOptions(setup, resolver, RULES_BY_ID, file);
        return render ? { index, rendered: lintAndRender(file, options, setup.hash, render) } : { index, linted: lintOne(file, options, setup.hash) };
      });
      parentPort!.postMessage({ results });
    } catch (error) {
      parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
    }
  });
}
