/**
 * Property: whatever text a manifest or its file name holds — in an unknown
 * key, a name, an enum value, a waiver's reason and ticket — every format
 * stays readable by its consumer: JSON parses, SARIF matches the SARIF 2.1.0
 * schema (the .NET validator runs in sarif.test.ts; it is too slow per
 * case), JUnit is well-formed XML 1.0, GitHub output parses back as one
 * command per line, Markdown opens no tag, mention or issue link, and
 * neither Markdown nor stylish holds a line a CI runner would run as a
 * workflow command, nor (stylish) a character a terminal would act on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../../src/formatters';
import type { FormatContext } from '../../src/formatters/types';
import { VERSION } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { parseGithubCommands, parseJunit, markdownProblems, terminalUnsafe, workflowCommandLines } from '../formatters/parsers';
import { schemaErrors } from '../formatters/sarif-validator';
import { AS_OF, lintFiles, VALID } from '../helpers';
import { fuzzOptions, hostileText, PROPERTY_TIMEOUT, toYaml, validManifest } from './arbitraries';

const context: FormatContext = { cwd: '/repo', srcRoot: '/repo', color: false, version: VERSION, asOf: AS_OF, rules: RULES_BY_ID };

/** A file name a file system can hold: no `/`, no NUL, no lone surrogate (names are decoded as UTF-8). */
const fileName = hostileText.map((s) => `${s.replace(/[/\u0000]/g, '_').replace(/[\uD800-\uDFFF]/g, '\uFFFD')}.yaml`);

/** Where hostile text goes; each place is optional. */
const placements = fc.record(
  {
    unknownKey: hostileText,
    name: hostileText,
    lifecycle: hostileText,
    description: hostileText,
    waiverReason: hostileText,
    waiverTicket: hostileText.filter((s) => s.length > 0),
  },
  { requiredKeys: [] },
);

describe('every format, for any manifest text and file name', () => {
  it(
    'stays parseable by its consumer and inert in terminals and CI logs',
    () => {
      fc.assert(
        fc.property(validManifest(), placements, fileName, (manifest, place, name) => {
          const m = JSON.parse(JSON.stringify(manifest)) as { metadata: Record<string, unknown> & { owner: Record<string, unknown> }; spec: Record<string, unknown> };
          if (place.unknownKey !== undefined) m.metadata[place.unknownKey] = 'x';
          if (place.name !== undefined) m.metadata.name = place.name;
          if (place.lifecycle !== undefined) m.spec.lifecycle = place.lifecycle;
          if (place.description !== undefined) m.metadata.description = place.description;
          if (place.waiverReason !== undefined || place.waiverTicket !== undefined) {
            // A valid waiver of a finding the manifest has, so its text is printed with the suppressed finding.
            delete m.metadata.owner.business;
            m.spec.waivers = [
              {
                rule: 'ownership/owners',
                reason: `Approved exception: ${place.waiverReason ?? 'reviewed monthly'}`,
                approvedBy: 'ciso@example.com',
                ticket: place.waiverTicket ?? 'SEC-1',
                expires: '2027-03-01',
              },
            ];
          }
          const results = lintFiles({ [`apps/${name}`]: toYaml(m, { flow: false }), 'apps/zz-clean.yaml': VALID });
          const messages = results.flatMap((r) => r.messages);

          const json = JSON.parse(FORMATTERS.json(results, context)) as { messages: unknown[] }[];
          expect(json.flatMap((r) => r.messages)).toHaveLength(messages.length);

          const sarif = JSON.parse(FORMATTERS.sarif(results, context)) as unknown;
          expect(schemaErrors(sarif)).toEqual([]);

          parseJunit(FORMATTERS.junit(results, context));

          expect(parseGithubCommands(FORMATTERS.github(results, context))).toHaveLength(messages.length);

          const md = FORMATTERS.markdown(results, context);
          expect(markdownProblems(md)).toEqual([]);
          expect(workflowCommandLines(md)).toEqual([]);

          const stylish = FORMATTERS.stylish(results, context);
          expect(workflowCommandLines(stylish)).toEqual([]);
          expect(terminalUnsafe(stylish)).toEqual([]);
        }),
        fuzzOptions(40),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
