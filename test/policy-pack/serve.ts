/**
 * Runs a policy pack the way the Pulumi CLI does, minus the CLI: the
 * `pulumi-analyzer-policy` plugin resolves `@pulumi/pulumi/cmd/run-policy-pack`
 * from the pack directory and runs it there with node (ts-node registered,
 * `./tsconfig.json` read, the directory `require`d — so package.json `main`).
 * The pack's `PolicyPack` starts the analyzer's gRPC server and prints its
 * port; the test then talks to it as the engine would, with the analyzer
 * client of @pulumi/pulumi, and stops the process it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as analyzerproto from '@pulumi/pulumi/proto/analyzer_pb';
import { AnalyzerClient } from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { PACKAGE_ROOT } from '../../src/util/package';
import { analyzeRequest, analyzeStackRequest, diagnostics, type Diagnostic, type WireResource } from './harness';

/** A running pack and a client connected to it. */
export interface ServedPack {
  readonly info: () => Promise<analyzerproto.AnalyzerInfo>;
  readonly configure: (config: Record<string, { enforcementLevel?: analyzerproto.EnforcementLevel; properties?: Record<string, unknown> }>) => Promise<void>;
  readonly analyze: (r: WireResource) => Promise<Diagnostic[]>;
  readonly analyzeStack: (rs: readonly WireResource[]) => Promise<Diagnostic[]>;
  /** Closes the client and stops the pack process. */
  readonly stop: () => Promise<void>;
}

function unary<Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => method(request, (err, res) => (err ? reject(err) : resolve(res))));
}

/**
 * Starts the pack in `dir` as the analyzer plugin does and connects to it.
 * `env` adds environment variables (NODE_PATH for a pack whose dependencies
 * are not installed beside it).
 */
export async function servePack(dir: string, env: Record<string, string> = {}): Promise<ServedPack> {
  // The plugin resolves the runner from the pack directory, as `node -e "require.resolve(…)"` there would.
  const runner = createRequire(path.join(dir, 'index.js')).resolve('@pulumi/pulumi/cmd/run-policy-pack', { paths: [dir, ...(env.NODE_PATH ? [env.NODE_PATH] : [])] });
  const child: ChildProcess = spawn(process.execPath, [runner, '127.0.0.1:0', '.'], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the pack printed no port within 60 s; stderr:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = /^(\d+)\s*$/m.exec(stdout);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the pack exited (${code}) before printing its port; stderr:\n${stderr}`));
    });
  });

  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    info: () => unary(client.getAnalyzerInfo.bind(client), new Empty()),
    configure: async (config) => {
      const request = new analyzerproto.ConfigureAnalyzerRequest();
      for (const [name, c] of Object.entries(config)) {
        // The analyzer reads properties unconditionally (server.js configure), so send a struct, empty when none are configured.
        const policyConfig = new analyzerproto.PolicyConfig()
          .setEnforcementlevel(c.enforcementLevel ?? analyzerproto.EnforcementLevel.ADVISORY)
          .setProperties(Struct.fromJavaScript((c.properties ?? {}) as Record<string, never>));
        request.getPolicyconfigMap().set(name, policyConfig);
      }
      await unary(client.configure.bind(client), request);
    },
    analyze: async (r) => diagnostics(await unary(client.analyze.bind(client), analyzeRequest(r))),
    analyzeStack: async (rs) => diagnostics(await unary(client.analyzeStack.bind(client), analyzeStackRequest(rs))),
    stop: async () => {
      client.close();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The pack directory of the repository. */
export const PACK_DIR = path.join(PACKAGE_ROOT, 'src', 'policy-pack');
