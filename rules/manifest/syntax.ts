/** manifest/syntax — the file cannot be read or parsed as safe YAML. Findings come from the loader. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

export const rule = createRule({
  kind: 'engine',
  id: 'manifest/syntax',
  description: 'The file is readable, UTF-8, safe YAML 1.2: no syntax error, duplicate key, alias bomb, tag, directive or excessive nesting',
  severity: 'error',
  waivable: false,
  controls: CONTROLS.inventory,
  options: z.strictObject({}),
  messages: {
    tooLarge: 'The file is {{size}}, over the {{max}} limit for a manifest file: split it into one file per app, or raise --max-file-size.',
    unreadable: 'The file cannot be read ({{code}}); check its permissions.',
    notAFile: 'This is not a regular file (a FIFO, socket or device), so it is not read; a manifest must be a regular file.',
    utf16: 'The file is encoded as UTF-16; save it as UTF-8.',
    binary: 'The file is binary (it holds a NUL byte here), not a YAML manifest.',
    notUtf8: 'The file is not valid UTF-8 (byte {{byte}} here); save it as UTF-8.',
    loneCr: 'A carriage return without a line feed (old Mac line ending); save the file with LF or CRLF line endings.',
    nonPrintable: 'Non-printable character U+{{code}}; YAML does not allow it in a file (write it as an escape such as "\\u{{code}}" in a double-quoted string, or remove it).',
    directive: 'YAML directives (%YAML, %TAG) are not allowed: manifests are always read as YAML 1.2.',
    tag: 'Explicit YAML tags are not allowed; write plain values (quote a value to keep it text).',
    tooDeep: 'The YAML is nested more than {{max}} levels deep; a manifest needs about 5.',
    yamlError: 'YAML syntax error: {{detail}}',
    duplicateKey: 'Duplicate key `{{key}}` (first on line {{line}}); each key may appear once.',
    aliasCount: 'More than {{max}} aliases (*name) in one document; this looks like an alias bomb.',
    aliasNodes: 'Aliases expand to more than {{max}} values; this looks like an alias bomb ("billion laughs").',
    aliasCycle: 'The alias *{{anchor}} refers to the value that contains it.',
    unknownAlias: 'The alias *{{anchor}} refers to no anchor: define `&{{anchor}}` before it, or write the value.',
  },
});
