/**
 * Enforcement levels from rule severities (SPEC §8): a rule that is an
 * `error` for the linter blocks the deployment (`mandatory`), a `warn` only
 * reports (`advisory`). The defaults come from the rules' metadata; an
 * organisation overrides them per policy with the standard `enforcementLevel`
 * of the pack's policy config (`--policy-pack-config`, or the policy group in
 * Pulumi Cloud), which the analyzer applies before the policy's own level.
 */
import type { EnforcementLevel } from '@pulumi/policy';
import type { Severity } from '../engine/rule';

/** The enforcement level for a linter severity: `error` → `mandatory`, `warn` → `advisory`, `off` → `disabled`. */
export function enforcementLevelFor(severity: Severity): EnforcementLevel {
  switch (severity) {
    case 'error':
      return 'mandatory';
    case 'warn':
      return 'advisory';
    case 'off':
      return 'disabled';
  }
}
