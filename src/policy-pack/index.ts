/**
 * Entry of the saasgov CrossGuard policy pack (PulumiPolicy.yaml beside it):
 * `pulumi preview --policy-pack src/policy-pack`. Constructing the
 * `PolicyPack` starts the analyzer's gRPC server and never returns control
 * to a caller that wants to exit — tests import `./policies`, never this.
 * The README's "Policy pack" section says how the pack is run, configured and published.
 */
import { PolicyPack } from '@pulumi/policy';
import { PACK_ARGS, PACK_NAME } from './policies';

new PolicyPack(PACK_NAME, PACK_ARGS);
