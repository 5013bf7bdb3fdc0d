/**
 * `saasgov import okta` (SPEC §9.1) as a library: which apps of the org
 * become manifests, under which names, with which text — a pure function of
 * the org, the manifests already there and the defaults — and writing them
 * all or none.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_MAX_FILE_BYTES } from '../manifest/read';
import { APP_NAME } from '../manifest/schema';
import type { OrgApp, OrgSnapshot } from '../okta-api/org';
import { SaasgovError } from '../util/errors';
import { tempPathFor } from '../util/write';
import { renderManifest, type Defaults } from './render';

/** Manifests already in the inventory: the Okta app ids they claim, the names they use. */
export interface Inventory {
  readonly appIds: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

export interface ImportPlan {
  /** Files to write: name (without `.yaml`) and text, in name order. */
  readonly files: readonly { readonly name: string; readonly app: OrgApp; readonly text: string }[];
  readonly alreadyDeclared: number;
  readonly firstParty: number;
  readonly inactive: number;
}

export interface ImportOptions {
  readonly includeInactive: boolean;
  readonly defaults: Defaults;
  /** `YYYY-MM-DD` for the header. */
  readonly date: string;
}

/** The apps an import writes a manifest for (so the reader asks details of these only). */
export function importable(app: OrgApp, inventory: Inventory, includeInactive: boolean): boolean {
  return !app.firstParty && !inventory.appIds.has(app.id) && app.status !== 'DELETED' && (includeInactive || app.status === 'ACTIVE');
}

/** `Salesforce Sales Cloud` → `salesforce-sales-cloud`: lower case, dashes, a letter first, at most 63 characters. */
export function nameFromLabel(label: string): string {
  let name = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(name)) name = `app-${name}`.replace(/-+$/, '');
  if (name.length < 2) name = 'app';
  return name.slice(0, 56).replace(/-+$/, '');
}

/** Which apps get a manifest, named uniquely (apps in id order; a clash gets `-2`, `-3`…). */
export function planImport(org: OrgSnapshot, inventory: Inventory, options: ImportOptions): ImportPlan {
  let alreadyDeclared = 0;
  let firstParty = 0;
  let inactive = 0;
  const used = new Set(inventory.names);
  const files: { name: string; app: OrgApp; text: string }[] = [];
  for (const app of org.apps) {
    if (app.firstParty) firstParty++;
    else if (inventory.appIds.has(app.id)) alreadyDeclared++;
    else if (!importable(app, inventory, options.includeInactive)) inactive++;
    else {
      const base = nameFromLabel(app.label);
      let name = base;
      for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
      used.add(name);
      files.push({ name, app, text: renderManifest({ app, name, orgUrl: org.orgUrl, date: options.date, defaults: options.defaults }) });
    }
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files, alreadyDeclared, firstParty, inactive };
}

/** YAML files under `dir`, recursively (none when it does not exist). */
function yamlFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith('.') || e.name === 'node_modules' ? [] : yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

/**
 * The Okta app ids and the names a manifest text claims, read leniently: every
 * document's `spec.sso.okta.appId` and `metadata.name`, whether or not it
 * matches the schema — an imported manifest whose placeholders are not filled
 * in yet still claims its app. A document YAML cannot read claims nothing.
 */
export function claimsOfText(text: string): { readonly appIds: string[]; readonly names: string[] } {
  const appIds: string[] = [];
  const names: string[] = [];
  for (const doc of parseAllDocuments(text, { schema: 'core', uniqueKeys: false })) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const v = value as { metadata?: { name?: unknown }; spec?: { sso?: { okta?: { appId?: unknown } } } } | null;
    if (typeof v?.metadata?.name === 'string' && APP_NAME.test(v.metadata.name)) names.push(v.metadata.name);
    const id = v?.spec?.sso?.okta?.appId;
    if (typeof id === 'string') appIds.push(id);
  }
  return { appIds, names };
}

/**
 * The ids and names the manifests under `dirs` and in `files` claim
 * (`claimsOfText`), and each file's own name, so no existing file is ever
 * written over.
 */
export function readInventory(dirs: readonly string[], files: readonly string[] = []): Inventory {
  const appIds = new Set<string>();
  const names = new Set<string>();
  for (const file of [...new Set([...dirs.flatMap(yamlFiles), ...files])]) {
    names.add(path.basename(file).replace(/\.ya?ml$/, ''));
    let text: string;
    try {
      if (statSync(file).size > DEFAULT_MAX_FILE_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const claims = claimsOfText(text);
    for (const id of claims.appIds) appIds.add(id);
    for (const name of claims.names) names.add(name);
  }
  return { appIds, names };
}

/**
 * Writes the plan's files into `dir`, all or none: each goes to a temporary
 * file first; then each is hard-linked to its name, which never replaces an
 * existing file. If any name is taken (a file appeared meanwhile), the ones
 * linked by this run are removed again and nothing is left.
 */
export function writeImport(dir: string, plan: ImportPlan): string[] {
  mkdirSync(dir, { recursive: true });
  const staged: { temp: string; file: string }[] = [];
  const linked: string[] = [];
  // A signal waits until the files are all written or all removed (the loops below are synchronous), then takes effect.
  let received: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals) => void (received ??= signal);
  process.on('SIGINT', hold).on('SIGTERM', hold);
  try {
    for (const f of plan.files) {
      const file = path.join(dir, `${f.name}.yaml`);
      const temp = tempPathFor(file);
      writeFileSync(temp, f.text, { flag: 'wx' });
      staged.push({ temp, file });
    }
    for (const { temp, file } of staged) {
      linkSync(temp, file);
      linked.push(file);
    }
    return linked;
  } catch (error) {
    for (const file of linked) rmSync(file, { force: true });
    const taken = (error as NodeJS.ErrnoException).code === 'EEXIST' ? ' (a file of that name appeared meanwhile)' : '';
    throw new SaasgovError('OUTPUT', `cannot write the imported manifests into ${dir}${taken}: ${(error as Error).message.split('\n')[0]}; nothing was written`);
  } finally {
    for (const { temp } of staged) rmSync(temp, { force: true });
    setImmediate(() => {
      process.off('SIGINT', hold).off('SIGTERM', hold);
      if (received) process.kill(process.pid, received);
    });
  }
}
