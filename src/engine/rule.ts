/**
 * The rule API. A rule is one object: metadata (id, description, default
 * severity, waivability, compliance controls, messages, typed options) plus a
 * check that reports `{ path, messageId, data }` — never lines, files or
 * output formats. The engine locates, waives and formats what rules report.
 */
import type { z } from 'zod';
import type { Manifest } from '../manifest/schema';
import type { Path } from '../manifest/types';
import type { OrgApp, OrgSnapshot } from '../okta-api/org';
import { redactSecrets } from '../secrets/detect';

/** Severities as configured; rules declare `error` or `warn` as their default. */
export type Severity = 'off' | 'warn' | 'error';

/** Data for a message's `{{placeholders}}`. */
export type MessageData = Readonly<Record<string, string | number>>;

/** What a rule reports: where (a path in the document) and what (a message id). */
export interface Report<M extends string = string> {
  readonly path: Path;
  readonly messageId: M;
  readonly data?: MessageData;
  /** Point at the key rather than the value (unknown or not-allowed keys). */
  readonly at?: 'key' | 'value';
}

/** What a document-level rule (one that needs no schema) reports: a path or a text range. */
export interface RawReport<M extends string = string> {
  readonly path?: Path;
  readonly range?: { readonly start: number; readonly end: number };
  readonly messageId: M;
  readonly data?: MessageData;
  readonly at?: 'key' | 'value';
}

/** Facts the engine passes to every rule check. */
export interface RuleEnvironment {
  /** The evaluation date, `YYYY-MM-DD` (`--as-of`, else today in UTC). */
  readonly asOf: string;
  /** Every registered rule, for rules that reason about other rules (waivers). */
  readonly rules: ReadonlyMap<string, AnyRule>;
}

/** Context of a manifest rule: a document that matched the schema. */
export interface RuleContext<O, M extends string> extends RuleEnvironment {
  readonly manifest: Manifest;
  readonly options: O;
  /** Indices of the manifest's waivers that are valid (they suppress findings). */
  readonly validWaivers: readonly number[];
  report(report: Report<M>): void;
}

/** Context of a document rule: any parsed document, valid or not. */
export interface DocumentContext<O, M extends string> extends RuleEnvironment {
  /** The document's plain data (`undefined` when the YAML could not be read). */
  readonly value: unknown;
  /** The whole file's text and this document's range in it. */
  readonly text: string;
  readonly range: { readonly start: number; readonly end: number };
  readonly options: O;
  report(report: RawReport<M>): void;
}

/** A document's name claims, for project rules (`manifest/unique-name`). */
export interface NameClaim {
  readonly name: string;
  readonly path: Path;
}

/** One document as project rules see it: its claims, already located. */
export interface ProjectDocument {
  readonly filePath: string;
  readonly index: number;
  /** The document's app name as results show it. */
  readonly app: string | null;
  readonly claims: readonly (NameClaim & { readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number })[];
}

/** A project rule's report: a claim of a document. */
export interface ProjectReport<M extends string = string> {
  readonly document: ProjectDocument;
  readonly claim: number;
  readonly messageId: M;
  readonly data?: MessageData;
}

interface RuleMetaBase<O, M extends string> {
  /** `category/name`, the path of the rule's file under `rules/`. */
  readonly id: string;
  /** One line: what the rule finds. */
  readonly description: string;
  /** Severity in the `recommended` preset. */
  readonly severity: 'error' | 'warn';
  /** Whether a waiver (SPEC §2.3) may suppress the rule's findings. */
  readonly waivable: boolean;
  /** Compliance controls the rule evidences (SPEC §2.2). */
  readonly controls: readonly string[];
  /** Message templates by id, with `{{placeholders}}`. */
  readonly messages: Readonly<Record<M, string>>;
  /** Options with their defaults; `z.strictObject({})` when there are none. */
  readonly options: z.ZodType<O, unknown>;
  /**
   * Whether the offending value is part of the finding's fingerprint (so a
   * baseline entry stops matching when the value changes). Off for rules whose
   * values are secrets.
   */
  readonly fingerprintValue?: boolean;
}

/** A rule on a manifest that matched the schema (most rules). */
export interface ManifestRule<O = unknown, M extends string = string> extends RuleMetaBase<O, M> {
  readonly kind: 'manifest';
  check(context: RuleContext<O, M>): void;
}

/** A rule on every parsed document, whether or not it matched the schema. */
export interface DocumentRule<O = unknown, M extends string = string> extends RuleMetaBase<O, M> {
  readonly kind: 'document';
  check(context: DocumentContext<O, M>): void;
}

