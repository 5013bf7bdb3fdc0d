/**
 * Operational failures: a bad configuration, a bad command line, a path that
 * matches nothing, an output file that cannot be written, an Okta org that
 * refuses or cannot be reached. They are errors with a code (findings are data, not errors);
 * the CLI prints the message on one line and exits with status 2.
 */

export type ErrorCode = 'CONFIG' | 'USAGE' | 'NO_FILES' | 'OUTPUT' | 'OKTA';

/** Marks every `SaasgovError`, whichever copy of this module made it. */
const BRAND = Symbol.for('saasgov.SaasgovError');

/**
 * A user's mistake (config, command line, paths, output file): one line
 * `saasgov: <message>`, exit status 2. Throw it (or a subclass) from any
 * command and the CLI reports it so.
 */
export class SaasgovError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SaasgovError';
  }

  /**
   * `instanceof SaasgovError` holds for an error made by another copy of this
   * class: `plan` loads the Pulumi program from the compiled modules
   * (dist/src), beside the CLI's bundle, so the two hold a class each.
   * Subclasses keep the ordinary check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== SaasgovError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
