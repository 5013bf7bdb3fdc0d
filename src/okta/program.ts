/**
 * The Pulumi program (SPEC §7, §7.1): lint the configured manifests with the
 * same engine and config as `saasgov lint`, and against what the stack holds
 * (`deployed.ts`):
 * - provision an `AppIntegration` for each manifest that passes (adopting an
 *   app named by `okta.appId` that the stack does not hold yet);
 * - hold exactly as last deployed each app the stack holds whose manifest
 *   now fails, or no longer parses (`HeldIntegration`), with a warning naming
 *   it and its rules;
 * - skip, with a warning, each failing manifest the stack does not hold;
 * - refuse the whole update, before any resource is registered, when a
 *   manifest is one the provider would reject, a group is not exactly there,
 *   a change would replace a production app unasked, an app the stack holds
 *   fails and there is no record of what to hold, or — under
 *   `saasgov:strict` — a failing manifest would create or change an app.
 *
 * `pulumi up` runs it through `index.ts`; `saasgov plan` runs the same steps
 * (`prepareProgram`, `lookupGroups`, `provisionApp`, `holdApp`,
 * `finishProgram`) under Pulumi's runtime mocks.
 */
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import * as okta from '@pulumi/okta';
import * as runtimeConfig from '@pulumi/pulumi/runtime/config';
import { loadConfig } from '../config/load';
import { lintProject } from '../engine/lint';
import type { Manifest } from '../manifest/schema';
import { compareText } from '../util/compare';
import { todayUtc } from '../util/dates';
import { SaasgovError } from '../util/errors';
import { RULES_BY_ID } from '../../rules';
import { AppIntegration, type ScimConnection } from './app-integration';
import { deployedRecord, deployedResource, readDeployedState, type DeployedApp, type DeployedState } from './deployed';
import { HeldIntegration } from './held-integration';
import { appArgs, groupNames, needsSignonPolicy, provisioningProblems, scimPlan, type ManualStep } from './mapping';
import { STACK_CONFIGURED_CONNECTIONS } from './oin';
import { parseScimSetting } from './scim-config';
import { selectManifests, skipWarning, type PassingManifest, type SkippedManifest } from './select';

/** What the program reads: the stack config of §7, resolved. */
export interface ProgramSettings {
  /** The directory paths are relative to (the Pulumi project directory). */
  readonly cwd: string;
  /**
   * Files, directories or globs to lint (`saasgov:manifests`). Empty: the lint
   * config's `manifests`, else `apps`.
   */
  readonly paths: readonly string[];
  /** The lint config (`saasgov:config`); unset: the nearest `saasgov.config.yaml`, else the defaults. */
  readonly configFile?: string;
  /** `saasgov:strict`: refuse an update in which a failing manifest would create or change an app. */
  readonly strict: boolean;
  /** Evaluation date for date rules, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** SCIM connections by app name (`saasgov:scim`). */
  readonly scim: ReadonlyMap<string, ScimConnection>;
}

/** Where the program reports what it does not do. */
export interface ProgramHooks {
  warn(message: string): void;
}

/** The stack output for one app in the stack. */
export interface AppOutput {
  readonly id: string;
  readonly label: string;
  readonly signOnMode: string;
  /** SAML apps. */
  readonly metadataUrl?: string;
  /** OIDC apps. */
  readonly clientId?: string;
}

/** A manual step as the stack output lists it: with the manifest's file. */
export interface ManualStepOutput extends ManualStep {
  readonly filePath: string;
}

/** An app held as last deployed because its manifest fails (stack output `held`). */
export interface HeldOutput {
  readonly app: string;
  /** The manifest file that fails (or, when it cannot be read, the one the app was deployed from). */
  readonly filePath: string;
  /** The rules it fails, sorted. */
  readonly rules: readonly string[];
}

