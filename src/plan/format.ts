/**
 * `saasgov plan` output formats: pure functions from a plan to text.
 *
 * - `json`: SPEC §7 and §7.1 — `{steps: [{op, urn, type, name, inputs, diff?}],
 *   skipped: [{app, filePath, rules}]}`, and with `--state` also `held:
 *   [{app, filePath, rules}]`; a delete of a resource retained on delete says
 *   `retainOnDelete: true` (it stays in Okta and only leaves the state).
 * - `text`: a tree per app that changes (component, then its resources with
 *   their inputs — for an update the changed ones — and safety options),
 *   unchanged apps in one line, held, skipped and manual steps.
 * - `markdown`: the same for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
 *
 * Inputs arrive redacted (`run.ts`). Every text from a manifest is escaped for
 * its format (HAZARDS.md "Writing output"): control and bidi characters made
 * visible, workflow commands neutralised, Markdown/HTML escaped, mentions and
 * issue references broken, the comment capped at 65,536 characters.
 */
import { capMarkdown, escapeMarkdown, neutraliseWorkflowCommands, visibleControls } from '../formatters/escape';
import { APP_INTEGRATION_TYPE } from '../okta/integration-record';
import type { ManualStepOutput } from '../okta/program';
import { compareText } from '../util/compare';
import type { Plan, PlannedApp, PlanStep, StepOp } from './run';
import { plural } from '../util/plural';

export const PLAN_FORMAT_NAMES = ['text', 'json', 'markdown'] as const;
export type PlanFormatName = (typeof PLAN_FORMAT_NAMES)[number];
export type PlanFormatter = (plan: Plan) => string;

/** SPEC §7 / §7.1 JSON. */
export function formatJson(plan: Plan): string {
  const steps = plan.steps.map(({ op, urn, type, name, inputs, diff, options }) => ({
    op,
    urn,
    type,
    name,
    inputs,
    ...(diff ? { diff } : {}),
    ...(op === 'delete' && options.retainOnDelete ? { retainOnDelete: true } : {}),
  }));
  const skipped = plan.skipped.map(({ app, filePath, rules }) => ({ app, filePath, rules }));
  const held = plan.held.map(({ app, filePath, rules }) => ({ app, filePath, rules }));
  return `${JSON.stringify({ steps, skipped, ...(plan.state !== undefined ? { held } : {}) }, null, 2)}\n`;
}

/** Children in the order they take effect: policy, rule, app, its assignments, then provisioning. */
const TYPE_ORDER = [
  'okta:index/appSignonPolicy:AppSignonPolicy',
  'okta:index/appSignonPolicyRule:AppSignonPolicyRule',
  'okta:app/saml:Saml',
  'okta:app/oAuth:OAuth',
  'okta:app/swa:Swa',
  'okta:app/accessPolicyAssignment:AccessPolicyAssignment',
  'okta:index/appGroupAssignments:AppGroupAssignments',
  'okta:app/connection:Connection',
  'okta:app/features:Features',
  'okta:index/pushGroup:PushGroup',
];

const rank = (type: string): number => {
  const i = TYPE_ORDER.indexOf(type);
  return i === -1 ? TYPE_ORDER.length : i;
};

/** Pulumi's preview symbols: `+` create, `~` update, `+-` replace, `-` delete, `=` import, nothing for same. */
const SYMBOL: Readonly<Record<StepOp, string>> = { create: '+', update: '~', replace: '+-', delete: '-', import: '=', same: ' ' };

interface AppGroup {
  readonly app: PlannedApp;
  readonly steps: PlanStep[];
  /** Whether anything of the app changes. */
  readonly changes: boolean;
}

/** The plan's steps grouped per app: the component first, then its children in effect order. */
function groupSteps(plan: Plan): AppGroup[] {
  const children = new Map<string, PlanStep[]>();
  for (const s of plan.steps) {
    const list = children.get(s.parent);
    if (list) list.push(s);
    else children.set(s.parent, [s]);
  }
  return plan.apps.map((app) => {
    const component = plan.steps.filter((s) => s.urn === app.urn);
    const kids = [...(children.get(app.urn) ?? [])].sort((a, b) => rank(a.type) - rank(b.type) || compareText(a.urn, b.urn));
    const steps = [...component, ...kids];
    return { app, steps, changes: steps.some((s) => s.op !== 'same') };
  });
}

/** The options a reviewer should see, as short labels. */
function optionLabels(step: PlanStep): string[] {
  const o = step.options;
  if (step.op === 'delete') {
    return [
      ...(o.retainOnDelete ? ['retainOnDelete: stays in Okta, only leaves the state'] : []),
      ...(o.protect ? ['protect: the update fails until it is unprotected'] : []),
    ];
  }
  return [
    ...(step.op === 'import' && o.ignoreChanges.length > 0 ? ['adopted as it is in Okta: these inputs apply from the next update'] : []),
    ...(o.retainOnDelete ? ['retainOnDelete'] : []),
    ...(o.protect ? ['protect'] : []),
    ...(o.aliases.length > 0 ? [`aliases: ${o.aliases.join(', ')}`] : []),
    ...(o.additionalSecretOutputs.length > 0 ? [`secret outputs: ${o.additionalSecretOutputs.join(', ')}`] : []),
  ];
}

