/** A lint worker thread: lints the batches of files the main thread sends (see run.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { RULES_BY_ID } from '../../rules';
import { fileOptions, lintOne, setupConfig, type WorkerSetup } from './run';

const setup = workerData as WorkerSetup;
const resolver = setupConfig(setup, RULES_BY_ID);

parentPort!.on('message', (batch: { index: number; file: string }[]) => {
  try {
    const results = batch.map(({ index, file }) => ({ index, linted: lintOne(file, fileOptions(setup, resolver, RULES_BY_ID, file), setup.hash) }));
    parentPort!.postMessage({ results });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
