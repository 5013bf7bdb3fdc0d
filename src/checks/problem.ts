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

/**
 * For each message id, the fields whose values decide whether that problem is
 * reported (and fill its message). A problem at a list item reads only that
 * item of its own field; every other field is read as a whole. Callers that
 * know only some values — a CrossGuard policy during `pulumi preview` — use
 * this to drop exactly the problems they cannot decide.
 */
export type ProblemReads<M extends string, F extends string> = Readonly<Record<M, readonly F[]>>;

/**
 * Whether a field's value is unknown to the caller: with an index, whether the
 * list as a whole or that item is unknown; without, whether any part of the
 * value (the list or any of its items) is unknown.
 */
export type UnknownField<F extends string> = (field: F, index?: number) => boolean;

/**
 * The problems whose deciding fields (`reads`) are all known: a problem is
 * dropped when any field it reads — its own list item, for a problem at an
 * item — is unknown. The check ran on placeholders for the unknown values;
 * what depends on them is neither a violation nor a pass.
 */
export function decidedProblems<M extends string, F extends string>(
  problems: readonly CheckProblem<M, F>[],
  reads: ProblemReads<M, F>,
  unknown: UnknownField<F>,
): CheckProblem<M, F>[] {
  return problems.filter((p) => !reads[p.messageId].some((field) => unknown(field, field === p.field ? p.index : undefined)));
}