/**
 * A rule across all documents of a run (cross-file). Documents are visited
 * one at a time in path order, so a run can report each file as soon as the
 * files before it are done, without holding every file in memory: a finding
 * may therefore only depend on the document itself and the ones before it.
 */
export interface ProjectRule<O = unknown, M extends string = string> extends RuleMetaBase<O, M> {
  readonly kind: 'project';
  /** What each valid manifest contributes. */
  claims(manifest: Manifest): NameClaim[];
  /** Starts a run; the returned function visits each document in path order. */
  start(options: O, report: (r: ProjectReport<M>) => void): (document: ProjectDocument) => void;
}

/** A manifest that claims an Okta app, as org rules see it. */
export interface DeclaredApp {
  readonly manifest: Manifest;
  readonly filePath: string;
  /** 0-based index of the YAML document in its file. */
  readonly index: number;
  /** No error finding remains after waivers (`lint` would pass it; the Pulumi program provisions it). */
  readonly passing: boolean;
}

/** What an org rule reports: about a manifest (at a path in it), or about an app of the org that no manifest declares. */
export type OrgReport<M extends string = string> =
  | { readonly declared: DeclaredApp; readonly path: Path; readonly messageId: M; readonly data?: MessageData }
  | { readonly app: OrgApp; readonly messageId: M; readonly data?: MessageData };

/** Context of an org rule: the org as read, and every valid manifest of the inventory. */
export interface OrgContext<O, M extends string> extends RuleEnvironment {
  readonly org: OrgSnapshot;
  readonly declared: readonly DeclaredApp[];
  /**
   * Every app id a manifest of the inventory names in `spec.sso.okta.appId`,
   * read leniently: a manifest that does not match the schema yet (an import
   * with its placeholders still open) claims its app too.
   */
  readonly claimedAppIds: ReadonlySet<string>;
  /** The options of the config's top level (overrides set severities per file). */
  readonly options: O;
  report(report: OrgReport<M>): void;
}

/** A rule comparing the Okta org with the inventory (`saasgov audit okta`; `lint` never runs it). */
export interface OrgRule<O = unknown, M extends string = string> extends RuleMetaBase<O, M> {
  readonly kind: 'org';
  check(context: OrgContext<O, M>): void;
}

/** A rule whose findings the engine itself produces (YAML syntax, schema, unused waivers). */
export interface EngineRule<O = unknown, M extends string = string> extends RuleMetaBase<O, M> {
  readonly kind: 'engine';
}

export type Rule<O = unknown, M extends string = string> =
  | ManifestRule<O, M>
  | DocumentRule<O, M>
  | ProjectRule<O, M>
  | OrgRule<O, M>
  | EngineRule<O, M>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds rules of every option type
export type AnyRule = Rule<any, string>;

/**
 * Whether a rule judges manifests (every kind but `org`): the rules `lint`,
 * `plan` and `report` run. Org rules compare the Okta org with the inventory
 * and run only in `saasgov audit okta`.
 */
export const judgesManifests = (rule: AnyRule): boolean => rule.kind !== 'org';

/** The category of a rule: the part of its id before `/`. */
export const categoryOf = (ruleId: string): string => ruleId.slice(0, ruleId.indexOf('/'));

/**
 * Declares a rule with its option and message ids inferred, so a typo in a
 * message id fails to compile.
 */
export function createRule<O, M extends string>(rule: ManifestRule<O, M>): ManifestRule<O, M>;
export function createRule<O, M extends string>(rule: DocumentRule<O, M>): DocumentRule<O, M>;
export function createRule<O, M extends string>(rule: ProjectRule<O, M>): ProjectRule<O, M>;
export function createRule<O, M extends string>(rule: OrgRule<O, M>): OrgRule<O, M>;
export function createRule<O, M extends string>(rule: EngineRule<O, M>): EngineRule<O, M>;
export function createRule<O, M extends string>(rule: Rule<O, M>): Rule<O, M> {
  return rule;
}

/**
 * Renders `{{name}}` placeholders; unknown names render empty. Text values are
 * manifest text more often than not (a ticket, a plan, a YAML error quoting
 * the source): whatever looks like a credential in them is redacted here, so
 * no rule, and no loader message, can repeat one.
 */
export function renderMessage(template: string, data: MessageData | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const v = data?.[name];
    return v === undefined ? '' : typeof v === 'string' ? redactSecrets(v) : String(v);
  });
}

/** A rule's severity and options in effect for one file. */
export interface RuleSetting {
  readonly severity: Severity;
  readonly options: unknown;
}

/** Settings of every registered rule for one file. */
export type RuleSettings = ReadonlyMap<string, RuleSetting>;
