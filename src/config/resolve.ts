/**
 * Resolves the rule settings in effect for one file: preset defaults, then the
 * top-level `rules`, then each matching override in order (ESLint semantics: a
 * severity-only entry keeps earlier options), then `errorFrom` against as-of.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { AnyRule, RuleSetting, RuleSettings, Severity } from '../engine/rule';
import { toPosix } from '../engine/files';
import type { Config, Preset, RuleEntry } from './load';

/** The severity of `rule` in a preset: `strict` turns every `warn` into `error`. */
export function presetSeverity(rule: AnyRule, preset: Preset): Severity {
  return preset === 'strict' ? 'error' : rule.severity;
}

export class ConfigResolver {
  private readonly cache = new Map<string, RuleSettings>();
  private readonly defaults: ReadonlyMap<string, unknown>;
  private readonly ignored: (rel: string) => boolean;

  constructor(
    readonly config: Config,
    private readonly rules: ReadonlyMap<string, AnyRule>,
    private readonly asOf: string,
  ) {
    this.defaults = new Map([...rules.values()].map((r) => [r.id, r.options.parse({})]));
    this.ignored = config.ignores.length > 0 ? picomatch([...config.ignores], { dot: true }) : () => false;
  }

  /** A file's path relative to the config's directory, `/`-separated. */
  relative(absolutePath: string): string {
    return toPosix(path.relative(this.config.baseDir, absolutePath));
  }

  /** Whether the config's `ignores` excludes the file. */
  isIgnored(absolutePath: string): boolean {
    return this.config.ignores.length > 0 && this.ignored(this.relative(absolutePath));
  }

  /** Settings of every rule for the file at `absolutePath`. */
  settingsFor(absolutePath: string): RuleSettings {
    // Without overrides every file has the same settings: no path to work out.
    const rel = this.config.layers.some((l) => l.files) ? this.relative(absolutePath) : '';
    const layers = this.config.layers.filter((l) => !l.files || l.files(rel));
    const key = layers.map((l) => this.config.layers.indexOf(l)).join(',');
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.compute(layers.map((l) => l.rules));
      this.cache.set(key, settings);
    }
    return settings;
  }

  private compute(layers: readonly ReadonlyMap<string, RuleEntry>[]): RuleSettings {
    const out = new Map<string, RuleSetting>();
    for (const rule of this.rules.values()) {
      let severity = presetSeverity(rule, this.config.preset);
      let options = this.defaults.get(rule.id);
      for (const layer of layers) {
        const entry = layer.get(rule.id);
        if (!entry) continue;
        severity = entry.errorFrom !== undefined && this.asOf >= entry.errorFrom ? 'error' : entry.severity;
        if (entry.options !== undefined) options = entry.options;
      }
      out.set(rule.id, { severity, options });
    }
    return out;
  }
}
