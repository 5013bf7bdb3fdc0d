/**
 * The shape shared checks return: problems as data (a message id, the field at
 * fault, its list index, and message data), so each entry point — a manifest
 * rule, a CrossGuard policy — maps fields to its own paths and renders the
 * same message templates.
 */

/** Data for a message's `{{placeholders}}`. */
export type CheckData = Readonly<Record<string, string | number>>;

/** One problem a check found. */
export interface CheckProblem<M extends string, F extends string> {
  /** Key of the check's exported message templates. */
  readonly messageId: M;
  /** The field at fault, in the check's own neutral vocabulary. */
  readonly field: F;
  /** The item of a list field at fault (a redirect URI, a grant type). */
  readonly index?: number;
  /** Data for the message template; `field` holds the caller's label of the field. */
  readonly data: CheckData;
}

/**
 * How a caller names a field in messages (a manifest path such as
 * `spec.sso.saml.acsUrl`, or a Pulumi property such as `ssoUrl`).
 */
export type FieldLabel<F extends string> = (field: F, index?: number) => string;

/** The default label: the neutral field name, with `[index]` for list items. */
export function neutralLabel<F extends string>(field: F, index?: number): string {
  return index === undefined ? field : `${field}[${index}]`;
}
