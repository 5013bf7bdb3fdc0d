/** Formatters by name: a `Record`, so a format without a formatter fails to compile. */
import { github } from './github';
import { json, jsonStream } from './json';
import { junit } from './junit';
import { markdown } from './markdown';
import { sarif } from './sarif';
import type { StreamingFormat } from './stream';
import { stylish, stylishStream } from './stylish';
import type { Formatter } from './types';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, github, junit, markdown };

/** Formats that can be written one file at a time (large runs keep nothing in memory). */
export const STREAMING_FORMATTERS: Readonly<Partial<Record<FormatName, StreamingFormat>>> = { stylish: stylishStream, json: jsonStream };
