// Loads the Pulumi program the way the Pulumi CLI's Node.js language host does
// (@pulumi/pulumi/cmd/run/run.js, TypeScript branch): ts-node registered with
// the project's tsconfig (Pulumi.yaml runtime option `tsconfig`), the program
// required as CommonJS inside runInPulumiStack — but under runtime mocks, so no
// engine, no Okta. Prints the stack outputs as JSON on stdout.
//
// Usage: node load-like-pulumi-cli.cjs <project dir> <main> <tsconfig> <config JSON> <secret keys JSON>
'use strict';
const path = require('path');

async function main() {
  const [root, program, tsConfigPath, configJson, secretKeysJson] = process.argv.slice(2);
  process.chdir(root);
  const pulumiDir = path.join(root, 'node_modules', '@pulumi', 'pulumi');
  const tsutils = require(path.join(pulumiDir, 'tsutils.js'));
  const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
  const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
  require(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly: compilerOptions.noCheck,
    project: tsConfigPath,
    skipProject: false,
    compilerOptions: { target: 'ES2020', module: 'nodenext', moduleResolution: 'nodenext', sourceMap: 'true', ...compilerOptions },
  });

  const pulumi = require(pulumiDir);
  pulumi.runtime.setAllConfig(JSON.parse(configJson), JSON.parse(secretKeysJson));
  await pulumi.runtime.setMocks(
    {
      newResource: (args) =>
        args.type === 'pulumi:pulumi:StackReference'
          ? { id: args.id, state: { name: args.inputs.name, outputs: {}, secretOutputNames: [] } }
          : { id: args.custom ? `${args.name}-id` : undefined, state: { ...args.inputs, signOnMode: 'MOCK' } },
      call: (args) => ({ id: `group-${args.inputs.name}`, name: args.inputs.name }),
    },
    'saasgov',
    'dev',
    false,
    'organization',
  );
  // As run.js does: a module that exports a function is the program, called and awaited.
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    const programExport = require(path.resolve(program));
    return programExport instanceof Function ? await programExport() : programExport;
  });
  await pulumi.runtime.disconnect();
  process.stdout.write(JSON.stringify({ typescript: require(typescriptRequire).version, tsnode: path.basename(tsnodeRequire), transpileOnly: compilerOptions.noCheck === true, outputs }));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
