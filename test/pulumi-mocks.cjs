// Preloaded (node --require) by test/pulumi-cli.ts into @pulumi/pulumi's
// cmd/run, the script the Pulumi CLI's Node.js language host starts: Pulumi's
// runtime mocks stand in for the engine, and at exit the stack outputs (what
// the program's root Stack resource registered) are written as JSON to file
// descriptor 3, with the working directory the program ran in.
'use strict';
const { writeSync } = require('fs');
const path = require('path');

// The SDK that runs the program: the one whose cmd/run/index.js is the main script.
const sdk = path.dirname(path.dirname(path.dirname(process.argv[1])));
const pulumi = require(sdk);
const { getMonitor } = require(path.join(sdk, 'runtime', 'settings'));
const { deserializeProperties } = require(path.join(sdk, 'runtime', 'rpc'));
const tsutils = require(path.join(sdk, 'tsutils'));

pulumi.runtime.setMocks(
  {
    newResource: (args) =>
      args.type === 'pulumi:pulumi:StackReference'
        ? { id: args.id, state: { name: args.inputs.name, outputs: {}, secretOutputNames: [] } }
        : { id: args.custom ? `${args.name}-id` : undefined, state: { ...args.inputs, signOnMode: 'MOCK' } },
    // okta.group.getGroup: every group exists under exactly its name.
    call: (args) => ({ id: `group-${args.inputs.name}`, name: args.inputs.name }),
  },
  process.env.PULUMI_NODEJS_PROJECT,
  process.env.PULUMI_NODEJS_STACK,
  false,
  process.env.PULUMI_NODEJS_ORGANIZATION,
);

// The engine's shutdown handshake, which the mock monitor lacks: nothing to wait for.
getMonitor().signalAndWaitForShutdown = (_request, callback) => callback(null, {});

process.on('exit', () => {
  const stack = [...getMonitor().resources.values()].find((r) => r.urn.split('::')[2] === 'pulumi:pulumi:Stack');
  // Before the program's outputs are registered, the state is the Stack's own inputs, not a Struct.
  const outputs = stack && typeof stack.state.toJavaScript === 'function' ? deserializeProperties(stack.state) : null;
  // Which TypeScript loader run.js registered, if any, and whether it type-checks (the tsconfig's noCheck).
  const typescript = require.extensions['.ts']
    ? {
        tsnode: path.basename(tsutils.typeScriptRequireStrings().tsnodeRequire),
        transpileOnly: tsutils.loadTypeScriptCompilerOptions(process.env.PULUMI_NODEJS_TSCONFIG_PATH || 'tsconfig.json').noCheck === true,
      }
    : null;
  writeSync(3, JSON.stringify({ cwd: process.cwd(), typescript, outputs }));
});
