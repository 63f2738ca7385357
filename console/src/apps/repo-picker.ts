// The New app form's repository picker: picking a repository fills the git URL and its default
// branch; the branch list always holds the form's current branch, so a hand-typed one is not lost.
import type { CreateAppForm } from './create-app-form';

export interface PickedRepository {
  fullName: string;
  cloneUrl: string;
  defaultBranch: string;
}

export function applyRepository(form: CreateAppForm, repo: PickedRepository): CreateAppForm {
  return { ...form, gitUrl: repo.cloneUrl, branch: repo.defaultBranch || form.branch };
}

/** The branches to offer: the forge's, with the current one first if the forge did not list it. */
export function branchOptions(branches: readonly string[] | null | undefined, current: string): string[] {
  const list = [...new Set(branches ?? [])];
  return current && !list.includes(current) ? [current, ...list] : list;
}

/** The picked repository while the git URL is still its clone URL; null once the URL was typed by hand. */
export function stillPicked<R extends PickedRepository>(picked: R | null, gitUrl: string): R | null {
  return picked && picked.cloneUrl === gitUrl.trim() ? picked : null;
}