/** What the program created and decided. */
export interface ProgramResult {
  /** Stack output `apps`: per app name (sorted), its Okta app id, label, sign-on mode, and SAML metadata URL or OIDC client id. */
  readonly apps: pulumi.Output<Record<string, AppOutput>>;
  /** Stack output `skipped`: failing manifests the stack does not hold, not provisioned. */
  readonly skipped: readonly SkippedManifest[];
  /** Stack output `held`: apps the stack holds whose manifests fail, kept as last deployed. */
  readonly held: readonly HeldOutput[];
  /** Stack output `manualSteps`, sorted by app and topic. */
  readonly manualSteps: readonly ManualStepOutput[];
  /** Stack output `deployed`: what the next update reads back (`deployed.ts`). */
  readonly deployed: pulumi.Output<unknown>;
  /** The components of passing manifests, by app name order. */
  readonly integrations: readonly ProvisionedApp[];
  /** Passing manifests with `sso.protocol: none`: nothing to provision. */
  readonly withoutApp: readonly { readonly app: string; readonly filePath: string }[];
}

/**
 * The update is refused before any change. A Pulumi `RunError`, so the Pulumi
 * CLI prints the message alone, without a stack trace.
 */
export class ProvisioningRefused extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = 'ProvisioningRefused';
  }
}

/** Lints the configured manifests exactly as `saasgov lint` would (same engine, rules and config) and splits them. */
export function judgeManifests(settings: Pick<ProgramSettings, 'cwd' | 'paths' | 'configFile' | 'asOf'>) {
  const config = loadConfig({ cwd: settings.cwd, ...(settings.configFile ? { configFile: settings.configFile } : {}), rules: RULES_BY_ID });
  const paths = settings.paths.length > 0 ? settings.paths : config.manifests !== undefined ? [] : ['apps'];
  const results = lintProject({ cwd: settings.cwd, config, rules: RULES_BY_ID, asOf: settings.asOf, paths, keepManifests: true });
  return selectManifests(results, settings.cwd);
}

/** A passing manifest to provision, with what the stack holds of it. */
export interface ToProvision extends PassingManifest {
  /** The app as last deployed (by its name, else a former name), when the stack records it. */
  readonly previous?: DeployedApp;
  /** Whether the stack holds the app at all (recorded or not): an `okta.appId` is then not imported again. */
  readonly inStack: boolean;
  /** `provisioningIntent` of the manifest. */
  readonly intent: string;
}

/** An app held as last deployed. */
export interface ToHold extends HeldOutput {
  readonly deployed: DeployedApp;
}

/** What the program decided before creating any resource. */
export interface PreparedProgram {
  /** Failing manifests the stack does not hold. */
  readonly skipped: readonly SkippedManifest[];
  /** Apps held as last deployed, sorted by app name. */
  readonly held: readonly ToHold[];
  /** Passing manifests with an Okta app to provision, sorted by app name. */
  readonly toProvision: readonly ToProvision[];
  /** Passing manifests with `sso.protocol: none`, sorted by app name. */
  readonly withoutApp: readonly { readonly app: string; readonly filePath: string }[];
  /** Manual steps decided before any resource: the manifests without an app, the production apps replaced on request. */
  readonly manualSteps: readonly ManualStepOutput[];
  /** The Okta group names the provisioned apps need, sorted. */
  readonly groups: readonly string[];
}

/** An app's component, with the manifest it comes from. */
export interface ProvisionedApp {
  readonly app: string;
  readonly filePath: string;
  readonly integration: AppIntegration;
}

/** Canonical JSON: object keys sorted, so equal values give equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

/**
 * A digest of everything a manifest asks of Okta — the app, its groups, its
 * policy, its provisioning, its lifecycle (retention), adoption — so a
 * failing manifest can be told from the one its app was deployed from
 * (`saasgov:strict`: a held app whose manifest did not change does not block
 * the update). Edits that change nothing in Okta (owners, backup) keep it.
 */
export function provisioningIntent(manifest: Manifest): string {
  let app: unknown;
  try {
    app = appArgs(manifest, '')?.args ?? null;
  } catch {
    app = 'unmappable';
  }
  const scim = manifest.spec.provisioning?.scim;
  const intent = {
    app,
    groups: manifest.spec.access?.groups ?? null,
    mfa: needsSignonPolicy(manifest),
    scim: scim?.enabled === true ? [...(scim.features ?? [])].sort() : null,
    lifecycle: manifest.spec.lifecycle,
    okta: manifest.spec.sso.okta ?? null,
    formerNames: manifest.metadata.formerNames ?? [],
  };
  return createHash('sha256').update(canonical(intent)).digest('hex').slice(0, 32);
}

