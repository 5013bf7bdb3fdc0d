/**
 * The Pulumi program (SPEC §7): lint the configured manifests with the same
 * engine and config as `saasgov lint`, provision an `AppIntegration` for each
 * one that passes, skip (with a warning naming file and rules) each one that
 * fails — or, with `saasgov:strict`, refuse the whole update before creating
 * anything. `pulumi up` runs it through `index.ts`; `saasgov plan` runs the
 * same steps (`prepareProgram`, `provisionApp`, `finishProgram`) under
 * Pulumi's runtime mocks.
 */
import * as pulumi from '@pulumi/pulumi';
import * as runtimeConfig from '@pulumi/pulumi/runtime/config';
import { loadConfig } from '../config/load';
import { lintProject } from '../engine/lint';
import { compareText } from '../util/compare';
import { todayUtc } from '../util/dates';
import { RULES_BY_ID } from '../../rules';
import { AppIntegration, type ScimConnection } from './app-integration';
import { appArgs, MappingError, scimPlan, type ManualStep } from './mapping';
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
  /** `saasgov:strict`: refuse the whole update when any manifest fails. */
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

/** The stack output for one provisioned app. */
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

/** What the program created and decided. */
export interface ProgramResult {
  /** Stack output `apps`: per app name (sorted), its Okta app id, label, sign-on mode, and SAML metadata URL or OIDC client id. */
  readonly apps: pulumi.Output<Record<string, AppOutput>>;
  /** Stack output `skipped`. */
  readonly skipped: readonly SkippedManifest[];
  /** Stack output `manualSteps`, sorted by app and topic. */
  readonly manualSteps: readonly ManualStepOutput[];
  /** The components, by app name order. */
  readonly integrations: readonly ProvisionedApp[];
  /** Passing manifests with `sso.protocol: none`: nothing to provision. */
  readonly withoutApp: readonly { readonly app: string; readonly filePath: string }[];
}

/** The update is refused before any change (strict mode, unmappable manifests, clashing names). */
export class ProvisioningRefused extends Error {
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

/** What the program decided before creating any resource. */
export interface PreparedProgram {
  readonly skipped: readonly SkippedManifest[];
  /** Passing manifests with an Okta app to create, sorted by app name. */
  readonly toProvision: readonly PassingManifest[];
  /** Passing manifests with `sso.protocol: none`, sorted by app name. */
  readonly withoutApp: readonly { readonly app: string; readonly filePath: string }[];
  /** Manual steps of the manifests without an app. */
  readonly manualSteps: readonly ManualStepOutput[];
}

/** An app's component, with the manifest it comes from. */
export interface ProvisionedApp {
  readonly app: string;
  readonly filePath: string;
  readonly integration: AppIntegration;
}

/**
 * Lints and decides, creating nothing: skips failing manifests with a
 * warning — or, under `saasgov:strict`, refuses — and refuses clashing names
 * and manifests the provider cannot take (`ProvisioningRefused`).
 */
export function prepareProgram(settings: ProgramSettings, hooks: ProgramHooks): PreparedProgram {
  const { passing, skipped } = judgeManifests(settings);
  if (settings.strict && skipped.length > 0) {
    throw new ProvisioningRefused(
      `saasgov:strict is set and ${skipped.length} manifest(s) fail lint, so nothing is provisioned:\n` +
        skipped.map((s) => `  ${s.filePath}${s.app === null ? '' : ` (${s.app})`}: ${s.rules.join(', ')}`).join('\n'),
    );
  }
  for (const s of skipped) hooks.warn(skipWarning(s));
  checkNames(passing);
  checkMappable(passing);

  const byName = new Map(passing.map((p) => [p.manifest.metadata.name, p]));
  for (const app of [...settings.scim.keys()].sort(compareText)) {
    const p = byName.get(app);
    const reason =
      p === undefined
        ? 'no passing manifest has that name'
        : p.manifest.spec.provisioning?.scim?.enabled !== true
          ? 'its manifest does not enable SCIM'
          : p.manifest.spec.sso.okta?.preconfiguredApp === undefined || p.manifest.spec.sso.protocol === 'none'
            ? 'it is not an Okta Integration Network app (the provider can configure SCIM only for those)'
            : null;
    if (reason !== null) hooks.warn(`saasgov: saasgov:scim has an entry for ${app}, which is not used: ${reason}`);
  }

  const ordered = [...passing].sort((a, b) => compareText(a.manifest.metadata.name, b.manifest.metadata.name));
  const withoutApp: { app: string; filePath: string }[] = [];
  const manualSteps: ManualStepOutput[] = [];
  for (const { manifest, filePath } of ordered) {
    if (manifest.spec.sso.protocol !== 'none') continue;
    withoutApp.push({ app: manifest.metadata.name, filePath });
    const scim = scimPlan(manifest, { connection: false });
    if (scim.manual) manualSteps.push({ ...scim.manual, filePath });
  }
  return { skipped, toProvision: ordered.filter((p) => p.manifest.spec.sso.protocol !== 'none'), withoutApp, manualSteps };
}

/** Creates one app's `AppIntegration`, named by `metadata.name`, with its SCIM connection if the stack holds one. */
export function provisionApp({ manifest, filePath }: PassingManifest, settings: Pick<ProgramSettings, 'scim'>): ProvisionedApp {
  const app = manifest.metadata.name;
  const scim = settings.scim.get(app);
  return { app, filePath, integration: new AppIntegration(app, { manifest, ...(scim ? { scim } : {}) }) };
}

/** The program's result from its decisions and its components: the stack outputs. */
export function finishProgram(prepared: PreparedProgram, provisioned: readonly ProvisionedApp[]): ProgramResult {
  const manualSteps: ManualStepOutput[] = [
    ...prepared.manualSteps,
    ...provisioned.flatMap(({ filePath, integration }) => integration.manualSteps.map((step) => ({ ...step, filePath }))),
  ].sort((a, b) => compareText(a.app, b.app) || compareText(a.topic, b.topic));
  const apps = pulumi.output(
    Object.fromEntries(
      provisioned.map(({ app, integration: i }) => [
        app,
        {
          id: i.appId,
          label: i.label,
          signOnMode: i.signOnMode,
          ...(i.metadataUrl ? { metadataUrl: i.metadataUrl } : {}),
          ...(i.clientId ? { clientId: i.clientId } : {}),
        },
      ]),
    ),
  ) as pulumi.Output<Record<string, AppOutput>>;
  return { apps, skipped: prepared.skipped, manualSteps, integrations: provisioned, withoutApp: prepared.withoutApp };
}

/**
 * The program: decide, create a component per passing app, return the stack
 * outputs. Throws `ProvisioningRefused` before creating anything when it must
 * refuse.
 */
export function runProgram(settings: ProgramSettings, hooks: ProgramHooks = { warn: (m) => void pulumi.log.warn(m) }): ProgramResult {
  const prepared = prepareProgram(settings, hooks);
  return finishProgram(prepared, prepared.toProvision.map((p) => provisionApp(p, settings)));
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

/** Every passing manifest must map to provider arguments; otherwise refuse before creating anything. */
function checkMappable(passing: readonly PassingManifest[]): void {
  const problems: string[] = [];
  for (const { manifest, filePath } of passing) {
    try {
      appArgs(manifest);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      problems.push(`  ${filePath}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ProvisioningRefused(`cannot provision these manifests, so nothing is provisioned:\n${problems.join('\n')}`);
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
