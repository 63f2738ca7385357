import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitFileRoots, resolveFileRepository } from './git-file-roots.js';
import { ValidationError } from './validation.js';

describe('file:// repositories and PAAS_GIT_FILE_ROOTS', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'paas-roots-')));
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'paas-outside-')));
  mkdirSync(join(root, 'repo'));
  symlinkSync('/etc', join(root, 'to-etc'));
  symlinkSync(outside, join(root, 'to-outside'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('accepts a directory under a root, and one that does not exist yet', async () => {
    expect(await resolveFileRepository(`file://${root}/repo`, [root])).toBe(`${root}/repo`);
    expect(await resolveFileRepository(`file://${root}/later/repo`, [root])).toBe(`${root}/later/repo`);
    expect(await resolveFileRepository(`file://${root}`, [root])).toBe(root);
  });

  it.each([['/etc'], ['/'], ['/to-etc'], ['/to-etc/ssl'], ['/to-outside'], ['/to-outside/missing/repo']])(
    'refuses %s (relative to the root) as outside the roots',
    async (p) => {
      const url = p === '/etc' || p === '/' ? `file://${p}` : `file://${root}${p}`;
      await expect(resolveFileRepository(url, [root])).rejects.toThrow(ValidationError);
      await expect(resolveFileRepository(url, [root])).rejects.toThrow(/PAAS_GIT_FILE_ROOTS/);
    },
  );

  it('does not take a sibling with the same prefix for the root', async () => {
    await expect(resolveFileRepository(`file://${root}-sibling/repo`, [root])).rejects.toThrow(/PAAS_GIT_FILE_ROOTS/);
  });

  it('reads the roots from PAAS_GIT_FILE_ROOTS; the default is the home, temp and checkout directories, never "/"', () => {
    expect(gitFileRoots({ PAAS_GIT_FILE_ROOTS: `${root}, ${outside}` })).toEqual([root, outside]);
    expect(() => gitFileRoots({ PAAS_GIT_FILE_ROOTS: 'relative/dir' })).toThrow(/absolute/);
    const defaults = gitFileRoots({});
    expect(defaults).toContain(realpathSync(tmpdir()));
    expect(defaults).toContain(realpathSync(join(import.meta.dirname, '../../..')));
    expect(defaults).not.toContain('/');
  });
});