/** What the app's resource looked like, for a change that replaces it: type token, OIN key, OIDC type. */
function identityOf(type: string, inputs: Record<string, unknown>): { type: string; oin: string; oidcType: string } {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { type, oin: str(inputs.preconfiguredApp), oidcType: type === 'okta:app/oAuth:OAuth' ? str(inputs.type) : '' };
}

const APP_TYPES: Readonly<Record<string, string>> = { saml: 'okta:app/saml:Saml', oidc: 'okta:app/oAuth:OAuth', swa: 'okta:app/swa:Swa' };

/**
 * Why the manifest's change replaces the app the stack holds (the provider
 * replaces an app whose protocol, OIN key or OIDC type changes:
 * terraform-provider-okta `preconfigured_app` and `type` are ForceNew, and
 * another protocol is another resource type), or `null` when it does not.
 */
export function replacementOf(manifest: Manifest, previous: DeployedApp): string | null {
  const before = deployedResource(previous, '-app');
  const mapped = appArgs(manifest, '');
  if (before === undefined || mapped === null) return null;
  const was = identityOf(before.type, before.inputs);
  const now = identityOf(APP_TYPES[mapped.protocol]!, mapped.args as unknown as Record<string, unknown>);
  if (was.type !== now.type) return `sso.protocol changes the app's type from ${was.type} to ${now.type}`;
  if (was.oin !== now.oin) return `spec.sso.okta.preconfiguredApp changes from "${was.oin || '(custom app)'}" to "${now.oin || '(custom app)'}"`;
  if (was.oidcType !== now.oidcType) return `spec.sso.oidc.type changes from ${was.oidcType} to ${now.oidcType}`;
  return null;
}

/** The deployed app a manifest continues: by its name, else by a former name. */
function previousOf(manifest: Manifest, deployed: DeployedState): { previous?: DeployedApp; inStack: boolean } {
  for (const name of [manifest.metadata.name, ...(manifest.metadata.formerNames ?? [])]) {
    const previous = deployed.apps.get(name);
    if (previous !== undefined) return { previous, inStack: true };
    if (deployed.unrecorded.has(name)) return { inStack: true };
  }
  return { inStack: false };
}

/**
 * Lints and decides against what the stack holds, creating nothing: what is
 * provisioned, held, skipped (with a warning each), and what refuses the
 * whole update (`ProvisioningRefused`).
 */
