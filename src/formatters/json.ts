/** `json`: ESLint's JSON formatter shape, plus saasgov's `path`, `app` and `fingerprint` on each message. */
import type { LintMessage, LintResult } from '../engine/results';
import { redactSecrets } from './escape';
import { collect, type StreamingFormat } from './stream';
import type { Formatter } from './types';

function message(m: LintMessage) {
  return {
    ruleId: m.ruleId,
    severity: m.severity,
    message: m.message,
    messageId: m.messageId,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    ...(m.fatal ? { fatal: true } : {}),
    path: m.path,
    app: m.app,
    fingerprint: m.fingerprint,
    ...(m.suppressions
      ? {
          suppressions: m.suppressions.map((s) => ({
            kind: s.kind,
            justification: redactSecrets(s.justification),
            approvedBy: redactSecrets(s.approvedBy),
            ticket: redactSecrets(s.ticket),
            expires: s.expires,
          })),
        }
      : {}),
  };
}

function result(r: LintResult) {
  return {
    filePath: r.filePath,
    messages: r.messages.map(message),
    suppressedMessages: r.suppressedMessages.map(message),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fatalErrorCount: r.fatalErrorCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

export const jsonStream: StreamingFormat = {
  fragment: (r) => JSON.stringify(result(r)),
  stream() {
    let first = true;
    return {
      before() {
        const separator = first ? '[' : ',';
        first = false;
        return separator;
      },
      end: () => (first ? '[]' : ']'),
    };
  },
};

export const json: Formatter = collect(jsonStream);