/** The inputs a step shows: all of them for what is created, imported, replaced or deleted; the changed ones for an update; none when nothing changes. */
function shownInputs(step: PlanStep): [string, unknown][] {
  if (step.op === 'same') return [];
  const entries = Object.entries(step.inputs);
  return step.op === 'update' ? entries.filter(([key]) => step.diff?.includes(key)) : entries;
}


function summary(plan: Plan): string {
  const components = plan.steps.filter((s) => s.type === APP_INTEGRATION_TYPE);
  const resources = plan.steps.filter((s) => s.type !== APP_INTEGRATION_TYPE);
  const count = (steps: readonly PlanStep[], op: StepOp) => steps.filter((s) => s.op === op).length;
  const parts: string[] = [];
  if (plan.state === undefined) {
    const created = count(components, 'create');
    const imported = count(components, 'import');
    parts.push(`${plural(created, 'app')} to create (${plural(count(resources, 'create'), 'resource')})`);
    if (imported > 0) parts.push(`${plural(imported, 'app')} to import (adopted as they are in Okta)`);
  } else {
    const ops: StepOp[] = ['create', 'update', 'replace', 'delete', 'import'];
    const changes = ops.map((op) => [op, count(resources, op)] as const).filter(([, n]) => n > 0);
    const retained = resources.filter((s) => s.op === 'delete' && s.options.retainOnDelete).length;
    parts.push(
      changes.length === 0
        ? 'no change to Okta'
        : `${changes.map(([op, n]) => `${n} to ${op}`).join(', ')}${retained > 0 ? ` (${retained} of the deletes retained in Okta)` : ''}`,
      `${count(resources, 'same')} unchanged`,
    );
    if (plan.held.length > 0) parts.push(`${plural(plan.held.length, 'app')} held`);
  }
  if (plan.withoutApp.length > 0) parts.push(`${plan.withoutApp.length} without SSO (nothing to create)`);
  parts.push(`${plural(plan.skipped.length, 'manifest')} skipped`, `${plural(plan.manualSteps.length, 'manual step')}`);
  return parts.join('; ');
}

const topicTitle: Readonly<Record<ManualStepOutput['topic'], string>> = {
  scim: 'SCIM provisioning',
  'swa-login-form': 'SWA sign-in form',
  'oin-saml-settings': 'OIN SAML settings',
  'replaced-app': 'Replaced production app',
};

const statusNote: Readonly<Record<PlannedApp['status'], string>> = {
  provisioned: '',
  held: '  (held as last deployed: its manifest fails lint)',
  removed: '  (its manifest is gone)',
};

/** Plain text for a terminal or a CI log. */
export function formatText(plan: Plan): string {
  const t = (s: string) => visibleControls(s);
  const against = plan.state !== undefined ? `, against ${t(plan.state)}` : '';
  const lines: string[] = [`saasgov plan (stack ${t(plan.stack)}, as of ${plan.asOf}${against}): ${summary(plan)}`, ''];
  const groups = groupSteps(plan);
  for (const group of groups.filter((g) => g.changes)) {
    for (const step of group.steps) {
      const component = step.type === APP_INTEGRATION_TYPE;
      const indent = component ? '' : '  ';
      const options = optionLabels(step);
      const where = component ? `  (${t(group.app.filePath || 'no manifest')})${statusNote[group.app.status]}` : '';
      const diff = step.op === 'update' || step.op === 'replace' ? `  changes: ${(step.diff ?? []).join(', ')}` : '';
      lines.push(`${indent}${SYMBOL[step.op]} ${step.type} ${t(step.name)}${where}${diff}${options.length > 0 ? `  [${t(options.join('; '))}]` : ''}`);
      for (const [key, value] of shownInputs(step)) lines.push(`${indent}    ${key}: ${t(JSON.stringify(value))}`);
    }
    lines.push('');
  }
  const unchanged = groups.filter((g) => !g.changes && g.app.status === 'provisioned');
  if (unchanged.length > 0) lines.push(`Unchanged: ${unchanged.map((g) => t(g.app.app)).join(', ')}`, '');
  if (plan.held.length > 0) {
    lines.push('Held as last deployed: these manifests fail lint, so nothing of their apps changes (saasgov lint shows the findings):');
    for (const h of plan.held) lines.push(`  - ${t(h.filePath)} (${t(h.app)}): ${h.rules.join(', ')}`);
    lines.push('');
  }
  if (plan.withoutApp.length > 0) {
    lines.push('No Okta app (sso.protocol none):');
    for (const w of plan.withoutApp) lines.push(`  - ${t(w.filePath)} (${t(w.app)})`);
    lines.push('');
  }
  if (plan.skipped.length > 0) {
    lines.push('Skipped: these manifests fail lint and are not provisioned (saasgov lint shows the findings):');
    for (const s of plan.skipped) lines.push(`  - ${t(s.filePath)}${s.app === null ? '' : ` (${t(s.app)})`}: ${s.rules.join(', ')}`);
    lines.push('');
  }
  if (plan.manualSteps.length > 0) {
    lines.push('Manual steps for an Okta admin (pulumi up does not do these):');
    for (const m of plan.manualSteps) {
      lines.push(`  ${t(m.app)} (${t(m.filePath)}): ${topicTitle[m.topic]}`, `    why: ${t(m.reason)}`);
      m.steps.forEach((step, i) => lines.push(`    ${i + 1}. ${t(step)}`));
    }
    lines.push('');
  }
  if (plan.steps.every((s) => s.op === 'same')) lines.push(plan.state === undefined ? 'Nothing to create.' : 'No change to Okta.', '');
  return neutraliseWorkflowCommands(`${lines.join('\n').trimEnd()}\n`);
}

