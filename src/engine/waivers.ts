/**
 * Waiver validity (SPEC §2.3): one implementation, used by the engine to decide
 * what a waiver suppresses and by rule `waiver/valid` to report why a waiver
 * suppresses nothing.
 */
import type { Manifest } from '../manifest/schema';
import type { Path } from '../manifest/types';
import { addDays, daysBetween, relativeDays } from '../util/dates';
import { didYouMeanSuffix } from '../util/suggest';
import type { MessageData, RuleEnvironment } from './rule';

export type Waiver = NonNullable<Manifest['spec']['waivers']>[number];

/** Why a waiver is not valid. */
export interface WaiverProblem {
  readonly messageId: 'unknownRule' | 'notWaivable' | 'expired' | 'tooLong' | 'selfApproved';
  readonly path: Path;
  readonly data: MessageData;
}

/** Options of `waiver/valid`, which also govern validity when the rule is off. */
export interface WaiverValidOptions {
  /** Longest time a waiver may run, in days after as-of. */
  readonly maxDays: number;
}

/** Everything wrong with waiver `index` of `manifest`; empty when it is valid. */
export function checkWaiver(manifest: Manifest, index: number, env: RuleEnvironment, options: WaiverValidOptions): WaiverProblem[] {
  const waiver = (manifest.spec.waivers ?? [])[index];
  if (!waiver) return [];
  const at = (field: keyof Waiver): Path => ['spec', 'waivers', index, field];
  const problems: WaiverProblem[] = [];
  const rule = env.rules.get(waiver.rule);
  if (!rule) {
    problems.push({ messageId: 'unknownRule', path: at('rule'), data: { rule: waiver.rule, suggestion: didYouMeanSuffix(waiver.rule, env.rules.keys()) } });
  } else if (!rule.waivable) {
    problems.push({ messageId: 'notWaivable', path: at('rule'), data: { rule: waiver.rule } });
  }
  if (waiver.expires < env.asOf) {
    problems.push({ messageId: 'expired', path: at('expires'), data: { expires: waiver.expires, when: relativeDays(waiver.expires, env.asOf) } });
  } else if (daysBetween(env.asOf, waiver.expires) > options.maxDays) {
    problems.push({
      messageId: 'tooLong',
      path: at('expires'),
      data: { expires: waiver.expires, days: daysBetween(env.asOf, waiver.expires), maxDays: options.maxDays, latest: addDays(env.asOf, options.maxDays) },
    });
  }
  const approver = waiver.approvedBy.toLowerCase();
  const owners = [manifest.metadata.owner.business, manifest.metadata.owner.technical];
  const role = owners.findIndex((o) => o !== undefined && o.toLowerCase() === approver);
  if (role !== -1) {
    problems.push({ messageId: 'selfApproved', path: at('approvedBy'), data: { approvedBy: waiver.approvedBy, role: role === 0 ? 'business' : 'technical' } });
  }
  return problems;
}

/** Indices of the waivers of `manifest` that are valid and therefore suppress findings. */
export function validWaivers(manifest: Manifest, env: RuleEnvironment, options: WaiverValidOptions): number[] {
  const valid: number[] = [];
  (manifest.spec.waivers ?? []).forEach((_, i) => {
    if (checkWaiver(manifest, i, env, options).length === 0) valid.push(i);
  });
  return valid;
}
