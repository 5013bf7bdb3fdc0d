/**
 * What `saasgov plan` loads lazily: the plan runner (which loads the Pulumi
 * SDK and the Okta provider), the state export reader and the formatters.
 * `saasgov lint` and the other commands never import this module, so they
 * never load `@pulumi/*`.
 */
export { computePlan, PROJECT, type Plan, type PlanOptions } from './run';
export { readStackExport } from './state';
export { PLAN_FORMATTERS } from './format';
export { ProvisioningRefused } from '../okta/program';
