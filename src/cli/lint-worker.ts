/**
 * The lint worker thread's entry (bundled as dist/worker.cjs, started through
 * bin/saasgov.js): the engine's worker loop with the formatters' per-file
 * renderer, the same one `saasgov lint` hands the engine in the main thread.
 */
import { serveLintWorker } from '../engine/worker';
import { fragmentRenderer, type RenderSpec } from '../formatters/fragment';

serveLintWorker((spec) => fragmentRenderer(spec as RenderSpec));
