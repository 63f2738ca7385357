// An ESLint of the project's own config for code that exists only in a test: the type-checked
// rules need a file in a tsconfig, so a probe is linted with them off and every other rule on.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';

export const root = resolve(import.meta.dirname, '../..');

const probes = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }] });

/** The messages ESLint gives `code` as if it were the file at `path` (relative to the repo). */
export async function lintProbe(code: string, path: string): Promise<string[]> {
  const [result] = await probes.lintText(code, { filePath: resolve(root, path) });
  return result.messages.map((m) => m.message);
}