export function prepareProgram(settings: ProgramSettings, deployed: DeployedState, hooks: ProgramHooks): PreparedProgram {
  const { passing, skipped: failing } = judgeManifests(settings);
  checkNames(passing);

  const claimed = new Set<string>();
  for (const { manifest } of passing) for (const n of [manifest.metadata.name, ...(manifest.metadata.formerNames ?? [])]) claimed.add(n);

  // Failing manifests: held when the stack holds their app, else skipped.
  const held: ToHold[] = [];
  const skippedAt = new Map<SkippedManifest, number>();
  const refusals: string[] = [];
  const strictRefusals: string[] = [];
  const unreadable = failing.filter((s) => s.app === null || s.manifest === undefined);
  for (const s of failing) {
    const names = s.manifest ? [s.manifest.metadata.name, ...(s.manifest.metadata.formerNames ?? [])] : s.app !== null ? [s.app] : [];
    const name = names.find((n) => deployed.apps.has(n) && !claimed.has(n));
    if (name !== undefined) {
      const app = deployed.apps.get(name)!;
      claimed.add(name);
      held.push({ app: name, filePath: s.filePath, rules: s.rules, deployed: app });
      if (settings.strict && s.manifest !== undefined && app.intent !== undefined && provisioningIntent(s.manifest) !== app.intent) {
        strictRefusals.push(`  ${s.filePath} (${name}): it fails ${s.rules.join(', ')} and changes what is deployed`);
      }
      continue;
    }
    const unrecorded = names.find((n) => deployed.unrecorded.has(n) && !claimed.has(n));
    if (unrecorded !== undefined) {
      refusals.push(
        `  ${s.filePath} (${unrecorded}): the stack holds this app but no record of what it deployed (deployed before saasgov recorded it), and its manifest fails ${s.rules.join(', ')}; ` +
          'make the manifest pass (fix or waive) for one update, which records it',
      );
      continue;
    }
    if (s.app !== null || s.manifest !== undefined) {
      skippedAt.set(s, failing.indexOf(s));
      if (settings.strict) strictRefusals.push(`  ${s.filePath}${s.app === null ? '' : ` (${s.app})`}: it fails ${s.rules.join(', ')} and is not deployed yet`);
    }
  }
  // A manifest that cannot be read names no app: hold the apps deployed from its file.
  for (const s of unreadable) {
    const fromFile = [...deployed.apps.values()].filter((a) => a.filePath === s.filePath && !claimed.has(a.app));
    for (const app of fromFile) {
      claimed.add(app.app);
      held.push({ app: app.app, filePath: s.filePath, rules: s.rules, deployed: app });
    }
    if (fromFile.length === 0) skippedAt.set(s, failing.indexOf(s));
  }
  // In path and document order, as lint reports them.
  const skipped = [...skippedAt.keys()].sort((a, b) => skippedAt.get(a)! - skippedAt.get(b)!);
  const nameless = failing.filter((s) => s.app === null);
  if (nameless.length > 0) {
    // Apps the stack holds that no manifest claims would be removed; if one of them was the unreadable file's, that is not a retirement.
    const unknown = [...deployed.unrecorded, ...[...deployed.apps.values()].filter((a) => a.filePath === undefined).map((a) => a.app)].filter((a) => !claimed.has(a)).sort(compareText);
    if (unknown.length > 0) {
      refusals.push(
        `  ${nameless.map((s) => s.filePath).join(', ')} cannot be read, and the stack holds ${unknown.join(', ')} with no record of the file each came from: ` +
          'saasgov cannot tell a broken manifest from a deleted one; fix the file(s)',
      );
    }
  }
  if (settings.strict && strictRefusals.length > 0) {
    refusals.push(`saasgov:strict is set and these failing manifests would create or change an app:`, ...strictRefusals);
  }

  // Passing manifests: what the stack holds of them, and what the provider would reject.
  const ordered = [...passing].sort((a, b) => compareText(a.manifest.metadata.name, b.manifest.metadata.name));
  const toProvision: ToProvision[] = [];
  const withoutApp: { app: string; filePath: string }[] = [];
  const manualSteps: ManualStepOutput[] = [];
  const adoptedIds = new Map<string, string>();
  const deployedIds = new Map<string, string>();
  for (const app of deployed.apps.values()) {
    const id = deployedResource(app, '-app')?.id;
    if (id !== undefined) deployedIds.set(id, app.app);
  }
  for (const { manifest, filePath } of ordered) {
    const name = manifest.metadata.name;
    for (const problem of provisioningProblems(manifest)) refusals.push(`  ${filePath} (${name}): ${problem}`);
    if (manifest.spec.sso.protocol === 'none') {
      withoutApp.push({ app: name, filePath });
      const scim = scimPlan(manifest, { connection: false });
      if (scim.manual) manualSteps.push({ ...scim.manual, filePath });
      continue;
    }
    const { previous, inStack } = previousOf(manifest, deployed);
    const appId = manifest.spec.sso.okta?.appId;
    if (appId !== undefined && !inStack) {
      const other = adoptedIds.get(appId) ?? deployedIds.get(appId);
      if (other !== undefined && other !== name) refusals.push(`  ${filePath} (${name}): spec.sso.okta.appId ${appId} is already ${adoptedIds.has(appId) ? 'adopted by' : 'managed as'} ${other}; an Okta app has one manifest`);
      adoptedIds.set(appId, name);
    }
    const deployedId = deployedResource(previous, '-app')?.id;
    if (appId !== undefined && deployedId !== undefined && deployedId !== appId) {
      refusals.push(`  ${filePath} (${name}): spec.sso.okta.appId is ${appId}, but the stack manages this app as ${deployedId}; an app id cannot change (set it to ${deployedId})`);
    }
    if (previous !== undefined && provisioningProblems(manifest).length === 0) {
      const replacement = replacementOf(manifest, previous);
      // A production app is retained, so a replacement would leave it beside the new one; an app pinned by
      // okta.appId (adopted) would no longer be that app: neither is replaced unless the manifest says so.
      const guarded = manifest.spec.lifecycle === 'production' ? 'the production Okta app' : appId !== undefined ? 'the Okta app adopted by spec.sso.okta.appId' : null;
      if (replacement !== null && guarded !== null) {
        const oldId = deployedId;
        if (manifest.spec.sso.okta?.allowReplacement !== true) {
          refusals.push(
            `  ${filePath} (${name}): ${replacement}, which replaces ${guarded}${oldId ? ` ${oldId}` : ''} (a new app id and credentials${manifest.spec.lifecycle === 'production' ? '; the old app would stay in Okta beside it' : ''}); ` +
              'revert the change, or set spec.sso.okta.allowReplacement: true to accept it',
          );
        } else if (manifest.spec.lifecycle === 'production') {
          manualSteps.push({
            app: name,
            topic: 'replaced-app',
            reason: `${replacement} and spec.sso.okta.allowReplacement is true, so saasgov replaced the app; the old app is production, retained on delete, so it stays in Okta`,
            steps: [
              `Give the vendor the new app's SSO settings (pulumi stack output apps: ${name}), and check that users sign in through it.`,
              `Okta Admin Console › Applications › Applications › open the old app${oldId ? ` (id ${oldId})` : ''} › Deactivate, then Delete once nobody needs it.`,
              'Remove spec.sso.okta.allowReplacement from the manifest, so a later change cannot replace the app unasked.',
            ],
            filePath,
          });
        }
      }
    }
    toProvision.push({ manifest, filePath, ...(previous ? { previous } : {}), inStack, intent: provisioningIntent(manifest) });
  }
  checkScimSettings(settings, toProvision, hooks, refusals);

  if (refusals.length > 0) throw new ProvisioningRefused(`the update is refused before any change:\n${refusals.join('\n')}`);

  for (const s of skipped) hooks.warn(skipWarning(s));
  for (const h of held) hooks.warn(holdWarning(h));
  const groups = new Set<string>();
  for (const p of toProvision) if (!adopting(p)) for (const g of groupNames(p.manifest)) groups.add(g);
  return {
    skipped,
    held: held.sort((a, b) => compareText(a.app, b.app)),
    toProvision,
    withoutApp,
    manualSteps,
    groups: [...groups].sort(compareText),
  };
}

