import { validateAppName, validateGitUrl } from '@paas/contracts';
import { gitFileRoots, resolveFileRepository } from '@paas/contracts/git-file-roots';
import { describe, expect, it } from 'vitest';
import { sampleApp } from './sample-app.js';

describe('the sample app', () => {
  it('passes createApp’s checks with the default PAAS_GIT_FILE_ROOTS (npm start sets none)', async () => {
    const sample = sampleApp();
    expect(sample).not.toBeNull();
    expect(validateAppName(sample!.name)).toBe(sample!.name);
    expect(validateGitUrl(sample!.gitUrl)).toBe(sample!.gitUrl);
    await expect(resolveFileRepository(sample!.gitUrl, gitFileRoots({}))).resolves.toBeTruthy();
  });
});
