// Where file:// repositories may live (PAAS_GIT_FILE_ROOTS). Node-only, so not part of the
// package index (workflows and the console import that): `@paas/contracts/git-file-roots`.
// A file:// URL is checked by the directory it really names: symlinks and ".." resolved.
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from './validation.js';

/** The checkout the platform runs from (packages/contracts/{src,dist}/ → three levels up): the sample app lives there. */
const CHECKOUT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * PAAS_GIT_FILE_ROOTS, comma-separated absolute directories. Default for `npm start`'s local use:
 * the user's home, the OS temp dir and the platform's own checkout — never the whole disk.
 */
export function gitFileRoots(env: Record<string, string | undefined> = process.env): string[] {
  const configured = env.PAAS_GIT_FILE_ROOTS?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (configured?.length) {
    const relativeRoot = configured.find((r) => !isAbsolute(r));
    if (relativeRoot) throw new Error(`PAAS_GIT_FILE_ROOTS must list absolute directories; "${relativeRoot}" is not one.`);
    return configured.map(realOrResolved);
  }
  return [homedir(), tmpdir(), CHECKOUT_ROOT].map(realOrResolved).filter((r) => r !== sep);
}

/**
 * The real directory a validated file:// URL names, if it lies under one of `roots`; a
 * ValidationError otherwise. A path that does not exist (yet) is judged by its deepest existing
 * ancestor's real path, so a symlink anywhere on the way cannot lead out.
 */
export async function resolveFileRepository(url: string, roots: string[]): Promise<string> {
  const path = fileURLToPath(url);
  const real = await realPathOfPrefix(path);
  if (!roots.some((root) => isInside(real, root))) {
    throw new ValidationError(
      `file:// repositories must lie under one of PAAS_GIT_FILE_ROOTS (${roots.join(', ')}); ${url} does not (symlinks and ".." resolved).`,
      'gitUrl',
    );
  }
  return real;
}

async function realPathOfPrefix(path: string): Promise<string> {
  const missing: string[] = [];
  let existing = resolve(path);
  for (;;) {
    try {
      return join(await realpath(existing), ...missing.reverse());
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new ValidationError(`The path of this file:// gitUrl cannot be resolved (${code}).`, 'gitUrl');
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      missing.push(existing.slice(parent.length).replace(/^\//, ''));
      existing = parent;
    }
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function realOrResolved(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}