/** Whether the app is adopted by this update (`okta.appId`, not in the stack): imported only, its children next time. */
function adopting(p: ToProvision): boolean {
  return p.manifest.spec.sso.okta?.appId !== undefined && !p.inStack;
}

/** `saasgov:scim` entries: an entry for an app whose connection Okta's API cannot configure from a token is refused (SPEC §7.1). */
function checkScimSettings(settings: ProgramSettings, toProvision: readonly ToProvision[], hooks: ProgramHooks, refusals: string[]): void {
  const byName = new Map(toProvision.map((p) => [p.manifest.metadata.name, p]));
  for (const app of [...settings.scim.keys()].sort(compareText)) {
    const p = byName.get(app);
    if (p === undefined) {
      hooks.warn(`saasgov: saasgov:scim has an entry for ${app}, which is not used: no passing manifest with an Okta app has that name`);
      continue;
    }
    const oin = p.manifest.spec.sso.okta?.preconfiguredApp;
    if (oin === undefined || !STACK_CONFIGURED_CONNECTIONS.has(oin)) {
      refusals.push(
        `  ${p.filePath} (${app}): saasgov:scim holds a SCIM connection for it, but Okta's API configures a provisioning connection from a base URL and token only for ` +
          `${[...STACK_CONFIGURED_CONNECTIONS].join(', ')} (Okta Management API, Application Connections), not for ${oin === undefined ? 'a custom app' : `"${oin}"`}; ` +
          `remove the entry (pulumi config rm --path 'saasgov:scim["${app}"]') and follow the app's manual steps`,
      );
    } else if (p.manifest.spec.provisioning?.scim?.enabled !== true && deployedResource(p.previous, '-scim-connection') === undefined) {
      hooks.warn(`saasgov: saasgov:scim has an entry for ${app}, which is not used: its manifest does not enable SCIM`);
    }
  }
}

/** The warning for a held app: its file, its failing rules, and that it stays as last deployed (never manifest values). */
export function holdWarning(h: HeldOutput): string {
  return `saasgov: holding ${h.app} as last deployed: ${h.filePath} fails ${h.rules.join(', ')}; nothing of it changes until the manifest passes (saasgov lint ${h.filePath} shows the findings)`;
}

