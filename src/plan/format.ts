/**
 * `saasgov plan` output formats: pure functions from a plan to text.
 *
 * - `json`: SPEC §7 exactly — `{steps: [{op, urn, type, name, inputs}], skipped: [{app, filePath, rules}]}`.
 * - `text`: a tree per app (component, then its resources with their inputs
 *   and safety options), the manifests without an Okta app, the skipped
 *   manifests and the manual steps.
 * - `markdown`: the same for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
 *
 * Inputs arrive redacted (`run.ts`). Every text from a manifest is escaped for
 * its format (HAZARDS.md "Writing output"): control and bidi characters made
 * visible, workflow commands neutralised, Markdown/HTML escaped, mentions and
 * issue references broken, the comment capped at 65,536 characters.
 */
import { capMarkdown, escapeMarkdown, neutraliseWorkflowCommands, visibleControls } from '../formatters/escape';
import type { ManualStepOutput } from '../okta/program';
import { compareText } from '../util/compare';
import type { Plan, PlanStep } from './run';

export const PLAN_FORMAT_NAMES = ['text', 'json', 'markdown'] as const;
export type PlanFormatName = (typeof PLAN_FORMAT_NAMES)[number];
export type PlanFormatter = (plan: Plan) => string;

/** SPEC §7 JSON. */
export function formatJson(plan: Plan): string {
  const steps = plan.steps.map(({ op, urn, type, name, inputs }) => ({ op, urn, type, name, inputs }));
  const skipped = plan.skipped.map(({ app, filePath, rules }) => ({ app, filePath, rules }));
  return `${JSON.stringify({ steps, skipped }, null, 2)}\n`;
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
];

const rank = (type: string): number => {
  const i = TYPE_ORDER.indexOf(type);
  return i === -1 ? TYPE_ORDER.length : i;
};

/** The plan's steps grouped per app: the component first, then its children in effect order. */
function groupSteps(plan: Plan): { app: string; filePath: string; steps: PlanStep[] }[] {
  return plan.apps.map(({ app, filePath, urn }) => {
    const component = plan.steps.filter((s) => s.urn === urn);
    const children = plan.steps
      .filter((s) => s.parent === urn)
      .sort((a, b) => rank(a.type) - rank(b.type) || compareText(a.urn, b.urn));
    return { app, filePath, steps: [...component, ...children] };
  });
}

/** The options a reviewer should see, as short labels. */
function optionLabels(step: PlanStep): string[] {
  const o = step.options;
  return [
    ...(o.retainOnDelete ? ['retainOnDelete'] : []),
    ...(o.protect ? ['protect'] : []),
    ...(o.aliases.length > 0 ? [`aliases: ${o.aliases.join(', ')}`] : []),
    ...(o.additionalSecretOutputs.length > 0 ? [`secret outputs: ${o.additionalSecretOutputs.join(', ')}`] : []),
  ];
}

function summary(plan: Plan): string {
  const parts = [
    `${plan.apps.length} app${plan.apps.length === 1 ? '' : 's'} to create (${plan.steps.length} resource${plan.steps.length === 1 ? '' : 's'})`,
    ...(plan.withoutApp.length > 0 ? [`${plan.withoutApp.length} without SSO (nothing to create)`] : []),
    `${plan.skipped.length} manifest${plan.skipped.length === 1 ? '' : 's'} skipped`,
    `${plan.manualSteps.length} manual step${plan.manualSteps.length === 1 ? '' : 's'}`,
  ];
  return parts.join('; ');
}

const topicTitle: Readonly<Record<ManualStepOutput['topic'], string>> = {
  scim: 'SCIM provisioning',
  'swa-login-form': 'SWA sign-in form',
  'oin-saml-settings': 'OIN SAML settings',
};

/** Plain text for a terminal or a CI log. */
export function formatText(plan: Plan): string {
  const t = (s: string) => visibleControls(s);
  const lines: string[] = [`saasgov plan (stack ${t(plan.stack)}, as of ${plan.asOf}): ${summary(plan)}`, ''];
  for (const group of groupSteps(plan)) {
    for (const step of group.steps) {
      const component = step.type === 'saasgov:okta:AppIntegration';
      const indent = component ? '' : '  ';
      const options = optionLabels(step);
      lines.push(`${indent}+ ${step.type} ${t(step.name)}${component ? `  (${t(group.filePath)})` : ''}${options.length > 0 ? `  [${t(options.join('; '))}]` : ''}`);
      for (const [key, value] of Object.entries(step.inputs)) lines.push(`${indent}    ${key}: ${t(JSON.stringify(value))}`);
    }
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
  if (plan.steps.length === 0) lines.push('Nothing to create.', '');
  return neutraliseWorkflowCommands(`${lines.join('\n').trimEnd()}\n`);
}

/** A type token in a code span (tokens come from the provider, but are checked before they are trusted). */
const code = (token: string) => (/^[\w:/$.-]+$/.test(token) ? `\`${token}\`` : escapeMarkdown(token));

/** A pull-request comment. */
export function formatMarkdown(plan: Plan): string {
  const e = escapeMarkdown;
  const out: string[] = ['## saasgov plan', '', `**${e(summary(plan))}** · stack ${e(plan.stack)}, as of ${plan.asOf}`, ''];
  for (const group of groupSteps(plan)) {
    out.push(`### ${e(group.app)} · ${e(group.filePath)}`, '', '| | type | name | inputs and options |', '| --- | --- | --- | --- |');
    for (const step of group.steps) {
      const cells = [
        ...Object.entries(step.inputs).map(([key, value]) => `${e(key)}: ${e(JSON.stringify(value))}`),
        ...optionLabels(step).map((o) => `_${e(o)}_`),
      ];
      out.push(`| + | ${code(step.type)} | ${e(step.name)} | ${cells.join('<br>')} |`);
    }
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
  if (plan.steps.length === 0) out.push('Nothing to create.', '');
  const note = () => '_The plan is longer than a comment allows and was cut here; `saasgov plan --format json` prints all of it._\n';
  return neutraliseWorkflowCommands(capMarkdown(`${out.join('\n').trimEnd()}\n`, note));
}

/** Formatters by name: a `Record`, so a format without a formatter fails to compile. */
export const PLAN_FORMATTERS: Readonly<Record<PlanFormatName, PlanFormatter>> = { text: formatText, json: formatJson, markdown: formatMarkdown };
