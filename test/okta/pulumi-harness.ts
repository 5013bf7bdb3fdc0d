/**
 * Running Pulumi code under the Okta mocks in tests (Pulumi's documented unit
 * testing: `pulumi.runtime.setMocks`), with every registration recorded —
 * type, name, URN, parent, inputs and the resource options the engine sees.
 */
import * as pulumi from '@pulumi/pulumi';
import { expect } from 'vitest';
import * as state from '@pulumi/pulumi/runtime/state';
import { oktaMocks, type MockOptions } from '../../src/plan/mocks';
import { recordRegistrations, type RegisteredResource } from '../../src/plan/record';
import { PROJECT, runWithMocks } from '../../src/plan/run';

export const STACK = 'test';

/** Runs `program` as `pulumi up` would (ids and outputs known) and returns what it registered. */
export async function deploy<T>(program: () => T | Promise<T>, options: { preview?: boolean; mocks?: Omit<MockOptions, 'preview'> } = {}) {
  const preview = options.preview ?? false;
  const { value, recording } = await runWithMocks(program, { preview, stack: STACK, mocks: oktaMocks({ preview, ...options.mocks }) });
  expect(recording.errors).toEqual([]);
  return { value, resources: recording.resources, outputs: recording.outputs };
}

/**
 * Runs `program` against a monitor that does not take alias specs, so the
 * SDK itself computes every child's aliases from its parent's (the same rule
 * the engine applies to alias specs: a child named `${parent}-x` follows its
 * parent's old name).
 */
export async function deployWithoutAliasSpecs<T>(program: () => T) {
  await pulumi.runtime.setMocks(oktaMocks({ preview: false }), PROJECT, STACK, false);
  (state as unknown as { getStore(): { supportsAliasSpecs: boolean } }).getStore().supportsAliasSpecs = false;
  const recording = recordRegistrations();
  try {
    return { value: program(), resources: recording.resources };
  } finally {
    await pulumi.runtime.disconnect();
  }
}

/** The registration of the resource named `name`. */
export function registered(resources: readonly RegisteredResource[], name: string): RegisteredResource {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}; registered: ${resources.map((r) => r.name).join(', ')}`);
  return found;
}

/** `[type, name]` of every registration, sorted by name. */
export function typesAndNames(resources: readonly RegisteredResource[]): [string, string][] {
  return resources.map((r) => [r.type, r.name] as [string, string]).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

/** The value of an output (deployment mode: every output is known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** The URN the mock monitor gives a resource. */
export function urnOf(type: string, name: string, parentType?: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${parentType ? `${parentType}$` : ''}${type}::${name}`;
}
