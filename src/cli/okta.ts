/** What `import okta` and `audit okta` share: the org and credential options, the reader, progress on standard error. */
import { Option, type Command } from 'commander';
import { parseOrgUrl, readCredentials } from '../okta-api/access';
import { createOktaReader, type OktaReader } from '../okta-api/client';
import type { ReadProgress } from '../okta-api/org';
import type { CliIO } from './common';
import { parseCount } from './common';

export interface OktaCommandOptions {
  orgUrl?: string;
  progress?: boolean;
  concurrency?: number;
}

/** Adds `--org-url`, `--progress` and `--concurrency` to an Okta command. */
export function addOktaOptions(command: Command): Command {
  return command
    .addOption(new Option('--org-url <url>', 'the Okta org, e.g. https://acme.okta.com (default: OKTA_ORG_URL); https, or http to a loopback host'))
    .option('--progress', 'report progress on standard error (default: when it is a terminal)')
    .addOption(new Option('--concurrency <n>', 'requests to Okta at once, within its rate limits (default 8)').argParser((v) => Math.max(1, Math.min(64, parseCount(v)))))
    .addHelpText(
      'after',
      '\nCredentials come from the environment: OKTA_API_TOKEN (a read-only admin\'s API token), or a service app:\n' +
        'OKTA_CLIENT_ID with OKTA_PRIVATE_KEY_FILE (or OKTA_PRIVATE_KEY; OKTA_KEY_ID names the key), granted the scopes\n' +
        'okta.apps.read, okta.groups.read, okta.policies.read and okta.logs.read. saasgov only reads the org.\n',
    );
}

/** The reader for the org the options and environment name (it loads the Okta SDK: never at start-up). */
export function oktaReader(io: CliIO, options: OktaCommandOptions): OktaReader {
  const orgUrl = parseOrgUrl(options.orgUrl ?? io.env.OKTA_ORG_URL);
  const credentials = readCredentials(io.env, io.cwd);
  return createOktaReader({ orgUrl, credentials, ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) });
}

/** Progress lines on standard error, when it is a terminal or `--progress` asks. */
export function progressReporter(io: CliIO, options: OktaCommandOptions): ReadProgress | undefined {
  const wanted = options.progress ?? process.stderr.isTTY === true;
  if (!wanted) return undefined;
  let last = '';
  return (what, done, total) => {
    const line = total > 0 ? `saasgov: reading ${what}: ${done} of ${total}` : `saasgov: reading ${what}…`;
    // Each step once, and the counts at most every tenth.
    if (line === last || (total > 10 && done % Math.ceil(total / 10) !== 0 && done !== total)) return;
    last = line;
    io.stderr(`${line}\n`);
  };
}
