/** Formatters by name: a `Record`, so a format without a formatter fails to compile. */
import { github } from './github';
import { json } from './json';
import { junit } from './junit';
import { markdown } from './markdown';
import { sarif } from './sarif';
import { stylish } from './stylish';
import type { Formatter } from './types';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, github, junit, markdown };