/** A type token in a code span (tokens come from the provider, but are checked before they are trusted). */
const code = (token: string) => (/^[\w:/$.-]+$/.test(token) ? `\`${token}\`` : escapeMarkdown(token));

/** A pull-request comment. */
export function formatMarkdown(plan: Plan): string {
  const e = escapeMarkdown;
  const against = plan.state !== undefined ? `, against ${e(plan.state)}` : '';
  const out: string[] = ['## saasgov plan', '', `**${e(summary(plan))}** · stack ${e(plan.stack)}, as of ${plan.asOf}${against}`, ''];
  const groups = groupSteps(plan);
  for (const group of groups.filter((g) => g.changes)) {
    out.push(`### ${e(group.app.app)} · ${e(group.app.filePath || 'no manifest')}${e(statusNote[group.app.status])}`, '', '| | type | name | inputs and options |', '| --- | --- | --- | --- |');
    for (const step of group.steps) {
      const cells = [
        ...(step.op === 'update' || step.op === 'replace' ? [`_changes: ${e((step.diff ?? []).join(', '))}_`] : []),
        ...shownInputs(step).map(([key, value]) => `${e(key)}: ${e(JSON.stringify(value))}`),
        ...optionLabels(step).map((o) => `_${e(o)}_`),
      ];
      out.push(`| ${step.op} | ${code(step.type)} | ${e(step.name)} | ${cells.join('<br>')} |`);
    }
    out.push('');
  }
  const unchanged = groups.filter((g) => !g.changes && g.app.status === 'provisioned');
  if (unchanged.length > 0) out.push(`**Unchanged:** ${unchanged.map((g) => e(g.app.app)).join(', ')}`, '');
  if (plan.held.length > 0) {
    out.push('### Held as last deployed: these manifests fail lint, so nothing of their apps changes', '', '| file | app | failing rules |', '| --- | --- | --- |');
    for (const h of plan.held) out.push(`| ${e(h.filePath)} | ${e(h.app)} | ${h.rules.map(code).join(', ')} |`);
    out.push('');
  }
  if (plan.withoutApp.length > 0) {
    out.push('### No Okta app (sso.protocol none)', '');
    for (const w of plan.withoutApp) out.push(`- ${e(w.filePath)} (${e(w.app)})`);
    out.push('');
  }
  if (plan.skipped.length > 0) {
    out.push('### Skipped: these manifests fail lint and are not provisioned', '', '| file | app | failing rules |', '| --- | --- | --- |');
    for (const s of plan.skipped) out.push(`| ${e(s.filePath)} | ${s.app === null ? '' : e(s.app)} | ${s.rules.map(code).join(', ')} |`);
    out.push('');
  }
  if (plan.manualSteps.length > 0) {
    out.push('### Manual steps for an Okta admin (pulumi up does not do these)', '');
    for (const m of plan.manualSteps) {
      out.push(`#### ${e(m.app)}: ${topicTitle[m.topic]}`, '', `Why: ${e(m.reason)}`, '');
      m.steps.forEach((step, i) => out.push(`${i + 1}. ${e(step)}`));
      out.push('');
    }
  }
  if (plan.steps.every((s) => s.op === 'same')) out.push(plan.state === undefined ? 'Nothing to create.' : 'No change to Okta.', '');
  const note = () => '_The plan is longer than a comment allows and was cut here; `saasgov plan --format json` prints all of it._\n';
  return neutraliseWorkflowCommands(capMarkdown(`${out.join('\n').trimEnd()}\n`, note));
}

/** Formatters by name: a `Record`, so a format without a formatter fails to compile. */
export const PLAN_FORMATTERS: Readonly<Record<PlanFormatName, PlanFormatter>> = { text: formatText, json: formatJson, markdown: formatMarkdown };
