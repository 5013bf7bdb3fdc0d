/**
 * What an interrupted run must not leave behind: temporary files and
 * directories it made (an `-o` file's temporary copy, `--new-since`'s
 * checkout of the base tree). Registered paths are removed when the process
 * gets SIGINT, SIGTERM or SIGHUP; the signal is then raised again, so the
 * process ends as it would have (killed by that signal). While nothing is
 * registered no handler is installed and signals do what they always do.
 */
import { rmSync } from 'node:fs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const pending = new Set<string>();

function onSignal(signal: NodeJS.Signals): void {
  for (const p of pending) rmSync(p, { recursive: true, force: true });
  pending.clear();
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Removes `target` (a file, or a directory with what is in it) if the process
 * is interrupted before the returned function is called. Call it once
 * `target` is gone or has become the output.
 */
export function removeOnInterrupt(target: string): () => void {
  if (pending.size === 0) install();
  pending.add(target);
  return () => {
    if (!pending.delete(target)) return;
    if (pending.size === 0) uninstall();
  };
}

/**
 * Ends the process as `signal` would, after removing what is registered: for
 * when a child process died of a signal meant for the whole process group
 * (Ctrl-C), before this process got to handle it.
 */
export function interrupted(signal: NodeJS.Signals): never {
  onSignal(signal);
  // Not reached: the signal ends the process.
  throw new Error(`interrupted by ${signal}`);
}
