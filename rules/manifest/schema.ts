/** manifest/schema — the document does not match the manifest format (SPEC §1). Findings come from the validator. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

export const rule = createRule({
  kind: 'engine',
  id: 'manifest/schema',
  description: 'The document matches the manifest format saasgov.dev/v1: required fields, types, allowed values, no unknown keys',
  severity: 'error',
  waivable: false,
  controls: CONTROLS.inventory,
  options: z.strictObject({}),
  messages: {
    noDocument: 'The file holds no manifest (it is empty or only comments); add one, starting with `apiVersion: saasgov.dev/v1`.',
    notManifest:
      'This is not a saasgov manifest: `apiVersion` is {{found}}, not `saasgov.dev/v1`, and `kind` is not `SaaSApp`. Start a manifest with `apiVersion: saasgov.dev/v1` and `kind: SaaSApp`; if the file is something else, keep it out of the linted paths (name the paths, or list it under `ignores` in saasgov.config.yaml).',
    notMapping: 'The document is {{found}}, not a manifest; a manifest is a mapping that starts with `apiVersion: saasgov.dev/v1`.',
    required: '`{{field}}` is required in {{parent}}.',
    type: '`{{path}}` must be {{expected}}, found {{found}}.',
    quoteIt: '`{{path}}` must be text, but YAML reads `{{source}}` as {{found}}; quote it: "{{source}}".',
    enum: '`{{path}}` must be one of {{values}}; found {{found}}{{suggestion}}',
    literal: '`{{path}}` must be `{{expected}}`, found {{found}}.',
    unknownKey: 'Unknown key `{{key}}` in {{parent}}{{suggestion}} Allowed keys: {{allowed}}; custom fields must start with `x-`.',
    empty: '`{{path}}` must not be empty.',
    tooShort: '`{{path}}` must be at least {{min}} characters long (it has {{length}}).',
    tooSmall: '`{{path}}` must be at least {{min}}, found {{found}}.',
    tooBig: '`{{path}}` must be at most {{max}}, found {{found}}.',
    date: '`{{path}}` must be a real calendar date written YYYY-MM-DD, found {{found}}.',
    email: '`{{path}}` must be an e-mail address, found {{found}}.',
    httpsUrl: '`{{path}}` must be an absolute https:// URL, found {{found}}.',
    region: '`{{path}}` holds an unknown region code, {{found}}{{suggestion}} Use a lower-case country code (de, us, gb) or eu, eea, adequate, us, apac, global.',
    nameFormat: '`{{path}}` must be 2 to 63 lower-case letters, digits and dashes, starting with a letter; found {{found}}.',
    oktaAppId: '`{{path}}` must be an Okta app id: 20 letters and digits starting with `0oa` (the id in the app\'s Admin Console URL); found {{found}}.',
    onlyWithProtocol: '`{{path}}` is only allowed with `protocol: {{block}}`, but the protocol is `{{protocol}}`; remove the block or change the protocol.',
    complexKey: 'A key must be a plain value, not a list or a mapping.',
    forbiddenKey: 'The key `{{key}}` is not allowed.',
    placeholder: '`{{path}}` is still a placeholder, {{found}}: replace it with the real value.',
  },
});
