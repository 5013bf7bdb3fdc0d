/**
 * `junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps,
 * test-reporter actions). One `<testsuite>` per manifest file, one
 * `<testcase>` per YAML document (per app): an app with errors or warnings
 * has one `<failure>` listing every finding (`type` is the worst severity);
 * waived findings are listed in the test case's `<system-out>`. A file that
 * cannot be read still has its test case, so every file appears.
 *
 * xmlbuilder2 escapes markup and refuses ill-formed output (`wellFormed`);
 * before that, `xmlChars` replaces every character XML 1.0 cannot hold and
 * `visibleControls` shows control and bidi characters. No CDATA: user text
 * could end it (`]]>`). No timestamps, no durations: the output is a
 * function of the findings alone.
 */
import type * as XmlBuilder from 'xmlbuilder2';
import type { LintMessage } from '../engine/results';
import { ruleDocUrl } from '../util/package';
import { inert, neutraliseWorkflowCommands, redactSecrets, xmlChars } from './escape';
import { documentLabel, documentsOf, orgAppTitle, placeOf, plural, resultPath } from './shared';
import type { Formatter } from './types';

let xmlbuilder: typeof XmlBuilder | undefined;
/** xmlbuilder2 takes ~80 ms to load: only `-f junit` pays for it. */
function builder(): typeof XmlBuilder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load keeps `saasgov lint` startup light
  return (xmlbuilder ??= require('xmlbuilder2') as typeof XmlBuilder);
}

/** Text for an XML attribute or text node: one line, inert, XML 1.0 characters only. */
const text = (s: string) => xmlChars(inert(s));

function describe(file: string, m: LintMessage, docs: string | undefined): string {
  const level = m.severity === 2 ? 'error' : 'warning';
  return `${placeOf(file, m)} ${level} ${m.ruleId}: ${text(m.message)} (${ruleDocUrl(m.ruleId, docs)})`;
}

function describeWaived(file: string, m: LintMessage): string {
  const waivers = (m.suppressions ?? []).map((s) => {
    const [reason, ticket, approver] = [s.justification, s.ticket, s.approvedBy].map((t) => text(redactSecrets(t)));
    return `${reason} (ticket ${ticket}, approved by ${approver}, expires ${text(s.expires)})`;
  });
  return `waived ${placeOf(file, m)} ${m.ruleId}: ${text(m.message)} - waiver: ${waivers.join('; ')}`;
}

export const junit: Formatter = (results, context) => {
  const suites = results.map((r) => {
    const file = text(resultPath(context, r));
    const title = orgAppTitle(r);
    const cases = documentsOf(r).map((view) => ({ file, view: title !== null ? { ...view, app: title } : view, failed: view.messages.length > 0 }));
    return { file, cases, failures: cases.filter((c) => c.failed).length };
  });
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);

  const root = builder()
    .create({ version: '1.0', encoding: 'UTF-8' })
    .ele('testsuites', { name: 'saasgov', tests, failures, errors: 0, skipped: 0 });
  for (const suite of suites) {
    const el = root.ele('testsuite', { name: suite.file, tests: suite.cases.length, failures: suite.failures, errors: 0, skipped: 0 });
    for (const { file, view, failed } of suite.cases) {
      const testcase = el.ele('testcase', { name: text(documentLabel(view)), classname: file });
      if (failed) {
        const errors = view.messages.filter((m) => m.severity === 2).length;
        const warnings = view.messages.length - errors;
        const rules = [...new Set(view.messages.map((m) => m.ruleId))].join(', ');
        const summary = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
        testcase
          .ele('failure', { type: errors > 0 ? 'error' : 'warning', message: `${summary}: ${rules}` })
          .txt(view.messages.map((m) => describe(file, m, context.ruleDocsUrl)).join('\n'));
      }
      if (view.suppressed.length > 0) testcase.ele('system-out').txt(view.suppressed.map((m) => describeWaived(file, m)).join('\n'));
    }
  }
  return neutraliseWorkflowCommands(root.end({ prettyPrint: true, wellFormed: true })) + '\n';
};