/**
 * Looks up every group by name and keeps exact matches only. The provider's
 * group data source searches by prefix and accepts a single partial match
 * (terraform-provider-okta `data_source_okta_group.go`: "a fuzzy match is
 * acceptable if query only returns one group"), so `engineering` could
 * silently find `engineering-contractors`: that, or a missing group, refuses
 * the update before any resource is registered (SPEC §7.1 "exact groups").
 */
export async function lookupGroups(names: readonly string[]): Promise<Map<string, string>> {
  const found = await Promise.all(
    names.map(async (name) => {
      try {
        const group = await okta.group.getGroup({ name });
        return group.name === name ? { name, id: group.id } : { name, problem: `no Okta group is named exactly "${name}" (the search found "${group.name}")` };
      } catch (error) {
        const why = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0];
        return { name, problem: `no Okta group is named "${name}"${why ? ` (${why})` : ''}` };
      }
    }),
  );
  const problems = found.flatMap((f) => ('problem' in f ? [`  ${f.problem}`] : []));
  if (problems.length > 0) {
    throw new ProvisioningRefused(`the update is refused before any change: access.groups names groups Okta does not have (create them, or fix the names):\n${problems.join('\n')}`);
  }
  return new Map(found.map((f) => [f.name, (f as { id: string }).id]));
}

/** Creates one app's `AppIntegration`, named by `metadata.name`, with its SCIM connection if the stack holds one. */
export function provisionApp(p: ToProvision, settings: Pick<ProgramSettings, 'scim'>, groupIds: ReadonlyMap<string, string>): ProvisionedApp {
  const app = p.manifest.metadata.name;
  const scim = settings.scim.get(app);
  const integration = new AppIntegration(app, {
    manifest: p.manifest,
    filePath: p.filePath,
    groupIds,
    intent: p.intent,
    adopt: adopting(p),
    ...(p.previous ? { previous: p.previous } : {}),
    ...(scim ? { scim } : {}),
  });
  return { app, filePath: p.filePath, integration };
}

/** Registers a held app as last deployed. */
export function holdApp(h: ToHold): HeldIntegration {
  return new HeldIntegration(h.deployed);
}

/** The stack output for an app: from its component, or for a held app from its last deployment. */
function appOutput(outputs: Record<string, unknown>): Record<string, unknown> {
  return {
    id: outputs.appId,
    label: outputs.label,
    signOnMode: outputs.signOnMode,
    ...(outputs.metadataUrl !== undefined ? { metadataUrl: outputs.metadataUrl } : {}),
    ...(outputs.clientId !== undefined ? { clientId: outputs.clientId } : {}),
  };
}

/** The program's result from its decisions and its components: the stack outputs. */
export function finishProgram(prepared: PreparedProgram, provisioned: readonly ProvisionedApp[]): ProgramResult {
  const manualSteps: ManualStepOutput[] = [
    ...prepared.manualSteps,
    ...provisioned.flatMap(({ filePath, integration }) => integration.manualSteps.map((step) => ({ ...step, filePath }))),
  ].sort((a, b) => compareText(a.app, b.app) || compareText(a.topic, b.topic));
  const entries: [string, unknown][] = [
    ...provisioned.map(({ app, integration: i }): [string, unknown] => [
      app,
      appOutput({ appId: i.appId, label: i.label, signOnMode: i.signOnMode, metadataUrl: i.metadataUrl, clientId: i.clientId }),
    ]),
    ...prepared.held.map((h): [string, unknown] => [h.app, appOutput(h.deployed.outputs)]),
  ].sort((a, b) => compareText(a[0], b[0]));
  const apps = pulumi.output(Object.fromEntries(entries)) as unknown as pulumi.Output<Record<string, AppOutput>>;
  const deployed = deployedRecord([
    ...provisioned.map(({ app, integration }) => ({ app, record: integration.record })),
    ...prepared.held.map(({ app, deployed: d }) => {
      const { app: _name, ...record } = d;
      return { app, record };
    }),
  ]);
  const skipped = prepared.skipped.map(({ app, filePath, rules }) => ({ app, filePath, rules }));
  const held = prepared.held.map(({ app, filePath, rules }) => ({ app, filePath, rules }));
  return { apps, skipped, held, manualSteps, deployed, integrations: provisioned, withoutApp: prepared.withoutApp };
}

