/** Formatters by name: a `Record`, so a format without a formatter fails to compile. */
import { json } from './json';
import { stylish } from './stylish';
import type { Formatter } from './types';

export const FORMAT_NAMES = ['stylish', 'json'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json };
