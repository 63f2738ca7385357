import { describe, expect, it } from 'vitest';
import { emptyForm } from './create-app-form';
import { applyRepository, branchOptions, stillPicked } from './repo-picker';

const repo = { fullName: 'acme/site', cloneUrl: 'https://gitea.example.com/acme/site.git', defaultBranch: 'trunk' };

describe('the repository picker', () => {
  it('picking a repository fills the git URL and its default branch, and nothing else', () => {
    const form = { ...emptyForm, name: 'site', port: '3000' };
    expect(applyRepository(form, repo)).toEqual({ ...form, gitUrl: repo.cloneUrl, branch: 'trunk' });
    expect(applyRepository(form, { ...repo, defaultBranch: '' }).branch).toBe('main');
  });

  it('forgets the pick once the URL is typed by hand', () => {
    expect(stillPicked(repo, repo.cloneUrl)).toBe(repo);
    expect(stillPicked(repo, ` ${repo.cloneUrl} `)).toBe(repo);
    expect(stillPicked(repo, 'https://github.com/other/app.git')).toBeNull();
    expect(stillPicked(null, repo.cloneUrl)).toBeNull();
  });

  it('offers the forge’s branches and keeps the current one', () => {
    expect(branchOptions(['main', 'dev', 'main'], 'main')).toEqual(['main', 'dev']);
    expect(branchOptions(['main', 'dev'], 'release/1')).toEqual(['release/1', 'main', 'dev']);
    expect(branchOptions(undefined, 'main')).toEqual(['main']);
    expect(branchOptions([], '')).toEqual([]);
  });
});