/**
 * The program: read what the stack holds, decide, look the groups up,
 * register a component per passing app and per held app, return the stack
 * outputs. Throws `ProvisioningRefused` before registering anything when it
 * must refuse.
 */
export async function runProgram(
  settings: ProgramSettings,
  hooks: ProgramHooks = { warn: (m) => void pulumi.log.warn(m) },
  deployed?: DeployedState,
): Promise<ProgramResult> {
  const state = deployed ?? (await readDeployedState());
  const prepared = prepareProgram(settings, state, hooks);
  const groupIds = await lookupGroups(prepared.groups);
  for (const h of prepared.held) holdApp(h);
  return finishProgram(prepared, prepared.toProvision.map((p) => provisionApp(p, settings, groupIds)));
}

/** Two passing manifests must not claim the same name (`manifest/unique-name` may be switched off): their resources would collide. */
function checkNames(passing: readonly PassingManifest[]): void {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const { manifest, filePath } of passing) {
    for (const name of [manifest.metadata.name, ...(manifest.metadata.formerNames ?? [])]) {
      const first = owner.get(name);
      if (first !== undefined) clashes.push(`  ${name}: ${first} and ${filePath}`);
      else owner.set(name, filePath);
    }
  }
  if (clashes.length > 0) {
    throw new ProvisioningRefused(`two passing manifests claim the same name (metadata.name or formerNames), so their Okta resources would collide; enable manifest/unique-name:\n${clashes.join('\n')}`);
  }
}

/**
 * Whether a stack config key holds a secret. The SDK keeps this internal
 * (`@pulumi/pulumi` 3.248.0 exports it from `runtime/config` without typing
 * it); when it is not there, no key counts as secret, so SCIM settings are
 * refused rather than used unverified.
 */
function isConfigSecret(key: string): boolean {
  const check = (runtimeConfig as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  return typeof check === 'function' && check(key);
}

/** Reads `saasgov:scim`; it must be a stack secret. Tokens become secret outputs at once. */
export function readScimConnections(config: pulumi.Config): Map<string, ScimConnection> {
  const raw = config.getObject<unknown>('scim');
  if (raw === undefined) return new Map();
  if (!isConfigSecret('saasgov:scim')) {
    throw new ProvisioningRefused(
      'saasgov:scim holds SCIM tokens but is not a stack secret: remove it (pulumi config rm saasgov:scim) and set each token with ' +
        `pulumi config set --secret --path 'saasgov:scim["<app>"].token'`,
    );
  }
  const out = new Map<string, ScimConnection>();
  for (const [app, setting] of parseScimSetting(raw)) out.set(app, { baseUrl: setting.baseUrl, token: pulumi.secret(setting.token) });
  return out;
}

/**
 * The program's settings from the stack config (SPEC §7). The Okta provider
 * reads `okta:*` itself; the program only refuses an API token kept in plain
 * text (it would sit unencrypted in the stack file).
 */
export function readStackSettings(cwd: string = process.cwd(), asOf: string = todayUtc()): ProgramSettings {
  if (new pulumi.Config('okta').get('apiToken') !== undefined && !isConfigSecret('okta:apiToken')) {
    throw new ProvisioningRefused(
      'okta:apiToken is stored in plain text in the stack: remove it (pulumi config rm okta:apiToken), revoke the token in Okta, ' +
        'and set a new one with pulumi config set --secret okta:apiToken',
    );
  }
  const config = new pulumi.Config('saasgov');
  const manifests = config.get('manifests');
  const configFile = config.get('config');
  return {
    cwd,
    paths: manifests ? [manifests] : [],
    ...(configFile ? { configFile } : {}),
    strict: config.getBoolean('strict') ?? false,
    asOf,
    scim: readScimConnections(config),
  };
}

/**
 * The program as the Pulumi CLI runs it: the stack settings, then the
 * program; a configuration error (a `saasgov:manifests` or `saasgov:config`
 * that names nothing) is a refusal with its one-line message, not a crash.
 */
export async function runStack(): Promise<ProgramResult> {
  try {
    return await runProgram(readStackSettings());
  } catch (error) {
    if (error instanceof SaasgovError) throw new ProvisioningRefused(`${error.message} (check saasgov:manifests and saasgov:config in stacks/Pulumi.${pulumi.getStack()}.yaml)`);
    throw error;
  }
}
