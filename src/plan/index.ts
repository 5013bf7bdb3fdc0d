/**
 * What `saasgov plan` loads lazily: the plan runner (which loads the Pulumi
 * SDK and the Okta provider) and its formatters. `saasgov lint` and the other
 * commands never import this module, so they never load `@pulumi/*`.
 */
export { computePlan, type Plan, type PlanOptions } from './run';
export { PLAN_FORMATTERS } from './format';
export { ProvisioningRefused } from '../okta/program';
