/**
 * Reading properties that may be unknown during preview: through the
 * engine's proxy (which throws) or unwrapped (the sentinel itself), per value
 * and per list item — and never swallowing any other error.
 */
import { describe, expect, it } from 'vitest';
import { readBoolean, readString, readStringList, readValue, UNKNOWN } from '../../src/policy-pack/preview-values';
import { UNKNOWN_VALUE, unknownCheckingProxy } from './harness';

describe.each([
  ['through the engine\'s proxy', <T extends object>(props: T) => unknownCheckingProxy(props)],
  ['unwrapped', <T extends object>(props: T) => props],
])('reading props %s', (_how, wrap) => {
  const props = wrap({
    url: 'https://a.example.com',
    computedUrl: UNKNOWN_VALUE.string,
    signed: true,
    computedSigned: UNKNOWN_VALUE.boolean,
    uris: ['https://a.example.com', UNKNOWN_VALUE.string],
    computedUris: UNKNOWN_VALUE.array,
    port: 443,
    nested: { a: 1 },
  });

  it('gives known values, UNKNOWN for unknown ones, undefined for unset ones', () => {
    expect(readString(props, 'url')).toBe('https://a.example.com');
    expect(readString(props, 'computedUrl')).toBe(UNKNOWN);
    expect(readString(props, 'missing')).toBeUndefined();
    expect(readBoolean(props, 'signed')).toBe(true);
    expect(readBoolean(props, 'computedSigned')).toBe(UNKNOWN);
    expect(readBoolean(props, 'url')).toBeUndefined();
  });

  it('reads list items one by one, so one computed item hides only itself', () => {
    expect(readStringList(props, 'uris')).toEqual(['https://a.example.com', UNKNOWN]);
    expect(readStringList(props, 'computedUris')).toBe(UNKNOWN);
    expect(readStringList(props, 'url')).toBeUndefined();
  });

  it('spells out other scalars and never stringifies an object', () => {
    expect(readString(props, 'port')).toBe('443');
    expect(readString(props, 'nested')).toBe('[not a string]');
  });
});

describe('readValue', () => {
  it('lets any error other than the proxy\'s unknown-value error through', () => {
    const hostile = { get url(): string { throw new TypeError('boom'); } };
    expect(() => readValue(hostile, 'url')).toThrow(TypeError);
  });

  it('reads nothing from a non-object', () => {
    expect(readValue(undefined, 'url')).toBeUndefined();
    expect(readValue('text', 'length')).toBeUndefined();
  });
});
