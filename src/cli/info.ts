/** `saasgov rules`, `saasgov explain <rule-id>` and `saasgov schema`: what the rules are and what a manifest may hold. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ConfigResolver } from '../config/resolve';
import { categoryOf } from '../engine/rule';
import { manifestFieldsMarkdown, manifestJsonSchema } from '../manifest/json-schema';
import { SaasgovError } from '../util/errors';
import { PACKAGE_ROOT } from '../util/package';
import { didYouMeanSuffix } from '../util/suggest';
import { RULES, RULES_BY_ID } from '../../rules';
import { asOfOption, configOption, emit, resolveAsOf, resolveConfig, type CliIO } from './common';

/** The path of a rule's documentation. */
export function ruleDocPath(ruleId: string): string {
  return path.join(PACKAGE_ROOT, 'rules', `${ruleId}.md`);
}

export function registerRules(program: Command, io: CliIO): void {
  program
    .command('rules')
    .description('list the rules: id, category, severity in effect under the config, waivable, controls, description')
    .addOption(configOption())
    .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .addOption(asOfOption())
    .action((options: { config?: string; format: 'table' | 'json' | 'markdown'; asOf?: string }) => {
      const config = resolveConfig(io, options.config, RULES_BY_ID);
      const resolver = new ConfigResolver(config, RULES_BY_ID, resolveAsOf(options.asOf));
      // The severity of the config's top level (overrides apply per file).
      const settings = resolver.settingsFor(path.join(config.baseDir, '__top-level__'));
      const rows = RULES.map((r) => ({
        id: r.id,
        category: categoryOf(r.id),
        severity: settings.get(r.id)!.severity,
        waivable: r.waivable,
        controls: [...r.controls],
        description: r.description,
      }));
      if (options.format === 'json') {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (options.format === 'markdown') {
        io.stdout(rulesMarkdown(rows));
        return;
      }
      const width = Math.max(...rows.map((r) => r.id.length));
      const catWidth = Math.max(...rows.map((r) => r.category.length));
      const lines = rows.map(
        (r) =>
          `${r.id.padEnd(width)}  ${r.category.padEnd(catWidth)}  ${r.severity.padEnd(5)}  ${r.waivable ? 'yes' : 'no '}       ${r.description}\n` +
          `${' '.repeat(width + catWidth + 4)}controls: ${r.controls.join('; ')}`,
      );
      io.stdout(`${'rule'.padEnd(width)}  ${'category'.padEnd(catWidth)}  sev.   waivable  description\n${lines.join('\n')}\n\nDocumentation: saasgov explain <rule-id>\n`);
    });
}

/** The rule catalogue as a Markdown table (the README's list is generated from it). */
export function rulesMarkdown(rows: readonly { id: string; severity: string; waivable: boolean; controls: readonly string[]; description: string }[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = rows.map(
    (r) => `| [\`${r.id}\`](rules/${r.id}.md) | ${r.severity} | ${r.waivable ? 'yes' : 'no'} | ${cell(r.description)} | ${cell(r.controls.join('; '))} |`,
  );
  return ['| rule | severity | waivable | what it checks | controls |', '|---|---|---|---|---|', ...lines].join('\n') + '\n';
}

export function registerExplain(program: Command, io: CliIO): void {
  program
    .command('explain')
    .description("print a rule's documentation: what it checks and why, options, how to fix, when to waive, examples")
    .argument('<rule-id>', 'e.g. sso/required')
    .action((ruleId: string) => {
      const rule = RULES_BY_ID.get(ruleId);
      if (!rule) throw new SaasgovError('USAGE', `unknown rule "${ruleId}"${didYouMeanSuffix(ruleId, RULES_BY_ID.keys())} (saasgov rules lists them)`);
      const doc = readFileSync(ruleDocPath(rule.id), 'utf8');
      const header = `${rule.id} (${rule.severity} in recommended, ${rule.waivable ? 'waivable' : 'not waivable'})\nControls: ${rule.controls.join('; ')}\n\n`;
      io.stdout(header + doc);
    });
}

export function registerSchema(program: Command, io: CliIO): void {
  program
    .command('schema')
    .description('print the JSON Schema of the manifest (for editors: # yaml-language-server: $schema=<file>)')
    .addOption(new Option('-f, --format <name>', 'json (the JSON Schema) or markdown (a table of every field)').choices(['json', 'markdown']).default('json'))
    .option('-o, --output-file <file>', 'write the schema to a file instead of standard output')
    .action((options: { format: 'json' | 'markdown'; outputFile?: string }) => {
      emit(io, options.format === 'markdown' ? manifestFieldsMarkdown() : `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`, options.outputFile);
    });
}
