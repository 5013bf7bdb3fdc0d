/**
 * Runs saasgov's GitHub Action the way the runner runs a composite action:
 * each `run:` step of action.yml, as declared, in `bash --noprofile --norc -eo
 * pipefail`, in its working directory, with its `env:`, `GITHUB_ACTION_PATH`,
 * and a `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` file of its own; `${{ … }}`
 * expressions are only those action.yml uses (inputs, the action path, step
 * outputs). The `uses:` step (actions/setup-node) is the Node that runs this
 * test, checked to be the version the input asks for.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
/** action.yml, as far as the runner reads it. */
export interface ActionFile {
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export const readAction = (dir: string): ActionFile => parse(readFileSync(path.join(dir, 'action.yml'), 'utf8')) as ActionFile;

export interface ActionRun {
  /** The exit status of the step that failed, else 0. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Every step's job summary, in order. */
  readonly summary: string;
  /** The action's outputs. */
  readonly outputs: Record<string, string>;
}

export interface RunActionOptions {
  /** Run the install step (default true). The development tree is never installed over: pass false there. */
  readonly install?: boolean;
  /** More environment (npm's cache settings, a test registry). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Parses a `GITHUB_OUTPUT` file (`name=value` lines). */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    if (line.includes('<<')) throw new Error(`multi-line output not supported here: ${line}`);
    out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

/** Runs a step's script; resolves to its exit status and output. */
function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject).on('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
  });
}

/** Runs the action in `actionDir` (what `uses:` checked out) for a job whose workspace is `workspace`. */
export async function runAction(actionDir: string, workspace: string, given: Record<string, string>, options: RunActionOptions = {}): Promise<ActionRun> {
  const action = readAction(actionDir);
  if (action.runs.using !== 'composite') throw new Error('not a composite action');
  for (const name of Object.keys(given)) if (!(name in action.inputs)) throw new Error(`the action has no input ${name}`);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? input.default]));
  const steps: Record<string, Record<string, string>> = {};
  const evaluate = (text: string) =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
      let m: RegExpExecArray | null;
      if ((m = /^inputs\.([\w-]+)$/.exec(expression))) return inputs[m[1]!]!;
      if (expression === 'github.action_path') return actionDir;
      if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression))) return steps[m[1]!]?.[m[2]!] ?? '';
      throw new Error(`expression not supported here: ${expression}`);
    });

  const temp = mkdtempSync(path.join(tmpdir(), 'saasgov-runner-'));
  let stdout = '';
  let stderr = '';
  let summary = '';
  let status = 0;
  try {
    for (const [i, step] of action.runs.steps.entries()) {
      if (step.uses !== undefined) {
        if (!step.uses.startsWith('actions/setup-node@')) throw new Error(`unexpected step ${step.uses}`);
        const version = evaluate(step.with?.['node-version'] ?? '');
        if (process.versions.node.split('.')[0] !== version) throw new Error(`the action asks for Node ${version}, this is ${process.version}`);
        continue;
      }
      if (step.name === 'Install saasgov' && options.install === false) continue;
      if (step.shell !== 'bash') throw new Error(`step ${i}: shell ${step.shell}`);
      const script = path.join(temp, `step-${i}.sh`);
      const output = path.join(temp, `output-${i}`);
      const stepSummary = path.join(temp, `summary-${i}`);
      writeFileSync(script, evaluate(step.run!));
      writeFileSync(output, '');
      writeFileSync(stepSummary, '');
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: actionDir,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: stepSummary,
        ...options.env,
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v)])),
      };
      const cwd = path.resolve(workspace, evaluate(step['working-directory'] ?? '.'));
      const run = await runScript(script, cwd, env);
      stdout += run.stdout;
      stderr += run.stderr;
      summary += readFileSync(stepSummary, 'utf8');
      if (step.id) steps[step.id] = readOutputs(output);
      if (run.status !== 0) {
        status = run.status;
        break;
      }
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, o]) => [name, evaluate(o.value)]));
  return { status, stdout, stderr, summary, outputs };
}

/** The event a workflow runs for. */
export type WorkflowEvent = { readonly name: 'push' } | { readonly name: 'pull_request'; readonly baseSha: string };

/** The expressions the example workflow passes to the action, evaluated for an event. */
const WORKFLOW_EXPRESSIONS: Record<string, (event: WorkflowEvent) => string> = {
  "github.event_name == 'pull_request' && github.event.pull_request.base.sha || ''": (e) => (e.name === 'pull_request' ? e.baseSha : ''),
};

/** The `with:` of the workflow step that uses saasgov's action (`uses: <owner>/saasgov@<ref>`), evaluated for `event`. */
export function workflowInputs(workflow: string, event: WorkflowEvent): { uses: string; inputs: Record<string, string> } {
  const jobs = (parse(workflow) as { jobs: Record<string, { steps: Step[] }> }).jobs;
  const step = Object.values(jobs)
    .flatMap((j) => j.steps)
    .find((s) => s.uses !== undefined && /^[\w-]+\/saasgov@/.test(s.uses));
  if (!step) throw new Error('no step uses the saasgov action');
  const inputs = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
        const fn = WORKFLOW_EXPRESSIONS[expression];
        if (!fn) throw new Error(`workflow expression not supported here: ${expression}`);
        return fn(event);
      }),
    ]),
  );
  return { uses: step.uses!, inputs };
}
