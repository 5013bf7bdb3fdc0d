/** Runs in every test file: its temporary trees go when it ends. */
import { afterAll } from 'vitest';
import { removeTempTrees } from './run-cli';

afterAll(removeTempTrees);
