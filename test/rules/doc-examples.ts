/** The YAML examples of a rule's documentation (`rules/<id>.md`), for the tests that lint them. */
import { readFileSync } from 'node:fs';
import { ruleDocPath } from '../../src/cli/info';

export interface Example {
  kind: 'Incorrect' | 'Correct';
  yaml: string;
  config?: string;
  /** For org rules: the Okta org the example is audited against (`<!-- org {json} -->`). */
  org?: string;
}

/** YAML code blocks under "### Incorrect" / "### Correct", each with an optional `<!-- config … -->` before it. */
export function examples(doc: string): Example[] {
  const out: Example[] = [];
  const parts = doc.split(/^### (Incorrect|Correct)\s*$/m);
  for (let i = 1; i < parts.length; i += 2) {
    const kind = parts[i] as Example['kind'];
    const body = parts[i + 1]!.split(/^## /m)[0]!;
    const re = /(?:<!-- org\n([\s\S]*?)-->\s*)?(?:<!-- config\n([\s\S]*?)-->\s*)?```yaml\n([\s\S]*?)```/g;
    for (let m = re.exec(body); m; m = re.exec(body)) out.push({ kind, yaml: m[3]!, ...(m[2] ? { config: m[2] } : {}), ...(m[1] ? { org: m[1] } : {}) });
  }
  return out;
}

/** The examples of rule `id`'s documentation. */
export function ruleExamples(id: string): Example[] {
  return examples(readFileSync(ruleDocPath(id), 'utf8'));
}
