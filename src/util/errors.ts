/**
 * Operational failures: a bad configuration, a bad command line, a path that
 * matches nothing, an output file that cannot be written, an Okta org that
 * refuses or cannot be reached. They are errors with a code (findings are data, not errors);
 * the CLI prints the message on one line and exits with status 2.
 */

export type ErrorCode = 'CONFIG' | 'USAGE' | 'NO_FILES' | 'OUTPUT' | 'OKTA';

export class SaasgovError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SaasgovError';
  }
}
