/** A lint worker thread: lints the batches of files the main thread sends (see run.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { RULES_BY_ID } from '../../rules';
import { fragmentRenderer } from '../formatters/fragment';
import { fileOptions, lintAndRender, lintOne, setupConfig, type WorkerSetup } from './run';

const setup = workerData as WorkerSetup;
const resolver = setupConfig(setup, RULES_BY_ID);

const render = setup.render ? fragmentRenderer(setup.render) : undefined;

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
